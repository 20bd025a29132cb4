// The settings table: every setting's key, where it can be given, its default, its description
// and the JSON schema of its value. `npm run generate` makes the `contributes.configuration`
// block of package.json (editor settings, `crdbRestoreGuard.<key>`), the JSON schema of
// `.crdb-restore-guard.json` (file settings) and the settings table of README.md from it; the
// validator (settings.ts) takes the config file's keys from it, the server its editor defaults.
// How to add a setting: docs/contributing.md.
import { RULE_TABLE } from './rules/ruleTable';

/** The JSON schema keywords the settings use (VS Code's `patternErrorMessage` and `enumDescriptions` included). */
export interface ValueSchema {
  type: 'string' | 'number' | 'boolean' | 'object' | 'array';
  pattern?: string;
  /** Shown instead of the raw pattern when a value does not match it. */
  patternErrorMessage?: string;
  format?: 'date';
  enum?: readonly string[];
  enumDescriptions?: readonly string[];
  minimum?: number;
  markdownDescription?: string;
  properties?: Readonly<Record<string, ValueSchema>>;
  required?: readonly string[];
  additionalProperties?: boolean | ValueSchema;
  items?: ValueSchema;
}

export interface SettingDescription {
  /**
   * `file-and-editor`: a top-level key of `.crdb-restore-guard.json` (read by the CLI and the
   * server) and an editor setting that overrides it; `editor`: an editor setting only.
   */
  where: 'file-and-editor' | 'editor';
  default: unknown;
  /** Markdown. */
  description: string;
  /** For `file-and-editor` settings: what an editor value does to the file's value. */
  overFile?: 'replaces' | 'merges into' | 'adds to';
  schema: ValueSchema;
}

/** The prefix of every editor setting (`crdbRestoreGuard.defaultTargetVersion`). */
export const SETTINGS_SECTION = 'crdbRestoreGuard';

const VERSION_PATTERN = '^[vV]?\\d{1,2}\\.\\d{1,3}(\\.\\d{1,4})?(-[0-9A-Za-z.-]+)?$';
const SEVERITY_LEVELS = ['error', 'warning', 'information', 'hint', 'off'] as const;
const SEVERITY_LEVEL_DESCRIPTIONS = [
  'Reported as an error; the CLI exits with status 1.',
  'Reported as a warning.',
  'Reported as information.',
  'Reported as a hint (editors show it faintly, not in the Problems list).',
  'Not reported.',
];

/** One severity property per rule of the rule table. */
function ruleSeverities(): Record<string, ValueSchema> {
  const out: Record<string, ValueSchema> = {};
  for (const rule of RULE_TABLE) {
    out[rule.id] = {
      type: 'string',
      enum: SEVERITY_LEVELS,
      enumDescriptions: SEVERITY_LEVEL_DESCRIPTIONS,
      markdownDescription: `${rule.title} Default: \`${rule.defaultSeverity}\`.`,
    };
  }
  return out;
}

export const SETTINGS_TABLE = {
  defaultTargetVersion: {
    where: 'file-and-editor',
    default: '',
    overFile: 'replaces',
    description:
      'CockroachDB version the statements run on where no `crdb: target-version=…` directive says, e.g. `24.3`.',
    schema: {
      type: 'string',
      pattern: `^$|${VERSION_PATTERN}`,
      patternErrorMessage: 'Expected a CockroachDB version such as 24.3 or v24.3.5, or nothing.',
    },
  },
  rules: {
    where: 'file-and-editor',
    default: {},
    overFile: 'merges into',
    description: 'Severity per rule id (`error`, `warning`, `information`, `hint`, or `off`).',
    schema: { type: 'object', properties: ruleSeverities(), additionalProperties: false },
  },
  extraReleases: {
    where: 'file-and-editor',
    default: [],
    overFile: 'adds to',
    description:
      'CockroachDB releases newer than the bundled catalog: `{ "version": "26.4", "type": "regular", "gaDate": "2026-11-01", "supportEnd": "2027-11-01" }`.',
    schema: {
      type: 'array',
      items: {
        type: 'object',
        required: ['version', 'type'],
        properties: {
          version: {
            type: 'string',
            pattern: VERSION_PATTERN,
            patternErrorMessage: 'Expected a CockroachDB version such as 26.4.',
          },
          type: {
            type: 'string',
            enum: ['regular', 'innovation'],
            enumDescriptions: [
              'A regular release: restores may not skip it.',
              'An innovation release: restores may skip it.',
            ],
          },
          gaDate: { type: 'string', format: 'date' },
          supportEnd: { type: 'string', format: 'date' },
        },
      },
    },
  },
  today: {
    where: 'file-and-editor',
    default: '',
    overFile: 'replaces',
    description: 'Date (`YYYY-MM-DD`) used for end-of-support checks instead of today, for reproducible results.',
    schema: {
      type: 'string',
      pattern: '^$|^\\d{4}-\\d{2}-\\d{2}$',
      patternErrorMessage: 'Expected a date YYYY-MM-DD, such as 2026-11-26, or nothing.',
    },
  },
  collections: {
    where: 'file-and-editor',
    default: {},
    overFile: 'merges into',
    description:
      'Collection URI → the CockroachDB version its backups are taken on, e.g. `{ "s3://acme/prod": "24.3" }`. A `RESTORE` whose document says nothing about its collection takes this version, before the `BACKUP`s into the collection in other files (keys compare as collections: scheme and host in any case, no query string or trailing `/`).',
    schema: {
      type: 'object',
      additionalProperties: {
        type: 'string',
        pattern: VERSION_PATTERN,
        patternErrorMessage: 'Expected a CockroachDB version such as 24.3.',
      },
    },
  },
  inferVersions: {
    where: 'file-and-editor',
    default: true,
    overFile: 'replaces',
    description:
      'Read versions from evidence in code (binaries, images, `SET CLUSTER SETTING version`, `cluster.preserve_downgrade_option`, version banners) where no directive says. A document\'s `crdb: infer=true` turns it back on from there (docs/how-versions-are-known.md).',
    schema: { type: 'boolean' },
  },
  maxFileSizeMb: {
    where: 'editor',
    default: 20,
    description: 'Documents larger than this (in MB) are not analyzed; an information diagnostic says so.',
    schema: { type: 'number', minimum: 0.001 },
  },
  workspaceDiagnostics: {
    where: 'editor',
    default: true,
    description:
      'Report problems for every .sql and markdown file in the workspace (honouring .gitignore), not only open files.',
    schema: { type: 'boolean' },
  },
  workspaceIndexMaxFiles: {
    where: 'editor',
    default: 20000,
    description:
      'How many `.sql`/markdown files of each workspace folder (`.gitignore` honoured, in path order) are read for the collections they write, so that a `RESTORE` in one file is checked against the `BACKUP`s in the others. A warning says when a folder holds more. `0` reads none (open documents still count).',
    schema: { type: 'number', minimum: 0 },
  },
  inlayHints: {
    where: 'editor',
    default: true,
    description:
      "Show inlay hints after each `RESTORE`'s collection (the backup version and where it came from, e.g. `← 23.2 (line 14)`) and each `BACKUP`'s collection (the version it is taken on). VS Code's `editor.inlayHints.enabled` also applies.",
    schema: { type: 'boolean' },
  },
  codeLens: {
    where: 'editor',
    default: true,
    description:
      'Show a code lens above each `RESTORE` with its verdict (e.g. `✗ 23.2 → 24.3: restore into 24.1 first`); clicking it applies the fix or shows the explanation.',
    schema: { type: 'boolean' },
  },
} as const satisfies Record<string, SettingDescription>;

export type SettingKey = keyof typeof SETTINGS_TABLE;

/** The top-level keys `.crdb-restore-guard.json` may hold, in table order. */
export const FILE_SETTING_KEYS: readonly SettingKey[] = (Object.keys(SETTINGS_TABLE) as SettingKey[]).filter(
  (k) => SETTINGS_TABLE[k].where === 'file-and-editor',
);

/** A setting's default, typed as its table entry says. */
export function settingDefault<K extends SettingKey>(key: K): (typeof SETTINGS_TABLE)[K]['default'] {
  return SETTINGS_TABLE[key].default;
}
