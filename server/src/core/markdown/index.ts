// Markdown runbooks: the SQL, directive comments and front matter a markdown document holds.
//
// The CommonMark block structure (fences, HTML blocks, paragraphs with their line ranges)
// comes from our own block scanner (blocks.ts), a port of markdown-it's block rules that
// agrees with markdown-it on every block (test/core/markdownDifferential.test.ts) at a
// fraction of its cost; no inline parse and no rendering. Positions are always taken from
// the document text itself.
import { CodeBlockKind, type DirectiveComment, type MarkdownExtraction, type SqlRegion } from '../types';
import { BlockKind, BlockScanner } from './blocks';
import { Finder } from './docLines';
import { codeBlockKind, fenceKindAt, type LineTable, sqlFenceRegion } from './fences';
import { parseFrontMatter } from './frontMatter';
import { type CommentFinders, scanHtmlBlock, scanProse } from './htmlComments';
import { startsWithBracket } from './proseLines';
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

const wantsContent = (src: string, infoStart: number, infoEnd: number): boolean =>
  fenceKindAt(src, infoStart, infoEnd) !== undefined;

/**
 * The block scanner of the last extraction, kept so the next one reuses its buffers; taken
 * (set to undefined) while in use, so an extraction started meanwhile gets its own.
 */
let idleScanner: BlockScanner | undefined;

/** extractMarkdown without its safety net (tests call this to see real failures). */
export function extractMarkdownUnguarded(text: string): MarkdownExtraction {
  const scanner = idleScanner ?? new BlockScanner();
  idleScanner = undefined;
  try {
    return extractWith(scanner, text);
  } finally {
    scanner.release();
    idleScanner = scanner;
  }
}

function extractWith(scan: BlockScanner, text: string): MarkdownExtraction {
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
  // Paragraph and heading blocks are reported always: proseLines needs them even without comments.
  scan.scan(text, { startLine: fm?.bodyLine ?? 0, fenceContent: wantsContent, text: true, code: true });
  const finders: CommentFinders = {
    open: new Finder(text, '<!--'),
    close: new Finder(text, '-->'),
    tick: new Finder(text, '`'),
  };
  // One table object, pointed at each fence's content lines in turn.
  const table: LineTable = { starts: scan.contentStarts, lens: scan.contentLens, first: 0, count: 0 };

  const blocks = scan.blocks;
  const blockCount = scan.blockCount;
  const prose: number[] = [];
  const code: number[] = [];
  for (let i = 0; i < blockCount; i += 4) {
    const kind = blocks[i];
    if (kind === BlockKind.Code) {
      code.push(blocks[i + 1], blocks[i + 2], CodeBlockKind.Other);
      continue;
    }
    if (kind === BlockKind.Inline && blocks[i + 2] > blocks[i + 1] && !startsWithBracket(text, scan.bMarks[blocks[i + 1]], scan.eMarks[blocks[i + 1]])) {
      prose.push(blocks[i + 1], blocks[i + 2]);
    }
    if (kind === BlockKind.Fence) {
      const f = blocks[i + 3];
      const fence = fenceKindAt(text, scan.fenceInfoStart[f], scan.fenceInfoEnd[f]);
      code.push(blocks[i + 1] + 1, blocks[i + 2], codeBlockKind(fence));
      table.count = scan.fenceLineCount[f];
      if (table.count < 0) continue; // neither SQL nor shell
      table.first = scan.fenceFirstLine[f];
      if (fence === 'sql') {
        const region = sqlFenceRegion(text, table);
        if (region !== undefined) regions.push(region);
      } else {
        scanShellFence(text, table, regions, directiveComments);
      }
    } else if (commentsLeft && (kind === BlockKind.Inline || kind === BlockKind.Html) && blocks[i + 2] > blocks[i + 1]) {
      const start = scan.bMarks[blocks[i + 1]];
      if (finders.open.next(start) < 0) {
        commentsLeft = false;
        continue;
      }
      const end = scan.eMarks[blocks[i + 2] - 1];
      if (kind === BlockKind.Inline) scanProse(text, start, end, finders, directiveComments);
      else scanHtmlBlock(text, start, end, finders, directiveComments);
    }
  }
  result.proseLines = Int32Array.from(prose);
  result.codeBlocks = Int32Array.from(code);
  return result;
}

export { markdownOutline, markdownOutlineWithMarkdownIt } from './outline';
export type { MarkdownCodeBlock, MarkdownHeading, MarkdownOutline } from './outline';
