// Assembles an SqlRegion from runs of document text.
import type { Segment, SqlRegion } from '../types';

/**
 * Collects verbatim document runs; the only region text that is not a document copy is a
 * joining `\n` between two lines, so the text is rebuilt from the segments alone.
 */
export class RegionBuilder {
  readonly segments: Segment[] = [];
  length = 0;

  constructor(private readonly doc: string) {}

  /** Append document text `[docStart, docStart + len)`, merging with the previous run if contiguous. */
  copy(docStart: number, len: number): void {
    if (len <= 0) return;
    const segs = this.segments;
    const last = segs.length > 0 ? segs[segs.length - 1] : undefined;
    if (last !== undefined && last.docStart + last.length === docStart && last.regionStart + last.length === this.length) {
      last.length += len;
    } else {
      segs.push({ regionStart: this.length, docStart, length: len });
    }
    this.length += len;
  }

  /**
   * Join two lines with `\n`. When nothing was stripped between them and the document's own
   * break is a bare `\n`, reuse it so the region stays one contiguous segment.
   */
  newline(prevLineEnd: number, nextLineStart: number): void {
    if (nextLineStart === prevLineEnd + 1 && this.doc.charCodeAt(prevLineEnd) === 10) {
      this.copy(prevLineEnd, 1);
    } else {
      this.length += 1;
    }
  }

  /** The region, or undefined when it holds no document text (nothing to analyze). */
  build(inline: boolean): SqlRegion | undefined {
    const segs = this.segments;
    if (segs.length === 0) return undefined;
    const doc = this.doc;
    let text: string;
    if (segs.length === 1 && segs[0].regionStart === 0 && segs[0].length === this.length) {
      text = doc.slice(segs[0].docStart, segs[0].docStart + segs[0].length);
    } else {
      const parts: string[] = [];
      let pos = 0;
      for (const s of segs) {
        if (s.regionStart > pos) parts.push('\n'.repeat(s.regionStart - pos));
        parts.push(doc.slice(s.docStart, s.docStart + s.length));
        pos = s.regionStart + s.length;
      }
      if (this.length > pos) parts.push('\n'.repeat(this.length - pos));
      text = parts.join('');
    }
    // A copy of exactly the right size: the list grew by push (spare capacity for 17 entries),
    // and regions are kept for as long as the document's analysis is.
    return { text, segments: segs.slice(), inline };
  }
}
