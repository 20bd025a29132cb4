// YAML front matter: only the `crdb:` mapping is ours, read as written (no YAML typing, so
// `24.10` stays "24.10").
import type { FrontMatterEntry, Span } from '../types';

export interface FrontMatter {
  span: Span;
  entries: FrontMatterEntry[];
  /** First line after the closing `---`/`...` (where markdown starts), numbered as the block parser numbers lines. */
  bodyLine: number;
}

interface Line {
  start: number;
  end: number; // before the line break
}

/** The line breaks the block parser knows (blockTokens.ts): `\r\n`, `\r`, `\n`. */
const BREAK = /\r\n?|\n/g;

/**
 * Front matter: a `---` first line (after an optional BOM), then lines up to a `---` or `...`
 * line. Without a closing line there is no front matter (the `---` is markdown's).
 */
export function parseFrontMatter(doc: string): FrontMatter | undefined {
  const open = doc.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (!doc.startsWith('---', open)) return undefined;
  const lines: Line[] = [];
  BREAK.lastIndex = open;
  let start = open;
  let closing: Line | undefined;
  for (;;) {
    const m = BREAK.exec(doc);
    const end = m === null ? doc.length : m.index;
    const line = { start, end };
    if (lines.length === 0) {
      if (!isMarker(doc, line, '---')) return undefined;
    } else if (isMarker(doc, line, '---') || isMarker(doc, line, '...')) {
      closing = line;
      lines.push(line);
      break;
    }
    lines.push(line);
    if (m === null) break;
    start = m.index + m[0].length;
  }
  if (closing === undefined) return undefined;
  const entries: FrontMatterEntry[] = [];
  readCrdb(doc, lines.slice(1, lines.length - 1), entries);
  return { span: { start: 0, end: closing.end }, entries, bodyLine: lines.length };
}

function isMarker(doc: string, line: Line, marker: string): boolean {
  if (!doc.startsWith(marker, line.start)) return false;
  for (let i = line.start + 3; i < line.end; i++) {
    if (!isBlank(doc.charCodeAt(i))) return false;
  }
  return true;
}

/** Entries of every top-level `crdb:` key, in block (`crdb:` + indented lines) or flow (`{…}`) form. */
function readCrdb(doc: string, lines: Line[], out: FrontMatterEntry[]): void {
  for (let i = 0; i < lines.length; i++) {
    const { start, end } = lines[i];
    const key = readKey(doc, start, end);
    if (key === undefined || doc.slice(key.keyStart, key.keyEnd) !== 'crdb') continue;
    const v = skipBlanks(doc, key.afterColon, end);
    if (doc.charCodeAt(v) === 0x7b /* { */) {
      readFlow(doc, v + 1, lines, i, out);
      continue;
    }
    if (v < end && doc.charCodeAt(v) !== 0x23 /* # */) continue; // a scalar: not a mapping
    // Block form: the indented lines that follow; entries are those at the first child's indent.
    let childIndent = -1;
    for (let j = i + 1; j < lines.length; j++) {
      const l = lines[j];
      const text = skipBlanks(doc, l.start, l.end);
      if (text >= l.end || doc.charCodeAt(text) === 0x23) continue; // blank or comment line
      const indent = text - l.start;
      if (indent === 0) break;
      if (childIndent < 0) childIndent = indent;
      if (indent !== childIndent) continue; // nested deeper: not a key of ours
      const k = readKey(doc, text, l.end);
      if (k === undefined) continue;
      const val = readValue(doc, skipBlanks(doc, k.afterColon, l.end), l.end, false);
      out.push(entry(doc, k, val));
    }
  }
}

interface Key {
  keyStart: number;
  keyEnd: number;
  afterColon: number;
}

interface Value {
  start: number;
  end: number;
  /** Where reading stopped (after a closing quote, or at the terminator). */
  next: number;
}

function entry(doc: string, k: Key, v: Value): FrontMatterEntry {
  return {
    key: doc.slice(k.keyStart, k.keyEnd),
    keyStart: k.keyStart,
    keyEnd: k.keyEnd,
    value: doc.slice(v.start, v.end),
    valueStart: v.start,
    valueEnd: v.end,
  };
}

/** `key:` or `"key":`/`'key':` at `p`; the key span excludes quotes and trailing blanks. */
function readKey(doc: string, p: number, end: number, stops = ''): Key | undefined {
  const q = doc.charCodeAt(p);
  if (q === 0x22 || q === 0x27) {
    let close = p + 1;
    while (close < end && doc.charCodeAt(close) !== q) close++;
    if (close >= end) return undefined;
    const colon = skipBlanks(doc, close + 1, end);
    if (doc.charCodeAt(colon) !== 0x3a) return undefined;
    return { keyStart: p + 1, keyEnd: close, afterColon: colon + 1 };
  }
  let i = p;
  while (i < end) {
    const c = doc.charCodeAt(i);
    if (c === 0x3a /* : */ || c === 0x23 /* # */ || stops.includes(doc[i])) break;
    i++;
  }
  if (i >= end || doc.charCodeAt(i) !== 0x3a) return undefined;
  let keyEnd = i;
  while (keyEnd > p && isBlank(doc.charCodeAt(keyEnd - 1))) keyEnd--;
  if (keyEnd === p) return undefined;
  return { keyStart: p, keyEnd, afterColon: i + 1 };
}

/**
 * A scalar at `p` (ending by `end`): quoted — the text between the quotes; plain — up to
 * ` #` (a comment) or, in flow form, `,`/`}`, trailing blanks dropped.
 */
function readValue(doc: string, p: number, end: number, flow: boolean): Value {
  const q = doc.charCodeAt(p);
  if (p < end && (q === 0x22 || q === 0x27)) {
    let i = p + 1;
    while (i < end) {
      const c = doc.charCodeAt(i);
      if (c === 0x5c && q === 0x22) i += 2; // "\x" escape
      else if (c === q && q === 0x27 && doc.charCodeAt(i + 1) === 0x27 && i + 1 < end) i += 2; // '' in '…'
      else if (c === q) return { start: p + 1, end: i, next: i + 1 };
      else i++;
    }
    return { start: p + 1, end: Math.min(i, end), next: end }; // unclosed: to the end
  }
  let i = p;
  while (i < end) {
    const c = doc.charCodeAt(i);
    if (flow && (c === 0x2c /* , */ || c === 0x7d /* } */)) break;
    if (c === 0x23 && (i === p || isBlank(doc.charCodeAt(i - 1)))) break;
    i++;
  }
  let e = i;
  while (e > p && isBlank(doc.charCodeAt(e - 1))) e--;
  return { start: p, end: e, next: i };
}

/** `{ key: value, … }` starting after `{` on line `li`, possibly over several lines. */
function readFlow(doc: string, p: number, lines: Line[], li: number, out: FrontMatterEntry[]): void {
  let end = lines[li].end;
  for (;;) {
    p = skipBlanks(doc, p, end);
    const c = doc.charCodeAt(p);
    if (p >= end || c === 0x23 /* # comment */) {
      if (++li >= lines.length) return;
      p = lines[li].start;
      end = lines[li].end;
      // Flow continuation lines are indented; an unindented line means the `{` never closed.
      if (p < end && !isBlank(doc.charCodeAt(p)) && doc.charCodeAt(p) !== 0x7d /* } */) return;
      continue;
    }
    if (c === 0x7d /* } */) return;
    if (c === 0x2c /* , */) {
      p++;
      continue;
    }
    const k = readKey(doc, p, end, ',}');
    if (k === undefined) {
      // Not `key: value`: skip to the next separator on this line.
      while (p < end && doc.charCodeAt(p) !== 0x2c && doc.charCodeAt(p) !== 0x7d) p++;
      continue;
    }
    const v = readValue(doc, skipBlanks(doc, k.afterColon, end), end, true);
    out.push(entry(doc, k, v));
    p = v.next;
  }
}

function skipBlanks(doc: string, p: number, end: number): number {
  while (p < end && isBlank(doc.charCodeAt(p))) p++;
  return p;
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}
