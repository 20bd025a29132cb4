// Markdown runbooks: the SQL, directive comments and front matter a markdown document holds.
//
// The CommonMark block structure (fences, HTML blocks, paragraphs with their line ranges)
// comes from our own block scanner (blocks.ts), a port of markdown-it's block rules that
// agrees with markdown-it on every block (test/core/markdownDifferential.test.ts) at a
// fraction of its cost; no inline parse and no rendering. Positions are always taken from
// the document text itself.
import type { DirectiveComment, MarkdownExtraction, SqlRegion } from '../types';
import { BlockKind, scanBlocks } from './blocks';
import { Finder } from './docLines';
import { fenceKind, sqlFenceRegion } from './fences';
import { parseFrontMatter } from './frontMatter';
import { type CommentFinders, scanHtmlBlock, scanProse } from './htmlComments';
import { scanShellFence } from './shell';

export { extractMarkdownWithMarkdownIt } from './markdownItExtract';

export function extractMarkdown(text: string): MarkdownExtraction {
  try {
    return extractMarkdownUnguarded(text);
  } catch {
    // A bug here must never take the analysis down; the document then simply has no regions.
    return { regions: [], directiveComments: [], frontMatter: [] };
  }
}

const wantsContent = (info: string): boolean => fenceKind(info) !== undefined;

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

  let commentsLeft = text.indexOf('<!--') >= 0;
  const scan = scanBlocks(text, { startLine: fm?.bodyLine ?? 0, fenceContent: wantsContent, text: commentsLeft });
  const finders: CommentFinders = {
    open: new Finder(text, '<!--'),
    close: new Finder(text, '-->'),
    tick: new Finder(text, '`'),
  };

  const blocks = scan.blocks;
  for (let i = 0; i < blocks.length; i += 4) {
    const kind = blocks[i];
    if (kind === BlockKind.Fence) {
      const f = scan.fences[blocks[i + 3]];
      if (!f.hasContent) continue;
      const table = { starts: f.starts, lens: f.lens };
      if (fenceKind(f.info) === 'sql') {
        const region = sqlFenceRegion(text, table);
        if (region !== undefined) regions.push(region);
      } else {
        scanShellFence(text, table, regions, directiveComments);
      }
    } else if (commentsLeft && (kind === BlockKind.Inline || kind === BlockKind.Html) && blocks[i + 2] > blocks[i + 1]) {
      const start = scan.lineStart(blocks[i + 1]);
      if (finders.open.next(start) < 0) {
        commentsLeft = false;
        continue;
      }
      const end = scan.lineEnd(blocks[i + 2] - 1);
      if (kind === BlockKind.Inline) scanProse(text, start, end, finders, directiveComments);
      else scanHtmlBlock(text, start, end, finders, directiveComments);
    }
  }
  return result;
}

export { markdownOutline, markdownOutlineWithMarkdownIt } from './outline';
export type { MarkdownCodeBlock, MarkdownHeading, MarkdownOutline } from './outline';
