// The JSON encoding of the Node server's outgoing messages (server.ts). It is the library's own
// (JSON.stringify, then bytes), except for publishDiagnostics: when its diagnostics array is the
// one published last, the bytes of that array are reused. Typing in a runbook's prose
// republishes the same array for each version (lsp/analysisCache.ts keeps it when nothing
// moved), and on the 97 KB benchmark runbook encoding its ~66 KB of diagnostics was the largest
// cost of a keystroke in the server: about 0.75 ms of 1.8 ms (docs/performance.md).
//
// The contract this relies on: an array handed to publishDiagnostics is never changed after.
import type { Message, NotificationMessage } from 'vscode-languageserver/node';

/** vscode-jsonrpc's FunctionContentTypeEncoder, as StreamMessageWriter's `contentTypeEncoder` option takes it. */
export interface JsonEncoder {
  name: string;
  encode(msg: Message, options: { charset: BufferEncoding }): Promise<Uint8Array>;
}

const PUBLISH = 'textDocument/publishDiagnostics';

function isPublish(msg: Message): msg is NotificationMessage & { params: { diagnostics: unknown[] } } {
  const m = msg as NotificationMessage;
  return m.method === PUBLISH && typeof m.params === 'object' && m.params !== null && Array.isArray((m.params as { diagnostics?: unknown }).diagnostics);
}

export function diagnosticsCachingEncoder(): JsonEncoder {
  /** The diagnostics array published last and its bytes (one document's: the one being typed in). */
  let last: { diagnostics: unknown[]; bytes: Buffer; charset: BufferEncoding } | undefined;

  function publishBytes(msg: NotificationMessage & { params: { diagnostics: unknown[] } }, charset: BufferEncoding): Buffer {
    const { diagnostics, ...rest } = msg.params;
    if (last?.diagnostics !== diagnostics || last.charset !== charset) last = { diagnostics, bytes: Buffer.from(JSON.stringify(diagnostics), charset), charset };
    // `{"jsonrpc":"2.0","method":…,"params":{"uri":…,"version":…}}` without its closing `}}`,
    // then the diagnostics as the last member of params.
    const head = JSON.stringify({ ...msg, params: rest }).slice(0, -2);
    const separator = Object.keys(rest).length > 0 ? ',' : '';
    return Buffer.concat([Buffer.from(`${head}${separator}"diagnostics":`, charset), last.bytes, Buffer.from('}}', charset)]);
  }

  return {
    name: 'application/json',
    encode(msg, options) {
      try {
        return Promise.resolve(isPublish(msg) ? publishBytes(msg, options.charset) : Buffer.from(JSON.stringify(msg), options.charset));
      } catch (e) {
        return Promise.reject(e);
      }
    },
  };
}
