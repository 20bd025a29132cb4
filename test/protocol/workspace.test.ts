// Collections across files over the protocol (docs/workspace.md): a RESTORE in one file checked
// against the BACKUPs into its collection in the others, in the lookup order (the document, the
// `collections` setting, the other files); open documents' text beating their disk copy; files
// deleted or renamed on disk; documents re-checked when a collection's writers change (push and
// pull); definition, references, hover and workspace symbols on collections; the quick fix that
// adds a collection to the config file; and a 50,000-file workspace held to the size limit.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CodeAction, Diagnostic, Hover, Location, SymbolInformation, WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { fileUri, LspTestClient, posOf, serverFor, TODAY } from './lspClient';

/** The files of the workspace every test here starts from. */
const FILES: Record<string, string> = {
  '.gitignore': 'ignored/\n',
  // Two writers of one collection, spelt differently (scheme and host case, query, trailing /).
  'ops/nightly.sql': "-- crdb: target-version=24.1\nBACKUP INTO 's3://acme/prod?AUTH=implicit';\n",
  'ops/upgrade.md': "# Upgrade\n\n<!-- crdb: target-version=24.3 -->\n\n```sql\nBACKUP INTO 'S3://ACME/prod/';\n```\n",
  // A writer whose version is unknown: listed, never blocking, never winning.
  'ops/adhoc.sql': "BACKUP INTO 's3://acme/prod';\n",
  // Only a schedule writes this one: no version fact.
  'ops/schedule.sql': "-- crdb: target-version=25.2\nCREATE SCHEDULE nightly FOR BACKUP INTO 's3://sched/only' RECURRING '@daily';\n",
  // Two files that disagree about one collection.
  'conflict/a.sql': "-- crdb: target-version=24.1\nBACKUP INTO 's3://conflict/c';\n",
  'conflict/b.sql': "-- crdb: target-version=24.3\nBACKUP INTO 's3://conflict/c';\n",
  // One writer only, for the open-beats-disk and delete/rename cases.
  'solo/writer.sql': "-- crdb: target-version=24.1\nBACKUP INTO 's3://solo/x';\n",
  // Ignored by .gitignore: never a fact.
  'ignored/old.sql': "-- crdb: target-version=22.2\nBACKUP INTO 's3://ignored/c';\n",
};

function makeWorkspace(extra: Record<string, string> = {}): string {
  const ws = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'crdb-guard-collections-')));
  for (const [rel, text] of Object.entries({ ...FILES, ...extra })) {
    fs.mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true });
    fs.writeFileSync(path.join(ws, rel), text);
  }
  return ws;
}

/** `code@line severity` per diagnostic (the statement's line; its end column is the line's end). */
function briefDiagnostics(ds: Diagnostic[]): string[] {
  return ds.map((d) => `${String(d.code)}@${d.range.start.line}:${d.range.start.character} ${d.severity}`);
}

async function indexed(c: LspTestClient): Promise<string> {
  const l = await c.waitFor(c.logs, (m) => /^workspace index: /.test(m.message), 'the workspace index');
  return l.message;
}

/** A restore on a 24.3 cluster (a `.sql` text). */
const restoreOn = (target: string, collection: string, head = '') => `${head}-- crdb: target-version=${target}\nRESTORE DATABASE bank FROM LATEST IN '${collection}';\n`;

describe('protocol: collections across files (push client)', function () {
  this.timeout(30000);
  let ws = '';
  const client = serverFor(() => {
    ws = makeWorkspace();
    return { profile: 'push', workspaceFolder: ws, settings: { today: TODAY } };
  });
  after(() => fs.rmSync(ws, { recursive: true, force: true }));

  let n = 0;
  const opened: string[] = [];
  // What a test opened is closed after it: an open document's BACKUPs are facts for the others.
  afterEach(async () => {
    for (const uri of opened.splice(0)) await client().close(uri);
  });
  /** Opens `text` as a new file of the workspace (not on disk) and returns its uri and diagnostics. */
  /** The hover on the RESTORE a document's first diagnostic is about (the details a short message leaves out). */
  async function hoverText(r: { uri: string; ds: Diagnostic[] }): Promise<string> {
    const h = await client().request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: r.uri }, position: r.ds[0].range.start });
    return h?.contents.value ?? '';
  }

  async function openRestore(text: string, ext = 'sql'): Promise<{ uri: string; ds: Diagnostic[] }> {
    const c = client();
    const uri = fileUri(path.join(ws, 'dr', `restore-${n++}.${ext}`));
    opened.push(uri);
    const mark = await c.open(uri, text);
    return { uri, ds: await c.waitForDiagnostics(uri, 1, mark) };
  }

  it('indexes the workspace folder, .gitignore honoured', async () => {
    assert.match(await indexed(client()), /^workspace index: 7 files read, 7 name a collection, 4 collections, in \d+ ms \(\d+ ms CPU\)$/);
  });

  it('other files: the highest known version among the writers wins (one collection however it is spelt); the message names the file and line', async () => {
    const ok = await openRestore(restoreOn('24.3', 's3://acme/prod'));
    assert.deepStrictEqual(ok.ds, [], '24.3 (ops/upgrade.md) → 24.3 is supported');
    const older = await openRestore(restoreOn('24.1', 's3://ACME/prod/?AUTH=specified'));
    assert.deepStrictEqual(briefDiagnostics(older.ds), ['restore-to-older-version@1:0 1']);
    assert.match(older.ds[0].message, /Backup version: 24\.3 \(BACKUP in ops\/upgrade\.md on line 6\)/);
    // relatedInformation links to that BACKUP's collection in the other file (clickable in Problems),
    // beside the target directive in this one.
    const related = (older.ds[0].relatedInformation ?? []).map((r) => `${r.location.uri}@${r.location.range.start.line}:${r.location.range.start.character} ${r.message}`);
    assert.deepStrictEqual(related, [
      `${older.uri}@0:24 Target version 24.1: directive on line 1`,
      `${fileUri(path.join(ws, 'ops/upgrade.md'))}@5:12 Backup version 24.3: BACKUP in ops/upgrade.md on line 6`,
    ]);
  });

  it('the document first: an earlier BACKUP into the collection, or a backup-version directive, is the answer', async () => {
    const inDoc = await openRestore(restoreOn('24.3', 's3://acme/prod', "-- crdb: target-version=23.2\nBACKUP INTO 's3://acme/prod';\n"));
    assert.deepStrictEqual(briefDiagnostics(inDoc.ds), ['restore-skips-release@3:0 1']);
    assert.match(await hoverText(inDoc), /\| backup \| 23\.2 \| BACKUP on line 2 \|/);
    const directive = await openRestore(restoreOn('24.3', 's3://acme/prod', '-- crdb: backup-version=23.2\n'));
    assert.match(await hoverText(directive), /\| backup \| 23\.2 \| directive on line 1 \|/);
  });

  it('an in-document fact of unknown version is the answer: missing-version, the other files are not asked', async () => {
    const r = await openRestore(restoreOn('24.3', 's3://acme/prod', "BACKUP INTO 's3://acme/prod';\n"));
    assert.deepStrictEqual(briefDiagnostics(r.ds), ['missing-version@2:0 3']);
    assert.match(await hoverText(r), /the BACKUP on line 1 was taken with no target-version in force/);
  });

  it('a BACKUP later in the same document is no fact for the RESTORE above it', async () => {
    const r = await openRestore(`${restoreOn('24.1', 's3://acme/prod')}-- crdb: target-version=22.2\nBACKUP INTO 's3://acme/prod';\n`);
    assert.match(r.ds[0].message, /Backup version: 24\.3 \(BACKUP in ops\/upgrade\.md on line 6\)/);
  });

  it('a schedule-only collection has no version fact: missing-version names the three places tried', async () => {
    const r = await openRestore(restoreOn('24.3', 's3://sched/only'));
    assert.deepStrictEqual(briefDiagnostics(r.ds), ['missing-version@1:0 3']);
    assert.match(await hoverText(r), /no backup-version directive and no BACKUP into 's3:\/\/sched\/only' before it, not in the collections setting, and written by no other file of the workspace/);
  });

  it('a restore of one named backup takes other files\' facts only when all known writers agree', async () => {
    const conflict = await openRestore("-- crdb: target-version=24.3\nRESTORE DATABASE bank FROM '2025/01/01-000000.00' IN 's3://conflict/c';\n");
    assert.deepStrictEqual(briefDiagnostics(conflict.ds), ['missing-version@1:0 3']);
    assert.match(await hoverText(conflict), /do not agree \\?\(conflict\/a\.sql line 2: 24\.1, conflict\/b\.sql line 2: 24\.3\\?\)/);
    const latest = await openRestore(restoreOn('24.3', 's3://conflict/c'));
    assert.deepStrictEqual(latest.ds, [], 'LATEST: the newest writer (24.3) wins');
  });

  it('files ignored by .gitignore are no facts', async () => {
    const r = await openRestore(restoreOn('24.3', 's3://ignored/c'));
    assert.deepStrictEqual(briefDiagnostics(r.ds), ['missing-version@1:0 3']);
  });

  it('markdown runbooks read the other files too', async () => {
    const r = await openRestore("<!-- crdb: target-version=25.2 -->\n```sql\nRESTORE FROM LATEST IN 's3://solo/x';\n```\n", 'md');
    assert.deepStrictEqual(briefDiagnostics(r.ds), ['restore-skips-release@2:0 1']);
    assert.match(r.ds[0].message, /Backup version: 24\.1 \(BACKUP in solo\/writer\.sql on line 2\)/);
  });

  it('an open document\'s unsaved text beats its disk copy, re-checks the documents that read it, and closing it brings the disk copy back', async () => {
    const c = client();
    const reader = await openRestore(restoreOn('24.3', 's3://solo/x'));
    assert.deepStrictEqual(reader.ds, [], 'disk: 24.1 → 24.3 is supported');
    const writer = fileUri(path.join(ws, 'solo/writer.sql'));
    await c.open(writer, "-- crdb: target-version=23.2\nBACKUP INTO 's3://solo/x';\n");
    const mark = c.mark();
    let ds = await c.waitFor(c.published, (p) => p.uri === reader.uri && p.diagnostics.length > 0, 're-check after the open', mark);
    assert.deepStrictEqual(briefDiagnostics(ds.diagnostics), ['restore-skips-release@1:0 1']);
    assert.match(ds.diagnostics[0].message, /Backup version: 23\.2 \(BACKUP in solo\/writer\.sql on line 2\)/);
    // Typing in the writer: the reader follows.
    const m2 = c.mark();
    await c.change(writer, [{ range: { start: { line: 0, character: 24 }, end: { line: 0, character: 28 } }, text: '24.1' }]);
    ds = await c.waitFor(c.published, (p) => p.uri === reader.uri, 're-check after typing', m2);
    assert.deepStrictEqual(ds.diagnostics, []);
    const m3 = c.mark();
    await c.change(writer, [{ range: { start: { line: 0, character: 24 }, end: { line: 0, character: 28 } }, text: '23.2' }]);
    await c.waitFor(c.published, (p) => p.uri === reader.uri && p.diagnostics.length === 1, 're-check after typing again', m3);
    const m4 = c.mark();
    await c.close(writer);
    ds = await c.waitFor(c.published, (p) => p.uri === reader.uri, 're-check after the close', m4);
    assert.deepStrictEqual(ds.diagnostics, [], 'the disk copy (24.1) speaks again');
  });

  it('a file deleted on disk loses its facts; a rename (delete + create) moves them', async () => {
    const c = client();
    fs.mkdirSync(path.join(ws, 'gone'), { recursive: true });
    const file = path.join(ws, 'gone/writer.sql');
    fs.writeFileSync(file, "-- crdb: target-version=24.1\nBACKUP INTO 's3://gone/x';\n");
    let mark = c.mark();
    await c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(file), type: 1 }] });
    const reader = await openRestore(restoreOn('24.3', 's3://gone/x'));
    if (reader.ds.length > 0) await c.waitFor(c.published, (p) => p.uri === reader.uri && p.diagnostics.length === 0, 'the created file counted', mark);
    // Renamed: the old name deleted, the new one created.
    const renamed = path.join(ws, 'gone/renamed.sql');
    fs.renameSync(file, renamed);
    mark = c.mark();
    await c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(file), type: 3 }, { uri: fileUri(renamed), type: 1 }] });
    await waitUntil(async () => {
      const defs = await c.request<Location[] | null>('textDocument/definition', { textDocument: { uri: reader.uri }, position: posOf(c.text(reader.uri), 's3://gone') });
      return defs?.length === 1 && defs[0].uri === fileUri(renamed);
    }, 'the definition to move to the new name');
    // Deleted for good: the reader is re-checked and has no version any more.
    fs.rmSync(renamed);
    mark = c.mark();
    await c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(renamed), type: 3 }] });
    const ds = await c.waitFor(c.published, (p) => p.uri === reader.uri && p.diagnostics.length > 0, 're-check after the delete', mark);
    assert.deepStrictEqual(briefDiagnostics(ds.diagnostics), ['missing-version@1:0 3']);
  });

  it('the collections setting comes before the other files (keys compared as collections)', async () => {
    const c = client();
    c.settings = { today: TODAY, collections: { 'S3://acme/prod/': '25.2' } };
    const mark = c.mark();
    await c.notify('workspace/didChangeConfiguration', { settings: {} });
    const r = await openRestore(restoreOn('24.3', 's3://acme/prod'));
    assert.deepStrictEqual(briefDiagnostics(r.ds), ['restore-to-older-version@1:0 1']);
    assert.match(r.ds[0].message, /Backup version: 25\.2 \(the collections setting \('S3:\/\/acme\/prod\/'\)\)/);
    c.settings = { today: TODAY };
    await c.notify('workspace/didChangeConfiguration', { settings: {} });
    await indexed(c);
    assert.ok(mark >= 0);
  });

  it('definition on a collection string: its BACKUP and CREATE SCHEDULE writers in every file; from a BACKUP too', async () => {
    const c = client();
    const r = await openRestore(restoreOn('24.3', 's3://acme/prod'));
    const defs = await c.request<Location[]>('textDocument/definition', { textDocument: { uri: r.uri }, position: posOf(c.text(r.uri), 's3://acme', 3) });
    assert.deepStrictEqual(
      defs.map((d) => `${path.relative(ws, new URL(d.uri).pathname)}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`),
      ['ops/adhoc.sql@0:12-0:28', 'ops/nightly.sql@1:12-1:42', 'ops/upgrade.md@5:12-5:29'],
    );
    const sched = await openRestore(restoreOn('24.3', 's3://sched/only'));
    const sdefs = await c.request<Location[]>('textDocument/definition', { textDocument: { uri: sched.uri }, position: posOf(c.text(sched.uri), 's3://sched') });
    assert.deepStrictEqual(sdefs.map((d) => path.relative(ws, new URL(d.uri).pathname)), ['ops/schedule.sql']);
    // Outside a collection string: nothing.
    assert.strictEqual(await c.request('textDocument/definition', { textDocument: { uri: r.uri }, position: { line: 1, character: 2 } }), null);
  });

  it('references: every statement naming the collection; hover: its writers and readers with versions; workspace symbols: the collections', async () => {
    const c = client();
    const r = await openRestore(restoreOn('24.3', 's3://conflict/c'));
    const at = posOf(c.text(r.uri), 's3://conflict');
    const refs = await c.request<Location[]>('textDocument/references', { textDocument: { uri: r.uri }, position: at, context: { includeDeclaration: true } });
    assert.deepStrictEqual(refs.map((d) => path.relative(ws, new URL(d.uri).pathname)), ['conflict/a.sql', 'conflict/b.sql', path.relative(ws, new URL(r.uri).pathname)]);
    const readersOnly = await c.request<Location[]>('textDocument/references', { textDocument: { uri: r.uri }, position: at, context: { includeDeclaration: false } });
    assert.strictEqual(readersOnly.length, 1);
    const h = await c.request<Hover>('textDocument/hover', { textDocument: { uri: r.uri }, position: at });
    const md = (h.contents as { value: string }).value;
    assert.match(md, /collection `s3:\/\/conflict\/c`/);
    assert.match(md, /\| conflict\/a\.sql \| 2 \| BACKUP \| taken on 24\.1 \|/);
    assert.match(md, /\| conflict\/b\.sql \| 2 \| BACKUP \| taken on 24\.3 \|/);
    assert.match(md, /\| dr\/restore-\d+\.sql \| 2 \| RESTORE \| 24\.3 → 24\.3 \|/);
    // The RESTORE's own hover lists the other writers.
    const rh = await c.request<Hover>('textDocument/hover', { textDocument: { uri: r.uri }, position: posOf(c.text(r.uri), 'RESTORE') });
    assert.match((rh.contents as { value: string }).value, /Other writers of this collection: conflict\/a\.sql line 2 \(taken on 24\.1\)\./);
    const symbols = await c.request<SymbolInformation[]>('workspace/symbol', { query: 'acme' });
    assert.deepStrictEqual(symbols.map((s) => s.name), ['s3://acme/prod']);
    assert.match(symbols[0].containerName ?? '', /^3 writers, \d+ readers?$/);
    assert.strictEqual(path.relative(ws, new URL(symbols[0].location.uri).pathname), 'ops/adhoc.sql', 'the first writer, in path order');
    const all = await c.request<SymbolInformation[]>('workspace/symbol', { query: '' });
    assert.deepStrictEqual(all.map((s) => s.name).filter((x) => !x.startsWith('s3://gone')), ['s3://acme/prod', 's3://conflict/c', 's3://sched/only', 's3://solo/x']);
  });

  it('SHOW BACKUP: definition, references and hover start from its collection string; a BACKUP\'s references list it; it publishes nothing', async () => {
    const c = client();
    const rel = (u: string) => path.relative(ws, new URL(u).pathname);
    const show = await openRestore(
      "-- crdb: target-version=25.1\nSHOW BACKUP FROM LATEST IN 's3://conflict/c?AUTH=implicit' WITH privileges;\nSHOW BACKUPS IN ('S3://CONFLICT/c/', 's3://conflict/west?COCKROACH_LOCALITY=region%3Dus-west');\nSHOW BACKUP 's3://conflict/c';\n",
    );
    assert.deepStrictEqual(show.ds, [], 'no findings of its own (the old SHOW BACKUP \'uri\' form on 25.1 included)');
    const text = c.text(show.uri);
    const showName = rel(show.uri);
    const at = posOf(text, 's3://conflict/c?', 2);
    const defs = await c.request<Location[]>('textDocument/definition', { textDocument: { uri: show.uri }, position: at });
    assert.deepStrictEqual(defs.map((d) => `${rel(d.uri)}@${d.range.start.line}:${d.range.start.character}`), ['conflict/a.sql@1:12', 'conflict/b.sql@1:12']);
    // From the locality list's default entry (the first: none is marked default): the same collection.
    const fromList = await c.request<Location[]>('textDocument/definition', { textDocument: { uri: show.uri }, position: posOf(text, 'S3://CONFLICT', 2) });
    assert.deepStrictEqual(fromList.map((d) => rel(d.uri)), ['conflict/a.sql', 'conflict/b.sql']);
    const refs = await c.request<Location[]>('textDocument/references', { textDocument: { uri: show.uri }, position: at, context: { includeDeclaration: true } });
    assert.deepStrictEqual(refs.map((d) => `${rel(d.uri)}@${d.range.start.line}`), ['conflict/a.sql@1', 'conflict/b.sql@1', `${showName}@1`, `${showName}@2`]);
    const h = await c.request<Hover>('textDocument/hover', { textDocument: { uri: show.uri }, position: at });
    const md = (h.contents as { value: string }).value;
    assert.match(md, /collection `s3:\/\/conflict\/c`/);
    assert.match(md, /\| conflict\/a\.sql \| 2 \| BACKUP \| taken on 24\.1 \|/);
    assert.match(md, new RegExp(`\\| ${showName.replace(/[./]/g, '\\$&')} \\| 2 \\| SHOW BACKUP \\| lists it \\(no version\\) \\|`));
    assert.match(md, new RegExp(`\\| ${showName.replace(/[./]/g, '\\$&')} \\| 3 \\| SHOW BACKUP \\|`));
    // The old form names an old-syntax backup: no BACKUP … TO writes it here.
    const oldForm = posOf(text, 's3://conflict/c\'', 2);
    assert.strictEqual(await c.request('textDocument/definition', { textDocument: { uri: show.uri }, position: oldForm }), null);
    const oldRefs = await c.request<Location[]>('textDocument/references', { textDocument: { uri: show.uri }, position: oldForm, context: { includeDeclaration: true } });
    assert.deepStrictEqual(oldRefs.map((d) => `${rel(d.uri)}@${d.range.start.line}`), [`${showName}@3`]);
    // From a BACKUP writing the collection: its readers are the SHOW BACKUPs.
    const writer = fileUri(path.join(ws, 'conflict/a.sql'));
    opened.push(writer);
    const wmark = await c.open(writer, fs.readFileSync(path.join(ws, 'conflict/a.sql'), 'utf8'));
    await c.waitForDiagnostics(writer, 1, wmark);
    const readers = await c.request<Location[]>('textDocument/references', { textDocument: { uri: writer }, position: posOf(c.text(writer), 's3://conflict'), context: { includeDeclaration: false } });
    assert.deepStrictEqual(readers.map((d) => `${rel(d.uri)}@${d.range.start.line}:${d.range.start.character}`), [`${showName}@1:27`, `${showName}@2:17`]);
  });
});

describe('protocol: collections across files (pull client)', function () {
  this.timeout(30000);
  let ws = '';
  const client = serverFor(() => {
    ws = makeWorkspace();
    return {
      profile: 'pull',
      workspaceFolder: ws,
      settings: { today: TODAY },
      tweakCapabilities: (caps) => {
        caps.workspace!.workspaceEdit = { documentChanges: true, resourceOperations: ['create'] };
      },
    };
  });
  after(() => fs.rmSync(ws, { recursive: true, force: true }));

  it('a writer\'s change asks the client to pull again (workspace/diagnostic/refresh), and the pull sees the new facts', async () => {
    const c = client();
    await indexed(c);
    const reader = fileUri(path.join(ws, 'dr/pull.sql'));
    await c.open(reader, restoreOn('24.3', 's3://solo/x'));
    assert.deepStrictEqual(await c.pull(reader), []);
    const mark = c.mark();
    const writer = fileUri(path.join(ws, 'solo/writer.sql'));
    await c.open(writer, "-- crdb: target-version=23.2\nBACKUP INTO 's3://solo/x';\n");
    await c.pull(writer);
    await c.waitFor(c.refreshes, () => true, 'workspace/diagnostic/refresh', mark);
    assert.deepStrictEqual(briefDiagnostics(await c.pull(reader)), ['restore-skips-release@1:0 1']);
  });

  it('missing-version offers to add the collection to collections in .crdb-restore-guard.json, creating the file', async () => {
    const c = client();
    const reader = fileUri(path.join(ws, 'dr/unknown.sql'));
    await c.open(reader, restoreOn('24.3', 's3://nobody/writes?AUTH=implicit'));
    const [d] = await c.pull(reader);
    assert.strictEqual(d.code, 'missing-version');
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: reader }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
    const add = actions.find((a) => a.title.startsWith("Add '"));
    assert.ok(add, JSON.stringify(actions.map((a) => a.title)));
    assert.strictEqual(add.title, "Add 's3://nobody/writes' to collections in .crdb-restore-guard.json (then fill in the version its backups are taken on)");
    const config = fileUri(path.join(ws, '.crdb-restore-guard.json'));
    assert.deepStrictEqual((add.edit as WorkspaceEdit).documentChanges, [
      { kind: 'create', uri: config, options: { ignoreIfExists: true } },
      { textDocument: { uri: config, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '{\n  "collections": {\n    "s3://nobody/writes": "?"\n  }\n}\n' }] },
    ]);
    // With the file there (the user filled in the version): the entry is added beside what it holds, and the version applies.
    fs.writeFileSync(path.join(ws, '.crdb-restore-guard.json'), '{ "defaultTargetVersion": "24.3" }\n');
    const again = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: reader }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
    const edit = again.find((a) => a.title.startsWith("Add '"))!.edit as WorkspaceEdit;
    const change = edit.documentChanges![0] as { edits: { newText: string }[] };
    assert.strictEqual(change.edits[0].newText, '{\n  "defaultTargetVersion": "24.3",\n  "collections": {\n    "s3://nobody/writes": "?"\n  }\n}\n');
    fs.writeFileSync(path.join(ws, '.crdb-restore-guard.json'), '{ "collections": { "s3://nobody/writes": "24.1" } }\n');
    await c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: config, type: 2 }] });
    assert.deepStrictEqual(await c.pull(reader), [], '24.1 (the collections setting) → 24.3');
  });
});

describe('protocol: a document analysed on the worker reads the other files (the index\'s answers go with the text)', function () {
  this.timeout(90000);
  let ws = '';
  const client = serverFor(() => {
    ws = makeWorkspace({ 'big/writer.sql': "-- crdb: target-version=24.3\nBACKUP INTO 's3://big/c';\n" });
    return { profile: 'push', workspaceFolder: ws, settings: { today: TODAY }, timeoutMs: 60000 };
  });
  after(() => fs.rmSync(ws, { recursive: true, force: true }));

  it('a RESTORE in a document over the worker threshold uses the BACKUP in another file, and follows it when it changes', async () => {
    const c = client();
    await indexed(c);
    // Over 1,000,000 characters (the worker threshold, lsp/analysisCache.ts), the RESTORE at the end.
    const padding = 'SELECT 1;\n'.repeat(110000);
    const text = `${padding}-- crdb: target-version=24.1\nRESTORE DATABASE bank FROM LATEST IN 's3://big/c';\n`;
    const line = 110001;
    const big = fileUri(path.join(ws, 'big', 'restore.sql'));
    let mark = await c.open(big, text);
    let ds = await c.waitForDiagnostics(big, 1, mark);
    assert.deepStrictEqual(briefDiagnostics(ds), [`restore-to-older-version@${line}:0 1`]);
    assert.match(ds[0].message, /Backup version: 24\.3 \(BACKUP in big\/writer\.sql on line 2\)/);
    // The writer changes (open, unsaved): the big document is analysed again, with the new answer.
    const writer = fileUri(path.join(ws, 'big', 'writer.sql'));
    mark = c.mark();
    await c.open(writer, "-- crdb: target-version=23.2\nBACKUP INTO 's3://big/c';\n");
    ds = (await c.waitFor(c.published, (p) => p.uri === big, 're-check of the big document after the writer changed', mark)).diagnostics;
    assert.deepStrictEqual(ds, [], '23.2 → 24.1 is supported');
    mark = c.mark();
    await c.change(writer, [{ range: { start: { line: 0, character: 24 }, end: { line: 0, character: 28 } }, text: '25.2' }]);
    ds = (await c.waitFor(c.published, (p) => p.uri === big, 're-check after typing in the writer', mark)).diagnostics;
    assert.deepStrictEqual(briefDiagnostics(ds), [`restore-to-older-version@${line}:0 1`]);
    assert.match(ds[0].message, /Backup version: 25\.2 \(BACKUP in big\/writer\.sql on line 2\)/);
    // Closed: the disk copy (24.3) speaks again.
    mark = c.mark();
    await c.close(writer);
    ds = (await c.waitFor(c.published, (p) => p.uri === big, 're-check after the writer closed', mark)).diagnostics;
    assert.match(ds[0]?.message ?? '', /Backup version: 24\.3 \(BACKUP in big\/writer\.sql on line 2\)/);
    await c.close(big);
  });

  it('a writer that changes just after the big document opens: what is published uses the new writer', async () => {
    const c = client();
    await indexed(c);
    // About 4 MB: the worker takes a while, and the writer changes in the meantime.
    const padding = 'SELECT 1;\n'.repeat(400000);
    const text = `${padding}-- crdb: target-version=24.1\nRESTORE DATABASE bank FROM LATEST IN 's3://big/c';\n`;
    const big = fileUri(path.join(ws, 'big', 'restore-during.sql'));
    const writer = fileUri(path.join(ws, 'big', 'writer.sql'));
    const mark = await c.open(big, text);
    // The open's analysis is under way on the worker, with the answers the index had when it started.
    await new Promise((r) => setTimeout(r, 150));
    await c.open(writer, "-- crdb: target-version=23.2\nBACKUP INTO 's3://big/c';\n");
    const first = await c.waitFor(c.published, (p) => p.uri === big, 'the big document\'s diagnostics', mark);
    // The first publish already uses the new writer (no stale error shown first).
    assert.deepStrictEqual(first.diagnostics, [], `23.2 → 24.1 is supported: ${JSON.stringify(first.diagnostics.map((d) => d.message))}`);
    await c.close(writer);
    await c.close(big);
  });
});

describe('protocol: a 50,000-file workspace', function () {
  this.timeout(120000);
  let ws = '';
  before(function () {
    this.timeout(120000);
    // In memory where the system has it: 50,000 files on a busy disk take minutes to write and delete.
    const base = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
    ws = fs.realpathSync(fs.mkdtempSync(path.join(base, 'crdb-guard-50k-')));
    for (let d = 0; d < 100; d++) {
      const dir = path.join(ws, `d${String(d).padStart(3, '0')}`);
      fs.mkdirSync(dir);
      for (let f = 0; f < 500; f++) fs.writeFileSync(path.join(dir, `f${String(f).padStart(3, '0')}.sql`), 'SELECT 1;\n');
    }
    // The last file in path order writes a collection: past the limit, it is not read.
    fs.writeFileSync(path.join(ws, 'd099', 'f499.sql'), "-- crdb: target-version=24.1\nBACKUP INTO 's3://far/away';\n");
  });
  const client = serverFor(() => ({ profile: 'push', workspaceFolder: ws, settings: { today: TODAY }, timeoutMs: 60000 }));
  after(() => fs.rmSync(ws, { recursive: true, force: true }));

  it('reads the first 20,000 files (the default workspaceIndexMaxFiles), says so clearly, and keeps serving', async () => {
    const c = client();
    const message = await c.waitForMessage((m) => /more than 20,000/.test(m.message));
    assert.strictEqual(message.type, 2);
    assert.strictEqual(
      message.message,
      `CockroachDB Restore Guard: The workspace folder ${ws}/ has more than 20,000 .sql/markdown files: collections are looked up in the first 20,000 only (in path order). ` +
        'Raise crdbRestoreGuard.workspaceIndexMaxFiles, or add the folders that hold no runbooks to .gitignore.',
    );
    assert.match(await indexed(c), /^workspace index: 20000 files read, 0 name a collection, 0 collections, in \d+ ms \(\d+ ms CPU\)$/);
    const uri = fileUri(path.join(ws, 'restore.sql'));
    const mark = await c.open(uri, restoreOn('24.3', 's3://far/away'));
    assert.deepStrictEqual(briefDiagnostics(await c.waitForDiagnostics(uri, 1, mark)), ['missing-version@1:0 3']);
  });
});

async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}
