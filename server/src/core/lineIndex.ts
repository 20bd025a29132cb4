// Offset ↔ position conversion with LSP's line rules: \n, \r\n and a lone \r all end a line;
// columns count UTF-16 code units, which is what JS string indexes already are.
import type { Position, Range } from './types';

export class LineIndex {
  /** Offset of the first character of each line (a typed array: 4 bytes a line, kept with every analysis). */
  readonly starts: Int32Array;

  constructor(readonly text: string) {
    if (text.indexOf('\r') < 0) {
      // Only \n breaks (the usual case): indexOf finds them far faster than a charCodeAt loop.
      // One pass into a buffer sized from the text (~40 characters a line), grown if needed.
      let buf = new Int32Array((text.length >> 5) + 16);
      let k = 1;
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
        if (k === buf.length) {
          const bigger = new Int32Array(buf.length * 2);
          bigger.set(buf);
          buf = bigger;
        }
        buf[k++] = i + 1;
      }
      this.starts = k === buf.length ? buf : buf.slice(0, k);
    } else {
      const starts = [0];
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13) {
          if (text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
      this.starts = Int32Array.from(starts);
    }
  }

  /**
   * The index of `text`, which is this index's text with a change inside line `line` that
   * added `delta` characters and no line break: the later lines' starts move by `delta`.
   */
  movedBy(text: string, line: number, delta: number): LineIndex {
    const moved = Object.create(LineIndex.prototype) as LineIndex;
    const starts = this.starts.slice();
    for (let i = line + 1; i < starts.length; i++) starts[i] += delta;
    (moved as { text: string }).text = text;
    (moved as { starts: Int32Array }).starts = starts;
    return moved;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineOf(offset: number): number {
    const s = this.starts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(clamped);
    return { line, character: clamped - this.starts[line] };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }

  offset(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    return Math.min(this.starts[pos.line] + Math.max(0, pos.character), this.lineEnd(pos.line));
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** Offset of the end of `line`'s content (before its line break). */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    let end = this.starts[line + 1];
    if (this.text.charCodeAt(end - 1) === 10) end--;
    if (this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }
}
