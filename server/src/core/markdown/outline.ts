// The outline of a markdown document: headings and code blocks, for document symbols and
// for placing inserted text (the plan command). Analysis does not use it.
import { BlockKind, scanBlocks } from './blocks';
import { fenceKind } from './fences';
import { parseFrontMatter } from './frontMatter';
import { markdownItBlocks } from './markdownItExtract';

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
 * Headings and code blocks of a markdown document, from the same block scan as
 * `extractMarkdown` (front matter skipped, so its `---` is never a setext underline).
 */
export function markdownOutline(text: string): MarkdownOutline {
  const out: MarkdownOutline = { headings: [], codeBlocks: [] };
  try {
    const fm = parseFrontMatter(text);
    const scan = scanBlocks(text, { startLine: fm?.bodyLine ?? 0, text: false, outline: true });
    const b = scan.blocks;
    let h = 0;
    for (let i = 0; i < b.length; i += 4) {
      const kind = b[i];
      const line = b[i + 1];
      const endLine = Math.max(line, b[i + 2] - 1);
      if (kind === BlockKind.Heading) {
        out.headings.push({ level: b[i + 3], text: scan.headingTexts[h++], line, endLine });
      } else if (kind === BlockKind.Fence) {
        out.codeBlocks.push({ line, endLine, kind: fenceKind(scan.fences[b[i + 3]].info) ?? 'other' });
      } else if (kind === BlockKind.Code) {
        out.codeBlocks.push({ line, endLine, kind: 'other' });
      }
    }
  } catch {
    // Never fatal: no outline.
  }
  return out;
}

/** `markdownOutline` computed from markdown-it's tokens (for the differential test). */
export function markdownOutlineWithMarkdownIt(text: string): MarkdownOutline {
  const out: MarkdownOutline = { headings: [], codeBlocks: [] };
  try {
    const fm = parseFrontMatter(text);
    const { tokens } = markdownItBlocks(text, fm?.bodyLine ?? 0);
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
