// Diagnostics over the protocol: pushed (publishDiagnostics) to clients without the pull
// capability, pulled (textDocument/diagnostic, workspace/diagnostic) by clients with it.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { briefDiagnostics, fileUri, memUri, REPO_ROOT, serverFor, TODAY } from './lspClient';

const docsHref = (rule: string) => fileUri(path.join(REPO_ROOT, 'docs', 'rules', `${rule}.md`));

const SKIPS_SQL = `-- crdb: backup-version=23.2 target-version=24.3
RESTORE DATABASE bank FROM LATEST IN 's3://backups/bank';
`;
const SKIPS_MESSAGE = 'Restoring a 23.2 backup into 24.3 skips regular release 24.1 (supported targets: 23.2, 24.1).';

/** The markdown example of docs/behaviour.md#examples. */
const SPEC_RUNBOOK = `<!-- crdb: target-version=23.2 -->
Take the backup on the old cluster:
\`\`\`sql
BACKUP INTO 's3://backups/prod?AUTH=implicit';
\`\`\`
<!-- crdb: target-version=24.3 mixed-version -->
Restore on the new cluster:
\`\`\`sql
RESTORE FROM LATEST IN 's3://backups/prod';
\`\`\`
`;

const OLDER_SQL = `-- crdb: backup-version=25.2 target-version=24.3
RESTORE TABLE bank.accounts FROM LATEST IN 'gs://b/c';
`;

/** The finding points to the directive values its versions came from (SKIPS_SQL's line 1: 23.2 at 24–28, 24.3 at 44–48). */
function skipsDiagnostic(line: number, start: number, end: number, uri: string, directiveLine = 0, message = SKIPS_MESSAGE): Diagnostic {
  const at = (s: number, e: number) => ({ uri, range: { start: { line: directiveLine, character: s }, end: { line: directiveLine, character: e } } });
  return {
    range: { start: { line, character: start }, end: { line, character: end } },
    severity: 1,
    source: 'crdb-restore-guard',
    code: 'restore-skips-release',
    codeDescription: { href: docsHref('restore-skips-release') },
    message,
    relatedInformation: [
      { location: at(24, 28), message: `Backup version 23.2: directive on line ${directiveLine + 1}` },
      { location: at(44, 48), message: `Target version 24.3: directive on line ${directiveLine + 1}` },
    ],
  };
}

describe('protocol: push diagnostics (publishDiagnostics)', () => {
  const client = serverFor({ profile: 'push' });

  it('didOpen of a .sql file publishes the exact diagnostic, with the document version', async () => {
    const c = client();
    const uri = memUri('push-open.sql');
    const mark = await c.open(uri, SKIPS_SQL);
    const published = await c.waitFor(c.published, (p) => p.uri === uri, 'first publish', mark);
    assert.strictEqual(published.version, 1);
    assert.deepStrictEqual(published.diagnostics, [skipsDiagnostic(1, 0, 57, uri)]);
  });

  it('incremental didChange events re-publish for each version, ranges following the edits', async () => {
    const c = client();
    const uri = memUri('push-change.sql');
    let mark = await c.open(uri, SKIPS_SQL);
    assert.deepStrictEqual(await c.waitForDiagnostics(uri, 1, mark), [skipsDiagnostic(1, 0, 57, uri)]);

    // target-version=24.3 → 24.1: supported.
    mark = c.mark();
    let v = await c.change(uri, [{ range: { start: { line: 0, character: 44 }, end: { line: 0, character: 48 } }, text: '24.1' }]);
    assert.strictEqual(v, 2);
    assert.deepStrictEqual(await c.waitForDiagnostics(uri, 2, mark), []);

    // Two changes in one notification, the second against the text the first produced.
    mark = c.mark();
    v = await c.change(uri, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'SELECT 1;\n\n' },
      { range: { start: { line: 2, character: 44 }, end: { line: 2, character: 48 } }, text: '24.3' },
    ]);
    assert.strictEqual(c.text(uri), `SELECT 1;\n\n${SKIPS_SQL}`);
    assert.deepStrictEqual(await c.waitForDiagnostics(uri, v, mark), [skipsDiagnostic(3, 0, 57, uri, 2)]);

    // Delete the two lines again.
    mark = c.mark();
    v = await c.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } }, text: '' }]);
    assert.deepStrictEqual(await c.waitForDiagnostics(uri, v, mark), [skipsDiagnostic(1, 0, 57, uri)]);

    // Append a second, older-version RESTORE.
    mark = c.mark();
    v = await c.change(uri, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: OLDER_SQL }]);
    assert.deepStrictEqual(briefDiagnostics(await c.waitForDiagnostics(uri, v, mark)), [
      'restore-skips-release@1:0-1:57 1',
      'restore-to-older-version@3:0-3:54 1',
    ]);
  });

  it('markdown runbooks: the documented example (docs/behaviour.md#examples) gives both errors on the RESTORE line, the backup version from the BACKUP', async () => {
    const c = client();
    const uri = memUri('push-runbook.md');
    const mark = await c.open(uri, SPEC_RUNBOOK);
    const ds = await c.waitForDiagnostics(uri, 1, mark);
    assert.deepStrictEqual(briefDiagnostics(ds), ['full-restore-mixed-version@8:0-8:43 1', 'restore-skips-release@8:0-8:43 1']);
    assert.deepStrictEqual(
      ds.map((d) => [d.source, d.codeDescription?.href]),
      [
        ['crdb-restore-guard', docsHref('full-restore-mixed-version')],
        ['crdb-restore-guard', docsHref('restore-skips-release')],
      ],
    );
    assert.strictEqual(ds[0].message, 'Full-cluster RESTORE fails while the cluster is mid-upgrade (mixed-version on line 6); finalize the upgrade first.');
    assert.strictEqual(ds[1].message, SKIPS_MESSAGE);
    // Where the versions came from: the BACKUP on line 4 and the directive value on line 6, clickable in Problems.
    assert.deepStrictEqual(ds[1].relatedInformation, [
      { location: { uri, range: { start: { line: 3, character: 0 }, end: { line: 3, character: 6 } } }, message: 'Backup version 23.2: BACKUP on line 4' },
      { location: { uri, range: { start: { line: 5, character: 26 }, end: { line: 5, character: 30 } } }, message: 'Target version 24.3: directive on line 6' },
    ]);
  });

  it('maps every severity: information for missing-version, warning for unknown-directive-key', async () => {
    const c = client();
    const uri = memUri('push-severity.sql');
    const text = `-- crdb: target-verison=24.3\nRESTORE DATABASE bank FROM LATEST IN 's3://backups/bank';\n`;
    const mark = await c.open(uri, text);
    const ds = await c.waitForDiagnostics(uri, 1, mark);
    assert.deepStrictEqual(briefDiagnostics(ds), ['unknown-directive-key@0:9-0:23 2', 'missing-version@1:0-1:57 3']);
    assert.strictEqual(ds[0].message, 'Unknown crdb: directive key "target-verison" (not applied); did you mean "target-version"?');
  });

  // Defect: the status item showed ✓ with errors present (the status carried only a total).
  it('the status notification of a document counts its errors and warnings', async () => {
    const c = client();
    const uri = memUri('push-status.sql');
    const mark = await c.open(uri, `-- crdb: target-verison=24.3\n${SKIPS_SQL}`);
    const st = await c.waitFor(c.statuses, (p) => p.uri === uri, 'crdbRestoreGuard/status', mark);
    assert.deepStrictEqual([st.state, st.findings, st.errors, st.warnings], ['ok', 2, 1, 1]);
  });

  it('positions are UTF-16 columns and CRLF line ends are not part of a range', async () => {
    const c = client();
    const uri = memUri('push-utf16.sql');
    const text = `-- crdb: backup-version=23.2 target-version=24.3\r\n/* 🚀 */ RESTORE DATABASE bank FROM LATEST IN 's3://backups/bank';\r\n`;
    const mark = await c.open(uri, text);
    // "/* 🚀 */ " is 9 UTF-16 code units (the emoji is a surrogate pair); the line is 66.
    assert.deepStrictEqual(briefDiagnostics(await c.waitForDiagnostics(uri, 1, mark)), ['restore-skips-release@1:9-1:66 1']);
  });

  it('didClose clears the document’s diagnostics', async () => {
    const c = client();
    const uri = memUri('push-close.sql');
    let mark = await c.open(uri, SKIPS_SQL);
    await c.waitForDiagnostics(uri, 1, mark);
    mark = c.mark();
    await c.close(uri);
    const cleared = await c.waitFor(c.published, (p) => p.uri === uri, 'publish after close', mark);
    assert.deepStrictEqual(cleared.diagnostics, []);
  });
});

describe('protocol: pull diagnostics (textDocument/diagnostic)', () => {
  const client = serverFor({ profile: 'pull' });

  it('answers a full report for an open document and tracks its changes; nothing is pushed', async () => {
    const c = client();
    const uri = memUri('pull-doc.sql');
    await c.open(uri, SKIPS_SQL);
    assert.deepStrictEqual(await c.pull(uri), [skipsDiagnostic(1, 0, 57, uri)]);
    await c.change(uri, [{ range: { start: { line: 0, character: 44 }, end: { line: 0, character: 48 } }, text: '24.1' }]);
    assert.deepStrictEqual(await c.pull(uri), []);
    await c.change(uri, [{ range: { start: { line: 0, character: 44 }, end: { line: 0, character: 48 } }, text: '22.2' }]);
    // 22.2 is past its support on TODAY, and older than the backup.
    assert.deepStrictEqual(briefDiagnostics(await c.pull(uri)), ['version-end-of-support@0:44-0:48 2', 'restore-to-older-version@1:0-1:57 1']);
    assert.deepStrictEqual(c.publishedAfter(uri, 0), []);
  });

  it('markdown documents report the same findings as push clients get', async () => {
    const c = client();
    const uri = memUri('pull-runbook.md');
    await c.open(uri, SPEC_RUNBOOK);
    assert.deepStrictEqual(briefDiagnostics(await c.pull(uri)), ['full-restore-mixed-version@8:0-8:43 1', 'restore-skips-release@8:0-8:43 1']);
  });

  it('a pull with the previous result id is answered "unchanged" while typing moves no diagnostic, and in full once one changes', async () => {
    const c = client();
    const uri = memUri('pull-unchanged.md');
    interface Report {
      kind: 'full' | 'unchanged';
      resultId?: string;
      items?: Diagnostic[];
    }
    const pull = (previousResultId?: string) => c.request<Report>('textDocument/diagnostic', { textDocument: { uri }, previousResultId });
    await c.open(uri, SPEC_RUNBOOK);
    const first = await pull();
    assert.strictEqual(first.kind, 'full');
    assert.ok(first.resultId && first.items && first.items.length === 2, JSON.stringify(first));
    // Typing in prose on a line no diagnostic or related location is on.
    await c.change(uri, [{ range: { start: { line: 1, character: 35 }, end: { line: 1, character: 35 } }, text: ' now' }]);
    assert.deepStrictEqual(await pull(first.resultId), { kind: 'unchanged', resultId: first.resultId });
    // Without a previous id, or with another one (another server's, a stale one), the full report.
    assert.strictEqual((await pull()).kind, 'full');
    assert.strictEqual((await pull(`${first.resultId}0`)).kind, 'full');
    // The directive the finding relates to changes: a new report with a new id.
    await c.change(uri, [{ range: { start: { line: 5, character: 26 }, end: { line: 5, character: 30 } }, text: '24.1' }]);
    const changed = await pull(first.resultId);
    assert.strictEqual(changed.kind, 'full');
    assert.notStrictEqual(changed.resultId, first.resultId);
    assert.deepStrictEqual(briefDiagnostics(changed.items ?? []), ['full-restore-mixed-version@8:0-8:43 1']);
    // Back to 24.3, then a character typed before the RESTORE its diagnostics are on: each in full.
    await c.change(uri, [{ range: { start: { line: 5, character: 26 }, end: { line: 5, character: 30 } }, text: '24.3' }]);
    const back = await pull(changed.resultId);
    assert.strictEqual(back.kind, 'full');
    await c.change(uri, [{ range: { start: { line: 8, character: 0 }, end: { line: 8, character: 0 } }, text: ' ' }]);
    const moved = await pull(back.resultId);
    assert.strictEqual(moved.kind, 'full');
    assert.deepStrictEqual(briefDiagnostics(moved.items ?? []), ['full-restore-mixed-version@8:1-8:44 1', 'restore-skips-release@8:1-8:44 1']);
  });

  it('a document that is not open gets an empty full report', async () => {
    const c = client();
    const r = await c.request('textDocument/diagnostic', { textDocument: { uri: memUri('never-opened.sql') } });
    assert.deepStrictEqual(r, { kind: 'full', items: [] });
  });

  // Defect: after "Restart Server", a file created then got no diagnostics until reopened (the
  // client pulled before its didOpen, and the empty answer stood).
  it('a document pulled before its didOpen: when it opens, the client is asked to pull again, and the pull has its findings', async () => {
    const c = client();
    const uri = memUri('pulled-before-open.sql');
    assert.deepStrictEqual(await c.request('textDocument/diagnostic', { textDocument: { uri } }), { kind: 'full', items: [] });
    const mark = c.mark();
    await c.open(uri, SKIPS_SQL);
    await c.waitFor(c.refreshes, () => true, 'workspace/diagnostic/refresh after the late didOpen', mark);
    assert.deepStrictEqual(briefDiagnostics(await c.pull(uri)), ['restore-skips-release@1:0-1:57 1']);
    // A document opened normally causes no refresh.
    const mark2 = c.mark();
    const other = memUri('opened-first.sql');
    await c.open(other, SKIPS_SQL);
    await c.pull(other);
    assert.deepStrictEqual(c.refreshes.filter((r) => r.seq > mark2), []);
  });
});

describe('protocol: workspace diagnostics (workspace/diagnostic)', () => {
  let ws = '';
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true });
    fs.writeFileSync(path.join(ws, rel), text);
  };
  const uriOf = (rel: string) => fileUri(path.join(ws, rel));
  const client = serverFor(() => {
    ws = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'crdb-guard-ws-')));
    write('.gitignore', 'ignored/\nsecret.sql\n');
    write('clean.sql', "-- crdb: backup-version=24.1 target-version=24.3\nRESTORE DATABASE bank FROM LATEST IN 's3://b/bank';\n");
    write('runbook.md', SPEC_RUNBOOK);
    write('scripts/older.sql', OLDER_SQL);
    write('open.sql', SKIPS_SQL);
    write('notes.txt', SKIPS_SQL);
    write('ignored/skip.sql', SKIPS_SQL);
    write('secret.sql', SKIPS_SQL);
    write('node_modules/dep/x.sql', SKIPS_SQL);
    return { profile: 'pull', workspaceFolder: ws, settings: { today: TODAY } };
  });
  after(() => {
    if (ws) fs.rmSync(ws, { recursive: true, force: true });
  });

  interface Report {
    kind: 'full' | 'unchanged';
    uri: string;
    version: number | null;
    resultId?: string;
    items?: Diagnostic[];
  }
  const workspaceDiagnostics = async (previous: { uri: string; value: string }[] = []) => {
    const r = await client().request<{ items: Report[] }>('workspace/diagnostic', { previousResultIds: previous });
    return [...r.items].sort((a, b) => a.uri.localeCompare(b.uri));
  };
  const summary = (items: Report[]) => items.map((i) => [i.uri, i.kind, i.version, i.items && briefDiagnostics(i.items)]);

  it('reports every .sql/.md file on disk that is not open, honouring .gitignore', async () => {
    const c = client();
    await c.open(uriOf('open.sql'), SKIPS_SQL);
    const items = await workspaceDiagnostics();
    assert.deepStrictEqual(summary(items), [
      [uriOf('clean.sql'), 'full', null, []],
      [uriOf('runbook.md'), 'full', null, ['full-restore-mixed-version@8:0-8:43 1', 'restore-skips-release@8:0-8:43 1']],
      [uriOf('scripts/older.sql'), 'full', null, ['restore-to-older-version@1:0-1:54 1']],
    ]);
    const older = items[2].items![0];
    assert.strictEqual(older.source, 'crdb-restore-guard');
    assert.strictEqual(older.codeDescription?.href, docsHref('restore-to-older-version'));
    assert.ok(items.every((i) => typeof i.resultId === 'string' && i.resultId.length > 0));
  });

  it('answers "unchanged" for files whose previous result id still holds, and a new full report after an edit on disk', async () => {
    const first = await workspaceDiagnostics();
    const previous = first.map((i) => ({ uri: i.uri, value: i.resultId! }));
    assert.deepStrictEqual(summary(await workspaceDiagnostics(previous)), [
      [uriOf('clean.sql'), 'unchanged', null, undefined],
      [uriOf('runbook.md'), 'unchanged', null, undefined],
      [uriOf('scripts/older.sql'), 'unchanged', null, undefined],
    ]);
    write('scripts/older.sql', OLDER_SQL.replace('target-version=24.3', 'target-version=25.2.1'));
    assert.deepStrictEqual(summary(await workspaceDiagnostics(previous)), [
      [uriOf('clean.sql'), 'unchanged', null, undefined],
      [uriOf('runbook.md'), 'unchanged', null, undefined],
      [uriOf('scripts/older.sql'), 'full', null, []],
    ]);
  });

  it('a document closed in the editor is reported from disk again', async () => {
    const c = client();
    await c.close(uriOf('open.sql'));
    const items = await workspaceDiagnostics();
    assert.deepStrictEqual(
      summary(items).filter(([uri]) => uri === uriOf('open.sql')),
      [[uriOf('open.sql'), 'full', null, ['restore-skips-release@1:0-1:57 1']]],
    );
  });

  it('the workspaceDiagnostics: false setting turns the workspace report off', async () => {
    const c = client();
    c.settings = { today: TODAY, workspaceDiagnostics: false };
    const mark = c.mark();
    await c.notify('workspace/didChangeConfiguration', { settings: { crdbRestoreGuard: c.settings } });
    await c.waitFor(c.refreshes, () => true, 'workspace/diagnostic/refresh', mark);
    assert.deepStrictEqual(await workspaceDiagnostics(), []);
  });
});

// Defect: "Show documentation" opened the shipped rule page as a document, which was then
// analysed and left a false error in Problems; files outside the workspace folders were analysed too.
describe('protocol: documents outside the workspace folders, and the shipped docs, are not analysed', () => {
  let root = '';
  const client = serverFor(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'crdb-guard-scope-')));
    fs.mkdirSync(path.join(root, 'ws'));
    return { profile: 'pull', workspaceFolder: path.join(root, 'ws'), settings: { today: TODAY } };
  });
  after(() => {
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('a file inside the folder gets its diagnostics; one outside it, and a rule page of the shipped docs, get none', async () => {
    const c = client();
    const inside = fileUri(path.join(root, 'ws', 'runbook.sql'));
    const outside = fileUri(path.join(root, 'elsewhere', 'runbook.sql'));
    const docsPage = fileUri(path.join(REPO_ROOT, 'docs', 'rules', 'restore-skips-release.md'));
    await c.open(inside, SKIPS_SQL);
    await c.open(outside, SKIPS_SQL);
    await c.open(docsPage, '```sql\n' + SKIPS_SQL + '```\n');
    assert.deepStrictEqual(briefDiagnostics(await c.pull(inside)), ['restore-skips-release@1:0-1:57 1']);
    assert.deepStrictEqual(await c.pull(outside), []);
    assert.deepStrictEqual(await c.pull(docsPage), []);
    // No hover either: the document is not served.
    assert.strictEqual(await c.request('textDocument/hover', { textDocument: { uri: outside }, position: { line: 1, character: 2 } }), null);
  });
});
