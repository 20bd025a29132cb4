// The command-line checker, run as users run it: the bundled dist/cli.js in a child process.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { factSites } from '../../server/src/core/provenance';
import { ALL_RULE_IDS } from '../../server/src/core/rules/ruleTable';
import { analyze } from '../helpers/analyze';

const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');

function run(args: string[], cwd: string): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 30000 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

function workspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crdb-cli-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const SKIP = "-- crdb: backup-version=23.2 target-version=24.3\nRESTORE DATABASE bank FROM LATEST IN 's3://b/bank';\n";
const OK = "-- crdb: backup-version=24.1 target-version=24.3\nRESTORE DATABASE bank FROM LATEST IN 's3://b/bank';\n";
const INFO = "RESTORE DATABASE bank FROM LATEST IN 's3://b/bank';\n";

describe('CLI (dist/cli.js)', function () {
  this.timeout(60000);
  let dir: string;
  before(() => {
    dir = workspace({
      'a.sql': SKIP,
      'ok.sql': OK,
      'docs/runbook.md': '# Restore\n\n1. Restore:\n\n   ```sql\n   ' + SKIP.split('\n').join('\n   ') + '```\n',
      'docs/notes.txt': SKIP,
      'ignored/skip.sql': SKIP,
      'build/out.md': '```sql\n' + SKIP + '```\n',
      '.gitignore': 'ignored/\n/build\n',
      'sub/.gitignore': '*.generated.sql\n',
      'sub/x.generated.sql': SKIP,
      'sub/info.sql': INFO,
    });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('compact format: file:line:col severity rule message; exit 1 on errors', () => {
    const r = run(['--today', '2025-06-01', '--format', 'compact', 'a.sql'], dir);
    assert.strictEqual(r.code, 1);
    const lines = r.out.trim().split('\n');
    assert.strictEqual(lines.length, 1);
    assert.match(lines[0], /^a\.sql:2:1 error restore-skips-release Restoring a 23\.2 backup into 24\.3 skips regular release 24\.1 \(supported targets: 23\.2, 24\.1\)\./);
  });

  it('exit 0 when there is no error-severity finding (information only)', () => {
    const r = run(['--today', '2025-06-01', '--format', 'compact', 'ok.sql', 'sub/info.sql'], dir);
    assert.strictEqual(r.code, 0);
    assert.match(r.out, /^sub\/info\.sql:1:1 information missing-version /m);
  });

  it('directories are walked for .sql and .md, honouring nested .gitignore files', () => {
    const r = run(['--today', '2025-06-01', '--format', 'json', '.'], dir);
    assert.strictEqual(r.code, 1);
    const files = [...new Set((JSON.parse(r.out) as { file: string }[]).map((f) => f.file))];
    assert.deepStrictEqual(files, ['a.sql', 'docs/runbook.md', 'sub/info.sql']);
  });

  it('json: the documented shape (docs/behaviour.md#command-line), 1-based, sorted by file, line, column', () => {
    const r = run(['--today', '2025-06-01', '--format', 'json', 'docs', 'a.sql'], dir);
    const list = JSON.parse(r.out);
    assert.deepStrictEqual(list[0], {
      file: 'a.sql',
      line: 2,
      column: 1,
      endLine: 2,
      endColumn: 52,
      severity: 'error',
      rule: 'restore-skips-release',
      message: list[0].message,
    });
    assert.deepStrictEqual(
      list.map((f: { file: string; line: number; column: number }) => `${f.file}:${f.line}:${f.column}`),
      ['a.sql:2:1', 'docs/runbook.md:7:4'],
    );
  });

  it('globs are expanded (quoted, as CI scripts pass them)', () => {
    const r = run(['--today', '2025-06-01', '--format', 'json', '**/*.md'], dir);
    const files = [...new Set((JSON.parse(r.out) as { file: string }[]).map((f) => f.file))];
    assert.deepStrictEqual(files, ['docs/runbook.md']);
  });

  it('sarif: SARIF 2.1.0 with rules and results', () => {
    const r = run(['--today', '2025-06-01', '--format', 'sarif', 'a.sql'], dir);
    const log = JSON.parse(r.out);
    assert.strictEqual(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    const run0 = log.runs[0];
    assert.strictEqual(run0.tool.driver.name, 'crdb-restore-guard');
    const ids = run0.tool.driver.rules.map((x: { id: string }) => x.id);
    // Every rule of the table, once: statement rules, then directive rules.
    assert.deepStrictEqual([...ids].sort(), [...ALL_RULE_IDS].sort());
    assert.strictEqual(run0.results.length, 1);
    const res = run0.results[0];
    assert.strictEqual(res.ruleId, 'restore-skips-release');
    assert.strictEqual(res.level, 'error');
    assert.strictEqual(run0.tool.driver.rules[res.ruleIndex].id, 'restore-skips-release');
    const loc = res.locations[0].physicalLocation;
    assert.deepStrictEqual(loc.artifactLocation, { uri: 'a.sql', uriBaseId: '%SRCROOT%' });
    assert.deepStrictEqual(
      { ...loc.region, snippet: undefined },
      { startLine: 2, startColumn: 1, endLine: 2, endColumn: 52, snippet: undefined },
    );
    assert.strictEqual(loc.region.snippet.text, "RESTORE DATABASE bank FROM LATEST IN 's3://b/bank';");
  });

  it('github: workflow annotation lines', () => {
    const r = run(['--today', '2025-06-01', '--format', 'github', 'a.sql'], dir);
    assert.match(r.out.trim(), /^::error file=a\.sql,line=2,col=1,endLine=2,endColumn=52,title=restore-skips-release::Restoring a 23\.2 backup/);
  });

  it('--today decides end of support (default: the local date)', () => {
    const r = run(['--today', '2026-11-26', '--format', 'compact', 'ok.sql'], dir);
    assert.match(r.out, /^ok\.sql:1:45 warning version-end-of-support /m);
    assert.strictEqual(r.code, 0);
  });

  it('config file: rules and defaultTargetVersion apply; --config names another file', () => {
    const ws = workspace({
      '.crdb-restore-guard.json': JSON.stringify({ rules: { 'restore-skips-release': 'warning' }, today: '2025-06-01' }),
      'a.sql': SKIP,
      'info.sql': "-- crdb: backup-version=24.1\n" + INFO,
      'other.json': JSON.stringify({ defaultTargetVersion: '25.2', today: '2025-06-01' }),
    });
    const r = run(['--format', 'compact', 'a.sql'], ws);
    assert.strictEqual(r.code, 0);
    assert.match(r.out, /^a\.sql:2:1 warning restore-skips-release /m);
    const r2 = run(['--format', 'compact', '--config', 'other.json', 'info.sql'], ws);
    assert.strictEqual(r2.code, 1);
    assert.match(r2.out, /^info\.sql:2:1 error restore-skips-release Restoring a 24\.1 backup into 25\.2/m);
    fs.rmSync(ws, { recursive: true, force: true });
  });

  it('a bad config file gives one clear message and analysis continues on defaults', () => {
    const ws = workspace({ '.crdb-restore-guard.json': '{ "rules": { "restore-skips-release": "loud" }, "colour": 1 }', 'a.sql': SKIP });
    const r = run(['--today', '2025-06-01', '--format', 'compact', 'a.sql'], ws);
    assert.strictEqual(r.code, 1);
    assert.match(r.err, /\.crdb-restore-guard\.json: rules\.restore-skips-release: expected one of error\|warning\|information\|hint\|off, got "loud"/);
    assert.match(r.err, /\.crdb-restore-guard\.json: colour: unknown key/);
    assert.match(r.out, /^a\.sql:2:1 error restore-skips-release/m);
    fs.writeFileSync(path.join(ws, '.crdb-restore-guard.json'), '{ not json');
    const r2 = run(['--today', '2025-06-01', 'a.sql'], ws);
    assert.match(r2.err, /\.crdb-restore-guard\.json: invalid JSON/);
    assert.strictEqual(r2.code, 1);
    fs.rmSync(ws, { recursive: true, force: true });
  });

  it('usage and I/O errors: one line, exit 2, no stack trace', () => {
    for (const args of [['missing.sql'], ['--format', 'xml', 'a.sql'], ['--today', 'tomorrow', 'a.sql'], ['--bogus'], [], ['--config', 'nope.json', 'a.sql']]) {
      const r = run(args, dir);
      assert.strictEqual(r.code, 2, args.join(' '));
      assert.ok(!/\n\s+at /.test(r.err), `stack trace for ${args.join(' ')}: ${r.err}`);
      assert.match(r.err, /^crdb-restore-guard: /);
    }
    const unreadable = path.join(dir, 'dir.sql');
    fs.mkdirSync(unreadable, { recursive: true });
    const r = run(['dir.sql/../a.sql', 'missing.md'], dir);
    assert.strictEqual(r.code, 2);
    assert.match(r.out, /restore-skips-release/, 'the readable file is still checked');
  });

  it('the unannotated example runbook: findings inferred from its code, as the examples README lists them', () => {
    const root = path.resolve(__dirname, '..', '..', '..');
    const r = run(['--today', '2026-11-26', '--format', 'json', 'examples/upgrade-and-restore.md'], root);
    assert.strictEqual(r.code, 1, r.err);
    const found = JSON.parse(r.out) as { line: number; column: number; rule: string; message: string }[];
    assert.deepStrictEqual(
      found.map((f) => `${f.line}:${f.column} ${f.rule}`),
      ['61:1 full-restore-mixed-version', '86:7 restore-skips-release'],
    );
    // One short sentence each; where the versions came from is what the editor's hover and
    // relatedInformation show, read here from the same analysis.
    assert.strictEqual(found[0].message, 'Full-cluster RESTORE fails while the cluster is mid-upgrade to 24.3 (inferred); finalize the upgrade first.');
    assert.strictEqual(found[1].message, 'Restoring a 23.2 backup into 24.3 skips regular release 24.1 (supported targets: 23.2, 24.1).');
    const a = analyze(fs.readFileSync(path.join(root, 'examples', 'upgrade-and-restore.md'), 'utf8'), 'markdown');
    const restores = a.statements.filter((s) => s.kind === 'restore');
    const mixed = restores.find((s) => s.mixedBy !== undefined);
    assert.match(mixed?.mixedBy ?? '', /inferred: nodes run 24\.3 \(cockroach-v24\.3\.1 binaries, line 54\)/);
    const skip = a.statements[a.findings.find((f) => f.rule === 'restore-skips-release')!.statement!];
    assert.ok(factSites(skip).some((s) => s.message === 'Target version 24.3: inferred: CockroachDB CCL v24.3.1, line 76'), JSON.stringify(factSites(skip)));
    // No directive anywhere: every version above was inferred.
    assert.doesNotMatch(fs.readFileSync(path.join(root, 'examples', 'upgrade-and-restore.md'), 'utf8'), /crdb:\s*[a-z-]+=/);
  });

  it('--help and --version', () => {
    const h = run(['--help'], dir);
    assert.strictEqual(h.code, 0);
    assert.match(h.out, /Usage: crdb-restore-guard/);
    const v = run(['--version'], dir);
    assert.match(v.out.trim(), /^\d+\.\d+\.\d+/);
  });
});

describe('CLI: collections across files (docs/workspace.md)', function () {
  this.timeout(60000);
  let dir: string;
  before(() => {
    dir = workspace({
      'ops/nightly.sql': "-- crdb: target-version=24.1\nBACKUP INTO 's3://acme/prod?AUTH=implicit';\n",
      'ops/upgrade.md': "<!-- crdb: target-version=23.2 -->\n```sql\nBACKUP INTO 'S3://ACME/prod/';\n```\n",
      'ops/schedule.sql': "-- crdb: target-version=25.2\nCREATE SCHEDULE s FOR BACKUP INTO 's3://sched/only' RECURRING '@daily';\n",
      'dr/restore.sql': "-- crdb: target-version=25.2\nRESTORE DATABASE bank FROM LATEST IN 's3://acme/prod';\nRESTORE DATABASE bank FROM LATEST IN 's3://sched/only';\n",
    });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const json = (args: string[]) => {
    const r = run(['--today', '2025-06-01', '--format', 'json', ...args], dir);
    return { code: r.code, findings: JSON.parse(r.out) as { file: string; line: number; rule: string; message: string }[] };
  };

  it('a RESTORE in one file is checked against the BACKUPs into its collection in the others (the highest version wins)', () => {
    const r = json(['.']);
    assert.strictEqual(r.code, 1);
    assert.deepStrictEqual(
      r.findings.map((f) => `${f.file}:${f.line} ${f.rule}`),
      ['dr/restore.sql:2 restore-skips-release', 'dr/restore.sql:3 missing-version'],
    );
    assert.match(r.findings[0].message, /Backup version: 24\.1 \(BACKUP in ops\/nightly\.sql on line 2\)/);
    // A schedule is no version fact: the RESTORE cannot be checked (why is in the editor's hover).
    assert.strictEqual(r.findings[1].message, 'This RESTORE cannot be checked: its backup version is unknown.');
  });

  it('only the files given count: alone, the RESTORE has no backup version', () => {
    const r = json(['dr/restore.sql']);
    assert.deepStrictEqual(r.findings.map((f) => f.rule), ['missing-version', 'missing-version']);
  });

  it('the collections setting of the config file comes before the other files', () => {
    fs.writeFileSync(path.join(dir, 'cfg.json'), '{ "collections": { "s3://acme/prod": "25.2" } }');
    const r = json(['--config', 'cfg.json', '.']);
    assert.deepStrictEqual(r.findings.map((f) => `${f.file}:${f.line} ${f.rule}`), ['dr/restore.sql:3 missing-version']);
  });
});
