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

/** A region whose offsets are document offsets (a whole SQL document). */
export function isIdentityRegion(region: SqlRegion): boolean {
  const segs = region.segments;
  return segs.length === 1 && segs[0].regionStart === 0 && segs[0].docStart === 0 && segs[0].length >= region.text.length;
}

/**
 * Region offset of document offset `docOffset`: the first segment holding it (binary search,
 * segments ascend); 0 when no segment holds it. An offset at the end of one segment and the
 * start of the next belongs to the first.
 */
export function toRegionOffset(region: SqlRegion, docOffset: number): number {
  const segs = region.segments;
  let lo = 0;
  let hi = segs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segs[mid].docStart <= docOffset) lo = mid;
    else hi = mid - 1;
  }
  while (lo > 0 && segs[lo - 1].docStart + segs[lo - 1].length >= docOffset) lo--;
  const s = segs[lo];
  if (s !== undefined && docOffset >= s.docStart && docOffset <= s.docStart + s.length) return s.regionStart + (docOffset - s.docStart);
  return 0;
}

/** Offsets of the `\n`s of a region's text, ascending (what `regionLineStart` searches). */
export function regionLineBreaks(text: string): Int32Array {
  const found: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) found.push(i);
  return Int32Array.from(found);
}

/** Start of the line holding offset `off`, given the text's `\n` offsets: what `lastIndexOf('\n', off - 1) + 1` gives, in log time. */
export function regionLineStart(breaks: Int32Array, off: number): number {
  let lo = 0;
  let hi = breaks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (breaks[mid] <= off - 1) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 0 : breaks[lo - 1] + 1;
}
