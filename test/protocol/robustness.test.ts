// Malformed and hostile traffic: the server answers errors or nothing, never dies, and keeps
// serving. Also a burst of 1,000 rapid changes ends with the diagnostics of the final version.
import * as assert from 'assert';
import type { Hover } from 'vscode-languageserver-protocol/node';
import { briefDiagnostics, memUri, posOf, serverFor, type LspTestClient } from './lspClient';

const SKIPS_SQL = `-- crdb: backup-version=23.2 target-version=24.3
RESTORE DATABASE bank FROM LATEST IN 's3://backups/bank';
`;

/** The server still answers: a hover on an open RESTORE works. */
async function assertServing(c: LspTestClient, uri: string): Promise<void> {
  const h = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: posOf(SKIPS_SQL, 'RESTORE', 1) });
  assert.ok(h && typeof h.contents === 'object' && 'value' in h.contents && h.contents.value.startsWith('**CockroachDB Restore Guard**'));
  assert.strictEqual(c.hasExited, false);
}

/** The error a request fails with, or a failure if it succeeds. */
async function rejection(p: Promise<unknown>): Promise<{ code: number; message: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code: number; message: string };
  }
  assert.fail('expected an error response');
}

describe('protocol: malformed requests', () => {
  // Guarded handlers log what failed (and answer empty); the log is expected here.
  const client = serverFor({ profile: 'push', allowErrorLogs: true });
  const uri = memUri('robust.sql');

  before(async () => {
    const c = client();
    const mark = await c.open(uri, SKIPS_SQL);
    await c.waitForDiagnostics(uri, 1, mark);
  });

  it('an unknown request method gets a MethodNotFound error response', async () => {
    const c = client();
    const e = await rejection(c.request('crdbRestoreGuard/noSuchMethod', { x: 1 }));
    assert.strictEqual(e.code, -32601);
    assert.match(e.message, /Unhandled method crdbRestoreGuard\/noSuchMethod/);
    await assertServing(c, uri);
  });

  it('an unknown notification is ignored', async () => {
    const c = client();
    await c.notify('crdbRestoreGuard/noSuchNotification', { x: 1 });
    await c.notify('$/noSuchThing', {});
    await assertServing(c, uri);
  });

  it('requests about a document that is not open: hover null, completion null, code actions empty', async () => {
    const c = client();
    const other = { textDocument: { uri: memUri('not-open.sql') }, position: { line: 0, character: 0 } };
    assert.strictEqual(await c.request('textDocument/hover', other), null);
    assert.strictEqual(await c.request('textDocument/completion', other), null);
    assert.deepStrictEqual(
      await c.request('textDocument/codeAction', {
        textDocument: other.textDocument,
        range: { start: other.position, end: other.position },
        context: { diagnostics: [] },
      }),
      [],
    );
  });

  it('out-of-range positions and ranges: answers, no crash', async () => {
    const c = client();
    const far = { line: 9999, character: 9999 };
    const eol = { line: 1, character: 9999 };
    // Positions past the end clamp to the end of the document or line (LSP: the position is adjusted).
    assert.strictEqual(await c.request('textDocument/hover', { textDocument: { uri }, position: far }), null);
    const clamped = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: eol });
    assert.ok(clamped, 'a position past the end of the RESTORE line clamps into it');
    assert.strictEqual(await c.request('textDocument/completion', { textDocument: { uri }, position: far }), null);
    assert.strictEqual(await c.request('textDocument/completion', { textDocument: { uri }, position: { line: -1, character: -5 } }), null);
    const actions = await c.request<unknown[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 50, character: 0 }, end: far },
      context: {
        diagnostics: [
          { range: { start: far, end: far }, message: 'stale', source: 'crdb-restore-guard', code: 'restore-skips-release' },
          { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 57 } }, message: 'not ours', source: 'other-linter', code: 'restore-skips-release' },
        ],
        only: ['quickfix'],
      },
    });
    assert.deepStrictEqual(actions, [], 'no fixes for a stale diagnostic, or for another tool’s');
    await assertServing(c, uri);
  });

  it('wrongly shaped params: an InvalidParams error or an empty answer, never a crash', async () => {
    const c = client();
    const outcome = async (method: string, params: unknown) => {
      try {
        return { result: await c.request(method, params) };
      } catch (e) {
        return { error: (e as { code: number }).code };
      }
    };
    // null params to a request that takes named params: rejected by the JSON-RPC layer.
    assert.deepStrictEqual(await outcome('textDocument/hover', null), { error: -32602 });
    // Objects of the wrong shape: the guarded handlers answer empty.
    assert.deepStrictEqual(await outcome('textDocument/hover', { textDocument: {} }), { result: null });
    assert.deepStrictEqual(await outcome('textDocument/completion', { position: 'here' }), { result: null });
    assert.deepStrictEqual(await outcome('textDocument/codeAction', { textDocument: { uri } }), { result: [] });
    assert.deepStrictEqual(await outcome('textDocument/diagnostic', {}), { result: { kind: 'full', items: [] } });
    assert.deepStrictEqual(await outcome('workspace/executeCommand', { command: 42, arguments: 'x' }), { result: null });
    await assertServing(c, uri);
  });

  it('didChange/didClose for documents never opened, and a duplicate didOpen, are survived', async () => {
    const c = client();
    const ghost = memUri('ghost.sql');
    await c.notify('textDocument/didChange', {
      textDocument: { uri: ghost, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }],
    });
    await c.notify('textDocument/didClose', { textDocument: { uri: ghost } });
    const dup = memUri('dup.sql');
    let mark = await c.open(dup, 'SELECT 1;\n');
    await c.waitForDiagnostics(dup, 1, mark);
    mark = c.mark();
    await c.notify('textDocument/didOpen', { textDocument: { uri: dup, languageId: 'sql', version: 7, text: SKIPS_SQL } });
    assert.deepStrictEqual(briefDiagnostics(await c.waitForDiagnostics(dup, 7, mark)), ['restore-skips-release@1:0-1:57 1']);
    await assertServing(c, uri);
  });

  it('garbage written raw to stdin (bad JSON, not JSON-RPC, wrongly typed params): the server keeps serving', async () => {
    const c = client();
    const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`;
    c.writeRaw(frame('{this is not json'));
    await assertServing(c, uri);
    c.writeRaw(frame('{"hello":"world"}'));
    await assertServing(c, uri);
    c.writeRaw(frame('[1,2,3]'));
    await assertServing(c, uri);
    c.writeRaw(frame('{"jsonrpc":"2.0","id":"x-1","method":"textDocument/hover","params":42}'));
    await assertServing(c, uri);
    c.writeRaw(frame('{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"untitled:/protocol-tests/robust.sql","version":"nine"},"contentChanges":"oops"}}'));
    await assertServing(c, uri);
  });
});

describe('protocol: a burst of 1,000 didChange notifications', () => {
  for (const profile of ['push', 'pull'] as const) {
    describe(`${profile} client`, () => {
    const client = serverFor({ profile });

    it('ends with the diagnostics of the final version', async function () {
      this.timeout(20000);
      const c = client();
      const uri = memUri(`burst-${profile}.sql`);
      const mark = await c.open(uri, SKIPS_SQL);
      if (profile === 'push') await c.waitForDiagnostics(uri, 1, mark);
      // Each change flips the target version (24.3 ↔ 24.1) and appends a character to a comment
      // line; 1,000 changes end on 24.3 (restore-skips-release) with 1,000 characters appended.
      await c.change(uri, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: '-- ' }]);
      const burstMark = c.mark();
      const sends: Promise<number>[] = [];
      for (let i = 1; i <= 1000; i++) {
        const target = i % 2 === 0 ? '24.3' : '24.1';
        sends.push(
          c.change(uri, [
            { range: { start: { line: 0, character: 44 }, end: { line: 0, character: 48 } }, text: target },
            { range: { start: { line: 2, character: 2 + i }, end: { line: 2, character: 2 + i } }, text: String(i % 10) },
          ]),
        );
      }
      const versions = await Promise.all(sends);
      const last = versions[versions.length - 1];
      assert.strictEqual(last, 1002);
      const expected = [
        {
          range: { start: { line: 1, character: 0 }, end: { line: 1, character: 57 } },
          severity: 1,
          source: 'crdb-restore-guard',
          code: 'restore-skips-release',
        },
      ];
      const strip = (ds: { range: unknown; severity?: number; source?: string; code?: unknown }[]) =>
        ds.map(({ range, severity, source, code }) => ({ range, severity, source, code }));
      if (profile === 'push') {
        assert.deepStrictEqual(strip(await c.waitForDiagnostics(uri, last, burstMark)), expected);
        // Nothing stale was published after the final version's diagnostics, and far fewer than 1,000 publishes happened.
        const after = c.publishedAfter(uri, burstMark);
        assert.strictEqual(after[after.length - 1].version, last);
        // Validation is throttled: far fewer publishes than changes (each one for the version current then).
        assert.ok(after.length < 50, `${after.length} publishes for a burst of 1,000 changes`);
      } else {
        assert.deepStrictEqual(strip(await c.pull(uri)), expected);
      }
      // The server's text is the client's: a hover on the directive shows the final value.
      const h = await c.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 45 } });
      assert.ok((h.contents as { value: string }).value.startsWith('**CockroachDB 24.3**'));
      assert.strictEqual(c.text(uri).split('\n')[2], `-- ${Array.from({ length: 1000 }, (_, i) => String((i + 1) % 10)).join('')}`);
    });
    });
  }
});
