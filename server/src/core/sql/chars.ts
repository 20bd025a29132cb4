// Character classes for the SQL scanner, as lookup tables over ASCII so the hot loop costs one
// array read per character. Every code unit >= 0x80 is an identifier character in CockroachDB
// (`lexbase.IsIdentStart`), so the tables only need to cover ASCII.

export const C_OTHER = 0; // single-character punctuation / operator
export const C_SPACE = 1; // ' ', '\t', '\f'
export const C_NEWLINE = 2; // '\n', '\r'
export const C_IDENT = 3; // letter or '_'
export const C_DIGIT = 4;
export const C_QUOTE = 5; // '
export const C_DQUOTE = 6; // "
export const C_DOLLAR = 7; // $
export const C_MINUS = 8; // - (maybe `--`)
export const C_SLASH = 9; // / (maybe `/*`)
export const C_SEMI = 10; // ;
export const C_BACKSLASH = 11; // \ (maybe a shell line continuation)

/** Class of each ASCII code unit. */
export const CLASS = new Uint8Array(128);
/** 1 for code units that may continue an unquoted identifier (letters, digits, '_', '$'). */
export const IDENT_MIDDLE = new Uint8Array(128);
/** 1 for code units that continue a number token (like IDENT_MIDDLE but without '$', which may open a dollar quote). */
export const NUMBER_MIDDLE = new Uint8Array(128);

for (let c = 0; c < 128; c++) {
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  const digit = c >= 48 && c <= 57;
  CLASS[c] = letter ? C_IDENT : digit ? C_DIGIT : C_OTHER;
  IDENT_MIDDLE[c] = letter || digit || c === 36 ? 1 : 0;
  NUMBER_MIDDLE[c] = letter || digit ? 1 : 0;
}
CLASS[32] = C_SPACE;
CLASS[9] = C_SPACE;
CLASS[12] = C_SPACE;
CLASS[10] = C_NEWLINE;
CLASS[13] = C_NEWLINE;
CLASS[39] = C_QUOTE;
CLASS[34] = C_DQUOTE;
CLASS[36] = C_DOLLAR;
CLASS[45] = C_MINUS;
CLASS[47] = C_SLASH;
CLASS[59] = C_SEMI;
CLASS[92] = C_BACKSLASH;

/** True when `c` may start an identifier (and so a dollar-quote tag). */
export function isIdentStart(c: number): boolean {
  return c >= 128 || (c === c && CLASS[c] === C_IDENT);
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
