// Fenced code blocks: which ones hold SQL or shell, and where their content lines sit in the document.
import type MarkdownIt from 'markdown-it';
import type { SqlRegion } from '../types';
import type { DocLines, Finder } from './docLines';
import { RegionBuilder } from './regionBuilder';

type StateBlock = MarkdownIt.StateBlock;
type Token = MarkdownIt.Token;

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

/**
 * Kind of a fence from its info string's first word, case-insensitive. The word ends at
 * whitespace or punctuation other than `-`, so `sql title="x"`, `sql{1,3}` and `sql,ignore`
 * are SQL; a Pandoc attribute block `{.sql}` names its language by its first class.
 */
export function fenceKind(info: string): FenceKind | undefined {
  const n = info.length;
  let i = 0;
  while (i < n && isBlank(info.charCodeAt(i))) i++;
  if (info.charCodeAt(i) === 0x7b /* { */) {
    i++;
    while (i < n && isBlank(info.charCodeAt(i))) i++;
    if (info.charCodeAt(i) === 0x2e /* . */) i++;
  }
  let j = i;
  while (j < n && j - i <= 16 && isWordChar(info.charCodeAt(j))) j++;
  if (j === i || j - i > 16) return undefined;
  return KINDS.get(info.slice(i, j).toLowerCase());
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

function isWordChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x5f;
}

/** A fence's content lines in the document, container prefixes removed. */
export interface LineTable {
  /** Document offset of each content line after its container prefix. */
  starts: number[];
  /** Length of each content line (no line break). */
  lens: number[];
}

/**
 * Content lines of a fence token. markdown-it's `content` line i is line `map[0] + 1 + i`
 * with the container prefix (quote markers, list indent, fence indent) cut off, so its
 * length gives the prefix length. Only a tab in the line can break that: markdown-it then
 * pads the content with spaces for a partly consumed tab, and we align on the real text.
 */
export function fenceLines(tok: Token, state: StateBlock, lines: DocLines, tabs: Finder): LineTable {
  const starts: number[] = [];
  const lens: number[] = [];
  const map = tok.map;
  if (map === null) return { starts, lens };
  const content = tok.content;
  const clen = content.length;
  const first = map[0] + 1;
  const last = Math.max(first, map[1] - 1);
  if (first >= state.lineMax) return { starts, lens };
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
  return { starts, lens };
}

/**
 * Prefix length of a source line whose suffix is content line `content[cpos, nl)`, allowing
 * for up to a few leading pad spaces markdown-it added when it expanded a tab.
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
  const { starts, lens } = table;
  const n = starts.length;
  if (n === 0) return undefined;
  // Usual case (top-level fence, `\n` breaks): the content is one slice of the document.
  let contiguous = true;
  for (let i = 1; i < n && contiguous; i++) {
    contiguous = starts[i] === starts[i - 1] + lens[i - 1] + 1 && doc.charCodeAt(starts[i] - 1) === 0x0a;
  }
  if (contiguous) {
    const length = starts[n - 1] + lens[n - 1] - starts[0];
    if (length === 0) return undefined;
    const text = doc.slice(starts[0], starts[0] + length);
    return { text, segments: [{ regionStart: 0, docStart: starts[0], length }], inline: false };
  }
  const b = new RegionBuilder(doc);
  for (let i = 0; i < starts.length; i++) {
    if (i > 0) b.newline(starts[i - 1] + lens[i - 1], starts[i]);
    b.copy(starts[i], lens[i]);
  }
  return b.build(false);
}
