// A guard in front of the stdio message reader. vscode-jsonrpc's reader loses the message
// boundaries for good after one malformed header (no Content-Length, a non-numeric or absurd
// one): every later message is read as garbage and the server never answers again. The guard
// passes well-formed frames through untouched and, after a malformed header, skips to the next
// `Content-Length:` header, so the server reports the problem and keeps serving.
import { Transform, type TransformCallback } from 'stream';
import { inspect } from 'util';

/** Larger bodies are refused (the largest document a client could send is far smaller). */
export const MAX_MESSAGE_BYTES = 1 << 30;
/** A header block longer than this is garbage. */
const MAX_HEADER_BYTES = 64 * 1024;
const HEADER_END = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = /^content-length[ \t]*:[ \t]*(\d+)[ \t\r]*$/im;
const CONTENT_LENGTH_START = /content-length[ \t]*:/i;

export class FramingGuard extends Transform {
  /** Bytes of a header not yet complete. */
  private pending: Buffer = Buffer.alloc(0);
  /** Body bytes still to pass through before the next header (0: reading a header). */
  private bodyLeft = 0;

  constructor(private readonly report: (problem: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let data = chunk;
    while (data.length > 0) {
      if (this.bodyLeft > 0) {
        const n = Math.min(this.bodyLeft, data.length);
        this.push(n === data.length ? data : data.subarray(0, n));
        this.bodyLeft -= n;
        data = data.subarray(n);
        continue;
      }
      this.pending = this.pending.length === 0 ? data : Buffer.concat([this.pending, data]);
      data = Buffer.alloc(0);
      const end = this.pending.indexOf(HEADER_END);
      if (end < 0) {
        if (this.pending.length > MAX_HEADER_BYTES) this.resync(`a header longer than ${MAX_HEADER_BYTES} bytes`);
        break;
      }
      const header = this.pending.subarray(0, end).toString('latin1');
      const m = CONTENT_LENGTH.exec(header);
      const length = m ? Number(m[1]) : NaN;
      if (!(length >= 0 && length <= MAX_MESSAGE_BYTES)) {
        this.resync(m ? `Content-Length ${m[1]} over the limit of ${MAX_MESSAGE_BYTES}` : `a header without a valid Content-Length: ${inspect(header.slice(0, 80))}`);
        data = this.pending;
        this.pending = Buffer.alloc(0);
        continue;
      }
      this.push(this.pending.subarray(0, end + HEADER_END.length));
      this.bodyLeft = length;
      data = this.pending.subarray(end + HEADER_END.length);
      this.pending = Buffer.alloc(0);
    }
    done();
  }

  /** Drops bytes up to the next `Content-Length:` after the current position (keeping a tail that may start one). */
  private resync(why: string): void {
    const text = this.pending.toString('latin1');
    const next = text.slice(1).search(CONTENT_LENGTH_START);
    const keep = next >= 0 ? next + 1 : Math.max(1, text.length - 32);
    this.report(`ignored ${keep} bytes of malformed input (${why})`);
    this.pending = this.pending.subarray(keep);
  }
}

/**
 * With `--stdio`: stdin behind a FramingGuard, and stdout. `attach` routes the guard's reports
 * and `console.*` (which would corrupt stdout) to the connection's log, as the library does
 * for its own `--stdio` handling.
 */
export function guardedStdio(argv = process.argv):
  | { input: FramingGuard; output: NodeJS.WritableStream; attach(log: { warn(m: string): void; log(m: string): void; error(m: string): void; info(m: string): void }): void }
  | undefined {
  if (!argv.slice(2).includes('--stdio')) return undefined;
  let log: { warn(m: string): void; log(m: string): void; error(m: string): void; info(m: string): void } | undefined;
  const input = new FramingGuard((problem) => log?.warn(`LSP input: ${problem}`));
  process.stdin.pipe(input);
  // The library ends the process when its input ends or closes (the client went away).
  process.stdin.on('close', () => input.destroy());
  return {
    input,
    output: process.stdout,
    attach(l) {
      log = l;
      const format = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' ');
      console.log = (...a: unknown[]) => l.log(format(a));
      console.info = (...a: unknown[]) => l.info(format(a));
      console.debug = (...a: unknown[]) => l.log(format(a));
      console.warn = (...a: unknown[]) => l.warn(format(a));
      console.error = (...a: unknown[]) => l.error(format(a));
    },
  };
}
