// Document symbols: the runbook's backup/restore steps as an outline. Markdown: the headings
// that contain BACKUP/RESTORE statements (nested by level), with their statements inside;
// SQL: a flat list of statements. Each statement is named with its kind, what it restores or
// backs up, and the versions (`RESTORE DATABASE bank ← 23.2 → 24.3 ✗`); its detail is the
// collection. Pure: takes an Analysis; insightHandlers.ts maps the nodes to LSP
// DocumentSymbols.
import type { Analysis, AnalyzedStatement } from '../core/analysisTypes';
import { displayCollection } from '../core/collections';
import type { LineIndex } from '../core/lineIndex';
import type { MarkdownHeading } from '../core/markdown';
import { isSupported } from '../core/policy';
import type { Range } from '../core/types';

export type SymbolNodeKind = 'heading' | 'restore' | 'backup';

export interface SymbolNode {
  name: string;
  detail?: string;
  kind: SymbolNodeKind;
  range: Range;
  selectionRange: Range;
  children: SymbolNode[];
}

const MAX_HEAD = 60;

/**
 * The outline. `headings` (markdown only; omit for SQL) must be in document order.
 * Headings with no BACKUP/RESTORE anywhere below them are left out.
 */
export function documentSymbols(analysis: Analysis, lines: LineIndex, headings?: readonly MarkdownHeading[]): SymbolNode[] {
  const statements: { line: number; node: SymbolNode }[] = [];
  for (const st of analysis.statements) {
    if (st.kind !== 'restore' && st.kind !== 'backup') continue;
    statements.push({ line: lines.lineOf(st.keyword.start), node: statementSymbol(st, lines) });
  }
  if (!headings || headings.length === 0) return statements.map((s) => s.node);

  // Each heading's section runs to the line before the next heading of the same or a higher level.
  interface Section {
    heading: MarkdownHeading;
    lastLine: number;
    node: SymbolNode;
    count: number;
  }
  const lastDocLine = lines.lineCount - 1;
  const sections: Section[] = headings.map((h, i) => {
    let next = headings.length;
    for (let j = i + 1; j < headings.length; j++) {
      if (headings[j].level <= h.level) {
        next = j;
        break;
      }
    }
    const lastLine = next < headings.length ? Math.max(h.endLine, headings[next].line - 1) : lastDocLine;
    const selection = { start: lines.position(lines.lineStart(h.line)), end: lines.position(lines.lineEnd(h.endLine)) };
    return {
      heading: h,
      lastLine,
      count: 0,
      node: {
        name: h.text.trim() || '(heading)',
        kind: 'heading',
        range: { start: selection.start, end: lines.position(lines.lineEnd(trimBlankTail(lines, h.endLine, lastLine))) },
        selectionRange: selection,
        children: [],
      },
    };
  });

  // Walk headings and statements in line order with a stack of open sections.
  const roots: SymbolNode[] = [];
  const stack: Section[] = [];
  const parentOf = () => (stack.length > 0 ? stack[stack.length - 1].node.children : roots);
  let k = 0;
  const placeStatementsBefore = (line: number) => {
    while (k < statements.length && statements[k].line < line) {
      const s = statements[k++];
      while (stack.length > 0 && stack[stack.length - 1].lastLine < s.line) stack.pop();
      parentOf().push(s.node);
      stack.forEach((sec) => sec.count++);
    }
  };
  for (const sec of sections) {
    placeStatementsBefore(sec.heading.line);
    while (stack.length > 0 && stack[stack.length - 1].heading.level >= sec.heading.level) stack.pop();
    while (stack.length > 0 && stack[stack.length - 1].lastLine < sec.heading.line) stack.pop();
    parentOf().push(sec.node);
    stack.push(sec);
  }
  placeStatementsBefore(Number.MAX_SAFE_INTEGER);

  const counts = new Map(sections.map((s) => [s.node, s.count]));
  const prune = (nodes: SymbolNode[]): SymbolNode[] =>
    nodes
      .filter((n) => n.kind !== 'heading' || (counts.get(n) ?? 0) > 0)
      .map((n) => (n.kind === 'heading' ? { ...n, children: prune(n.children) } : n));
  return prune(roots);
}

/** The last non-blank line of a section (at least the heading's own last line). */
function trimBlankTail(lines: LineIndex, headingEnd: number, lastLine: number): number {
  let l = lastLine;
  while (l > headingEnd && lines.lineText(l).trim() === '') l--;
  return l;
}

function statementSymbol(st: AnalyzedStatement, lines: LineIndex): SymbolNode {
  const start = Math.min(st.span.start, st.keyword.start);
  const end = Math.max(st.span.end, st.keyword.end);
  return {
    name: statementName(st, lines.text),
    detail: collectionDetail(st, lines.text),
    kind: st.kind === 'restore' ? 'restore' : 'backup',
    range: lines.range(start, end),
    selectionRange: lines.range(st.keyword.start, st.keyword.end),
    children: [],
  };
}

/** `RESTORE DATABASE bank ← 23.2 → 24.3 ✗`, `BACKUP (full cluster) ⇢ 23.2`. */
export function statementName(st: AnalyzedStatement, text: string): string {
  const head = statementHead(st, text);
  if (st.kind === 'backup') return `${head} ⇢ ${st.target?.version?.major ?? '?'}`;
  const b = st.backup?.version?.major ?? '?';
  const t = st.target?.version?.major ?? '?';
  const mark = !st.verdict ? '?' : isSupported(st.verdict) ? '✓' : '✗';
  return `${head} ← ${b} → ${t} ${mark}`;
}

const KEYWORDS = new Set(['restore', 'backup', 'table', 'database', 'system', 'users', 'virtual', 'cluster', 'tenant']);

/** The statement up to FROM / INTO / TO, comments, prompts and container prefixes removed. */
function statementHead(st: AnalyzedStatement, text: string): string {
  const stop = st.collectionSpan?.start ?? st.span.end;
  const raw = text.slice(st.keyword.start, Math.max(st.keyword.end, Math.min(stop, st.keyword.start + 2000)));
  const joined = raw
    .split(/\r\n?|\n/)
    .map((l, i) => (i === 0 ? l : l.replace(/^[\s>]*(?:->)?/, '')).replace(/--.*$/, ''))
    .join(' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ');
  const words = joined.split(/\s+/).filter((w) => w !== '');
  const out: string[] = [];
  for (const w of words) {
    const lw = w.toLowerCase();
    if (out.length > 0 && (lw === 'from' || lw === 'into' || lw === 'to' || lw === 'in' || lw === 'as' || lw === 'with')) break;
    out.push(KEYWORDS.has(lw) ? w.toUpperCase() : w);
  }
  if (out.length <= 1) out.push('(full cluster)');
  const head = out.join(' ').replace(/\s+,/g, ',');
  return head.length > MAX_HEAD ? `${head.slice(0, MAX_HEAD - 1)}…` : head;
}

function collectionDetail(st: AnalyzedStatement, text: string): string | undefined {
  const marked = st.collections.find((c) => c !== undefined && /[?&]COCKROACH_LOCALITY=default(?:&|$)/i.test(c));
  const value = marked ?? st.collections[0];
  let shown: string | undefined;
  if (value !== undefined) shown = displayCollection(value);
  else if (st.collectionSpan) shown = text.slice(st.collectionSpan.start, st.collectionSpan.end);
  if (shown === undefined) return undefined;
  const more = st.collections.length - 1;
  return more > 0 ? `${shown} (+${more} ${st.oldSyntax ? 'more' : `localit${more > 1 ? 'ies' : 'y'}`})` : shown;
}
