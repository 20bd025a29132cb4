// Mapping region offsets (SQL found inside a markdown document) back to document offsets.
import type { SqlRegion } from './types';

/** The region covering a whole SQL document: every offset maps to itself. */
export function wholeDocumentRegion(text: string): SqlRegion {
  return { text, segments: [{ regionStart: 0, docStart: 0, length: text.length }], inline: false };
}

/**
 * Document offset of region offset `off`. Offsets inside a segment map exactly; offsets in a
 * gap between segments (a joining newline, an unescaped shell character) map to the end of
 * the previous segment, so a range never leaves the text it came from.
 */
export function toDocOffset(region: SqlRegion, off: number): number {
  const segs = region.segments;
  if (segs.length === 0) return 0;
  let lo = 0;
  let hi = segs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segs[mid].regionStart <= off) lo = mid;
    else hi = mid - 1;
  }
  const s = segs[lo];
  if (off < s.regionStart) return s.docStart;
  return s.docStart + Math.min(off - s.regionStart, s.length);
}
