// Directive look-alikes (docs/rules/directive-lookalike.md): text a user plainly meant as a
// `crdb:` directive that the directive parser does not read, and the form it would read. Found
// in four places: a comment whose text misses `crdb:` or its colon (SQL, HTML and shell
// comments), a `# crdb:` or `// crdb:` line in SQL (neither starts a SQL comment), and a
// markdown paragraph or heading line written like a directive outside any comment. The text
// counts only when every word after the prefix is a `key=value` pair or a known key and at least
// one key is known: ordinary prose that mentions `crdb:` is left alone.
import { DIRECTIVE_KEYS, isDirectiveKey, parseDirectiveBody } from './directives';
import { textStart } from './markdown/proseLines';

export type LookalikePlace =
  /** A `--` or `/* *\/` comment in SQL. */
  | 'sql-comment'
  /** An HTML comment in markdown. */
  | 'html-comment'
  /** A `#` comment line in a shell block. */
  | 'shell-comment'
  /** A `#` or `//` line in SQL, where neither starts a comment. */
  | 'sql-line'
  /** A markdown paragraph or heading line. */
  | 'prose';

export interface Lookalike {
  place: LookalikePlace;
  /** What went wrong: `crdb:` not written, `crdb` without its colon, or a form this place does not read. */
  problem: 'no-prefix' | 'no-colon' | 'place';
  /** Document span of the look-alike: what the fix replaces. */
  start: number;
  end: number;
  /** The form the place reads, around the entries: `-- `, `/* `, `<!-- `, `# ` and `''`, ` *\/`, ` -->`. */
  open: string;
  close: string;
  /** The entries as written (`key=value`, quotes kept), in order. */
  entries: string[];
  /** `sql-line`: the marker written (`#`, `//`). */
  marker?: string;
  /** `sql-line`: the line swallows the statement after it (it starts a statement that runs to the next `;`). */
  hidesStatement?: boolean;
}

/** The text that replaces a look-alike: the same entries in the form its place reads. */
export function lookalikeForm(l: Lookalike): string {
  return `${l.open}crdb: ${l.entries.join(' ')}${l.close}`;
}

/** `target-version=` …: how a directive's text starts when `crdb:` was left out. */
const KEY_ASSIGNMENTS: readonly string[] = DIRECTIVE_KEYS.map((k) => `${k}=`);

interface Body {
  prefix: 'ok' | 'no-colon' | 'none';
  entries: string[];
}

/**
 * Reads `s[from, to)` as the text of a directive: `crdb:` (or `crdb` without its colon, or
 * nothing) and then entries. Undefined unless every word is `key=value` or a known key and one
 * key at least is known; with no `crdb` at all, the first word must be a known `key=value`.
 */
function readBody(s: string, from: number, to: number): Body | undefined {
  let i = from;
  while (i < to && isSpace(s.charCodeAt(i))) i++;
  let prefix: Body['prefix'] = 'none';
  if (to - i >= 4 && isCrdb(s, i)) {
    let j = i + 4;
    if (s.charCodeAt(j) === 0x3a /* : */) {
      prefix = 'ok';
      j++;
    } else {
      const k = skipBlanks(s, j, to);
      const c = s.charCodeAt(k);
      if (k === j && c !== 0x3b /* ; */) return undefined; // `crdbx`: another word
      prefix = 'no-colon';
      j = c === 0x3a || c === 0x3b ? k + 1 : k;
    }
    i = j;
  } else if (!startsWithKeyAssignment(s, i)) {
    // Most comments: not even a known key at the start. Decided before parsing anything.
    return undefined;
  }
  // The entries, read by the directive parser itself from the text after the prefix.
  const body = `crdb:${s.slice(i, to)}`;
  const parsed = parseDirectiveBody(body, (k) => k, 'sql', { start: 0, end: 0 });
  if (parsed === undefined || parsed.entries.length === 0) return undefined;
  const entries: string[] = [];
  let known = false;
  for (const e of parsed.entries) {
    if (e.value === undefined && !isDirectiveKey(e.key)) return undefined;
    if (isDirectiveKey(e.key)) known = true;
    const quoted = e.value !== undefined && e.valueStart > e.keyEnd + 1;
    const close = quoted ? body.charCodeAt(e.valueStart - 1) : -1;
    entries.push(body.slice(e.keyStart, e.valueEnd + (quoted && body.charCodeAt(e.valueEnd) === close ? 1 : 0)));
  }
  if (!known) return undefined;
  if (prefix === 'none' && (parsed.entries[0].value === undefined || !isDirectiveKey(parsed.entries[0].key))) return undefined;
  return { prefix, entries };
}

/**
 * A comment that is not a directive but reads like one (its text misses `crdb:` or the colon).
 * `body` is the comment's inner text; the caller has checked that the parser rejects it.
 */
export function commentLookalike(
  place: 'sql-comment' | 'html-comment' | 'shell-comment',
  span: { start: number; end: number },
  body: string,
  block: boolean,
): Lookalike | undefined {
  let from = 0;
  let to = body.length;
  if (place === 'html-comment') {
    // `<!--- crdb: … --->`: the extra dashes are part of the comment's text.
    while (from < to && body.charCodeAt(from) === 0x2d) from++;
    while (to > from && body.charCodeAt(to - 1) === 0x2d) to--;
  }
  const shape = readBody(body, from, to);
  if (shape === undefined) return undefined;
  // `crdb:` read in full but not where the parser looks for it: only behind extra dashes.
  if (shape.prefix === 'ok' && from === 0) return undefined;
  const problem = shape.prefix === 'none' ? 'no-prefix' : shape.prefix === 'no-colon' ? 'no-colon' : 'place';
  const [open, close] = place === 'html-comment' ? ['<!-- ', ' -->'] : place === 'shell-comment' ? ['# ', ''] : block ? ['/* ', ' */'] : ['-- ', ''];
  return { place, problem, start: span.start, end: span.end, open, close, entries: shape.entries };
}

/** A `#` or `//` line of SQL read like a directive; offsets into the SQL text. */
export interface SqlLineLookalike {
  start: number;
  end: number;
  marker: string;
  entries: string[];
  problem: Lookalike['problem'];
}

/**
 * `# crdb: …` and `// crdb: …` lines of SQL text where a statement starts at `at` (neither
 * starts a comment: the line is the start of a statement that runs to the next `;`). Reads the
 * run of such lines from `at`, up to `end` (the statement's end), stopping after a line that
 * could open a string or a comment. Returns where the run of marker lines ends.
 */
export function sqlLineLookalikes(sql: string, at: number, end: number, out: SqlLineLookalike[]): number {
  let p = at;
  while (p < end) {
    // The line's end, looked for within the statement only (`indexOf` could scan the rest of
    // the text once per statement: quadratic over many statements on one line).
    let lineEnd = p;
    while (lineEnd < end && sql.charCodeAt(lineEnd) !== 0x0a) lineEnd++;
    const m = skipBlanks(sql, p, lineEnd);
    const c = sql.charCodeAt(m);
    const marker = c === 0x23 /* # */ ? '#' : c === 0x2f && sql.charCodeAt(m + 1) === 0x2f ? '//' : undefined;
    if (marker === undefined) return p;
    let textEnd = lineEnd;
    while (textEnd > m && isBlank(sql.charCodeAt(textEnd - 1))) textEnd--;
    const shape = readBody(sql, m + marker.length, textEnd);
    if (shape !== undefined) {
      out.push({ start: m, end: textEnd, marker, entries: shape.entries, problem: shape.prefix === 'none' ? 'no-prefix' : 'place' });
    }
    // A quote or a comment opener on this line may open text that runs on: read no further.
    for (let k = m; k < lineEnd; k++) {
      const d = sql.charCodeAt(k);
      if (d === 0x27 || d === 0x22 || d === 0x24 || (d === 0x2f && sql.charCodeAt(k + 1) === 0x2a) || (d === 0x2d && sql.charCodeAt(k + 1) === 0x2d)) return lineEnd;
    }
    p = lineEnd + 1;
  }
  return end;
}

/**
 * A markdown paragraph or heading line `[lineStart, lineEnd)` written like a directive:
 * `crdb: key=value …`, or behind a comment marker of another language (`-- `, `/* … *\/`,
 * `// `, `# `), which prose does not read. Lines holding a backtick are quoting code: never.
 */
export function proseLookalike(text: string, lineStart: number, lineEnd: number): Lookalike | undefined {
  const t = textStart(text, lineStart, lineEnd);
  if (t >= lineEnd) return undefined;
  const c = text.charCodeAt(t);
  // Cheap refusal first: nearly every prose line starts with another character.
  if (c !== 0x63 && c !== 0x43 && c !== 0x2d && c !== 0x2f && c !== 0x23) return undefined;
  // `end`: where the text ends; `replaceEnd`: where the fix's replacement ends (past a closing `*\/`).
  let replaceEnd = lineEnd;
  while (replaceEnd > t && isBlank(text.charCodeAt(replaceEnd - 1))) replaceEnd--;
  let end = replaceEnd;
  let i = t;
  const d = text.charCodeAt(t + 1);
  if (c === 0x2d /* - */ || c === 0x2f /* / */) {
    if (!((c === 0x2d && d === 0x2d) || (c === 0x2f && (d === 0x2a || d === 0x2f)))) return undefined;
    i = t + 2;
    if (d === 0x2a /* `/*` */ && end - i >= 2 && text.charCodeAt(end - 1) === 0x2f && text.charCodeAt(end - 2) === 0x2a) end -= 2;
  } else if (c === 0x23 /* # */) {
    while (i < end && text.charCodeAt(i) === 0x23) i++;
  }
  for (let k = t; k < end; k++) if (text.charCodeAt(k) === 0x60 /* ` */) return undefined;
  const shape = readBody(text, i, end);
  // Prose must name `crdb`; with no comment marker before it, with its colon.
  if (shape === undefined || shape.prefix === 'none' || (i === t && shape.prefix !== 'ok')) return undefined;
  return { place: 'prose', problem: 'place', start: t, end: replaceEnd, open: '<!-- ', close: ' -->', entries: shape.entries };
}

/**
 * Whether a plain edit (letters, digits, spaces, `.,;?`) of this paragraph or heading line could
 * make or unmake a look-alike, so the keystroke path must not take its shortcut there
 * (core/proseEdit.ts). Such edits cannot add or remove other characters, and the shortcut
 * applies only to lines whose text starts with a letter; such a line can read `crdb: …` only if
 * its first character outside that set is the colon, with a `=` or `-` later on (every known
 * key either has a value or a dash).
 */
export function proseLineMayBecomeLookalike(text: string, lineStart: number, lineEnd: number): boolean {
  const t = textStart(text, lineStart, lineEnd);
  if (t >= lineEnd || !isLetter(text.charCodeAt(t))) return false;
  let k = t;
  while (k < lineEnd && isPlain(text.charCodeAt(k))) k++;
  if (k >= lineEnd || text.charCodeAt(k) !== 0x3a) return false;
  for (k++; k < lineEnd; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x3d || c === 0x2d) return true;
  }
  return false;
}

/** Whether `s` at `i` starts with a known key and `=` (a loop: this runs for every comment). */
function startsWithKeyAssignment(s: string, i: number): boolean {
  for (let k = 0; k < KEY_ASSIGNMENTS.length; k++) if (s.startsWith(KEY_ASSIGNMENTS[k], i)) return true;
  return false;
}

/** `crdb` in any case at `i`. */
function isCrdb(s: string, i: number): boolean {
  return (s.charCodeAt(i) | 0x20) === 0x63 && (s.charCodeAt(i + 1) | 0x20) === 0x72 && (s.charCodeAt(i + 2) | 0x20) === 0x64 && (s.charCodeAt(i + 3) | 0x20) === 0x62;
}

function skipBlanks(s: string, i: number, to: number): number {
  while (i < to && isBlank(s.charCodeAt(i))) i++;
  return i;
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/** White space as the directive parser splits on it (line breaks too: a comment may span lines). */
function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c || c === 0x0b;
}

function isLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

/** What the keystroke path lets a prose edit type or delete (core/proseEdit.ts). */
function isPlain(c: number): boolean {
  return isLetter(c) || (c >= 0x30 && c <= 0x39) || c === 0x20 || c === 0x2e || c === 0x2c || c === 0x3b || c === 0x3f;
}
