// Markdown runbooks: the SQL, directive comments and front matter a markdown document holds.
//
// markdown-it supplies CommonMark block structure only (fences, HTML blocks, paragraphs with
// their line ranges); no inline parse and no rendering. Positions are always taken from the
// document text itself.
import MarkdownIt from 'markdown-it';
import type { DirectiveComment, MarkdownExtraction, SqlRegion } from '../types';
import { DocLines, Finder } from './docLines';
import { fenceKind, fenceLines, sqlFenceRegion } from './fences';
import { parseFrontMatter } from './frontMatter';
import { type CommentFinders, scanHtmlBlock, scanProse } from './htmlComments';
import { scanShellFence } from './shell';

// One shared instance. The commonmark preset keeps raw HTML blocks (directive comments) and
// leaves out GFM tables. Deeper nesting than the preset's 20 levels is allowed so fences in
// deeply nested lists/quotes are still seen; cost stays linear times the depth bound.
const md = new MarkdownIt('commonmark');
// `maxNesting` is a real option but missing from @types/markdown-it.
(md.options as { maxNesting?: number }).maxNesting = 64;

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

  // markdown-it's own normalization, done here because only the block parser is called.
  const hasCR = text.indexOf('\r') >= 0;
  let src = hasCR ? text.replace(/\r\n?/g, '\n') : text;
  if (src.indexOf('\0') >= 0) src = src.replace(/\0/g, '\uFFFD');

  const tokens: MarkdownIt.Token[] = [];
  const state = new md.block.State(src, md, {}, tokens);
  md.block.tokenize(state, fm?.bodyLine ?? 0, state.lineMax);

  const lines = new DocLines(text, state.bMarks, state.eMarks, hasCR);
  const tabs = new Finder(src, '\t');
  const finders: CommentFinders = {
    open: new Finder(text, '<!--'),
    close: new Finder(text, '-->'),
    tick: new Finder(text, '`'),
  };
  let commentsLeft = text.indexOf('<!--') >= 0;

  for (const tok of tokens) {
    const map = tok.map;
    if (map === null) continue;
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
  return result;
}

/** A heading (ATX `#` or setext) of a markdown document; lines are 0-based document lines. */
export interface MarkdownHeading {
  level: number;
  /** The heading's inline text as written (markup kept, trimmed). */
  text: string;
  /** First and last line of the heading itself (a setext heading spans its text and underline). */
  line: number;
  endLine: number;
}

/** A fenced or indented code block: its first and last line (0-based, the fences included). */
export interface MarkdownCodeBlock {
  line: number;
  endLine: number;
  /** `sql`/`shell` for fences we read, `other` for any other code block. */
  kind: 'sql' | 'shell' | 'other';
}

export interface MarkdownOutline {
  headings: MarkdownHeading[];
  codeBlocks: MarkdownCodeBlock[];
}

/**
 * Headings and code blocks of a markdown document, from the same block parse as
 * `extractMarkdown` (front matter skipped, so its `---` is never a setext underline). For
 * the outline and for placing inserted text; analysis does not use it.
 */
export function markdownOutline(text: string): MarkdownOutline {
  const out: MarkdownOutline = { headings: [], codeBlocks: [] };
  try {
    const fm = parseFrontMatter(text);
    let src = text.indexOf('\r') >= 0 ? text.replace(/\r\n?/g, '\n') : text;
    if (src.indexOf('\0') >= 0) src = src.replace(/\0/g, '\uFFFD');
    const tokens: MarkdownIt.Token[] = [];
    const state = new md.block.State(src, md, {}, tokens);
    md.block.tokenize(state, fm?.bodyLine ?? 0, state.lineMax);
    for (let i = 0; i < tokens.length; i++) {
      const tok = tokens[i];
      if (tok.map === null) continue;
      if (tok.type === 'heading_open') {
        const inline = tokens[i + 1];
        out.headings.push({
          level: Number(tok.tag.slice(1)) || 1,
          text: (inline?.type === 'inline' ? inline.content : '').trim(),
          line: tok.map[0],
          endLine: Math.max(tok.map[0], tok.map[1] - 1),
        });
      } else if (tok.type === 'fence' || tok.type === 'code_block') {
        const kind = tok.type === 'fence' ? (fenceKind(tok.info) ?? 'other') : 'other';
        out.codeBlocks.push({ line: tok.map[0], endLine: Math.max(tok.map[0], tok.map[1] - 1), kind });
      }
    }
  } catch {
    // Never fatal: no outline.
  }
  return out;
}
