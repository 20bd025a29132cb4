// A deliberately naive reference tokenizer for the SQL scanner's differential test: written
// for clarity, not speed, straight from CockroachDB's lexical rules (docs/behaviour.md#sql-lexical-rules), and only for
// the inputs the oracle generates. It knows nothing of prompts, backslash continuations,
// e'…'/b'…'/x'…' prefixes, BEGIN ATOMIC bodies or byte order marks, so the generator never
// produces those.

export interface NaiveStatement {
  start: number;
  end: number;
  terminated: boolean;
}

export interface NaiveScan {
  statements: NaiveStatement[];
  comments: { start: number; end: number }[];
}

const WHITESPACE = /[ \t\n\r\f]/;
const IDENT_START = /[A-Za-z_\u0080-\uFFFF]/;
const IDENT_PART = /[A-Za-z0-9_$\u0080-\uFFFF]/;
// A number runs on over letters, digits, '_' and non-ASCII (like an identifier), but not '$'.
const NUMBER_PART = /[A-Za-z0-9_\u0080-\uFFFF]/;
const DOLLAR_TAG = /^\$(?:[A-Za-z_\u0080-\uFFFF][A-Za-z0-9_\u0080-\uFFFF]*)?\$/;

export function naiveSplit(text: string): NaiveScan {
  const statements: NaiveStatement[] = [];
  const comments: { start: number; end: number }[] = [];
  let stmtStart = -1;
  let lastEnd = 0;
  const token = (start: number, end: number) => {
    if (stmtStart < 0) stmtStart = start;
    lastEnd = end;
  };

  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    const rest = text.slice(i);
    if (WHITESPACE.test(ch)) {
      i++;
    } else if (rest.startsWith('--')) {
      // Line comment: to the end of the line.
      let j = i;
      while (j < text.length && text[j] !== '\n' && text[j] !== '\r') j++;
      comments.push({ start: i, end: j });
      i = j;
    } else if (rest.startsWith('/*')) {
      // Block comment: `/*` and `*/` pairs nest.
      let depth = 0;
      let j = i;
      let end = text.length;
      while (j < text.length) {
        const two = text.slice(j, j + 2);
        if (two === '/*') {
          depth++;
          j += 2;
        } else if (two === '*/') {
          depth--;
          j += 2;
          if (depth === 0) {
            end = j;
            break;
          }
        } else {
          j++;
        }
      }
      comments.push({ start: i, end });
      i = end;
    } else if (ch === "'" || ch === '"') {
      // Quoted: a doubled quote stands for itself; unterminated runs to the end.
      let j = i + 1;
      let end = text.length;
      while (j < text.length) {
        if (text[j] === ch) {
          if (text[j + 1] === ch) {
            j += 2;
            continue;
          }
          end = j + 1;
          break;
        }
        j++;
      }
      token(i, end);
      i = end;
    } else if (ch === '$') {
      const placeholder = /^\$[0-9]+/.exec(rest);
      const tag = DOLLAR_TAG.exec(rest);
      if (placeholder) {
        token(i, i + placeholder[0].length);
        i += placeholder[0].length;
      } else if (tag) {
        const close = text.indexOf(tag[0], i + tag[0].length);
        const end = close < 0 ? text.length : close + tag[0].length;
        token(i, end);
        i = end;
      } else {
        token(i, i + 1);
        i++;
      }
    } else if (ch === ';') {
      if (stmtStart >= 0) statements.push({ start: stmtStart, end: i + 1, terminated: true });
      stmtStart = -1;
      i++;
    } else if (IDENT_START.test(ch)) {
      let j = i + 1;
      while (j < text.length && IDENT_PART.test(text[j])) j++;
      token(i, j);
      i = j;
    } else if (/[0-9]/.test(ch)) {
      let j = i + 1;
      while (j < text.length && NUMBER_PART.test(text[j])) j++;
      token(i, j);
      i = j;
    } else {
      token(i, i + 1);
      i++;
    }
  }
  if (stmtStart >= 0) statements.push({ start: stmtStart, end: lastEnd, terminated: false });
  return { statements, comments };
}
