// The fix-all: every fix that has one clear answer (a fix marked `unambiguous`), without
// overlapping edits (the first finding in document order wins). One function, used by the
// editor's `source.fixAll.crdbRestoreGuard` action and by `crdb-restore-guard --fix`, so both
// apply exactly the same edits. Taken spans are kept sorted, so each fix is checked against its
// neighbours by binary search: O(n log n) for n fixes (a scan of every taken span per fix took
// 74 s over 80k lines).
import type { Analysis, TextEdit } from '../analysisTypes';
import { LineIndex } from '../lineIndex';
import type { Position } from '../types';

/** Where the analysed text's positions are: the text itself, its line index, or an editor document. */
export type OffsetSource = string | LineIndex | { offsetAt(p: Position): number };

function offsetsOf(source: OffsetSource): (p: Position) => number {
  if (typeof source === 'string') {
    const index = new LineIndex(source);
    return (p) => index.offset(p);
  }
  if (source instanceof LineIndex) return (p) => source.offset(p);
  return (p) => source.offsetAt(p);
}

/** The edits of every unambiguous fix of `analysis`. */
export function fixAllEdits(analysis: Analysis, source: OffsetSource): TextEdit[] {
  return fixAll(analysis, source).edits;
}

/** The fix-all's edits and how many findings they fix. */
export function fixAll(analysis: Analysis, source: OffsetSource): { edits: TextEdit[]; fixed: number } {
  const offsetAt = offsetsOf(source);
  // Sorted by start; spans taken never overlap one another, so their ends are sorted too.
  const starts: number[] = [];
  const ends: number[] = [];
  const out: TextEdit[] = [];
  let fixed = 0;
  /** Index of the first taken span starting at or after `x`. */
  const lowerBound = (x: number) => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const clashes = (s: number, e: number) => {
    const i = lowerBound(e);
    // The taken span starting last before `e` has the largest end of those: it overlaps if any does.
    if (i > 0 && ends[i - 1] > s && starts[i - 1] < e) return true;
    // An insertion at the very point another edit starts (two insertions there would race).
    if (s === e && i < starts.length && starts[i] === s) return true;
    return false;
  };
  for (const f of analysis.findings) {
    const fix = f.fixes.find((x) => x.unambiguous);
    if (!fix) continue;
    const spans = fix.edits.map((e) => [offsetAt(e.range.start), offsetAt(e.range.end)] as [number, number]);
    if (spans.some(([s, e]) => clashes(s, e))) continue;
    for (const [s, e] of spans) {
      let at = lowerBound(s);
      while (at < starts.length && starts[at] === s && ends[at] <= e) at++;
      starts.splice(at, 0, s);
      ends.splice(at, 0, e);
    }
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
