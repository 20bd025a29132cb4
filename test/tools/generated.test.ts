// The files `npm run generate` makes from the rule table and the settings table: each committed
// file equals what the generator makes of it now (so a table edit without regenerating fails
// here), and what they say matches the tables.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { RULES } from '../../server/src/core/rules';
import { ALL_RULE_IDS, RULE_TABLE, ruleDocsFile } from '../../server/src/core/rules/ruleTable';
import { FILE_SETTING_KEYS, SETTINGS_SECTION, SETTINGS_TABLE } from '../../server/src/core/settingsTable';
import { GENERATED_FILES, spliceAll } from '../../tools/generate/surfaces';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const generated = (file: string) => GENERATED_FILES.find((g) => g.path === file)!;

interface Json {
  [key: string]: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe('generated files (npm run generate)', () => {
  for (const file of GENERATED_FILES) {
    it(`${file.path} is up to date with the rule and settings tables`, () => {
      const current = read(file.path);
      // Not assert.strictEqual on the texts: the message must say what to do.
      const next = file.render(current);
      if (next !== current) {
        const a = current.split('\n');
        const b = next.split('\n');
        let i = 0;
        while (i < a.length && a[i] === b[i]) i++;
        assert.fail(
          `${file.path} is stale: run \`npm run generate\`. First difference at line ${i + 1}:\n` +
            `  committed: ${a[i] ?? '(end of file)'}\n  generated: ${b[i] ?? '(end of file)'}`,
        );
      }
    });
  }

  it('a stale part of each kind is caught: a missing table row, a missing grammar id, a missing severity setting', () => {
    const readme = read('README.md');
    const row = readme.split('\n').find((l) => l.includes('(docs/rules/missing-version.md)'))!;
    assert.ok(row, 'README.md has a missing-version row');
    const staleReadme = readme.replace(`${row}\n`, '');
    assert.notStrictEqual(generated('README.md').render(staleReadme), staleReadme);
    assert.strictEqual(generated('README.md').render(staleReadme), readme);

    const grammar = read('syntaxes/crdb-directive.injection.tmLanguage.json');
    const staleGrammar = grammar.replace('|removed-syntax', '');
    assert.notStrictEqual(staleGrammar, grammar);
    assert.strictEqual(generated('syntaxes/crdb-directive.injection.tmLanguage.json').render(staleGrammar), grammar);

    const pkg = JSON.parse(read('package.json')) as Json;
    delete pkg.contributes.configuration.properties[`${SETTINGS_SECTION}.rules`].properties['removed-syntax'];
    const stalePkg = `${JSON.stringify(pkg, null, 2)}\n`;
    assert.strictEqual(generated('package.json').render(stalePkg), read('package.json'));
  });

  it('the hand-written parts of a README are kept, and a README without its markers is an error naming it', () => {
    const text = 'intro\n<!-- generated:rules (x) -->\nold\n<!-- /generated:rules -->\noutro\n';
    assert.strictEqual(spliceAll(text, 'X.md', { rules: 'new' }), 'intro\n<!-- generated:rules (x) -->\nnew\n<!-- /generated:rules -->\noutro\n');
    assert.throws(() => spliceAll('no markers here\n', 'X.md', { rules: 'new' }), /X\.md: no "<!-- generated:rules/);
    assert.throws(() => spliceAll('<!-- generated:rules -->\nunclosed\n', 'X.md', { rules: 'new' }), /X\.md/);
  });

  it('package.json: one "CockroachDB Restore Guard" section with every setting, its default, a message for the version pattern', () => {
    const config = (JSON.parse(read('package.json')) as Json).contributes.configuration;
    assert.strictEqual(config.title, 'CockroachDB Restore Guard');
    const keys = Object.keys(SETTINGS_TABLE).map((k) => `${SETTINGS_SECTION}.${k}`);
    assert.deepStrictEqual(Object.keys(config.properties), keys);
    for (const [key, s] of Object.entries(SETTINGS_TABLE)) {
      const p = config.properties[`${SETTINGS_SECTION}.${key}`];
      assert.deepStrictEqual(p.default, s.default, key);
      assert.strictEqual(p.type, s.schema.type, key);
      assert.ok(p.markdownDescription.startsWith(s.description), key);
    }
    const dtv = config.properties[`${SETTINGS_SECTION}.defaultTargetVersion`];
    assert.match(dtv.patternErrorMessage, /^Expected a CockroachDB version such as 24\.3/);
    assert.ok(new RegExp(dtv.pattern).test('') && new RegExp(dtv.pattern).test('v24.3.5') && !new RegExp(dtv.pattern).test('24'));
    const severities = config.properties[`${SETTINGS_SECTION}.rules`].properties;
    assert.deepStrictEqual(Object.keys(severities), ALL_RULE_IDS);
    for (const r of RULE_TABLE) assert.ok(severities[r.id].markdownDescription.includes(`Default: \`${r.defaultSeverity}\``), r.id);
  });

  it("the config file's schema has the file settings and $schema, nothing else", () => {
    const schema = JSON.parse(read('schemas/crdb-restore-guard.schema.json')) as Json;
    assert.strictEqual(schema.additionalProperties, false);
    assert.deepStrictEqual(Object.keys(schema.properties), ['$schema', ...FILE_SETTING_KEYS]);
    assert.deepStrictEqual(Object.keys(schema.properties.rules.properties), ALL_RULE_IDS);
    assert.ok(FILE_SETTING_KEYS.includes('defaultTargetVersion') && !FILE_SETTING_KEYS.includes('maxFileSizeMb' as never));
  });

  it("the grammar highlights exactly the table's rule ids after ignore=", () => {
    const grammar = JSON.parse(read('syntaxes/crdb-directive.injection.tmLanguage.json')) as Json;
    const pattern = grammar.repository['rule-list'].patterns.find((p: Json) => p.name === 'support.constant.rule-id.crdb');
    const ids = /\(\?:([a-z0-9|-]+)\)/.exec(pattern.match)![1].split('|');
    assert.deepStrictEqual(ids, ALL_RULE_IDS);
  });

  it('every rule of the table has its docs page, stating the default severity of the table', () => {
    for (const r of RULE_TABLE) {
      const page = read(ruleDocsFile(r.id));
      assert.ok(page.startsWith(`# ${r.id}\n`), `${ruleDocsFile(r.id)} starts with "# ${r.id}"`);
      assert.ok(page.includes(`**Default severity:** ${r.defaultSeverity}`), `${ruleDocsFile(r.id)} says default severity ${r.defaultSeverity}`);
    }
  });

  it('the analyzer runs every rule of the table, with its severity and title, each with a check', () => {
    assert.deepStrictEqual([...RULES.keys()].sort(), [...ALL_RULE_IDS].sort());
    for (const t of RULE_TABLE) {
      const r = RULES.get(t.id)!;
      assert.strictEqual(r.defaultSeverity, t.defaultSeverity, t.id);
      assert.strictEqual(r.title, t.title, t.id);
      assert.strictEqual(typeof r.check, 'function', t.id);
    }
  });
});
