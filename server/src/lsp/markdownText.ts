// Hover text safety: text that comes from the document (collection URIs inside the reasons a
// version is unknown) is escaped before it enters hover markdown, so `![](https://…)`, `<img>`
// or a `|` in a URI is shown as written instead of being rendered (an image fetched from the
// network, HTML, a broken table); control characters are made visible instead of reaching a
// terminal editor. And the markdown → plain text conversion for clients that only take plain
// text runs in one pass per line (a regex over `[` repeated 100,000 times took seconds).

/** What can start inline markdown mid-line (escaped text never starts a line: no `#`, `-`, `+`, `1.` to escape). */
const MARKDOWN_PUNCTUATION = /[\\`*_[\]()<>!|&~]/g;
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Control characters (but tab and line feed) as visible `\u001b` escapes. */
export function visibleControls(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Document text as markdown that renders as exactly that text mid-line: inline markdown characters escaped, on one line. */
export function escapeMarkdown(text: string): string {
  return visibleControls(text.replace(/[\r\n]+/g, ' ')).replace(MARKDOWN_PUNCTUATION, (c) => `\\${c}`);
}

/** Markdown → plain text for clients that only accept plaintext hovers (eglot). Linear in the text. */
export function toPlainText(md: string): string {
  const out: string[] = [];
  for (const line of md.split('\n')) {
    if (/^\|[-| ]+\|$/.test(line)) continue; // a table's delimiter row
    // A table row: its non-empty cells, two spaces apart (a header row may start with an empty cell).
    const text = line.length >= 2 && line.startsWith('|') && line.endsWith('|') && !line.endsWith('\\|') ? splitCells(line.slice(1, -1)).map((c) => c.trim()).filter((c) => c !== '').join('  ') : line;
    out.push(inlineToPlain(text));
  }
  return out.join('\n');
}

/** Cells of a table row, split at `|` not escaped with a backslash. */
function splitCells(row: string): string[] {
  const cells: string[] = [];
  let start = 0;
  for (let i = 0; i < row.length; i++) {
    const c = row.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 124) {
      cells.push(row.slice(start, i));
      start = i + 1;
    }
  }
  cells.push(row.slice(start));
  return cells;
}

/**
 * Links `[text](url)` become `text: url`; `**` and backticks go; `\x` escapes become `x`.
 * A link's text holds no bracket or backslash (the hover's own links), so the pattern never
 * searches past the next bracket: each `[` costs the characters up to the next one.
 */
function inlineToPlain(text: string): string {
  const linked = text.replace(/\[([^[\]\\\n]*)\]\(([^()\s\\]*)\)/g, '$1: $2');
  // Plain runs are copied as slices (one join at the end), never a character at a time.
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < linked.length; i++) {
    const c = linked.charCodeAt(i);
    if (c === 92 /* \ */ && i + 1 < linked.length && isAsciiPunctuation(linked.charCodeAt(i + 1))) {
      parts.push(linked.slice(from, i));
      from = ++i; // the escaped character starts the next run
    } else if (c === 96 /* ` */) {
      parts.push(linked.slice(from, i));
      from = i + 1;
    } else if (c === 42 /* * */ && linked.charCodeAt(i + 1) === 42) {
      parts.push(linked.slice(from, i));
      from = ++i + 1;
    }
  }
  parts.push(linked.slice(from));
  return parts.join('');
}

function isAsciiPunctuation(c: number): boolean {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}
