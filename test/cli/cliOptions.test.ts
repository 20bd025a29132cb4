// The CLI's options for people, fixers and CI (README.md, "Command line"): the stylish default, colour
// rules, --fix / --fix-dry-run (the editor's fix-all, applied to files), --quiet,
// --max-warnings, --stdin, --print-config, the gitlab and junit reports, control characters
// escaped, and a closed pipe. Run as users run it: dist/cli.js in a child process.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CodeAction } from 'vscode-languageserver-protocol/node';
import type { CliFinding } from '../../server/src/cli/formats';
import { formatStylish } from '../../server/src/cli/stylish';
import { wantsColour, escapeControl } from '../../server/src/cli/terminalText';
import { serverFor, memUri } from '../protocol/lspClient';

const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');

function run(args: string[], cwd: string, opts: { input?: string; env?: Record<string, string> } = {}): { code: number; out: string; err: string } {
  const env = { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...opts.env };
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 30000, input: opts.input, env });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

function workspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crdb-cliopt-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const SKIP = "-- crdb: backup-version=23.2 target-version=24.3\nRESTORE DATABASE bank FROM LATEST IN 's3://b/bank';\n";
const INFO = "RESTORE DATABASE bank FROM LATEST IN 's3://b/bank';\n";
// An end-of-support warning on 2026-11-26 (24.1 is out of support then), and no error.
const WARN = "-- crdb: backup-version=24.1 target-version=24.3\nRESTORE DATABASE bank FROM LATEST IN 's3://b/bank';\n";
/** Three unambiguous fixes (two misspelt values, one misspelt key) and two findings they leave. */
const FIXABLE = `-- crdb: backup-version=24.1 target-verison=24.3 mixed-version=yes
RESTORE DATABASE bank FROM LATEST IN 's3://backups/bank';
-- crdb: ignore=restore-skip-release
RESTORE DATABASE bank FROM LATEST IN 's3://backups/bank';
-- crdb: backup-version=23.2 target-version=24.3
RESTORE DATABASE bank FROM LATEST IN 's3://backups/other';
`;
const FIXABLE_MD = '# Runbook\n\n<!-- crdb: backup-verison=23.2 target-version=24.1 -->\n```sql\n' + INFO + '```\n';

describe('CLI options (dist/cli.js)', function () {
  this.timeout(60000);
  let dir: string;
  before(() => {
    dir = workspace({ 'a.sql': SKIP, 'info.sql': INFO, 'warn.sql': WARN, 'docs/runbook.md': '# R\n\n```sql\n' + SKIP + '```\n' });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stylish (default): a header per file, aligned rows, a summary; no colour off a terminal', () => {
    const r = run(['--today', '2025-06-01', 'a.sql', 'info.sql', 'docs'], dir);
    assert.strictEqual(r.code, 1);
    assert.ok(!r.out.includes('\u001b'), 'no escape sequences when stdout is not a TTY');
    const lines = r.out.split('\n');
    assert.deepStrictEqual(lines.slice(0, 3), ['', 'a.sql', lines[2]]);
    assert.match(lines[2], /^ {2}2:1 {2}error {2}Restoring a 23\.2 backup into 24\.3 skips regular release 24\.1 \(supported targets: 23\.2, 24\.1\)\. {2}restore-skips-release$/);
    assert.ok(lines.includes('docs/runbook.md') && lines.includes('info.sql'));
    assert.match(r.out, /^ {2}1:1 {2}info {2}.* {2}missing-version$/m);
    assert.match(r.out.trimEnd(), /\n✖ 3 problems \(2 errors, 0 warnings, 1 info\)$/);
    // --format text is the same output.
    assert.strictEqual(run(['--today', '2025-06-01', '--format', 'text', 'a.sql', 'info.sql', 'docs'], dir).out, r.out);
  });

  it('colour: FORCE_COLOR turns it on without a terminal; NO_COLOR and a dumb terminal turn it off', () => {
    const r = run(['--today', '2025-06-01', 'a.sql'], dir, { env: { FORCE_COLOR: '1' } });
    assert.ok(r.out.includes('\u001b[31merror'), r.out);
    assert.strictEqual(wantsColour({}, true), true);
    assert.strictEqual(wantsColour({}, false), false);
    assert.strictEqual(wantsColour({ NO_COLOR: '1' }, true), false);
    assert.strictEqual(wantsColour({ TERM: 'dumb' }, true), false);
    assert.strictEqual(wantsColour({ FORCE_COLOR: '0' }, true), false);
    assert.strictEqual(wantsColour({ FORCE_COLOR: '1', NO_COLOR: '1' }, false), true);
  });

  it('stylish: a file with 300,000 findings is formatted (no argument-count limit on widths)', () => {
    const many: CliFinding[] = Array.from({ length: 300000 }, (_, i) => ({
      file: 'big.sql',
      line: i + 1,
      column: 1,
      endLine: i + 1,
      endColumn: 5,
      severity: 'information',
      rule: 'missing-version',
      message: `m${i}`,
    }));
    const out = formatStylish(many, false);
    assert.match(out, /\n {2}300000:1 {2}info {2}m299999 {2}missing-version\n\n✖ 300000 problems \(0 errors, 0 warnings, 300000 info\)$/);
  });

  it('no findings: stylish prints nothing and exits 0', () => {
    const ws = workspace({ 'ok.sql': "-- crdb: backup-version=24.1 target-version=24.3\nRESTORE DATABASE bank FROM LATEST IN 's3://b/bank';\n" });
    const r = run(['--today', '2025-06-01', 'ok.sql'], ws);
    assert.deepStrictEqual([r.code, r.out, r.err], [0, '', '']);
    fs.rmSync(ws, { recursive: true, force: true });
  });

  it('--quiet reports errors only; --max-warnings N fails on more than N warnings', () => {
    const q = run(['--today', '2026-11-26', '--quiet', '--format', 'json', 'a.sql', 'info.sql', 'warn.sql'], dir);
    const list = JSON.parse(q.out) as { severity: string; file: string }[];
    assert.ok(list.length > 0 && list.every((f) => f.severity === 'error'), q.out);
    const w = run(['--today', '2026-11-26', '--format', 'json', 'warn.sql'], dir);
    const warnings = (JSON.parse(w.out) as { severity: string }[]).filter((f) => f.severity === 'warning').length;
    assert.ok(warnings >= 1);
    assert.strictEqual(w.code, 0);
    assert.strictEqual(run(['--today', '2026-11-26', '--max-warnings', String(warnings), 'warn.sql'], dir).code, 0);
    const over = run(['--today', '2026-11-26', '--max-warnings', String(warnings - 1), 'warn.sql'], dir);
    assert.strictEqual(over.code, 1);
    assert.match(over.err, new RegExp(`too many warnings \\(${warnings}\\); the maximum is ${warnings - 1}`));
    // --quiet hides the warnings, --max-warnings still counts them.
    assert.strictEqual(run(['--today', '2026-11-26', '--quiet', '--max-warnings', '0', 'warn.sql'], dir).code, 1);
    assert.strictEqual(run(['--max-warnings', 'many', 'warn.sql'], dir).code, 2);
  });

  it('--stdin with --stdin-filename: the name gives the language and is reported', () => {
    const md = '# Runbook\n\n```sql\n' + SKIP + '```\n';
    const r = run(['--today', '2025-06-01', '--format', 'compact', '--stdin', '--stdin-filename', 'ops/runbook.md'], dir, { input: md });
    assert.strictEqual(r.code, 1);
    assert.match(r.out, /^ops\/runbook\.md:5:1 error restore-skips-release /m);
    // As SQL, the same text is not SQL at its first line: markdown extraction was used above.
    const plain = run(['--today', '2025-06-01', '--format', 'compact', '--stdin'], dir, { input: SKIP });
    assert.match(plain.out, /^<stdin>:2:1 error restore-skips-release /m);
    assert.strictEqual(run(['--stdin', 'a.sql'], dir).code, 2);
    assert.strictEqual(run(['--stdin', '--fix'], dir, { input: SKIP }).code, 2);
  });

  it('--print-config: the config file and every setting in force, defaults filled in', () => {
    const ws = workspace({ '.crdb-restore-guard.json': JSON.stringify({ rules: { 'missing-version': 'off' }, defaultTargetVersion: '24.3' }) });
    const r = run(['--print-config', '--today', '2025-06-01'], ws);
    assert.strictEqual(r.code, 0);
    const c = JSON.parse(r.out);
    assert.strictEqual(c.configFile, '.crdb-restore-guard.json');
    assert.strictEqual(c.settings.defaultTargetVersion, '24.3');
    assert.strictEqual(c.settings.today, '2025-06-01');
    assert.strictEqual(c.settings.rules['missing-version'], 'off');
    assert.strictEqual(c.settings.rules['restore-skips-release'], 'error');
    fs.rmSync(ws, { recursive: true, force: true });
  });

  it('--format gitlab: GitLab Code Quality issues with stable, unique fingerprints', () => {
    const r = run(['--today', '2025-06-01', '--format', 'gitlab', 'a.sql', 'info.sql'], dir);
    const issues = JSON.parse(r.out);
    assert.deepStrictEqual(
      issues.map((i: { check_name: string; severity: string; location: unknown }) => [i.check_name, i.severity, i.location]),
      [
        ['restore-skips-release', 'major', { path: 'a.sql', lines: { begin: 2, end: 2 } }],
        ['missing-version', 'info', { path: 'info.sql', lines: { begin: 1, end: 1 } }],
      ],
    );
    for (const i of issues) assert.match(i.fingerprint, /^[0-9a-f]{64}$/);
    assert.notStrictEqual(issues[0].fingerprint, issues[1].fingerprint);
    assert.deepStrictEqual(JSON.parse(run(['--today', '2025-06-01', '--format', 'gitlab', 'a.sql', 'info.sql'], dir).out), issues);
  });

  it('--format junit: a suite per file, a failure per error or warning, a passing case for a clean file', () => {
    const ws = workspace({ 'a.sql': SKIP, 'ok.sql': "-- crdb: backup-version=24.1 target-version=24.3\nRESTORE DATABASE bank FROM LATEST IN 's3://b/<x>&';\n" });
    const r = run(['--today', '2025-06-01', '--format', 'junit', '.'], ws);
    assert.strictEqual(r.code, 1);
    assert.match(r.out, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="crdb-restore-guard" tests="2" failures="1" errors="0">/);
    assert.match(r.out, /<testsuite name="a\.sql" tests="1" failures="1" errors="0">\n {4}<testcase classname="a\.sql" name="restore-skips-release at 2:1">\n {6}<failure type="error" message="Restoring a 23\.2 backup/);
    assert.match(r.out, /<testsuite name="ok\.sql" tests="1" failures="0" errors="0">\n {4}<testcase classname="ok\.sql" name="crdb-restore-guard"\/>/);
    assert.ok(!/<[^>]*&(?!amp;|lt;|gt;|quot;)/.test(r.out), 'markup in text is escaped');
    fs.rmSync(ws, { recursive: true, force: true });
  });

  describe('--fix and --fix-dry-run apply the editor fix-all', () => {
    const server = serverFor({ profile: 'push', settings: { today: '2025-06-01' } });

    /** The text after the server's source.fixAll.crdbRestoreGuard action on `text`. */
    async function editorFixAll(name: string, text: string): Promise<string> {
      const c = server();
      const uri = memUri(name);
      const mark = await c.open(uri, text);
      await c.waitForDiagnostics(uri, 1, mark);
      const [action] = await c.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll.crdbRestoreGuard'] },
      });
      return action ? (await c.applyWorkspaceEdit(uri, action.edit!)).text : text;
    }

    it('--fix writes the same text as the editor fix-all and reports what is left', async () => {
      const ws = workspace({ 'fix.sql': FIXABLE, 'fix.md': FIXABLE_MD, 'clean.sql': SKIP });
      const r = run(['--today', '2025-06-01', '--fix', '--format', 'compact', '.'], ws);
      assert.match(r.err, /fixed 4 problem\(s\) in 2 file\(s\)/);
      assert.strictEqual(fs.readFileSync(path.join(ws, 'fix.sql'), 'utf8'), await editorFixAll('fix.sql', FIXABLE));
      assert.strictEqual(fs.readFileSync(path.join(ws, 'fix.md'), 'utf8'), await editorFixAll('fix.md', FIXABLE_MD));
      assert.strictEqual(fs.readFileSync(path.join(ws, 'clean.sql'), 'utf8'), SKIP, 'a file without an unambiguous fix is not rewritten');
      assert.match(fs.readFileSync(path.join(ws, 'fix.sql'), 'utf8'), /target-version=24\.3 mixed-version=true\n/);
      // Left: the skipped release in both SQL files (not fixable without a choice); the
      // runbook's RESTORE, checkable once the key is right, is supported (23.2 → 24.1).
      assert.deepStrictEqual(
        r.out.trim().split('\n').map((l) => l.split(' ').slice(0, 3).join(' ')),
        ['clean.sql:2:1 error restore-skips-release', 'fix.sql:6:1 error restore-skips-release'],
      );
      assert.strictEqual(r.code, 1);
      fs.rmSync(ws, { recursive: true, force: true });
    });

    it('--fix-dry-run prints a unified diff that git apply turns into the --fix result, and writes nothing', () => {
      const ws = workspace({ 'fix.sql': FIXABLE, 'sub/fix.md': FIXABLE_MD });
      const r = run(['--today', '2025-06-01', '--fix-dry-run', '.'], ws);
      assert.strictEqual(fs.readFileSync(path.join(ws, 'fix.sql'), 'utf8'), FIXABLE);
      assert.match(r.out, /^--- a\/fix\.sql\n\+\+\+ b\/fix\.sql\n@@ -1,6 \+1,6 @@\n--- crdb: backup-version=24\.1 target-verison=24\.3 mixed-version=yes\n\+-- crdb: backup-version=24\.1 target-version=24\.3 mixed-version=true\n/);
      assert.match(r.err, /4 problem\(s\) in 2 file\(s\) have a fix; 1 problem\(s\) would be left/);
      fs.writeFileSync(path.join(ws, 'fixes.diff'), r.out + '\n');
      const applied = spawnSync('git', ['apply', '--unsafe-paths', '-p1', 'fixes.diff'], { cwd: ws, encoding: 'utf8' });
      assert.strictEqual(applied.status, 0, applied.stderr);
      const patched = ['fix.sql', 'sub/fix.md'].map((f) => fs.readFileSync(path.join(ws, f), 'utf8'));
      fs.writeFileSync(path.join(ws, 'fix.sql'), FIXABLE);
      fs.writeFileSync(path.join(ws, 'sub/fix.md'), FIXABLE_MD);
      run(['--today', '2025-06-01', '--fix', '.'], ws);
      assert.deepStrictEqual(patched, ['fix.sql', 'sub/fix.md'].map((f) => fs.readFileSync(path.join(ws, f), 'utf8')));
      // From stdin too (for editor integrations that only show the diff).
      const s = run(['--today', '2025-06-01', '--fix-dry-run', '--stdin', '--stdin-filename', 'x.sql'], ws, { input: FIXABLE });
      assert.match(s.out, /^--- a\/x\.sql\n/);
      fs.rmSync(ws, { recursive: true, force: true });
    });
  });

  it('control characters in document text and file names are shown escaped in text formats', () => {
    // Document text reaches a message through a misspelt directive key, which the message quotes.
    const evil = "-- crdb: target-versio\u001b]0;pwned\u0007\u001b[2J=24.1\nRESTORE DATABASE bank FROM LATEST IN 's3://b';\n";
    const ws = workspace({ 'evil.sql': evil, 'x\u001b[31m.sql': INFO });
    for (const format of ['stylish', 'compact', 'github']) {
      const r = run(['--today', '2025-06-01', '--format', format, '.'], ws);
      assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f]/.test(r.out + r.err), `${format}: raw control character in ${JSON.stringify(r.out)}`);
      assert.ok(r.out.includes('\\x1B]0;pwned\\x07\\x1B[2J'), `${format}: ${r.out}`);
      assert.ok(r.out.includes('x\\x1B[31m.sql'), `${format}: file name ${r.out}`);
    }
    // Machine formats keep the exact text (JSON escapes it itself).
    const j = JSON.parse(run(['--today', '2025-06-01', '--format', 'json', 'evil.sql'], ws).out);
    assert.ok(j[0].message.includes('\u001b[2J'));
    assert.strictEqual(escapeControl('a\tb\u202ec\u0085'), 'a\\tb\\u202Ec\\x85');
    fs.rmSync(ws, { recursive: true, force: true });
  });

  it('a reader that closes the pipe early (| head -1): quiet exit with the decided status', () => {
    // Enough information findings (exit 0) to overflow the pipe buffer after head has left.
    const ws = workspace({ 'many.sql': INFO.repeat(3000) });
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" --format compact many.sql | head -1; echo "status=\${PIPESTATUS[0]}" >&2`], {
      cwd: ws,
      encoding: 'utf8',
      timeout: 30000,
    });
    assert.match(r.stdout, /^many\.sql:1:1 information missing-version /);
    assert.strictEqual(r.stdout.trim().split('\n').length, 1);
    assert.ok(!/Error|EPIPE|\n\s+at /.test(r.stderr), r.stderr);
    assert.match(r.stderr, /^status=0$/m, 'exit 0: no error findings');
    fs.rmSync(ws, { recursive: true, force: true });
  });
});
