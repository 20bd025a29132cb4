// Tokens recorded for the statements that get parsed in detail (RESTORE, BACKUP, CREATE
// SCHEDULE). Stored as parallel typed arrays rather than objects so recording costs no
// allocation per token.

/** Token kinds (a const enum: inlined as numbers, no lookups in the hot loop). */
export const enum Tok {
  Ident = 1, // unquoted word (keywords included)
  QIdent = 2, // "quoted identifier"
  String = 3, // '…', e'…', E'…', b'…' (value decodable)
  BitString = 4, // B'…', x'…', X'…' (bit / hex constants: no text value)
  Dollar = 5, // $$…$$ or $tag$…$tag$
  Placeholder = 6, // $1
  Number = 7,
  Punct = 8, // any other single character; look at the text for which
}

export class TokenBuffer {
  kind = new Uint8Array(64);
  start = new Int32Array(64);
  end = new Int32Array(64);
  count = 0;

  push(kind: Tok, start: number, end: number): void {
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
