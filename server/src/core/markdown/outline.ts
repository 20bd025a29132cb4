// The outline of a markdown document: headings and code blocks, for document symbols and
// for placing inserted text (the plan command). Analysis does not use it.
import { blockTokens } from './blockTokens';
import { fenceKind } from './fences';
import { parseFrontMatter } from './frontMatter';

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
 * Headings and code blocks of a markdown document, from the same block tokens as
 * `extractMarkdown` (front matter skipped, so its `---` is never a setext underline).
 */
export function markdownOutline(text: string): MarkdownOutline {
  const out: MarkdownOutline = { headings: [], codeBlocks: [] };
  try {
    const fm = parseFrontMatter(text);
    const { tokens } = blockTokens(text, fm?.bodyLine ?? 0);
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
