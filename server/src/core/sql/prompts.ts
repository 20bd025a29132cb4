// Prompts of runbooks copied from the docs (`> `) or from a `cockroach sql` terminal
// (`root@localhost:26257/defaultdb> `, continuation `-> `). docs/behaviour.md#prompts-and-transcripts.
//
// Every matcher is called at the first non-blank character of a line and looks no further
// than that line, so checking every line of a document stays linear.

function isLineEndOrBlank(c: number): boolean {
  // NaN (past the end of the text) counts as end of line.
  return c === 32 || c === 9 || c === 10 || c === 13 || c !== c;
}

/** A character of the user name before a terminal prompt's `@`. */
export function isUserChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c === 46
  );
}

/**
 * If a primary prompt starts at `j`, returns the offset just after its `>`, else -1.
 * Forms: `>` (docs) and `user@host:port/db>` (terminal), optionally with the transaction
 * state the shell shows before `>` (`root@:26257/movr  OPEN>`). The prompt must be followed by
 * a blank or the end of the line, so `>=` or `j@>'{…}'` are not prompts.
 */
export function primaryPromptEnd(text: string, j: number): number {
  const c = text.charCodeAt(j);
  if (c === 62) return isLineEndOrBlank(text.charCodeAt(j + 1)) ? j + 1 : -1;
  let k = j;
  while (isUserChar(text.charCodeAt(k))) k++;
  if (k === j || text.charCodeAt(k) !== 64) return -1;
  k++;
  // host:port/database — non-empty and with a ':' or '/', which tells it from SQL's `x@>y`.
  const hostStart = k;
  let sawSeparator = false;
  for (;;) {
    const d = text.charCodeAt(k);
    if (d !== d || d === 32 || d === 9 || d === 10 || d === 13 || d === 62 || d === 39 || d === 34 || d === 59) break;
    if (d === 58 || d === 47) sawSeparator = true;
    k++;
  }
  if (k === hostStart || !sawSeparator) return -1;
  // Optional transaction state: blanks, then upper-case letters or '?'.
  let m = k;
  while (text.charCodeAt(m) === 32) m++;
  if (m > k) {
    const stateStart = m;
    for (;;) {
      const d = text.charCodeAt(m);
      if (!((d >= 65 && d <= 90) || d === 63)) break;
      m++;
    }
    if (m === stateStart) return -1;
    k = m;
  }
  if (text.charCodeAt(k) !== 62 || !isLineEndOrBlank(text.charCodeAt(k + 1))) return -1;
  return k + 1;
}

/** If a continuation prompt `->` starts at `j`, returns the offset after it, else -1. */
export function continuationPromptEnd(text: string, j: number): number {
  if (text.charCodeAt(j) === 45 && text.charCodeAt(j + 1) === 62 && isLineEndOrBlank(text.charCodeAt(j + 2))) {
    return j + 2;
  }
  return -1;
}
