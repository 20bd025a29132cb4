// Test helpers: analyze a document with pinned settings and summarize findings exactly.
import { analyzeDocument } from '../../server/src/core/analyze';
import type { Analysis, AnalyzeOptions, Finding } from '../../server/src/core/analysisTypes';
import { analyzeOptions, type Settings } from '../../server/src/core/settings';

/** A date on which 22.2–26.x releases used in the SPEC examples are still supported, except where a test says otherwise. */
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

/** Applies a fix's edits (LSP ranges) to `text`. */
export function applyEdits(text: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  const off = (p: { line: number; character: number }) => starts[p.line] + p.character;
  const sorted = [...edits].sort((a, b) => off(b.range.start) - off(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, off(e.range.start)) + e.newText + out.slice(off(e.range.end));
  return out;
}
