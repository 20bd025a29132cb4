// Where the text of a paragraph or heading line starts, past its containers: the keystroke
// path (core/proseEdit.ts) lets an edit through only after that first character.

/**
 * Offset of the first character of a line's text after its indentation, block quote markers
 * and list markers (`-`, `*`, `+`, `1.`, `1)` followed by a blank).
 */
export function textStart(text: string, start: number, end: number): number {
  let i = start;
  for (;;) {
    while (i < end && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09)) i++;
    if (text.charCodeAt(i) === 0x3e /* > */) {
      i++;
      continue;
    }
    const afterMarker = listMarkerEnd(text, i, end);
    if (afterMarker < 0) return i;
    i = afterMarker;
  }
}

/** End of a list marker at `i` followed by a blank or the line end, or -1. */
function listMarkerEnd(text: string, i: number, end: number): number {
  if (i >= end) return -1;
  let j = i;
  const c = text.charCodeAt(j);
  if (c === 0x2d || c === 0x2a || c === 0x2b) j++;
  else {
    while (j < end && j - i < 9 && text.charCodeAt(j) >= 0x30 && text.charCodeAt(j) <= 0x39) j++;
    if (j === i || (text.charCodeAt(j) !== 0x2e && text.charCodeAt(j) !== 0x29)) return -1;
    j++;
  }
  if (j < end && text.charCodeAt(j) !== 0x20 && text.charCodeAt(j) !== 0x09) return -1;
  return j;
}
