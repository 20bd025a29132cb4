import * as assert from 'assert';
import { bundledCatalog } from '../../server/src/core/catalog/catalog';
import { evidenceOf } from '../../server/src/core/evidence';
import { scanSql } from '../../server/src/core/sql';

const catalog = bundledCatalog();

/** `kind version` for each piece of evidence in a markdown document (or .sql file). */
function found(text: string, languageId: 'sql' | 'markdown' = 'markdown'): string[] {
  return evidenceOf(text, languageId, catalog).map((e) => `${e.kind} ${e.version?.major ?? '-'}`);
}

const fence = (lang: string, ...lines: string[]) => ['```' + lang, ...lines, '```'].join('\n');

// Each form as it appears in code, with what it says.
const FORMS: { name: string; lang: string; code: string; says: string; matched: string; version: string }[] = [
  { name: 'SET CLUSTER SETTING version', lang: 'sql', code: "SET CLUSTER SETTING version = '24.3';", says: 'version-setting 24.3', matched: "SET CLUSTER SETTING version = '24.3';", version: '24.3' },
  { name: 'preserve_downgrade_option', lang: 'sql', code: "SET CLUSTER SETTING cluster.preserve_downgrade_option = '24.1';", says: 'hold 24.1', matched: "SET CLUSTER SETTING cluster.preserve_downgrade_option = '24.1';", version: '24.1' },
  { name: 'RESET preserve_downgrade_option', lang: 'sql', code: 'RESET CLUSTER SETTING cluster.preserve_downgrade_option;', says: 'hold-reset -', matched: 'RESET CLUSTER SETTING cluster.preserve_downgrade_option;', version: 'RESET CLUSTER SETTING cluster.preserve_downgrade_option;' },
  { name: 'download URL', lang: 'shell', code: 'curl https://binaries.cockroachdb.com/cockroach-v24.3.1.linux-amd64.tgz | tar -xz', says: 'binaries 24.3', matched: 'cockroach-v24.3.1', version: '24.3.1' },
  { name: 'path', lang: 'shell', code: 'sudo cp -i cockroach-v24.1.5.linux-amd64/cockroach /usr/local/bin/', says: 'binaries 24.1', matched: 'cockroach-v24.1.5', version: '24.1.5' },
  { name: 'image', lang: 'dockerfile', code: 'FROM cockroachdb/cockroach:v25.2.1', says: 'binaries 25.2', matched: 'cockroachdb/cockroach:v25.2.1', version: '25.2.1' },
  { name: 'operator', lang: 'yaml', code: 'spec:\n  cockroachDBVersion: v24.3.1', says: 'binaries 24.3', matched: 'cockroachDBVersion: v24.3.1', version: '24.3.1' },
  { name: 'Helm', lang: 'shell', code: 'helm upgrade my-release cockroachdb/cockroachdb --set image.tag=v24.3.1 --reuse-values', says: 'binaries 24.3', matched: 'image.tag=v24.3.1', version: '24.3.1' },
  { name: 'Build Tag', lang: '', code: 'Build Tag:        v24.1.5\nBuild Time:       2024/09/01', says: 'reported 24.1', matched: 'Build Tag:        v24.1.5', version: '24.1.5' },
  { name: 'SELECT version()', lang: 'sql', code: '> SELECT version();\n  CockroachDB CCL v24.3.2 (x86_64-pc-linux-gnu, built 2024/12/01)', says: 'reported 24.3', matched: 'CockroachDB CCL v24.3.2', version: '24.3.2' },
  { name: 'Server version banner', lang: 'console', code: '# Server version: CockroachDB OSS v23.2.4 (x86_64-pc-linux-gnu)', says: 'reported 23.2', matched: 'CockroachDB OSS v23.2.4', version: '23.2.4' },
];

describe('Version evidence: each form in code', () => {
  for (const f of FORMS) {
    it(`${f.name}: found in a ${f.lang || 'unlabeled'} block, with exact offsets`, () => {
      const text = `# Runbook\n\nStep one:\n\n${fence(f.lang, f.code)}\n`;
      const ev = evidenceOf(text, 'markdown', catalog);
      assert.deepStrictEqual(ev.map((e) => `${e.kind} ${e.version?.major ?? '-'}`), [f.says]);
      assert.strictEqual(text.slice(ev[0].start, ev[0].end), f.matched);
      assert.strictEqual(text.slice(ev[0].versionStart, ev[0].versionEnd), f.version);
    });
  }

  it('an indented code block is code', () => {
    assert.deepStrictEqual(found('Install:\n\n    curl -O https://binaries.cockroachdb.com/cockroach-v24.3.1.linux-amd64.tgz\n'), ['binaries 24.3']);
  });

  it('code blocks inside list items and block quotes are code', () => {
    const text = ['1. Download:', '', '   ```shell', '   curl -O https://x/cockroach-v24.1.5.linux-amd64.tgz', '   ```', '', '> ```sql', "> SET CLUSTER SETTING version = '24.1';", '> ```'].join('\n');
    assert.deepStrictEqual(found(text), ['binaries 24.1', 'version-setting 24.1']);
  });

  it('SQL in a shell block (`cockroach sql -e`) counts', () => {
    const text = fence('shell', `cockroach sql --insecure -e "SET CLUSTER SETTING cluster.preserve_downgrade_option = '24.1';"`);
    assert.deepStrictEqual(found(text), ['hold 24.1']);
  });

  it('several pieces in one block apply in order', () => {
    const text = fence('shell', 'curl -O https://x/cockroach-v24.1.5.linux-amd64.tgz', `cockroach sql -e "SET CLUSTER SETTING version = '24.1'"`, 'curl -O https://x/cockroach-v24.3.1.linux-amd64.tgz');
    assert.deepStrictEqual(found(text), ['binaries 24.1', 'version-setting 24.1', 'binaries 24.3']);
  });

  it('a .sql file: its statements count, its comments do not', () => {
    const sql = "-- SET CLUSTER SETTING version = '24.1';\nSET CLUSTER SETTING cluster.preserve_downgrade_option = '24.3';\n/* cockroach-v24.3.1 */\nRESET CLUSTER SETTING cluster.preserve_downgrade_option;\n";
    assert.deepStrictEqual(found(sql, 'sql'), ['hold 24.3', 'hold-reset -']);
  });

  it('SET … TO, e-strings, prompts and case are read like CockroachDB reads them', () => {
    const sql = "set cluster setting VERSION to e'24.3';\nroot@localhost:26257/defaultdb> SET CLUSTER SETTING cluster.preserve_downgrade_option = DEFAULT;";
    assert.deepStrictEqual(found(sql, 'sql'), ['version-setting 24.3', 'hold-reset -']);
  });
});

describe('Version evidence: what never counts', () => {
  for (const f of FORMS) {
    const oneLine = f.code.split('\n').pop()!.replace(/^[#>] ?/, '');
    it(`${f.name}: not in prose, a heading, a link, inline code or an HTML block`, () => {
      const prose = [
        `# ${oneLine}`,
        '',
        `Run ${oneLine} on every node.`,
        '',
        `Use \`${oneLine}\` as shown.`,
        '',
        `See [the release](https://example.com/${encodeURIComponent(oneLine)}) and <https://x/cockroach-v24.3.1.tgz>.`,
        '',
        `<div>${oneLine}</div>`,
      ].join('\n');
      assert.deepStrictEqual(found(prose), []);
    });
  }

  it('comments in SQL and shell are not evidence', () => {
    const text = [
      fence('sql', "-- SET CLUSTER SETTING version = '24.3';", "/* SET CLUSTER SETTING cluster.preserve_downgrade_option = '24.1'; */", '-- CockroachDB CCL v24.3.1'),
      fence('shell', '# curl -O https://x/cockroach-v24.3.1.linux-amd64.tgz', 'echo hi  # cockroachdb/cockroach:v24.3.1'),
      fence('yaml', '# cockroachDBVersion: v24.3.1'),
    ].join('\n\n');
    assert.deepStrictEqual(found(text), []);
  });

  it('placeholders are not evidence', () => {
    const text = fence(
      'shell',
      'curl -O https://binaries.cockroachdb.com/cockroach-{VERSION}.linux-amd64.tgz',
      'curl -O https://binaries.cockroachdb.com/cockroach-v$VERSION.linux-amd64.tgz',
      'curl -O https://binaries.cockroachdb.com/cockroach-{{ page.release_info.version }}.linux-amd64.tgz',
      'docker pull cockroachdb/cockroach:<version>',
      'docker pull cockroachdb/cockroach:v24.3.{PATCH}',
      'docker pull cockroachdb/cockroach:v24.3.1{SUFFIX}',
      'helm upgrade x --set image.tag=$TAG',
      `cockroach sql -e "SET CLUSTER SETTING version = '{{ page.version }}'"`,
      `cockroach sql -e "SET CLUSTER SETTING cluster.preserve_downgrade_option = '<previous version>'"`,
    );
    assert.deepStrictEqual(found(text), []);
  });

  it('versions not in the catalog are not evidence', () => {
    const text = fence('shell', 'curl -O https://x/cockroach-v27.9.1.linux-amd64.tgz', `cockroach sql -e "SET CLUSTER SETTING version = '99.1'"`, 'Build Tag: v18.9.0');
    assert.deepStrictEqual(found(text), []);
  });

  it('unlisted shapes are not evidence', () => {
    const text = [
      fence('yaml', 'image:', '  repository: cockroachdb/cockroach', '  tag: v24.3.1'),
      fence('shell', 'docker pull cockroachdb/cockroach-unstable:v24.3.1', 'docker pull cockroachdb/cockroach:latest-v24.3'),
      fence('', '# Client version: CockroachDB CCL v24.3.1 (x86_64)', '  cluster_version', '  24.3'),
      fence('sql', 'SHOW CLUSTER SETTING version;', "SET CLUSTER SETTING kv.rangefeed.enabled = '24.3';", 'RESET CLUSTER SETTING version;'),
    ].join('\n\n');
    assert.deepStrictEqual(found(text), []);
  });

  it('a word running into the form is another name', () => {
    assert.deepStrictEqual(found(fence('shell', 'ls mycockroach-v24.3.1.tgz', 'ls x_image.tag=v24.3.1')), []);
  });
});

describe('SQL scanner: version-related cluster settings', () => {
  it('reports the two settings with their values and spans, and nothing else', () => {
    const sql = "SET CLUSTER SETTING version = '24.3'; SET CLUSTER SETTING kv.x = '1'; SET database = d; RESET CLUSTER SETTING cluster.preserve_downgrade_option";
    const scan = scanSql(sql);
    assert.deepStrictEqual(
      scan.settings.map((s) => [s.setting, s.reset, s.value, sql.slice(s.start, s.end)]),
      [
        ['version', false, '24.3', "SET CLUSTER SETTING version = '24.3';"],
        ['preserve_downgrade_option', true, undefined, 'RESET CLUSTER SETTING cluster.preserve_downgrade_option'],
      ],
    );
    // Every statement is still listed once, as `other`.
    assert.deepStrictEqual(scan.statements.map((s) => s.kind), ['other', 'other', 'other', 'other']);
  });

  it('a setting inside a string, a comment or another statement is none', () => {
    const sql = "SELECT 'SET CLUSTER SETTING version = ''24.3'''; /* SET CLUSTER SETTING version = '24.3'; */ SELECT 1 SET CLUSTER SETTING version = '24.3';";
    assert.deepStrictEqual(scanSql(sql).settings, []);
  });

  it('a half-typed statement reports nothing until its value is there', () => {
    assert.deepStrictEqual(scanSql('SET CLUSTER SETTING version =').settings, []);
    assert.deepStrictEqual(scanSql("SET CLUSTER SETTING version = crdb_internal.node_executable_version()").settings.map((s) => s.value), [undefined]);
  });
});
