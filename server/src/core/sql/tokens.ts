// Tokens recorded for the statements that get parsed in detail (RESTORE, BACKUP, CREATE
// SCHEDULE). Stored as parallel typed arrays rather than objects so recording costs no
// allocation per token.

export const T_IDENT = 1; // unquoted word (keywords included)
export const T_QIDENT = 2; // "quoted identifier"
export const T_STRING = 3; // '…', e'…', E'…', b'…' (value decodable)
export const T_BITSTRING = 4; // B'…', x'…', X'…' (bit / hex constants: no text value)
export const T_DOLLAR = 5; // $$…$$ or $tag$…$tag$
export const T_PLACEHOLDER = 6; // $1
export const T_NUMBER = 7;
export const T_PUNCT = 8; // any other single character; look at the text for which

export class TokenBuffer {
  kind = new Uint8Array(64);
  start = new Int32Array(64);
  end = new Int32Array(64);
  count = 0;

  push(kind: number, start: number, end: number): void {
    if (this.count === this.kind.length) this.grow();
    const k = this.count++;
    this.kind[k] = kind;
    this.start[k] = start;
    this.end[k] = end;
  }

  private grow(): void {
    const size = this.kind.length * 2;
    const kind = new Uint8Array(size);
    const start = new Int32Array(size);
    const end = new Int32Array(size);
    kind.set(this.kind);
    start.set(this.start);
    end.set(this.end);
    this.kind = kind;
    this.start = start;
    this.end = end;
  }
}
