// Test helpers: analyze a document with pinned settings and summarize findings exactly.
import { analyzeDocument } from '../../server/src/core/analyze';
import type { Analysis, AnalyzeOptions, Finding } from '../../server/src/core/analysisTypes';
import { LineIndex } from '../../server/src/core/lineIndex';
import { hoverAt } from '../../server/src/lsp/hover';
import { analyzeOptions, type Settings } from '../../server/src/core/settings';
import type { Range } from '../../server/src/core/types';

/** A date on which 22.2–26.x releases used in the documented examples (docs/behaviour.md#examples) are still supported, except where a test says otherwise. */
export const PINNED_TODAY = '2025-06-01';

export function analyze(text: string, languageId: 'sql' | 'markdown' = 'sql', settings: Settings = {}): Analysis {
  const opts: AnalyzeOptions = analyzeOptions({ today: PINNED_TODAY, ...settings }, languageId);
  return analyzeDocument(text, opts);
}

/** `line:col severity rule` per finding, 1-based like the CLI. */
export function brief(f: Finding): string {
  return `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.rule}`;
}

export function briefs(a: Analysis): string[] {
  return a.findings.map(brief);
}

/** Applies a fix's edits (LSP ranges) to `text`, last edit first so earlier offsets hold. */
export function applyEdits(text: string, edits: { range: Range; newText: string }[]): string {
  const lines = new LineIndex(text);
  const sorted = [...edits].sort((a, b) => lines.offset(b.range.start) - lines.offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, lines.offset(e.range.start)) + e.newText + out.slice(lines.offset(e.range.end));
  return out;
}

/** The hover (markdown) on statement `index` of an analysis made with `analyze` (the details a short message leaves out). */
export function statementHover(a: Analysis, index: number, settings: Settings = {}): string {
  const opts = analyzeOptions({ today: PINNED_TODAY, ...settings }, 'sql');
  const h = hoverAt(a, a.statements[index].keyword.start, opts.catalog, opts.today, undefined, 'file:///docs/getting-started.md');
  if (!h) throw new Error(`no hover on statement ${index}`);
  return h.markdown;
}
