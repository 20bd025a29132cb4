// The Node server's message encoding (node/messageEncoder.ts): every message decodes to itself,
// and a republished diagnostics array is encoded once, never reused for another array.
import * as assert from 'assert';
import type { Message } from 'vscode-languageserver/node';
import { asciiJson, messageEncoder } from '../../server/src/node/messageEncoder';

const UTF8 = { charset: 'utf-8' as BufferEncoding };

function diagnostic(line: number, message: string) {
  return { range: { start: { line, character: 0 }, end: { line, character: 4 } }, severity: 1, source: 'crdb-restore-guard', code: 'x', message };
}

function publish(diagnostics: unknown[], version?: number): Message {
  const params: Record<string, unknown> = { uri: 'file:///w/runbook.md' };
  if (version !== undefined) params.version = version;
  params.diagnostics = diagnostics;
  return { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params } as Message;
}

async function decoded(encoder: ReturnType<typeof messageEncoder>, msg: Message): Promise<unknown> {
  return JSON.parse(Buffer.from(await encoder.encode(msg, UTF8)).toString('utf8'));
}

describe('server message encoding: republished diagnostics encoded once', () => {
  it('every kind of message decodes to itself: requests, responses, publishes with and without a version, empty, non-ASCII', async () => {
    const e = messageEncoder();
    const messages: Message[] = [
      { jsonrpc: '2.0', id: 1, method: 'workspace/configuration', params: { items: [{ section: 'crdbRestoreGuard' }] } } as Message,
      { jsonrpc: '2.0', id: 2, result: { contents: { kind: 'markdown', value: 'Restore → 24.3 …' } } } as Message,
      publish([diagnostic(3, 'A 26.2 backup → 24.2 …'), diagnostic(9, 'plain')], 7),
      publish([diagnostic(1, 'no version')]),
      publish([], 8),
    ];
    for (const m of messages) assert.deepStrictEqual(await decoded(e, m), JSON.parse(JSON.stringify(m)));
  });

  it('every message is written as ASCII and reads back as the same text: …, →, é, an emoji, a lone surrogate', async () => {
    const e = messageEncoder();
    const text = 'BACKUP … TO → café 🚀 \ud800 "quoted" \\ end';
    const messages: Message[] = [
      { jsonrpc: '2.0', id: 3, result: { contents: { kind: 'markdown', value: text } } } as Message,
      publish([diagnostic(2, text)], 4),
      publish([diagnostic(2, text)], 5),
    ];
    for (const m of messages) {
      const bytes = Buffer.from(await e.encode(m, UTF8));
      assert.ok(bytes.every((b) => b < 0x80), 'only ASCII bytes');
      assert.deepStrictEqual(JSON.parse(bytes.toString('utf8')), JSON.parse(JSON.stringify(m)));
    }
    assert.strictEqual(asciiJson(JSON.stringify('plain')), '"plain"');
    assert.strictEqual(asciiJson(JSON.stringify('a…b')), '"a\\u2026b"');
  });

  it('the same array again, at a new version: the new version with the same diagnostics', async () => {
    const e = messageEncoder();
    const ds = [diagnostic(3, 'first → second'), diagnostic(5, 'third')];
    await decoded(e, publish(ds, 1));
    assert.deepStrictEqual(await decoded(e, publish(ds, 2)), JSON.parse(JSON.stringify(publish(ds, 2))));
    // Another message in between does not disturb it.
    await decoded(e, { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'x' } } as Message);
    assert.deepStrictEqual(await decoded(e, publish(ds, 3)), JSON.parse(JSON.stringify(publish(ds, 3))));
  });

  it('an equal-looking but different array, or another document\'s, is encoded afresh', async () => {
    const e = messageEncoder();
    const ds = [diagnostic(3, 'one')];
    await decoded(e, publish(ds, 1));
    const other = [diagnostic(3, 'two')];
    assert.deepStrictEqual(await decoded(e, publish(other, 2)), JSON.parse(JSON.stringify(publish(other, 2))));
    const elsewhere = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///w/other.sql', diagnostics: [] } } as Message;
    assert.deepStrictEqual(await decoded(e, elsewhere), JSON.parse(JSON.stringify(elsewhere)));
  });

  it('a message that cannot be encoded is a rejected promise, not a throw', async () => {
    const e = messageEncoder();
    const cyclic: Record<string, unknown> = { uri: 'file:///w/x.md' };
    cyclic.diagnostics = [cyclic];
    await assert.rejects(e.encode({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: cyclic } as Message, UTF8));
  });
});
