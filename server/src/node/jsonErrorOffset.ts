// Where JSON text stops being valid JSON: the offset of the first character a JSON parser
// rejects (or the text's length when it ends too early). Used to report a config file's parse
// error as a line and column without quoting the text (JSON.parse's messages quote it).
// Iterative (an explicit stack of open brackets), so any nesting depth is fine; linear time.

export function jsonErrorOffset(text: string): number {
  let i = 0;
  const n = text.length;
  const stack: number[] = []; // 123 `{` or 91 `[`
  const ws = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  /** Reads one scalar or an opening bracket at `i`; false at an error. */
  const value = (): boolean => {
    const c = text.charCodeAt(i);
    if (c === 123 || c === 91) {
      stack.push(c);
      i++;
      return true;
    }
    if (c === 34) return string();
    if (c === 45 || (c >= 48 && c <= 57)) return number();
    for (const word of ['true', 'false', 'null']) {
      if (c !== word.charCodeAt(0)) continue;
      // The error is at the first character that does not continue the literal.
      let k = 0;
      while (k < word.length && text.charCodeAt(i + k) === word.charCodeAt(k)) k++;
      i += k;
      return k === word.length;
    }
    return false;
  };
  const digits = (): boolean => {
    const from = i;
    while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    return i > from;
  };
  /** A number, character by character: the error is at the first character that cannot continue it. */
  const number = (): boolean => {
    if (text.charCodeAt(i) === 45) i++;
    if (text.charCodeAt(i) === 48) i++;
    else if (!digits()) return false;
    if (text.charCodeAt(i) === 46) {
      i++;
      if (!digits()) return false;
    }
    const e = text.charCodeAt(i);
    if (e === 101 || e === 69) {
      i++;
      const sign = text.charCodeAt(i);
      if (sign === 43 || sign === 45) i++;
      if (!digits()) return false;
    }
    return true;
  };
  const string = (): boolean => {
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return true;
      }
      if (c < 32) return false;
      if (c === 92) {
        // A bad escape is reported at the character after the backslash (or the bad hex digit).
        i++;
        const e = text[i];
        if (e === 'u') {
          i++;
          for (let k = 0; k < 4; k++, i++) if (!/[0-9a-fA-F]/.test(text[i] ?? '')) return false;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
        else return false;
      } else i++;
    }
    return false;
  };
  ws();
  if (i >= n || !value()) return i;
  for (;;) {
    ws();
    const top = stack[stack.length - 1];
    if (top === undefined) return i < n ? i : n; // trailing text after the value is the error
    // Just after an opening bracket, a value or member, or a comma: what may come next.
    const prev = prevSignificant(text, i);
    const afterOpen = prev === 123 || prev === 91;
    const afterComma = prev === 44;
    const c = text.charCodeAt(i);
    if (i >= n) return n;
    if ((c === 125 && top === 123) || (c === 93 && top === 91)) {
      if (afterComma) return i;
      stack.pop();
      i++;
      continue;
    }
    if (!afterOpen && !afterComma) {
      if (c !== 44) return i;
      i++;
      continue;
    }
    if (top === 123) {
      if (c !== 34 || !string()) return i;
      ws();
      if (text.charCodeAt(i) !== 58) return i;
      i++;
      ws();
    }
    if (i >= n || !value()) return i;
  }
}

/** The last non-space character code before `i`. */
function prevSignificant(text: string, i: number): number {
  let k = i - 1;
  while (k >= 0) {
    const c = text.charCodeAt(k);
    if (c === 32 || c === 9 || c === 10 || c === 13) k--;
    else return c;
  }
  return -1;
}
