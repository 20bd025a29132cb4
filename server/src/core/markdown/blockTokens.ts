// The CommonMark block structure of a markdown document, as the markdown-it block parser
// gives it: block tokens only (no inline parse, no rendering), with the parser's line state, whose
// line numbers the tokens' `map` refers to.
import MarkdownIt from 'markdown-it';

/**
 * Nesting depth (block quotes and list items) beyond which markdown-it skips the content.
 * The `commonmark` preset's 20 is raised so fences in deeply nested lists and quotes are still
 * seen; the parse stays linear times this bound.
 */
export const MAX_NESTING = 64;

/**
 * One shared instance. The `commonmark` preset keeps raw HTML blocks (directive comments live
 * in them) and has no GFM tables. The `reference` rule is off: link reference definitions mean
 * nothing to the extraction (as blocks they are paragraph text), and the rule is quadratic on
 * definitions left open (a pretty-printed JSON array outside a fence, `[a]: /u "` followed by
 * many lines: seconds per parse), which typing would pay on every keystroke.
 */
const md = new MarkdownIt('commonmark');
// `maxNesting` is a real option but missing from @types/markdown-it.
(md.options as { maxNesting?: number }).maxNesting = MAX_NESTING;
md.disable('reference');

export type Token = MarkdownIt.Token;
export type StateBlock = MarkdownIt.StateBlock;

/**
 * The text as markdown-it (its core `normalize` rule) hands it to the block parser: `\r\n` and `\r` become
 * `\n`, NUL becomes U+FFFD. Both keep every line's number and length, so a document offset is
 * the document's start of the line plus the column in this copy (docLines.ts).
 */
export function normalizeLineBreaks(text: string): string {
  let src = text.indexOf('\r') >= 0 ? text.replace(/\r\n?/g, '\n') : text;
  if (src.indexOf('\0') >= 0) src = src.replace(/\0/g, '\uFFFD');
  return src;
}

export interface BlockTokens {
  /** Block tokens in document order; `inline` tokens keep their content unparsed. */
  tokens: Token[];
  /** The parser's line state (`bMarks`, `eMarks`, … per line of `src`), restored after the parse. */
  state: StateBlock;
  /** The normalized text that was parsed. */
  src: string;
}

/** The markdown-it block tokens of `text`, parsed from line `startLine` on (after front matter). */
export function blockTokens(text: string, startLine = 0): BlockTokens {
  const src = normalizeLineBreaks(text);
  const tokens: Token[] = [];
  const state = new md.block.State(src, md, {}, tokens);
  // `md.block.parse` without creating the state itself, so the line state stays readable.
  if (src.length > 0) md.block.tokenize(state, startLine, state.lineMax);
  return { tokens, state, src };
}
