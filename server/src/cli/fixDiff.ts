// `--fix-dry-run`: the fix-all's edits of one file shown as a unified diff (what `git apply`
// and `patch -p1` read), built from the edits themselves rather than by diffing two texts.
import type { TextEdit } from '../core/analysisTypes';
import { applyEdits } from '../core/fixes/fixAll';
import { LineIndex } from '../core/lineIndex';

const CONTEXT = 3;

/** Lines of `text`, each with its line break (the last may have none). */
function splitLines(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

function diffLine(prefix: string, line: string): string[] {
  const body = line.replace(/(\r\n|\r|\n)$/, '');
  return line === body ? [prefix + body, '\\ No newline at end of file'] : [prefix + body];
}

interface Block {
  /** 0-based first and last changed lines of the old text. */
  first: number;
  last: number;
  edits: TextEdit[];
}

/** A unified diff of `file` turning `text` into `text` with `edits` applied; '' when nothing changes. */
export function unifiedDiff(file: string, text: string, edits: readonly TextEdit[]): string {
  if (edits.length === 0) return '';
  const index = new LineIndex(text);
  const oldLines = splitLines(text);
  // Changed line blocks: edits touching the same or adjacent lines are one block.
  const sorted = [...edits].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  const blocks: Block[] = [];
  for (const e of sorted) {
    const first = e.range.start.line;
    const last = Math.max(first, e.range.end.line);
    const prev = blocks[blocks.length - 1];
    if (prev && first <= prev.last + 1) {
      prev.last = Math.max(prev.last, last);
      prev.edits.push(e);
    } else blocks.push({ first, last, edits: [e] });
  }
  // Hunks: blocks whose context overlaps are one hunk.
  const out = [`--- a/${file}`, `+++ b/${file}`];
  let delta = 0; // new line number − old line number before the current hunk
  let b = 0;
  while (b < blocks.length) {
    let e = b;
    while (e + 1 < blocks.length && blocks[e + 1].first - blocks[e].last - 1 <= 2 * CONTEXT) e++;
    const start = Math.max(0, blocks[b].first - CONTEXT);
    const end = Math.min(oldLines.length - 1, blocks[e].last + CONTEXT);
    const body: string[] = [];
    let oldCount = 0;
    let newCount = 0;
    let line = start;
    for (let k = b; k <= e; k++) {
      const blk = blocks[k];
      for (; line < blk.first; line++, oldCount++, newCount++) body.push(...diffLine(' ', oldLines[line]));
      const from = index.lineStart(blk.first);
      const to = blk.last + 1 < index.lineCount ? index.lineStart(blk.last + 1) : text.length;
      const oldText = text.slice(from, to);
      const shifted = blk.edits.map((x) => ({ ...x, range: { start: { line: x.range.start.line - blk.first, character: x.range.start.character }, end: { line: x.range.end.line - blk.first, character: x.range.end.character } } }));
      const newText = applyEdits(oldText, shifted);
      const removed = splitLines(oldText);
      const added = splitLines(newText);
      for (const l of removed) body.push(...diffLine('-', l));
      for (const l of added) body.push(...diffLine('+', l));
      oldCount += removed.length;
      newCount += added.length;
      line = blk.last + 1;
    }
    for (; line <= end; line++, oldCount++, newCount++) body.push(...diffLine(' ', oldLines[line]));
    const range = (startLine: number, count: number) => `${count === 0 ? startLine : startLine + 1},${count}`;
    out.push(`@@ -${range(start, oldCount)} +${range(start + delta, newCount)} @@`, ...body);
    delta += newCount - oldCount;
    b = e + 1;
  }
  return out.join('\n');
}
