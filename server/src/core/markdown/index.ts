// Markdown runbooks: the SQL, directive comments and front matter a markdown document holds.
//
// The CommonMark block structure (fences, HTML blocks, paragraphs and headings with their line
// ranges) comes from the markdown-it block parser (blockTokens.ts); no inline parse and no
// rendering. What this module adds on top of its tokens is the extraction's own: which fences
// hold SQL or shell, their content mapped to document offsets through container prefixes,
// the shell commands' SQL, directive comments in prose and HTML blocks, the front matter, and
// the prose lines the keystroke path relies on. Positions are always taken from the document
// text itself.
import { CodeBlockKind, type DirectiveComment, type MarkdownExtraction, type SqlRegion } from '../types';
import { blockTokens } from './blockTokens';
import { DocLines, Finder } from './docLines';
import { codeBlockKind, fenceKind, fenceLines, sqlFenceRegion } from './fences';
import { parseFrontMatter } from './frontMatter';
import { type CommentFinders, scanHtmlBlock, scanProse } from './htmlComments';
import { scanShellFence } from './shell';

export function extractMarkdown(text: string): MarkdownExtraction {
  try {
    return extractMarkdownUnguarded(text);
  } catch {
    // A bug here must never take the analysis down; the document then simply has no regions.
    return { regions: [], directiveComments: [], frontMatter: [] };
  }
}

/** extractMarkdown without its safety net (tests call this to see real failures). */
export function extractMarkdownUnguarded(text: string): MarkdownExtraction {
  const regions: SqlRegion[] = [];
  const directiveComments: DirectiveComment[] = [];
  const fm = parseFrontMatter(text);
  const result: MarkdownExtraction = {
    regions,
    directiveComments,
    frontMatter: fm?.entries ?? [],
  };
  if (fm !== undefined) result.frontMatterSpan = fm.span;

  const { tokens, state, src } = blockTokens(text, fm?.bodyLine ?? 0);
  const lines = new DocLines(text, state.bMarks, state.eMarks, text.indexOf('\r') >= 0);
  const tabs = new Finder(src, '\t');
  const finders: CommentFinders = {
    open: new Finder(text, '<!--'),
    close: new Finder(text, '-->'),
    tick: new Finder(text, '`'),
  };
  let commentsLeft = text.indexOf('<!--') >= 0;

  const prose: number[] = [];
  // Every code block, whatever its language: version evidence is read from these lines only.
  const code: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    const map = tok.map;
    if (map === null) continue;
    const type = tok.type;
    if (type === 'code_block') code.push(map[0], map[1], CodeBlockKind.Other);
    // Paragraph and heading text: the lines the keystroke path may treat as prose.
    if (type === 'inline' && map[1] > map[0]) prose.push(map[0], map[1]);
    if (type === 'fence') {
      const kind = fenceKind(tok.info);
      code.push(map[0] + 1, map[1], codeBlockKind(kind));
      if (kind === undefined) continue;
      const table = fenceLines(tok, state, lines, tabs);
      if (kind === 'sql') {
        const region = sqlFenceRegion(text, table);
        if (region !== undefined) regions.push(region);
      } else {
        scanShellFence(text, table, regions, directiveComments);
      }
    } else if (commentsLeft && (type === 'inline' || type === 'html_block') && map[1] > map[0]) {
      const start = lines.start(map[0]);
      if (finders.open.next(start) < 0) {
        commentsLeft = false;
        continue;
      }
      const end = lines.end(map[1] - 1);
      if (type === 'inline') scanProse(text, start, end, finders, directiveComments);
      else scanHtmlBlock(text, start, end, finders, directiveComments);
    }
  }
  result.proseLines = Int32Array.from(prose);
  result.codeBlocks = Int32Array.from(code);
  return result;
}

export { markdownOutline } from './outline';
export type { MarkdownCodeBlock, MarkdownHeading, MarkdownOutline } from './outline';
