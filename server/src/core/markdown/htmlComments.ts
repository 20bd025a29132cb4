// HTML comments (`<!-- … -->`) in markdown prose and HTML blocks: where `crdb:` directives live.
import type { DirectiveComment } from '../types';
import type { Finder } from './docLines';

/** Searches over the whole document, shared by all blocks so each is linear overall. */
export interface CommentFinders {
  open: Finder; // `<!--`
  close: Finder; // `-->`
  tick: Finder; // a backtick
}

/**
 * End (exclusive) of the comment opening at `p`, or -1 when it does not close before
 * `limit`. `<!-->` and `<!--->` are complete (empty) comments, as in CommonMark 0.31.
 */
function commentEnd(doc: string, p: number, limit: number, f: CommentFinders): number {
  if (doc.charCodeAt(p + 4) === 0x3e /* > */) return p + 5 <= limit ? p + 5 : -1;
  if (doc.startsWith('->', p + 4)) return p + 6 <= limit ? p + 6 : -1;
  const q = f.close.next(p + 4);
  return q >= 0 && q + 3 <= limit ? q + 3 : -1;
}

function push(doc: string, out: DirectiveComment[], p: number, end: number): void {
  const bodyStart = p + 4;
  const bodyEnd = Math.max(bodyStart, end - 3);
  out.push({ body: doc.slice(bodyStart, bodyEnd), bodyStart, start: p, end });
}

/** Every comment in an HTML block's document span `[start, end)`. */
export function scanHtmlBlock(doc: string, start: number, end: number, f: CommentFinders, out: DirectiveComment[]): void {
  let p = f.open.next(start);
  while (p >= 0 && p < end) {
    const e = commentEnd(doc, p, end, f);
    if (e < 0) return; // no `-->` left in this block, so no later comment closes either
    push(doc, out, p, e);
    p = f.open.next(e);
  }
}

/**
 * Comments in a paragraph or heading's span `[start, end)`, skipping code spans. Code spans
 * and inline HTML bind left to right: whichever starts first wins (CommonMark §6.1).
 */
export function scanProse(doc: string, start: number, end: number, f: CommentFinders, out: DirectiveComment[]): void {
  let p = f.open.next(start);
  if (p < 0 || p >= end) return;

  // Backtick runs of the paragraph, and for each the next run of the same length (its closer).
  const runPos: number[] = [];
  const runLen: number[] = [];
  for (let t = f.tick.next(start); t >= 0 && t < end; t = f.tick.next(t)) {
    let u = t + 1;
    while (u < end && doc.charCodeAt(u) === 0x60) u++;
    runPos.push(t);
    runLen.push(u - t);
    t = u;
    if (t >= end) break;
  }
  const closer = new Int32Array(runPos.length);
  const lastOfLen = new Map<number, number>();
  for (let i = runPos.length - 1; i >= 0; i--) {
    closer[i] = lastOfLen.get(runLen[i]) ?? -1;
    lastOfLen.set(runLen[i], i);
  }

  let r = 0;
  let cursor = start;
  for (;;) {
    while (r < runPos.length && runPos[r] < cursor) r++;
    p = f.open.next(cursor);
    if (p < 0 || p >= end) return;
    if (r < runPos.length && runPos[r] < p) {
      // A code span opens first (unless its first backtick is escaped); skip to its closer.
      const escaped = isEscaped(doc, runPos[r], start);
      const c = escaped ? -1 : closer[r];
      if (c >= 0) {
        cursor = runPos[c] + runLen[c];
        r = c + 1;
      } else {
        cursor = runPos[r] + runLen[r];
        r++;
      }
      continue;
    }
    if (isEscaped(doc, p, start)) {
      cursor = p + 1; // `\<!--` is literal text
      continue;
    }
    const e = commentEnd(doc, p, end, f);
    if (e < 0) return;
    push(doc, out, p, e);
    cursor = e;
  }
}

/** True when the character at `p` is preceded by an odd number of backslashes. */
function isEscaped(doc: string, p: number, min: number): boolean {
  let k = 0;
  while (p - k - 1 >= min && doc.charCodeAt(p - k - 1) === 0x5c) k++;
  return (k & 1) === 1;
}
