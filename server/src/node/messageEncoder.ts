// The JSON encoding of the Node server's outgoing messages (server.ts). It is the library's own
// (JSON.stringify, then bytes) with two differences:
// - Every message is pure ASCII: characters beyond it (the `…` and `→` of some messages) are
//   written as `\uXXXX` escapes, which JSON.parse reads back as the same text. One non-ASCII
//   character makes a client decode the whole message into a two-byte string, and every
//   JSON-RPC client then parses it more slowly: on the 97 KB benchmark runbook, decoding and
//   parsing its 66 KB publishDiagnostics took 0.95 ms with six `…` in it and 0.65 ms escaped
//   (docs/performance.md), on every keystroke, in every editor.
// - For publishDiagnostics, when its diagnostics array is the one published last, the bytes of
//   that array are reused. Typing in a runbook's prose republishes the same array for each
//   version (lsp/analysisCache.ts keeps it when nothing moved), and on the benchmark runbook
//   encoding its diagnostics was the largest cost of a keystroke in the server: about 0.75 ms
//   of 1.8 ms.
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

const NON_ASCII = /[^\x00-\x7f]/;
const NON_ASCII_ALL = /[^\x00-\x7f]/g;

/** `json` with every character beyond ASCII written as a `\uXXXX` escape (one per UTF-16 unit; JSON.stringify has already escaped lone surrogates). */
export function asciiJson(json: string): string {
  return NON_ASCII.test(json) ? json.replace(NON_ASCII_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
}

export function messageEncoder(): JsonEncoder {
  /** The diagnostics array published last and its bytes (one document's: the one being typed in). */
  let last: { diagnostics: unknown[]; bytes: Buffer; charset: BufferEncoding } | undefined;

  function publishBytes(msg: NotificationMessage & { params: { diagnostics: unknown[] } }, charset: BufferEncoding): Buffer {
    const { diagnostics, ...rest } = msg.params;
    if (last?.diagnostics !== diagnostics || last.charset !== charset) last = { diagnostics, bytes: Buffer.from(asciiJson(JSON.stringify(diagnostics)), charset), charset };
    // `{"jsonrpc":"2.0","method":…,"params":{"uri":…,"version":…}}` without its closing `}}`,
    // then the diagnostics as the last member of params.
    const head = asciiJson(JSON.stringify({ ...msg, params: rest })).slice(0, -2);
    const separator = Object.keys(rest).length > 0 ? ',' : '';
    return Buffer.concat([Buffer.from(`${head}${separator}"diagnostics":`, charset), last.bytes, Buffer.from('}}', charset)]);
  }

  return {
    name: 'application/json',
    encode(msg, options) {
      try {
        return Promise.resolve(isPublish(msg) ? publishBytes(msg, options.charset) : Buffer.from(asciiJson(JSON.stringify(msg)), options.charset));
      } catch (e) {
        return Promise.reject(e);
      }
    },
  };
}
