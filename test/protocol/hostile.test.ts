// Hostile input over the protocol (issue 15): requests after shutdown, workspace result ids
// with large settings, settings dropped on close.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fileUri, LspTestClient, memUri, serverFor, TODAY } from './lspClient';

const SKIPS_SQL = "-- crdb: backup-version=23.2 target-version=24.3\nRESTORE DATABASE d FROM LATEST IN 's3://x';\n";

describe('protocol: requests after shutdown', () => {
  it('are answered InvalidRequest; exit then ends the server with 0', async function () {
    this.timeout(20000);
    const c = await LspTestClient.start({ profile: 'push', settings: { today: TODAY } });
    try {
      const uri = memUri('after-shutdown.sql');
      const mark = await c.open(uri, SKIPS_SQL);
      await c.waitForDiagnostics(uri, 1, mark);
      await c.request('shutdown', null);
      for (const [method, params] of [
        ['textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 2 } }],
        ['textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, context: { diagnostics: [] } }],
        ['textDocument/documentSymbol', { textDocument: { uri } }],
        ['crdbRestoreGuard/releases', {}],
      ] as const) {
        let error: { code?: number } | undefined;
        try {
          await c.request(method, params);
        } catch (e) {
          error = e as { code?: number };
        }
        assert.strictEqual(error?.code, -32600, `${method} after shutdown`);
      }
      await c.notify('exit');
      const code = await new Promise<number | null>((resolve) => c.proc.on('exit', resolve));
      assert.strictEqual(code, 0);
    } finally {
      await c.kill();
    }
  });
});

describe('protocol: large settings and many documents', () => {
  let ws = '';
  // over 40 KB of settings: 500 extra releases.
  const extraReleases = Array.from({ length: 500 }, (_, i) => ({ version: `${30 + Math.floor(i / 50)}.${(i % 50) + 1}`, type: 'innovation', gaDate: '2030-01-01', supportEnd: '2031-01-01' }));
  const client = serverFor(() => {
    ws = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'crdb-guard-hostile-')));
    for (let i = 0; i < 5; i++) fs.writeFileSync(path.join(ws, `f${i}.sql`), SKIPS_SQL);
    return { profile: 'pull', workspaceFolder: ws, settings: { today: TODAY, extraReleases } };
  });
  after(() => {
    if (ws) fs.rmSync(ws, { recursive: true, force: true });
  });

  it('a workspace result id is short, whatever the size of the settings (was the whole settings JSON per file)', async () => {
    assert.ok(JSON.stringify(client().settings).length > 40000);
    const r = await client().request<{ items: { uri: string; resultId?: string; kind: string }[] }>('workspace/diagnostic', { previousResultIds: [] });
    assert.strictEqual(r.items.length, 5);
    for (const item of r.items) assert.ok(item.resultId && item.resultId.length < 80, `resultId of ${item.resultId?.length} characters`);
    const again = await client().request<{ items: { kind: string }[] }>('workspace/diagnostic', {
      previousResultIds: r.items.map((i) => ({ uri: i.uri, value: i.resultId! })),
    });
    assert.deepStrictEqual(again.items.map((i) => i.kind), ['unchanged', 'unchanged', 'unchanged', 'unchanged', 'unchanged']);
  });

  it('a closed document\'s settings are dropped: reopened, its settings are asked for again', async () => {
    const c = client();
    const uri = fileUri(path.join(ws, 'f0.sql'));
    const asked = () => c.configurationRequests.filter((r) => JSON.stringify(r.value).includes(uri)).length;
    await c.open(uri, SKIPS_SQL);
    await c.pull(uri);
    await c.pull(uri);
    const first = asked();
    assert.strictEqual(first, 1, 'asked once while open');
    await c.close(uri);
    await c.open(uri, SKIPS_SQL);
    await c.pull(uri);
    assert.strictEqual(asked(), 2, 'asked again after close and reopen');
  });
});

describe('protocol: 1,000 extraReleases', () => {
  const extraReleases = Array.from({ length: 1000 }, (_, i) => ({ version: `${30 + Math.floor(i / 50)}.${(i % 50) + 1}`, type: i % 3 === 0 ? 'regular' : 'innovation' }));
  const client = serverFor({ profile: 'push', settings: { today: TODAY, extraReleases }, timeoutMs: 20000 });

  it('the releases request for a backup version answers every release, with bounded descriptions (800 entries took 15–36 s)', async function () {
    this.timeout(30000);
    const c = client();
    const uri = memUri('many-releases.sql');
    const mark = await c.open(uri, SKIPS_SQL);
    await c.waitForDiagnostics(uri, 1, mark);
    const items = await c.request<{ version: string; description: string }[]>('crdbRestoreGuard/releases', { uri, backup: '23.2' });
    assert.ok(items.length > 1000, `${items.length} releases`);
    const longest = Math.max(...items.map((i) => i.description.length));
    assert.ok(longest < 200, `a description of ${longest} characters`);
    assert.match(items[0].description, /steps via 24\.1, 24\.3, 25\.2, …, /);
  });
});

describe('protocol: a large document is analysed off the request path', function () {
  this.timeout(120000);
  const client = serverFor({ profile: 'push', settings: { today: TODAY }, timeoutMs: 60000 });
  const small = memUri('small-beside-big.sql');
  const big = memUri('big-runbook.sql');
  const pad = '-- padding padding padding padding padding padding padding padding padding padding padding\n';
  // 1,500 unsupported RESTOREs in 3 MB: past the worker threshold, and past the published cap.
  const chunk = `${pad.repeat(20)}-- crdb: backup-version=23.2 target-version=24.3\nRESTORE DATABASE d FROM LATEST IN 's3://x';\n`;
  const text = chunk.repeat(1500);

  it('other requests are answered while it is analysed; its diagnostics are capped and say how many were left out', async () => {
    const c = client();
    let mark = await c.open(small, SKIPS_SQL);
    await c.waitForDiagnostics(small, 1, mark);
    mark = await c.open(big, text);
    // Once the server has its settings, it analyses the large document. An edit of the small
    // document then gets its diagnostics while the large one is still being analysed (an
    // analysis on the request thread published the large one first).
    await c.waitFor(c.configurationRequests, (r) => JSON.stringify(r).includes(big), 'the settings request for the large document', mark);
    const v = await c.change(small, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '-- edited\n' }]);
    await c.waitForDiagnostics(small, v, mark);
    assert.deepStrictEqual(c.publishedAfter(big, mark), [], 'the small document waited for the large analysis: it blocked the server');
    const hover = await c.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: small }, position: { line: 2, character: 2 } });
    assert.ok(hover && hover.contents.value.includes('Restore Guard'));
    const ds = await c.waitForDiagnostics(big, 1, mark);
    assert.strictEqual(ds.length, 1000);
    assert.match(ds[ds.length - 1].message, /^501 more findings not shown \(501 errors\)/);
  });

  it('the features beyond diagnostics (hover, quick fixes) fetch the rest of its analysis from the worker and answer', async () => {
    const c = client();
    const doc = c.latestPublished(big);
    assert.ok(doc && doc.diagnostics.length > 0, 'the large document has no diagnostics yet');
    // Line 21 of the first chunk holds its RESTORE (20 padding lines, then the directive).
    const hover = await c.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: big }, position: { line: 21, character: 3 } });
    assert.ok(hover && /24\.3/.test(hover.contents.value), JSON.stringify(hover));
    const d = doc.diagnostics[0];
    const actions = await c.request<{ title: string; edit?: unknown }[]>('textDocument/codeAction', { textDocument: { uri: big }, range: d.range, context: { diagnostics: [d] } });
    assert.ok(actions.some((a) => a.edit !== undefined && /24\.1|Ignore/.test(a.title)), JSON.stringify(actions.map((a) => a.title)));
  });

  it('a burst of edits: never an empty list while it is analysed, the newest version wins', async () => {
    const c = client();
    const mark = c.mark();
    let v = 1;
    for (let i = 0; i < 5; i++) {
      v = await c.change(big, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '-- typing\n' }]);
    }
    const ds = await c.waitForDiagnostics(big, v, mark);
    assert.strictEqual(ds.length, 1000);
    for (const p of c.publishedAfter(big, mark)) assert.ok(p.diagnostics.length > 0, `an empty list published for version ${p.version}`);
    assert.strictEqual(c.latestPublished(big)?.version, v);
  });
});
