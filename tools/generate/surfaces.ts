// The files made from the rule table (server/src/core/rules/ruleTable.ts) and the settings
// table (server/src/core/settingsTable.ts). Each render function takes the file's current text
// and returns what it should be: whole files are replaced, the others keep every hand-written
// part and only change their generated part. `npm run generate` (scripts/generate.mjs) writes
// the results; test/tools/generated.test.ts fails when a committed file differs from them.
import { RULE_TABLE, ruleDocsFile } from '../../server/src/core/rules/ruleTable';
import {
  SETTINGS_SECTION,
  SETTINGS_TABLE,
  type SettingDescription,
  type SettingKey,
  type ValueSchema,
} from '../../server/src/core/settingsTable';
import { CONFIG_FILE_NAME } from '../../server/src/core/settings';

export interface GeneratedFile {
  /** Relative to the project root, with `/`. */
  path: string;
  render(current: string): string;
}

export const GENERATED_FILES: readonly GeneratedFile[] = [
  { path: 'package.json', render: renderPackageJson },
  { path: 'schemas/crdb-restore-guard.schema.json', render: () => renderConfigSchema() },
  { path: 'syntaxes/crdb-directive.injection.tmLanguage.json', render: renderGrammar },
  { path: 'README.md', render: (text) => spliceAll(text, 'README.md', { rules: rulesTable('docs/rules/'), settings: settingsTable() }) },
  { path: 'docs/rules/README.md', render: (text) => spliceAll(text, 'docs/rules/README.md', { rules: rulesTable('') }) },
];

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const settingEntries = () => Object.entries(SETTINGS_TABLE) as [SettingKey, SettingDescription][];

// ---- package.json: contributes.configuration -------------------------------------------------

const OVER_FILE_SENTENCE: Record<NonNullable<SettingDescription['overFile']>, (key: string) => string> = {
  replaces: (key) => `Overrides \`${key}\` in \`${CONFIG_FILE_NAME}\`.`,
  'merges into': (key) => `Merged over \`${key}\` in \`${CONFIG_FILE_NAME}\`, entry by entry.`,
  'adds to': (key) => `Added to \`${key}\` in \`${CONFIG_FILE_NAME}\`.`,
};

/** The `contributes.configuration` block: one section, the settings in table order. */
export function configurationBlock(): object {
  const properties: Record<string, object> = {};
  settingEntries().forEach(([key, s], i) => {
    const { type, ...rest } = s.schema;
    const text = s.overFile ? `${s.description} ${OVER_FILE_SENTENCE[s.overFile](key)}` : s.description;
    properties[`${SETTINGS_SECTION}.${key}`] = {
      type,
      default: s.default,
      markdownDescription: text,
      ...rest,
      // Settings show in table order, not alphabetically.
      order: i,
      scope: 'resource',
    };
  });
  return { title: 'CockroachDB Restore Guard', properties };
}

function renderPackageJson(current: string): string {
  const pkg = JSON.parse(current) as { contributes?: Record<string, unknown> };
  if (!pkg.contributes) throw new Error('package.json has no "contributes" object');
  pkg.contributes.configuration = configurationBlock();
  return json(pkg);
}

// ---- schemas/: the config file's JSON schema -------------------------------------------------

export function configSchema(): object {
  const properties: Record<string, object> = { $schema: { type: 'string' } };
  for (const [key, s] of settingEntries()) {
    if (s.where !== 'file-and-editor') continue;
    const { type, ...rest } = s.schema as ValueSchema;
    properties[key] = { type, default: s.default, description: s.description, markdownDescription: s.description, ...rest };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'CockroachDB Restore Guard configuration',
    description: `${CONFIG_FILE_NAME} at the workspace root, read by the CLI and the language server.`,
    type: 'object',
    additionalProperties: false,
    properties,
  };
}

function renderConfigSchema(): string {
  return json(configSchema());
}

// ---- syntaxes/: the rule ids highlighted after `ignore=` -------------------------------------

const RULE_ID_SCOPE = 'support.constant.rule-id.crdb';

function renderGrammar(current: string): string {
  const grammar = JSON.parse(current) as { repository?: Record<string, { patterns?: { name?: string; match?: string }[] }> };
  const pattern = grammar.repository?.['rule-list']?.patterns?.find((p) => p.name === RULE_ID_SCOPE);
  if (!pattern) throw new Error(`the grammar has no #rule-list pattern named ${RULE_ID_SCOPE}`);
  // A rule id stands after `=`, `,` or an opening quote and ends at a comma or the value's end.
  pattern.match = `(?<=[=,"'])(?:${RULE_TABLE.map((r) => r.id).join('|')})(?=,|$)`;
  return json(grammar);
}

// ---- README.md and docs/rules/README.md: tables between markers ------------------------------

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** The rules table; `docsPrefix` leads from the file holding it to docs/rules/. */
export function rulesTable(docsPrefix: string): string {
  const rows = RULE_TABLE.map((r) => {
    const page = docsPrefix + ruleDocsFile(r.id).slice('docs/rules/'.length);
    return `| [\`${r.id}\`](${page}) | ${r.defaultSeverity} | ${cell(r.summary)} |`;
  });
  return ['| Rule | Default | Reports |', '|---|---|---|', ...rows].join('\n');
}

function shownDefault(value: unknown): string {
  return value === '' ? 'none' : `\`${JSON.stringify(value)}\``;
}

/** The settings table of README.md. */
export function settingsTable(): string {
  const rows = settingEntries().map(([key, s]) => {
    const where = s.where === 'file-and-editor' ? `\`${key}\` in the file, \`${SETTINGS_SECTION}.${key}\`` : `\`${SETTINGS_SECTION}.${key}\``;
    return `| ${where} | ${shownDefault(s.default)} | ${cell(s.description)} |`;
  });
  return ['| Setting | Default | What it does |', '|---|---|---|', ...rows].join('\n');
}

/**
 * Replaces what stands between `<!-- generated:NAME … -->` and `<!-- /generated:NAME -->`,
 * for each NAME of `parts`; the rest of the file is left as it is.
 */
export function spliceAll(text: string, file: string, parts: Record<string, string>): string {
  let out = text;
  for (const [name, body] of Object.entries(parts)) {
    const begin = new RegExp(`<!-- generated:${name}\\b[^>]*-->\\r?\\n`).exec(out);
    const endMarker = `<!-- /generated:${name} -->`;
    const end = begin ? out.indexOf(endMarker, begin.index + begin[0].length) : -1;
    if (!begin || end < 0) {
      throw new Error(`${file}: no "<!-- generated:${name} … -->" … "${endMarker}" section to fill`);
    }
    out = out.slice(0, begin.index + begin[0].length) + body + '\n' + out.slice(end);
  }
  return out;
}
