// Values of string literals, for collection URIs and subdirectories. Lenient where CockroachDB
// would raise a scan error (bad escapes, unterminated literals): the editor must keep working
// on half-typed text, so we return the best reading instead of failing.

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Reads up to `max` hex digits at `i`; returns [value, digits read]. */
function readHex(text: string, i: number, end: number, max: number): [number, number] {
  let v = 0;
  let n = 0;
  while (n < max && i + n < end) {
    const h = hexValue(text.charCodeAt(i + n));
    if (h < 0) break;
    v = v * 16 + h;
    n++;
  }
  return [v, n];
}

function fromCodePoint(v: number): string {
  return v <= 0x10ffff ? String.fromCodePoint(v) : '\ufffd';
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/**
 * Decodes the body of a quoted literal starting at `from` (just after the opening quote) and
 * ending at the closing quote or `end`. `''` is a quote; with `escapes`, backslash escapes as in
 * CockroachDB's `scanString` (a redundant escape drops the backslash).
 */
function decodeQuoted(text: string, from: number, end: number, escapes: boolean): string {
  // Fast path, the usual case: nothing to interpret before the closing quote. Found with the
  // native indexOf rather than a loop over every character.
  let quote = text.indexOf("'", from);
  if (quote < 0 || quote >= end) quote = end;
  const doubled = quote + 1 < end && text.charCodeAt(quote + 1) === 39;
  if (!doubled && !(escapes && hasBackslash(text, from, quote))) return text.slice(from, quote);
  let out = '';
  let chunk = from;
  let i = from;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 39) {
      out += text.slice(chunk, i);
      if (i + 1 < end && text.charCodeAt(i + 1) === 39) {
        out += "'";
        i += 2;
        chunk = i;
        continue;
      }
      return out;
    }
    if (c === 92 && escapes && i + 1 < end) {
      out += text.slice(chunk, i);
      const t = text[i + 1];
      i += 2;
      if (t in SIMPLE_ESCAPES) {
        out += SIMPLE_ESCAPES[t];
      } else if (t === 'x' || t === 'X') {
        const [v, n] = readHex(text, i, end, 2);
        out += n > 0 ? String.fromCharCode(v) : t;
        i += n;
      } else if (t === 'u' || t === 'U') {
        const want = t === 'u' ? 4 : 8;
        const [v, n] = readHex(text, i, end, want);
        out += n === want ? fromCodePoint(v) : t;
        i += n;
      } else if (t >= '0' && t <= '7') {
        let v = t.charCodeAt(0) - 48;
        let n = 0;
        while (n < 2 && i < end && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 55) {
          v = v * 8 + text.charCodeAt(i) - 48;
          i++;
          n++;
        }
        out += String.fromCharCode(v & 0xff);
      } else {
        out += t; // `\\`, `\'`, `\"` and redundant escapes
      }
      chunk = i;
      continue;
    }
    i++;
  }
  return out + text.slice(chunk, end);
}

/** True when `text[from, to)` holds a backslash. */
function hasBackslash(text: string, from: number, to: number): boolean {
  // A loop, not indexOf: that would search on past `to`, as far as the next backslash.
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 92) return true;
  return false;
}

/** True for `e'…'`, `E'…'` and `b'…'`, the literals in which backslash escapes apply. */
export function hasEscapes(text: string, start: number): boolean {
  const c = text.charCodeAt(start);
  return c === 101 || c === 69 || c === 98;
}

/**
 * The value of the string token `text[start, end)`: `'…'`, `e'…'`/`E'…'`, `b'…'` or a dollar
 * quote. `escapes` overrides the prefix (a `'…'` joined to a preceding `e'…'` keeps its
 * escapes). Returns undefined for a token that is not a text literal.
 */
export function literalValue(text: string, start: number, end: number, escapes?: boolean): string | undefined {
  const c = text.charCodeAt(start);
  if (c === 39) return decodeQuoted(text, start + 1, end, escapes ?? false);
  if (hasEscapes(text, start) && text.charCodeAt(start + 1) === 39) {
    return decodeQuoted(text, start + 2, end, escapes ?? true);
  }
  if (c === 36) {
    const close = text.indexOf('$', start + 1);
    if (close < 0 || close >= end) return undefined;
    const tagLength = close + 1 - start;
    const bodyStart = close + 1;
    const terminated = end - start >= 2 * tagLength && text.startsWith(text.slice(start, bodyStart), end - tagLength);
    return text.slice(bodyStart, terminated ? end - tagLength : end);
  }
  return undefined;
}
