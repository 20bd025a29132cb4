// Fenced code blocks: which ones hold SQL or shell, and where their content lines sit in the document.
import { CodeBlockKind, type SqlRegion } from '../types';
import type { StateBlock, Token } from './blockTokens';
import type { DocLines, Finder } from './docLines';
import { RegionBuilder } from './regionBuilder';

export type FenceKind = 'sql' | 'shell';

const KINDS: ReadonlyMap<string, FenceKind> = new Map<string, FenceKind>([
  ['sql', 'sql'],
  ['psql', 'sql'],
  ['crdb', 'sql'],
  ['cockroach', 'sql'],
  ['cockroachdb', 'sql'],
  ['sh', 'shell'],
  ['bash', 'shell'],
  ['shell', 'shell'],
  ['console', 'shell'],
  ['zsh', 'shell'],
  // GitHub's names for terminal transcripts.
  ['shell-session', 'shell'],
  ['sh-session', 'shell'],
]);

/** The entries of `KINDS` by name length (index), for matching an info string's word where it is written. */
const KINDS_BY_LENGTH: readonly (readonly [string, FenceKind][] | undefined)[] = (() => {
  const byLength: [string, FenceKind][][] = [];
  for (const entry of KINDS) (byLength[entry[0].length] ??= []).push(entry);
  return byLength;
})();

/** The code-block kind (MarkdownExtraction.codeBlocks) of a fence of this kind. */
export function codeBlockKind(fence: FenceKind | undefined): CodeBlockKind {
  return fence === 'sql' ? CodeBlockKind.Sql : fence === 'shell' ? CodeBlockKind.Shell : CodeBlockKind.Other;
}

/**
 * Kind of a fence from its info string's first word, case-insensitive. The word ends at
 * whitespace or punctuation other than `-`, so `sql title="x"`, `sql{1,3}` and `sql,ignore`
 * are SQL; a Pandoc attribute block `{.sql}` names its language by its first class.
 */
export function fenceKind(info: string): FenceKind | undefined {
  return fenceKindAt(info, 0, info.length);
}

/** `fenceKind` of the info string `text[start, end)`, read in place (no string is made). */
export function fenceKindAt(text: string, start: number, end: number): FenceKind | undefined {
  let i = start;
  while (i < end && isBlank(text.charCodeAt(i))) i++;
  if (i < end && text.charCodeAt(i) === 0x7b /* { */) {
    i++;
    while (i < end && isBlank(text.charCodeAt(i))) i++;
    if (i < end && text.charCodeAt(i) === 0x2e /* . */) i++;
  }
  let j = i;
  while (j < end && j - i <= 16 && isWordChar(text.charCodeAt(j))) j++;
  if (j === i || j - i > 16) return undefined;
  const candidates = KINDS_BY_LENGTH[j - i];
  if (candidates === undefined) return undefined;
  for (const [name, kind] of candidates) {
    if (equalsLowerAscii(text, i, name)) return kind;
  }
  return undefined;
}

/** Whether `text` at `at` spells lower-case ASCII `name`, ignoring ASCII case. */
function equalsLowerAscii(text: string, at: number, name: string): boolean {
  for (let k = 0; k < name.length; k++) {
    let c = text.charCodeAt(at + k);
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    if (c !== name.charCodeAt(k)) return false;
  }
  return true;
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

function isWordChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x5f;
}

/**
 * A fence's content lines in the document, container prefixes removed: entries
 * `[first, first + count)` of the two arrays.
 */
export interface LineTable {
  /** Document offset of each content line after its container prefix. */
  starts: ArrayLike<number>;
  /** Length of each content line (no line break). */
  lens: ArrayLike<number>;
  first: number;
  count: number;
}

/**
 * Content lines of a fence token. Line i of the token's `content` is source line
 * `map[0] + 1 + i` with the container prefix (quote markers, list indent, fence indent) cut
 * off, so its length gives the prefix length. Only a tab in the line can break that: the
 * parser then pads the content with spaces for a partly consumed tab, and we align on the
 * real text.
 */
export function fenceLines(tok: Token, state: StateBlock, lines: DocLines, tabs: Finder): LineTable {
  const starts: number[] = [];
  const lens: number[] = [];
  const table = (): LineTable => ({ starts, lens, first: 0, count: starts.length });
  const map = tok.map;
  if (map === null) return table();
  const content = tok.content;
  const clen = content.length;
  const first = map[0] + 1;
  const last = Math.max(first, map[1] - 1);
  if (first >= state.lineMax) return table();
  const tab = tabs.next(state.bMarks[first]);
  const noTabs = tab < 0 || tab >= state.eMarks[Math.min(last, state.lineMax - 1)];

  let cpos = 0;
  let line = first;
  while (cpos < clen && line < state.lineMax) {
    let nl = content.indexOf('\n', cpos);
    if (nl < 0) nl = clen;
    const slen = state.eMarks[line] - state.bMarks[line];
    let p = noTabs ? slen - (nl - cpos) : alignPrefix(state.src, state.bMarks[line], slen, content, cpos, nl);
    if (p < 0) p = 0;
    else if (p > slen) p = slen;
    starts.push(lines.start(line) + p);
    lens.push(slen - p);
    cpos = nl + 1;
    line++;
  }
  return table();
}

/**
 * Prefix length of a source line whose suffix is content line `content[cpos, nl)`, allowing
 * for up to a few leading pad spaces the parser added when it expanded a tab.
 */
function alignPrefix(src: string, lineStart: number, slen: number, content: string, cpos: number, nl: number): number {
  for (let k = 0; k <= 4 && cpos + k <= nl; k++) {
    const p = slen - (nl - cpos - k);
    if (p >= 0 && src.startsWith(content.slice(cpos + k, nl), lineStart + p)) return p;
    if (content.charCodeAt(cpos + k) !== 0x20) break;
  }
  return slen - (nl - cpos);
}

/** The SQL region of a fence: its content lines joined by `\n`. */
export function sqlFenceRegion(doc: string, table: LineTable): SqlRegion | undefined {
  const { starts, lens, first, count } = table;
  if (count === 0) return undefined;
  const last = first + count - 1;
  // Usual case (top-level fence, `\n` breaks): the content is one slice of the document.
  let contiguous = true;
  for (let i = first + 1; i <= last && contiguous; i++) {
    contiguous = starts[i] === starts[i - 1] + lens[i - 1] + 1 && doc.charCodeAt(starts[i] - 1) === 0x0a;
  }
  if (contiguous) {
    const length = starts[last] + lens[last] - starts[first];
    if (length === 0) return undefined;
    const text = doc.slice(starts[first], starts[first] + length);
    return { text, segments: [{ regionStart: 0, docStart: starts[first], length }], inline: false };
  }
  // The segments come from a RegionBuilder; the text is simply the lines joined by `\n`,
  // made in one join rather than from the segments and the gaps between them.
  const b = new RegionBuilder(doc);
  const lines = new Array<string>(count);
  for (let i = first; i <= last; i++) {
    if (i > first) b.newline(starts[i - 1] + lens[i - 1], starts[i]);
    b.copy(starts[i], lens[i]);
    lines[i - first] = doc.slice(starts[i], starts[i] + lens[i]);
  }
  if (b.segments.length === 0) return undefined; // no document text (blank lines only)
  return { text: lines.join('\n'), segments: b.segments, inline: false };
}
