// The fuzzer's properties, as plain functions returning a problem description (or undefined),
// shared by the mocha run (fuzz.test.ts) and the long runner (scripts/fuzz.mjs):
//   1. the core never throws (the markdown extractor's safety net is bypassed too);
//   2. every finding's range, and every fix edit's range, lies inside the document;
//   3. identical input gives identical findings;
//   4. inserting plain words inside an inert string literal or comment changes no finding
//      (rule, severity, message, fixes; ranges shifted by the inserted length).
import { analyzeDocument } from '../../server/src/core/analyze';
import type { Analysis, Finding } from '../../server/src/core/analysisTypes';
import { LineIndex } from '../../server/src/core/lineIndex';
import { extractMarkdownUnguarded } from '../../server/src/core/markdown';
import { analyzeOptions, type Settings } from '../../server/src/core/settings';
import type { Range } from '../../server/src/core/types';
import { compileGitignore, gitignoreVerdict } from '../../server/src/node/gitignoreMatcher';
import { escapeMarkdown, toPlainText, visibleControls } from '../../server/src/lsp/markdownText';
import type { FuzzDoc, FuzzSettings, Lang } from './arbitraries';

export const DEFAULT_SETTINGS: FuzzSettings = { today: '2025-06-01' };

/**
 * A .gitignore never throws and its verdict does not depend on how often it is asked (the
 * fuzz runner's hang watchdog bounds its time: matching is linear in the path).
 */
export function gitignoreProblem(patterns: string, path: string, isDir: boolean): string | undefined {
  try {
    const compiled = compileGitignore(patterns);
    const a = gitignoreVerdict(compiled, path, isDir);
    const b = gitignoreVerdict(compileGitignore(patterns), path, isDir);
    if (a !== b) return `verdicts differ: ${a} then ${b}`;
  } catch (e) {
    return `threw: ${e instanceof Error ? e.stack : String(e)}`;
  }
  return undefined;
}

export function analyze(text: string, lang: Lang, settings: FuzzSettings = DEFAULT_SETTINGS): Analysis {
  // A fresh options object every time: nothing may leak between analyses.
  return analyzeDocument(text, analyzeOptions(settings as Settings, lang));
}

function describeError(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

/** Problems with the positions of findings, fix edits and statements; empty when all is well. */
export function rangeProblems(text: string, a: Analysis): string[] {
  const lines = new LineIndex(text);
  const out: string[] = [];
  const n = text.length;
  const posOk = (p: { line: number; character: number }) =>
    Number.isInteger(p.line) &&
    Number.isInteger(p.character) &&
    p.line >= 0 &&
    p.line < lines.lineCount &&
    p.character >= 0 &&
    p.character <= lines.lineEnd(p.line) - lines.lineStart(p.line);
  const before = (a: { line: number; character: number }, b: { line: number; character: number }) =>
    a.line < b.line || (a.line === b.line && a.character <= b.character);
  const rangeOk = (r: Range) => posOk(r.start) && posOk(r.end) && before(r.start, r.end);
  const show = (r: Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
  for (const f of a.findings) {
    const id = `${f.rule} at ${f.start}-${f.end}`;
    if (!(Number.isInteger(f.start) && Number.isInteger(f.end) && f.start >= 0 && f.start <= f.end && f.end <= n)) {
      out.push(`${id}: offsets outside the document (length ${n})`);
    }
    if (!rangeOk(f.range)) out.push(`${id}: range ${show(f.range)} not inside the document`);
    else {
      const exp = lines.range(f.start, f.end);
      if (show(exp) !== show(f.range)) out.push(`${id}: range ${show(f.range)} does not match its offsets (${show(exp)})`);
    }
    for (const fix of f.fixes) {
      const spans: [number, number][] = [];
      for (const e of fix.edits) {
        if (!rangeOk(e.range)) out.push(`${id}: fix "${fix.title}" edits ${show(e.range)}, not inside the document`);
        spans.push([lines.offset(e.range.start), lines.offset(e.range.end)]);
      }
      spans.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
      for (let i = 1; i < spans.length; i++) {
        if (spans[i][0] < spans[i - 1][1]) out.push(`${id}: fix "${fix.title}" has overlapping edits`);
      }
    }
  }
  for (const st of a.statements) {
    if (!(st.span.start >= 0 && st.span.start <= st.keyword.start && st.keyword.end <= n && st.span.end <= n)) {
      out.push(`statement at ${st.span.start}-${st.span.end} (keyword ${st.keyword.start}-${st.keyword.end}) outside the document`);
    }
  }
  return out;
}

/** Everything a user sees of the findings, as one string. */
export function fingerprint(a: Analysis): string {
  // `fixes` is built on first use (a getter), so it is asked for explicitly.
  return JSON.stringify(a.findings.map((f) => ({ ...f, fixes: f.fixes })));
}

export type ProblemKind = 'crash' | 'range' | 'nondeterministic';

export interface Problem {
  kind: ProblemKind;
  detail: string;
}

/** Properties 1–3 on one document. */
export function checkDocument(text: string, lang: Lang, settings: FuzzSettings = DEFAULT_SETTINGS): Problem | undefined {
  let first: Analysis;
  try {
    first = analyze(text, lang, settings);
  } catch (e) {
    return { kind: 'crash', detail: `analyzeDocument threw: ${describeError(e)}` };
  }
  if (lang === 'markdown') {
    // extractMarkdown swallows errors (and then finds nothing): a throw there is a bug all the same.
    try {
      extractMarkdownUnguarded(text);
    } catch (e) {
      return { kind: 'crash', detail: `extractMarkdown threw (hidden by its safety net): ${describeError(e)}` };
    }
  }
  // Hover escaping round-trips: document text escaped into hover markdown reads back as itself in plain text.
  const line = text.slice(0, 2000);
  if (toPlainText(escapeMarkdown(line)) !== visibleControls(line.replace(/[\r\n]+/g, ' '))) {
    return { kind: 'range', detail: `escaped hover text does not read back as written: ${JSON.stringify(line.slice(0, 200))}` };
  }
  const ranges = rangeProblems(text, first);
  if (ranges.length > 0) return { kind: 'range', detail: ranges.join('\n') };
  let second: Analysis;
  try {
    second = analyze(text, lang, settings);
  } catch (e) {
    return { kind: 'crash', detail: `analyzeDocument threw on the second run only: ${describeError(e)}` };
  }
  const a = fingerprint(first);
  const b = fingerprint(second);
  if (a !== b) return { kind: 'nondeterministic', detail: `first run:\n${a}\nsecond run:\n${b}` };
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Insertion into inert bodies

/** Characters next to which nothing is inserted: quote, escape, comment and dollar-quote syntax, markdown markers. */
const STICKY = new Set(Array.from(`'"\\$*/-;\`<>!#{}`).map((c) => c.charCodeAt(0)));

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/**
 * Offsets in slot `i` where plain words may go: on the slot's first line, not next to a
 * character that is syntax in some context (so `''`, `\'`, `*\/`, `$tag$` are never split).
 */
export function insertionPoints(doc: FuzzDoc, i: number): number[] {
  const { start, end } = doc.slots[i];
  const t = doc.text;
  const out: number[] = [];
  for (let p = start; p <= end; p++) {
    if (p > start) {
      const c = t.charCodeAt(p - 1);
      if (c === 10 || c === 13) break;
    }
    const before = t.charCodeAt(p - 1);
    const after = t.charCodeAt(p);
    if (STICKY.has(before) || STICKY.has(after) || isHighSurrogate(before)) continue;
    out.push(p);
  }
  return out;
}

interface Comparable {
  rule: string;
  severity: string;
  message: string;
  start: number;
  end: number;
  fixes: { title: string; edits: { start: number; end: number; newText: string }[] }[];
}

function comparable(text: string, fs: Finding[], shift: (o: number) => number): Comparable[] {
  const lines = new LineIndex(text);
  return fs.map((f) => ({
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    start: shift(f.start),
    end: shift(f.end),
    fixes: f.fixes.map((x) => ({
      title: x.title,
      edits: x.edits.map((e) => ({ start: shift(lines.offset(e.range.start)), end: shift(lines.offset(e.range.end)), newText: e.newText })),
    })),
  }));
}

/**
 * Property 4: inserting `words` at the `pick`-th insertion point (modulo their count) of slot
 * `slot` (modulo the slot count) changes no finding. Undefined when it holds (or the document
 * has no insertion point).
 */
export function insertionProblem(doc: FuzzDoc, slot: number, pick: number, words: string, settings: FuzzSettings = DEFAULT_SETTINGS): string | undefined {
  if (doc.slots.length === 0) return undefined;
  const si = slot % doc.slots.length;
  const points = insertionPoints(doc, si);
  if (points.length === 0) return undefined;
  const p = points[pick % points.length];
  const changed = doc.text.slice(0, p) + words + doc.text.slice(p);
  const before = analyze(doc.text, doc.lang, settings);
  const after = analyze(changed, doc.lang, settings);
  const expected = comparable(doc.text, before.findings, (o) => (o >= p ? o + words.length : o));
  const actual = comparable(changed, after.findings, (o) => o);
  const a = JSON.stringify(expected);
  const b = JSON.stringify(actual);
  if (a === b) return undefined;
  return [
    `inserting ${JSON.stringify(words)} at offset ${p} (slot ${si}: ${JSON.stringify(doc.text.slice(doc.slots[si].start, doc.slots[si].end))}) changed the findings`,
    `expected (shifted): ${a}`,
    `actual:             ${b}`,
  ].join('\n');
}
