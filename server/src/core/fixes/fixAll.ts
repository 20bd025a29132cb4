// The fix-all: every fix that has one clear answer (a fix marked `unambiguous`), without
// overlapping edits. One function, used by the editor's `source.fixAll.crdbRestoreGuard`
// action and by `crdb-restore-guard --fix`, so both apply exactly the same edits.
import type { Analysis, TextEdit } from '../analysisTypes';
import { LineIndex } from '../lineIndex';

/** The edits of every unambiguous fix of `analysis` (of `text`), first come first kept where they overlap. */
export function fixAllEdits(analysis: Analysis, text: string | LineIndex): TextEdit[] {
  return fixAll(analysis, text).edits;
}

/** The fix-all's edits and how many findings they fix. */
export function fixAll(analysis: Analysis, text: string | LineIndex): { edits: TextEdit[]; fixed: number } {
  const index = typeof text === 'string' ? new LineIndex(text) : text;
  const taken: [number, number][] = [];
  const out: TextEdit[] = [];
  let fixed = 0;
  for (const f of analysis.findings) {
    const fix = f.fixes.find((x) => x.unambiguous);
    if (!fix) continue;
    const spans = fix.edits.map((e) => [index.offset(e.range.start), index.offset(e.range.end)] as [number, number]);
    if (spans.some(([s, e]) => taken.some(([ts, te]) => s < te && ts < e) || taken.some(([ts]) => s === e && s === ts))) continue;
    taken.push(...spans);
    out.push(...fix.edits);
    fixed++;
  }
  return { edits: out, fixed };
}

/** `text` with non-overlapping `edits` applied (edits in any order). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const index = new LineIndex(text);
  const spans = edits
    .map((e, i) => ({ start: index.offset(e.range.start), end: index.offset(e.range.end), newText: e.newText, i }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.i - b.i);
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + s.newText;
    at = Math.max(at, s.end);
  }
  return out + text.slice(at);
}
