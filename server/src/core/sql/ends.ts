// Where the lexical constructs of CockroachDB SQL end (pkg/sql/scanner/scan.go), as pure
// functions of the text. Shared by the tokenizing scanner, the fast skip of statements that
// are not parsed, and the re-walk that finds the end of a skipped statement's last token.
//
// `lim` is where a construct that never closes stops: the text length, or in prompt mode the
// line break before the next prompt line.

import { IDENT_MIDDLE, NUMBER_MIDDLE, isIdentStart, isTagChar } from './chars';

/** End of the unquoted word (identifier or keyword) starting at `i`. */
export function wordEnd(t: string, i: number, n: number): number {
  const identMiddle = IDENT_MIDDLE;
  let j = i + 1;
  while (j < n) {
    const d = t.charCodeAt(j);
    if (d < 128 && identMiddle[d] === 0) break;
    j++;
  }
  return j;
}

/** End of the number starting at `i` (like a word, but `$` ends it: `1$$…` opens a dollar quote). */
export function numberEnd(t: string, i: number, n: number): number {
  const numberMiddle = NUMBER_MIDDLE;
  let j = i + 1;
  while (j < n) {
    const d = t.charCodeAt(j);
    if (d < 128 && numberMiddle[d] === 0) break;
    j++;
  }
  return j;
}

/** End of the '…' string or "…" identifier at `i` (`quote` is its code unit); a doubled quote is part of it. */
export function quotedEnd(t: string, i: number, quote: number, lim: number): number {
  const q = quote === 39 ? "'" : '"';
  let j = i + 1;
  for (;;) {
    const p = t.indexOf(q, j);
    if (p < 0 || p >= lim) return lim;
    if (t.charCodeAt(p + 1) === quote && p + 1 < lim) {
      j = p + 2;
      continue;
    }
    return p + 1;
  }
}

/** End of the e'…' / b'…' string at `i`: a backslash escapes the next character, so `\'` does not end it. */
export function escapeStringEnd(t: string, i: number, lim: number): number {
  let j = i + 2;
  while (j < lim) {
    const d = t.charCodeAt(j);
    if (d === 92) {
      j += 2;
    } else if (d === 39) {
      if (j + 1 < lim && t.charCodeAt(j + 1) === 39) {
        j += 2;
        continue;
      }
      return j + 1;
    } else {
      j++;
    }
  }
  return lim;
}

/** End of the B'…' / x'…' bit or hex string at `i`: it ends at the next quote (no '' escape). */
export function bitStringEnd(t: string, i: number, lim: number): number {
  const q = t.indexOf("'", i + 2);
  return q < 0 || q >= lim ? lim : q + 1;
}

/** True when `c`, a letter followed by a quote, makes an escape string (e'…', E'…', b'…'). */
export function isEscapePrefix(c: number): boolean {
  return c === 101 || c === 69 || c === 98;
}

/** True when `c`, a letter followed by a quote, makes a bit or hex string (B'…', x'…', X'…'). */
export function isBitPrefix(c: number): boolean {
  return c === 66 || c === 120 || c === 88;
}

/** End of the `$1` placeholder at `i` (`t[i + 1]` is a digit). */
export function placeholderEnd(t: string, i: number, n: number): number {
  let j = i + 2;
  while (j < n) {
    const c = t.charCodeAt(j);
    if (c < 48 || c > 57) break;
    j++;
  }
  return j;
}

/**
 * If a dollar-quote tag (`$$` or `$tag$`) starts at `i`, the offset after it; else -1 (a lone
 * `$`). Call only when `t[i + 1]` is not a digit (that is a placeholder).
 */
export function dollarTagEnd(t: string, i: number, n: number): number {
  let j = i + 1;
  if (isIdentStart(t.charCodeAt(j))) {
    j++;
    while (j < n && isTagChar(t.charCodeAt(j))) j++;
  }
  return t.charCodeAt(j) === 36 ? j + 1 : -1;
}

/** End of the dollar quote whose opening tag is `t[i, bodyStart)`. */
export function dollarQuoteEnd(t: string, i: number, bodyStart: number, lim: number): number {
  const tagLength = bodyStart - i;
  // Search `$` by `$` rather than indexOf(tag): the search must stop at `lim`, and in prompt
  // mode an unbounded search for many distinct tags would be quadratic. Comparing code units
  // in place needs no copy of the tag.
  let k = bodyStart;
  for (;;) {
    const p = t.indexOf('$', k);
    if (p < 0 || p >= lim) return lim;
    if (p + tagLength <= lim && sameRun(t, i, p, tagLength)) return p + tagLength;
    k = p + 1;
  }
}

/** True when `t[a, a + length)` equals `t[b, b + length)`. */
function sameRun(t: string, a: number, b: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (t.charCodeAt(a + k) !== t.charCodeAt(b + k)) return false;
  return true;
}

/**
 * End of the `/* … *\/` comment at `i`, nesting like CockroachDB's scanner: each `/*` inside
 * needs its own `*\/`. Returns -1 when it is not closed before `lim` (it then ends at `lim`,
 * and so does its body).
 */
export function blockCommentEnd(t: string, i: number, lim: number): number {
  let j = i + 2;
  let depth = 1;
  // Both `/*` and `*/` contain a `/`: jump from slash to slash with the native indexOf. The
  // characters before a slash hold no pair, so the slash closes when the character before it
  // is a `*` not already used by the previous pair, and opens when a `*` follows it.
  for (;;) {
    const p = t.indexOf('/', j);
    if (p < 0 || p >= lim) return -1;
    if (p > j && t.charCodeAt(p - 1) === 42) {
      if (--depth === 0) return p + 1;
      j = p + 1;
    } else if (t.charCodeAt(p + 1) === 42 && p + 1 < lim) {
      depth++;
      j = p + 2;
    } else {
      j = p + 1;
    }
  }
}
