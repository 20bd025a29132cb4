// Character classes for the SQL scanner, as lookup tables over ASCII so the hot loop costs one
// array read per character. Every code unit >= 0x80 is an identifier character in CockroachDB
// (`lexbase.IsIdentStart`), so the tables only need to cover ASCII.

/** Character classes (a const enum, so the scanner's switch compares literal numbers). */
export const enum Cls {
  Other = 0, // single-character punctuation / operator
  Space = 1, // ' ', '\t', '\f'
  Newline = 2, // '\n', '\r'
  Ident = 3, // letter or '_'
  Digit = 4,
  Quote = 5, // '
  DQuote = 6, // "
  Dollar = 7, // $
  Minus = 8, // - (maybe `--`)
  Slash = 9, // / (maybe `/*`)
  Semi = 10, // ;
  Backslash = 11, // \ (maybe a shell line continuation)
}

/** Class of each ASCII code unit. */
export const CLASS = new Uint8Array(128);
/** 1 for code units that may continue an unquoted identifier (letters, digits, '_', '$'). */
export const IDENT_MIDDLE = new Uint8Array(128);
/** 1 for code units that continue a number token (like IDENT_MIDDLE but without '$', which may open a dollar quote). */
export const NUMBER_MIDDLE = new Uint8Array(128);

/**
 * 1 for the code units that matter while skipping a statement that is not parsed: those that
 * may start a quoted token, a comment or a dollar quote, end the statement, or start a line.
 */
export const SKIP_SPECIAL = new Uint8Array(128);

for (let c = 0; c < 128; c++) {
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  const digit = c >= 48 && c <= 57;
  CLASS[c] = letter ? Cls.Ident : digit ? Cls.Digit : Cls.Other;
  IDENT_MIDDLE[c] = letter || digit || c === 36 ? 1 : 0;
  NUMBER_MIDDLE[c] = letter || digit ? 1 : 0;
}
CLASS[32] = Cls.Space;
CLASS[9] = Cls.Space;
CLASS[12] = Cls.Space;
CLASS[10] = Cls.Newline;
CLASS[13] = Cls.Newline;
CLASS[39] = Cls.Quote;
CLASS[34] = Cls.DQuote;
CLASS[36] = Cls.Dollar;
CLASS[45] = Cls.Minus;
CLASS[47] = Cls.Slash;
CLASS[59] = Cls.Semi;
CLASS[92] = Cls.Backslash;
// All of them are <= 59 (';'): the skip loop relies on it.
for (const c of [39, 34, 36, 45, 47, 59, 10, 13]) SKIP_SPECIAL[c] = 1;

/** True when `c` may start an identifier (and so a dollar-quote tag). */
export function isIdentStart(c: number): boolean {
  return c >= 128 || (c === c && CLASS[c] === Cls.Ident);
}

/** True when `c` may appear in a dollar-quote tag after its first character. */
export function isTagChar(c: number): boolean {
  return c >= 128 || (c === c && NUMBER_MIDDLE[c] === 1);
}

/**
 * Case-insensitive comparison of `text[s, e)` with `word`, which must be lower-case ASCII.
 * No allocation: it is called on every candidate keyword.
 */
export function wordIs(text: string, s: number, e: number, word: string): boolean {
  if (e - s !== word.length) return false;
  for (let i = 0; i < word.length; i++) {
    let c = text.charCodeAt(s + i);
    if (c >= 65 && c <= 90) c |= 0x20;
    if (c !== word.charCodeAt(i)) return false;
  }
  return true;
}
