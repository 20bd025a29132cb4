// The markdown-it based extraction: the reference that the block scanner (blocks.ts) is held
// to by the differential test, and the parser behind `markdownOutline`. Analysis uses
// `extractMarkdown` (index.ts), which reads the same structure from the scanner.
import MarkdownIt from 'markdown-it';
import type { DirectiveComment, MarkdownExtraction, SqlRegion } from '../types';
import { MAX_NESTING } from './blocks';
import { DocLines, Finder } from './docLines';
import { codeBlockKind, fenceKind, fenceLines, sqlFenceRegion } from './fences';
import { parseFrontMatter } from './frontMatter';
import { type CommentFinders, scanHtmlBlock, scanProse } from './htmlComments';
import { startsWithBracket } from './proseLines';
import { scanShellFence } from './shell';

// One shared instance. The commonmark preset keeps raw HTML blocks (directive comments) and
// leaves out GFM tables. Deeper nesting than the preset's 20 levels is allowed so fences in
// deeply nested lists/quotes are still seen; cost stays linear times the depth bound.
export const md = new MarkdownIt('commonmark');
// `maxNesting` is a real option but missing from @types/markdown-it.
(md.options as { maxNesting?: number }).maxNesting = MAX_NESTING;

/** markdown-it's own normalization, done by hand because only the block parser is called. */
export function normalizeForMarkdownIt(text: string): string {
  let src = text.indexOf('\r') >= 0 ? text.replace(/\r\n?/g, '\n') : text;
  if (src.indexOf('\0') >= 0) src = src.replace(/\0/g, '\uFFFD');
  return src;
}

/** markdown-it's block tokens of `text` from line `startLine` on, and its line state. */
export function markdownItBlocks(text: string, startLine = 0): { tokens: MarkdownIt.Token[]; state: MarkdownIt.StateBlock; src: string } {
  const src = normalizeForMarkdownIt(text);
  const tokens: MarkdownIt.Token[] = [];
  const state = new md.block.State(src, md, {}, tokens);
  md.block.tokenize(state, startLine, state.lineMax);
  return { tokens, state, src };
}

/** `extractMarkdown` computed from markdown-it's tokens (for the differential test). */
export function extractMarkdownWithMarkdownIt(text: string): MarkdownExtraction {
  const regions: SqlRegion[] = [];
  const directiveComments: DirectiveComment[] = [];
  const fm = parseFrontMatter(text);
  const result: MarkdownExtraction = {
    regions,
    directiveComments,
    frontMatter: fm?.entries ?? [],
  };
  if (fm !== undefined) result.frontMatterSpan = fm.span;

  const hasCR = text.indexOf('\r') >= 0;
  const { tokens, state, src } = markdownItBlocks(text, fm?.bodyLine ?? 0);

  const lines = new DocLines(text, state.bMarks, state.eMarks, hasCR);
  const tabs = new Finder(src, '\t');
  const finders: CommentFinders = {
    open: new Finder(text, '<!--'),
    close: new Finder(text, '-->'),
    tick: new Finder(text, '`'),
  };
  let commentsLeft = text.indexOf('<!--') >= 0;

  const prose: number[] = [];
  const code: number[] = [];
  for (const tok of tokens) {
    const map = tok.map;
    if (map === null) continue;
    if (tok.type === 'code_block') code.push(map[0], map[1], codeBlockKind(undefined));
    if (tok.type === 'fence') code.push(map[0] + 1, map[1], codeBlockKind(fenceKind(tok.info)));
    if (tok.type === 'inline' && map[1] > map[0] && !startsWithBracket(text, lines.start(map[0]), lines.end(map[0]))) {
      prose.push(map[0], map[1]);
    }
    if (tok.type === 'fence') {
      const kind = fenceKind(tok.info);
      if (kind === undefined) continue;
      const table = fenceLines(tok, state, lines, tabs);
      if (kind === 'sql') {
        const region = sqlFenceRegion(text, table);
        if (region !== undefined) regions.push(region);
      } else {
        scanShellFence(text, table, regions, directiveComments);
      }
    } else if (commentsLeft && (tok.type === 'inline' || tok.type === 'html_block') && map[1] > map[0]) {
      const start = lines.start(map[0]);
      if (finders.open.next(start) < 0) {
        commentsLeft = false;
        continue;
      }
      const end = lines.end(map[1] - 1);
      if (tok.type === 'inline') scanProse(text, start, end, finders, directiveComments);
      else scanHtmlBlock(text, start, end, finders, directiveComments);
    }
  }
  result.proseLines = Int32Array.from(prose);
  result.codeBlocks = Int32Array.from(code);
  return result;
}
