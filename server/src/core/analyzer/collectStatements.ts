// Collection: the SQL regions of a document (the whole text, or what markdown extraction
// finds), the BACKUP, RESTORE and CREATE SCHEDULE statements in them, and every directive
// (front matter, HTML/shell comments, SQL comments), with the place each takes in the walk,
// and the directive look-alikes (core/lookalikes.ts) met on the way.
import type { AnalyzedDirective, AnalyzedStatement, AnalyzeOptions, ProseEditBasis } from '../analysisTypes';
import { collectionKey, defaultCollection } from '../collections';
import { parseDirectiveBody, type Directive } from '../directives';
import type { LineIndex } from '../lineIndex';
import { commentLookalike, proseLineMayBecomeLookalike, proseLookalike, sqlLineLookalikes, type Lookalike, type SqlLineLookalike } from '../lookalikes';
import { extractMarkdown } from '../markdown';
import { isIdentityRegion, toDocOffset, wholeDocumentRegion } from '../regions';
import type { ScanCache } from '../scanCache';
import { scanSql } from '../sql';
import type { Catalog } from '../catalog/catalog';
import { codeEvidence } from '../evidence/codeEvidence';
import type { Evidence } from '../evidence/evidenceTypes';
import { settingEvidence } from '../evidence/settingEvidence';
import type { DirectiveComment, FrontMatterEntry, SqlRegion, SqlStatement } from '../types';

export interface CollectedDocument {
  regions: SqlRegion[];
  /** The BACKUP, RESTORE and CREATE SCHEDULE statements in document order (other SQL is only scanned past). */
  statements: AnalyzedStatement[];
  /** Per statement: where the statement scanned just before it in the same region ends (-1: none). */
  prevEnds: number[];
  directives: AnalyzedDirective[];
  /** Per directive: its place in document order (a directive attached to a statement takes the statement's). */
  directiveOrders: number[];
  /** Per statement index: the directive attached to it (inside it, or trailing on its first line). */
  attached: Map<number, AnalyzedDirective>;
  /** Markdown only: what tells whether an edit can change the analysis (core/proseEdit.ts). */
  basis?: ProseEditBasis;
  /** Version evidence in the document's code, in document order (docs/how-versions-are-known.md). */
  evidence: Evidence[];
  /** Text written like a directive that is not read as one (docs/rules/directive-lookalike.md). */
  lookalikes: Lookalike[];
}

/**
 * Collects a document's statements and directives. `scans`, when given, holds the scans of the
 * previous analysis of the same document: unchanged regions are not scanned again.
 */
export function collectStatementsAndDirectives(
  text: string,
  languageId: AnalyzeOptions['languageId'],
  lines: LineIndex,
  catalog: Catalog,
  scans?: ScanCache,
): CollectedDocument {
  const doc: CollectedDocument = { regions: [], statements: [], prevEnds: [], directives: [], directiveOrders: [], attached: new Map(), evidence: [], lookalikes: [] };
  let comments: DirectiveComment[] = [];
  let frontMatter: FrontMatterEntry[] = [];
  let codeBlocks: Int32Array | undefined;
  if (languageId === 'markdown') {
    const md = extractMarkdown(text);
    codeBlocks = md.codeBlocks;
    doc.regions = md.regions;
    comments = md.directiveComments;
    frontMatter = md.frontMatter;
    const proseLines = md.proseLines ?? new Int32Array(0);
    const guarded = proseLookalikes(text, lines, proseLines, doc.lookalikes);
    doc.basis = { lines, proseLines, comments: commentSpans(comments, guarded) };
  } else {
    doc.regions = [wholeDocumentRegion(text)];
  }
  // Front matter is the start of the document: any later directive overrides it.
  if (frontMatter.length > 0) addDirective(doc, lines, frontMatterDirective(frontMatter), -1);
  // SQL comments of SQL fences: evidence text there is commented out.
  const sqlComments: number[] = [];
  for (let i = 0; i < doc.regions.length; i++) collectRegion(doc, lines, doc.regions[i], i, catalog, codeBlocks === undefined ? undefined : sqlComments, scans);
  if (codeBlocks !== undefined && codeBlocks.length > 0) addCodeEvidence(doc, { text, lines, codeBlocks, sqlComments, catalog });
  for (const c of comments) {
    const origin = text.startsWith('<!--', c.start) ? 'html' : 'shell';
    const d = parseDirectiveBody(c.body, (i) => c.bodyStart + i, origin, c);
    if (d) addDirective(doc, lines, d, d.start);
    else {
      const l = commentLookalike(origin === 'html' ? 'html-comment' : 'shell-comment', c, c.body, false);
      if (l) doc.lookalikes.push(l);
    }
  }
  return doc;
}

/**
 * The look-alikes among paragraph and heading lines (pairs of line ranges), and the spans of the
 * lines where a plain edit could make or unmake one: the keystroke path treats those like
 * comments and analyses the document again (core/proseEdit.ts).
 */
function proseLookalikes(text: string, lines: LineIndex, proseLines: Int32Array, out: Lookalike[]): number[] {
  const guarded: number[] = [];
  for (let r = 0; r < proseLines.length; r += 2) {
    for (let line = proseLines[r]; line < proseLines[r + 1]; line++) {
      const start = lines.lineStart(line);
      const end = lines.lineEnd(line);
      const l = proseLookalike(text, start, end);
      if (l) out.push(l);
      if (proseLineMayBecomeLookalike(text, start, end)) guarded.push(start, end);
    }
  }
  return guarded;
}

/** `[start, end)` pairs of every comment and of every guarded prose line, ascending. */
function commentSpans(comments: DirectiveComment[], guarded: number[]): Int32Array {
  const spans = new Int32Array(comments.length * 2 + guarded.length);
  let i = 0;
  let g = 0;
  for (let k = 0; k < spans.length; k += 2) {
    if (g < guarded.length && (i >= comments.length || guarded[g] < comments[i].start)) {
      spans[k] = guarded[g];
      spans[k + 1] = guarded[g + 1];
      g += 2;
    } else {
      spans[k] = comments[i].start;
      spans[k + 1] = comments[i].end;
      i++;
    }
  }
  return spans;
}

function frontMatterDirective(entries: FrontMatterEntry[]): Directive {
  const last = entries[entries.length - 1];
  return {
    origin: 'front-matter',
    start: entries[0].keyStart,
    end: last.valueEnd,
    entries: entries.map((e) => ({ ...e })),
    appendAt: last.valueEnd,
  };
}

function addDirective(doc: CollectedDocument, lines: LineIndex, d: Directive, order: number): AnalyzedDirective {
  const ad: AnalyzedDirective = {
    origin: d.origin,
    start: d.start,
    end: d.end,
    entries: d.entries,
    appendAt: d.appendAt,
    line: lines.lineOf(d.start),
  };
  doc.directives.push(ad);
  doc.directiveOrders.push(order);
  return ad;
}

/** Merges the evidence found in code blocks with the SQL evidence already collected, in document order. */
function addCodeEvidence(doc: CollectedDocument, input: Parameters<typeof codeEvidence>[0]): void {
  const fromCode: Evidence[] = [];
  codeEvidence(input, fromCode);
  if (fromCode.length === 0) return;
  const fromSql = doc.evidence;
  const all: Evidence[] = [];
  let i = 0;
  let j = 0;
  while (i < fromSql.length || j < fromCode.length) {
    if (j >= fromCode.length || (i < fromSql.length && fromSql[i].start <= fromCode[j].start)) all.push(fromSql[i++]);
    else all.push(fromCode[j++]);
  }
  doc.evidence = all;
}

function collectRegion(
  doc: CollectedDocument,
  lines: LineIndex,
  region: SqlRegion,
  regionIndex: number,
  catalog: Catalog,
  sqlComments: number[] | undefined,
  scans?: ScanCache,
): void {
  const scan = scans ? scans.scan(region.text) : scanSql(region.text);
  const toDoc = isIdentityRegion(region) ? (off: number) => off : (off: number) => toDocOffset(region, off);
  if (scan.settings.length > 0) settingEvidence(scan.settings, toDoc, catalog, doc.evidence);
  if (sqlComments !== undefined && !region.inline) {
    for (const c of scan.comments) sqlComments.push(toDoc(c.start), toDoc(c.end));
  }
  const scanned = scan.statements;
  const statements = doc.statements;
  const first = statements.length;
  let prevEnd = -1;
  for (let i = 0; i < scanned.length; i++) {
    const s = scanned[i];
    if (s.kind === 'other' && !region.inline) sqlLines(doc, lines.text, region, s.start, s.end, toDoc);
    if (s.kind !== 'other') {
      statements.push(toAnalyzed(lines, s, regionIndex, toDoc));
      doc.prevEnds.push(prevEnd);
    }
    prevEnd = toDoc(s.end);
  }
  // Walking the scanned statements beside the comments: k is the last one starting at or
  // before the comment, and `relevant` counts the kept ones up to it (its index is first + relevant - 1).
  let k = -1;
  let relevant = 0;
  for (const c of scan.comments) {
    const d = parseDirectiveBody(c.body, (i) => toDoc(c.bodyStart + i), 'sql', { start: toDoc(c.start), end: toDoc(c.end) });
    if (!d) {
      const span = { start: toDoc(c.start), end: toDoc(c.end) };
      const l = commentLookalike('sql-comment', span, c.body, c.kind === 'block');
      if (l && verbatim(lines.text, region, c.start, c.end, span)) doc.lookalikes.push(l);
      continue;
    }
    // A directive inside a statement, or trailing on the line where one starts, belongs to it
    // (what it belongs to matters only for BACKUP, RESTORE and CREATE SCHEDULE; a SHOW BACKUP,
    // which is never checked, owns none).
    while (k + 1 < scanned.length && scanned[k + 1].start <= c.start) {
      k++;
      if (scanned[k].kind !== 'other') relevant++;
    }
    let owner = -1;
    if (k >= 0 && scanned[k].kind !== 'other' && scanned[k].kind !== 'show') {
      const index = first + relevant - 1;
      const inside = c.start < scanned[k].end;
      if (inside || lines.lineOf(statements[index].keyword.start) === lines.lineOf(d.start)) owner = index;
    }
    if (owner < 0) addDirective(doc, lines, d, d.start);
    else doc.attached.set(owner, addDirective(doc, lines, d, statements[owner].keyword.start));
  }
}

/** `# crdb: …` / `// crdb: …` lines where statement `[start, end)` of a region starts (core/lookalikes.ts). */
function sqlLines(doc: CollectedDocument, docText: string, region: SqlRegion, start: number, end: number, toDoc: (off: number) => number): void {
  const sql = region.text;
  const c = sql.charCodeAt(start);
  if (c !== 0x23 /* # */ && !(c === 0x2f && sql.charCodeAt(start + 1) === 0x2f)) return;
  const found: SqlLineLookalike[] = [];
  const after = sqlLineLookalikes(sql, start, end, found);
  // The statement goes on past the marker lines (a RESTORE after them is not read).
  const hidesStatement = /[A-Za-z]/.test(sql.slice(after, end));
  for (const f of found) {
    const span = { start: toDoc(f.start), end: toDoc(f.end) };
    if (!verbatim(docText, region, f.start, f.end, span)) continue;
    doc.lookalikes.push({ place: 'sql-line', problem: f.problem, ...span, open: '-- ', close: '', entries: f.entries, marker: f.marker, hidesStatement });
  }
}

/** Whether region text `[start, end)` is a plain copy of the document at `span` (a fix may replace it there). */
function verbatim(docText: string, region: SqlRegion, start: number, end: number, span: { start: number; end: number }): boolean {
  if (isIdentityRegion(region)) return true;
  const text = region.text.slice(start, end);
  return span.end - span.start === text.length && docText.startsWith(text, span.start);
}

function toAnalyzed(lines: LineIndex, s: SqlStatement, regionIndex: number, toDoc: (off: number) => number): AnalyzedStatement {
  const kw = toDoc(s.keyword.start);
  const line = lines.lineOf(kw);
  const lineStart = lines.lineStart(line);
  const def = defaultCollection(s.collections);
  // Lists of exactly their size (push would leave room for 17 entries in each): statements
  // are kept with the document's analysis.
  const collections = new Array<string | undefined>(s.collections.length);
  for (let i = 0; i < s.collections.length; i++) collections[i] = s.collections[i].value;
  const options = new Array<string>(s.options.length);
  for (let i = 0; i < s.options.length; i++) options[i] = s.options[i].name;
  return {
    kind: s.kind,
    restoreTarget: s.restoreTarget,
    locator: s.locator ? { kind: s.locator.kind, value: s.locator.value } : undefined,
    collections,
    collectionKey: s.oldSyntax ? undefined : collectionKey(def?.value),
    collectionSpan: def ? { start: toDoc(def.start), end: toDoc(def.end) } : undefined,
    oldSyntax: s.oldSyntax,
    options,
    span: { start: toDoc(s.start), end: toDoc(s.end) },
    keyword: { start: kw, end: toDoc(s.keyword.end) },
    range: {
      start: { line, character: kw - lineStart },
      end: { line, character: Math.max(kw, lines.lineEnd(line)) - lineStart },
    },
    region: regionIndex,
    // Filled in by the scope walk; present from the start so that every statement keeps one shape.
    backup: undefined,
    target: undefined,
    mixedVersion: undefined,
    mixedBy: undefined,
    upgradingTo: undefined,
    verdict: undefined,
  };
}
