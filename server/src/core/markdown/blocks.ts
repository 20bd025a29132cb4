// CommonMark block structure, exactly as markdown-it 14 parses it with the `commonmark`
// preset (block rules code, fence, blockquote, hr, list, reference, html_block, heading,
// lheading, paragraph), but producing only what the extraction and the outline need: fenced
// code blocks with their content lines mapped to the document, the line ranges of the blocks
// that hold inline text (paragraphs, headings) or raw HTML, indented code blocks, headings.
//
// Each rule is a port of markdown-it's (lib/rules_block/*.mjs) with the same line state
// (bMarks, eMarks, tShift, sCount, bsCount, blkIndent, listIndent) mutated and restored the
// same way by block quotes and list items, so the two agree on every quirk; the
// differential test (test/core/markdownDifferential.test.ts) holds them to it over the
// CommonMark spec examples and generated documents. What it leaves out is what costs
// markdown-it its time: no tokens, no content strings, no inline parse, no normalized copy of
// the text (`\r\n` and `\r` are line breaks here directly; NUL is read as U+FFFD where a rule
// could tell them apart).
import MarkdownIt from 'markdown-it';

/** Nesting depth beyond which content is skipped (markdown-it's `maxNesting`, raised from the preset's 20). */
export const MAX_NESTING = 64;

/** A fenced code block. Lines are 0-based; `endLine` is exclusive (markdown-it's `map`). */
export interface FenceBlock {
  line: number;
  endLine: number;
  /** The info string as written after the fence markers (markdown-it's `token.info`). */
  info: string;
  /** Per content line: document offset where the content starts, after the container prefix. */
  starts: number[];
  /** Per content line: length of the content (to the line break). */
  lens: number[];
  /** Per content line: spaces markdown-it puts before the content for a partly consumed tab (with the `pads` option). */
  pads: number[];
  /** Whether the content lines were filled in (only for fences the filter accepts). */
  hasContent: boolean;
}

export const enum BlockKind {
  Fence = 0,
  /** Paragraph or heading text: markdown-it's `inline` token. */
  Inline = 1,
  Html = 2,
  /** An indented code block. */
  Code = 3,
  /** An ATX or setext heading (also reported as Inline for its text). */
  Heading = 4,
}

export interface BlockScanOptions {
  /** First line to parse (after front matter). */
  startLine?: number;
  /**
   * Which fences get their content lines computed, by their info string: the document range
   * `[infoStart, infoEnd)` of `src` (a NUL in it not yet read as U+FFFD); default none.
   */
  fenceContent?: (src: string, infoStart: number, infoEnd: number) => boolean;
  /** Report Inline and Html blocks (default true). */
  text?: boolean;
  /** Report Code and Heading blocks (default false). */
  outline?: boolean;
  /** Report Code blocks (default false; also reported with `outline`). */
  code?: boolean;
  /** Fill `FenceBlock.pads` (default false: the extraction drops the padding). */
  pads?: boolean;
}

export interface BlockScan {
  /**
   * Blocks in document order, flattened in fours: kind, first line, end line (exclusive),
   * extra (Fence: index into `fences`; Heading: level; others 0).
   */
  blocks: Int32Array;
  fences: FenceBlock[];
  /** With `outline`: each heading's text (markdown-it's inline `content`), in block order. */
  headingTexts: string[];
  /** Number of lines (markdown-it's `lineMax`). */
  lineCount: number;
  /** Document offset where line `i` starts. */
  lineStart(i: number): number;
  /** Document offset where line `i`'s text ends (before its line break). */
  lineEnd(i: number): number;
}

// ---------------------------------------------------------------------------------------------
// HTML block start and end conditions (markdown-it lib/common/html_blocks.mjs, html_re.mjs).

const BLOCK_NAMES = [
  'address', 'article', 'aside', 'base', 'basefont', 'blockquote', 'body', 'caption', 'center', 'col', 'colgroup',
  'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'frame',
  'frameset', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'header', 'hr', 'html', 'iframe', 'legend', 'li', 'link',
  'main', 'menu', 'menuitem', 'nav', 'noframes', 'ol', 'optgroup', 'option', 'p', 'param', 'search', 'section',
  'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'title', 'tr', 'track', 'ul',
];
const ATTR_NAME = '[a-zA-Z_:][a-zA-Z0-9:._-]*';
const ATTR_VALUE = `(?:[^"'=<>\`\\x00-\\x20]+|'[^']*'|"[^"]*")`;
const ATTRIBUTE = `(?:\\s+${ATTR_NAME}(?:\\s*=\\s*${ATTR_VALUE})?)`;
const OPEN_TAG = `<[A-Za-z][A-Za-z0-9\\-]*${ATTRIBUTE}*\\s*\\/?>`;
const CLOSE_TAG = '<\\/[A-Za-z][A-Za-z0-9\\-]*\\s*>';
const OPEN_CLOSE_TAG = `^(?:${OPEN_TAG}|${CLOSE_TAG})`;

/** [start, end, can interrupt a paragraph]. */
const HTML_SEQUENCES: readonly [RegExp, RegExp, boolean][] = [
  [/^<(script|pre|style|textarea)(?=(\s|>|$))/i, /<\/(script|pre|style|textarea)>/i, true],
  [/^<!--/, /-->/, true],
  [/^<\?/, /\?>/, true],
  [/^<![A-Z]/, />/, true],
  [/^<!\[CDATA\[/, /\]\]>/, true],
  [new RegExp(`^</?(${BLOCK_NAMES.join('|')})(?=(\\s|/?>|$))`, 'i'), /^$/, true],
  [new RegExp(`${OPEN_CLOSE_TAG}\\s*$`), /^$/, false],
];

// Reference definitions are rare: their link helpers come from markdown-it itself, on first use.
let linkHelpers: MarkdownIt | undefined;
function helpers(): MarkdownIt {
  return (linkHelpers ??= new MarkdownIt('commonmark'));
}

const TAB = 0x09;
const SPACE = 0x20;

/** `a`, or a copy at least `need` long (capacity doubled) keeping its first `keep` entries. */
function ensure(a: Int32Array, need: number, keep: number): Int32Array {
  if (need <= a.length) return a;
  const b = new Int32Array(Math.max(need, a.length * 2, 64));
  b.set(a.subarray(0, keep));
  return b;
}

/**
 * Buffers larger than this many entries (2 MB) are dropped after a scan instead of kept for
 * the next one, so one huge document does not pin its line tables for the life of the server.
 */
const MAX_KEPT_ENTRIES = 1 << 19;

function isSpace(c: number): boolean {
  return c === SPACE || c === TAB;
}

/** Who asks whether a line ends the block before it (markdown-it's `parentType`). */
const enum Parent {
  Paragraph,
  Reference,
  Blockquote,
}

/** One scan with buffers of its own: the result stays valid whatever is scanned later. */
export function scanBlocks(text: string, opts: BlockScanOptions = {}): BlockScan {
  const s = new BlockScanner();
  s.scan(text, opts);
  const bMarks = s.bMarks;
  const eMarks = s.eMarks;
  return {
    blocks: s.blocks.slice(0, s.blockCount),
    fences: s.fenceBlocks(),
    headingTexts: s.headingTexts,
    lineCount: s.lineCount,
    lineStart: (i) => bMarks[i],
    lineEnd: (i) => eMarks[i],
  };
}

/**
 * markdown-it's block parser state and rules. One instance can scan document after document:
 * everything it produces lives in flat typed arrays that are kept and reused (a scan of a
 * runbook then allocates next to nothing), and is valid until the next `scan`.
 */
export class BlockScanner {
  src = '';
  // Per line (markdown-it's StateBlock arrays), with a sentinel entry at `lineCount`.
  bMarks: Int32Array = new Int32Array(0);
  eMarks: Int32Array = new Int32Array(0);
  tShift: Int32Array = new Int32Array(0);
  sCount: Int32Array = new Int32Array(0);
  bsCount: Int32Array = new Int32Array(0);
  /** Lines of the document; `lineMax` is the same but lowered while a block quote is parsed. */
  lineCount = 0;
  lineMax = 0;
  blkIndent = 0;
  line = 0;
  listIndent = -1;
  level = 0;
  hasNul = false;

  /** Blocks in document order, flattened in fours (see `BlockScan.blocks`); `blockCount` entries are used. */
  blocks: Int32Array = new Int32Array(0);
  blockCount = 0;

  // Per fence, indexed by the Fence block's extra: its info string's document range, and its
  // content lines as a range of the content-line arrays below (`fenceLineCount` -1: not computed).
  fenceInfoStart: Int32Array = new Int32Array(0);
  fenceInfoEnd: Int32Array = new Int32Array(0);
  fenceFirstLine: Int32Array = new Int32Array(0);
  fenceLineCount: Int32Array = new Int32Array(0);
  fenceCount = 0;

  // Fence content lines of all fences: document offset after the container prefix, length to
  // the line break, and (with `pads`) markdown-it's padding for a partly consumed tab.
  contentStarts: Int32Array = new Int32Array(0);
  contentLens: Int32Array = new Int32Array(0);
  contentPads: Int32Array = new Int32Array(0);
  contentCount = 0;

  /**
   * Line state saved by block quotes, which rewrite their lines for the nested parse: four
   * entries per line (bMarks, tShift, sCount, bsCount), a stack as block quotes nest.
   */
  private saved: Int32Array = new Int32Array(0);
  private savedCount = 0;

  headingTexts: string[] = [];
  private wantText = true;
  private wantOutline = false;
  private wantCode = false;
  private wantPads = false;
  private fenceContent: BlockScanOptions['fenceContent'] = undefined;

  /** Parse `src` from line `opts.startLine`, replacing the previous scan's results. */
  scan(src: string, opts: BlockScanOptions): void {
    this.src = src;
    this.wantText = opts.text !== false;
    this.wantOutline = opts.outline === true;
    this.wantCode = this.wantOutline || opts.code === true;
    this.wantPads = opts.pads === true;
    this.fenceContent = opts.fenceContent;
    this.hasNul = src.indexOf('\0') >= 0;
    this.blkIndent = 0;
    this.line = 0;
    this.listIndent = -1;
    this.level = 0;
    this.blockCount = 0;
    this.fenceCount = 0;
    this.contentCount = 0;
    this.savedCount = 0;
    this.headingTexts = [];
    this.splitLines(src);
    if (src.length > 0) this.tokenize(opts.startLine ?? 0, this.lineMax);
  }

  /** Forget the document (so it can be collected) and any buffer too large to keep around. */
  release(): void {
    this.src = '';
    this.fenceContent = undefined;
    this.headingTexts = [];
    if (this.bMarks.length > MAX_KEPT_ENTRIES) {
      this.bMarks = this.eMarks = this.tShift = this.sCount = this.bsCount = new Int32Array(0);
    }
    if (this.blocks.length > MAX_KEPT_ENTRIES) this.blocks = new Int32Array(0);
    if (this.saved.length > MAX_KEPT_ENTRIES) this.saved = new Int32Array(0);
    if (this.contentStarts.length > MAX_KEPT_ENTRIES) {
      this.contentStarts = this.contentLens = this.contentPads = new Int32Array(0);
    }
  }

  /** The fences as objects (for callers that keep them). */
  fenceBlocks(): FenceBlock[] {
    const out: FenceBlock[] = [];
    for (let i = 0; i < this.blockCount; i += 4) {
      if (this.blocks[i] !== BlockKind.Fence) continue;
      const f = this.blocks[i + 3];
      const first = this.fenceFirstLine[f];
      const count = this.fenceLineCount[f];
      const hasContent = count >= 0;
      const end = hasContent ? first + count : first;
      out.push({
        line: this.blocks[i + 1],
        endLine: this.blocks[i + 2],
        info: this.slice(this.fenceInfoStart[f], this.fenceInfoEnd[f]),
        starts: Array.from(this.contentStarts.subarray(first, end)),
        lens: Array.from(this.contentLens.subarray(first, end)),
        pads: this.wantPads ? Array.from(this.contentPads.subarray(first, end)) : [],
        hasContent,
      });
    }
    return out;
  }

  /** Room for `lines` lines plus the sentinel, keeping the first `keep`. */
  private ensureLines(lines: number, keep: number): void {
    const need = lines + 1;
    if (need <= this.bMarks.length) return;
    this.bMarks = ensure(this.bMarks, need, keep);
    this.eMarks = ensure(this.eMarks, need, keep);
    this.tShift = ensure(this.tShift, need, keep);
    this.sCount = ensure(this.sCount, need, keep);
    this.bsCount = ensure(this.bsCount, need, keep);
  }

  /**
   * markdown-it's StateBlock constructor, on `\n`, `\r\n` and `\r` breaks: each line's start,
   * end, indent width in characters (`tShift`) and in columns (`sCount`, tabs to the next
   * multiple of 4). A last line of blanks only, with no break after it, is not a line there either.
   */
  private splitLines(src: string): void {
    const n = src.length;
    // Line arrays sized for 40-character lines; grown by doubling when the text has more.
    this.ensureLines((n >> 5) + 16, 0);
    let { bMarks, eMarks, tShift, sCount } = this;
    const hasCR = src.indexOf('\r') >= 0;
    let line = 0;
    let pos = 0;
    // The next `\n` and `\r` at or after `pos` (-1: none left); only `\n` without a `\r` in the text.
    let nl = src.indexOf('\n');
    let cr = hasCR ? src.indexOf('\r') : -1;
    while (pos < n) {
      let end: number;
      let next: number;
      if (nl >= 0 && nl < pos) nl = src.indexOf('\n', pos);
      if (cr >= 0 && cr < pos) cr = src.indexOf('\r', pos);
      if (cr >= 0 && (nl < 0 || cr < nl)) {
        end = cr;
        next = cr + 1 === nl ? cr + 2 : cr + 1;
      } else if (nl >= 0) {
        end = nl;
        next = nl + 1;
      } else {
        end = n;
        next = n;
      }
      let p = pos;
      let offset = 0;
      while (p < end) {
        const c = src.charCodeAt(p);
        if (c === SPACE) offset++;
        else if (c === TAB) offset += 4 - (offset % 4);
        else break;
        p++;
      }
      if (end === n && p === n) break; // trailing blanks without a line break
      if (line + 1 >= bMarks.length) {
        this.ensureLines(line + 1, line);
        ({ bMarks, eMarks, tShift, sCount } = this);
      }
      bMarks[line] = pos;
      eMarks[line] = end;
      tShift[line] = p - pos;
      sCount[line] = offset;
      line++;
      pos = next;
    }
    bMarks[line] = n;
    eMarks[line] = n;
    tShift[line] = 0;
    sCount[line] = 0;
    // Only block quotes set bsCount (and put it back afterwards).
    this.bsCount.fill(0, 0, line + 1);
    this.lineCount = line;
    this.lineMax = line;
  }

  // -------------------------------------------------------------------------------------------
  // Line helpers (StateBlock)

  private isEmpty(line: number): boolean {
    return this.bMarks[line] + this.tShift[line] >= this.eMarks[line];
  }

  private skipEmptyLines(from: number): number {
    for (const max = this.lineMax; from < max; from++) {
      if (this.bMarks[from] + this.tShift[from] < this.eMarks[from]) break;
    }
    return from;
  }

  private skipSpaces(pos: number): number {
    const src = this.src;
    for (const max = src.length; pos < max; pos++) {
      if (!isSpace(src.charCodeAt(pos))) break;
    }
    return pos;
  }

  private skipChars(pos: number, code: number): number {
    const src = this.src;
    for (const max = src.length; pos < max; pos++) {
      if (src.charCodeAt(pos) !== code) break;
    }
    return pos;
  }

  /** The text of `[pos, max)` with NUL read as U+FFFD (markdown-it's normalization). */
  private slice(pos: number, max: number): string {
    const t = this.src.slice(pos, max);
    return this.hasNul ? t.replace(/\0/g, '\uFFFD') : t;
  }

  private emit(kind: BlockKind, line: number, endLine: number, extra: number): void {
    const k = this.blockCount;
    if (k + 4 > this.blocks.length) this.blocks = ensure(this.blocks, k + 4, k);
    const b = this.blocks;
    b[k] = kind;
    b[k + 1] = line;
    b[k + 2] = endLine;
    b[k + 3] = extra;
    this.blockCount = k + 4;
  }

  /** A new fence entry for info string `[infoStart, infoEnd)`; returns its index. */
  private addFence(infoStart: number, infoEnd: number): number {
    const f = this.fenceCount++;
    if (f >= this.fenceInfoStart.length) {
      this.fenceInfoStart = ensure(this.fenceInfoStart, f + 1, f);
      this.fenceInfoEnd = ensure(this.fenceInfoEnd, f + 1, f);
      this.fenceFirstLine = ensure(this.fenceFirstLine, f + 1, f);
      this.fenceLineCount = ensure(this.fenceLineCount, f + 1, f);
    }
    this.fenceInfoStart[f] = infoStart;
    this.fenceInfoEnd[f] = infoEnd;
    this.fenceFirstLine[f] = this.contentCount;
    this.fenceLineCount[f] = -1;
    return f;
  }

  /** Push `line`'s state onto the save stack. */
  private saveLine(line: number): void {
    const k = this.savedCount;
    if (k + 4 > this.saved.length) this.saved = ensure(this.saved, k + 4, k);
    const saved = this.saved;
    saved[k] = this.bMarks[line];
    saved[k + 1] = this.tShift[line];
    saved[k + 2] = this.sCount[line];
    saved[k + 3] = this.bsCount[line];
    this.savedCount = k + 4;
  }

  /** Put back the lines saved since `base` (the first of them is `firstLine`) and pop them. */
  private restoreLines(base: number, firstLine: number): void {
    const saved = this.saved;
    for (let k = base, line = firstLine; k < this.savedCount; k += 4, line++) {
      this.bMarks[line] = saved[k];
      this.tShift[line] = saved[k + 1];
      this.sCount[line] = saved[k + 2];
      this.bsCount[line] = saved[k + 3];
    }
    this.savedCount = base;
  }

  /** Room for `count` more fence content lines. */
  private reserveContentLines(count: number): void {
    const need = this.contentCount + count;
    if (need <= this.contentStarts.length) return;
    const keep = this.contentCount;
    this.contentStarts = ensure(this.contentStarts, need, keep);
    this.contentLens = ensure(this.contentLens, need, keep);
    this.contentPads = ensure(this.contentPads, need, keep);
  }

  // -------------------------------------------------------------------------------------------
  // ParserBlock.tokenize

  private tokenize(startLine: number, endLine: number): void {
    let line = startLine;
    while (line < endLine) {
      this.line = line = this.skipEmptyLines(line);
      if (line >= endLine) break;
      // Termination condition for nested calls: the current container has ended.
      if (this.sCount[line] < this.blkIndent) break;
      // Nesting too deep: skip the tail.
      if (this.level >= MAX_NESTING) {
        this.line = endLine;
        break;
      }
      this.block(line, endLine);
      line = this.line;
      if (line < endLine && this.isEmpty(line)) {
        line++;
        this.line = line;
      }
    }
  }

  /** The block rules in markdown-it's order; each needs its first character, so dispatch on it. */
  private block(line: number, endLine: number): void {
    if (this.sCount[line] - this.blkIndent >= 4) {
      this.code(line, endLine);
      return;
    }
    const c = this.src.charCodeAt(this.bMarks[line] + this.tShift[line]);
    switch (c) {
      case 0x60: // `
      case 0x7e: // ~
        if (this.fence(line, endLine, false)) return;
        break;
      case 0x3e: // >
        this.blockquote(line, endLine);
        return;
      case 0x2a: // *
      case 0x2d: // -
        if (this.hr(line, false)) return;
        if (this.list(line, endLine, false, Parent.Blockquote)) return;
        break;
      case 0x5f: // _
        if (this.hr(line, false)) return;
        break;
      case 0x2b: // +
        if (this.list(line, endLine, false, Parent.Blockquote)) return;
        break;
      case 0x5b: // [
        if (this.reference(line)) return;
        break;
      case 0x3c: // <
        if (this.htmlBlock(line, endLine, false)) return;
        break;
      case 0x23: // #
        if (this.heading(line, false)) return;
        break;
      default:
        if (c >= 0x30 && c <= 0x39 && this.list(line, endLine, false, Parent.Blockquote)) return;
    }
    this.paragraph(line, endLine);
  }

  /** Whether `line` starts a block that ends a paragraph, reference or block quote (silent rules). */
  private terminates(line: number, endLine: number, parent: Parent): boolean {
    if (this.sCount[line] - this.blkIndent >= 4) return false;
    const c = this.src.charCodeAt(this.bMarks[line] + this.tShift[line]);
    switch (c) {
      case 0x60:
      case 0x7e:
        return this.fence(line, endLine, true);
      case 0x3e:
        return true;
      case 0x2a:
      case 0x2d:
        return this.hr(line, true) || this.list(line, endLine, true, parent);
      case 0x5f:
        return this.hr(line, true);
      case 0x2b:
        return this.list(line, endLine, true, parent);
      case 0x3c:
        return this.htmlBlock(line, endLine, true);
      case 0x23:
        return this.heading(line, true);
      default:
        return c >= 0x30 && c <= 0x39 && this.list(line, endLine, true, parent);
    }
  }

  /** Whether `line` ends a list (fence, blockquote, hr). */
  private terminatesList(line: number, endLine: number): boolean {
    if (this.sCount[line] - this.blkIndent >= 4) return false;
    const c = this.src.charCodeAt(this.bMarks[line] + this.tShift[line]);
    switch (c) {
      case 0x60:
      case 0x7e:
        return this.fence(line, endLine, true);
      case 0x3e:
        return true;
      case 0x2a:
      case 0x2d:
      case 0x5f:
        return this.hr(line, true);
      default:
        return false;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Rules

  private code(startLine: number, endLine: number): void {
    let nextLine = startLine + 1;
    let last = nextLine;
    while (nextLine < endLine) {
      if (this.isEmpty(nextLine)) {
        nextLine++;
        continue;
      }
      if (this.sCount[nextLine] - this.blkIndent >= 4) {
        nextLine++;
        last = nextLine;
        continue;
      }
      break;
    }
    this.line = last;
    if (this.wantCode) this.emit(BlockKind.Code, startLine, last, 0);
  }

  private fence(startLine: number, endLine: number, silent: boolean): boolean {
    const src = this.src;
    let pos = this.bMarks[startLine] + this.tShift[startLine];
    let max = this.eMarks[startLine];
    if (this.sCount[startLine] - this.blkIndent >= 4) return false;
    if (pos + 3 > max) return false;
    const marker = src.charCodeAt(pos);
    if (marker !== 0x7e && marker !== 0x60) return false;
    let mem = pos;
    pos = this.skipChars(pos, marker);
    const len = pos - mem;
    if (len < 3) return false;
    const infoStart = pos;
    const infoEnd = max;
    if (marker === 0x60) {
      for (let i = infoStart; i < infoEnd; i++) if (src.charCodeAt(i) === 0x60) return false;
    }
    if (silent) return true;

    let nextLine = startLine;
    let haveEndMarker = false;
    for (;;) {
      nextLine++;
      if (nextLine >= endLine) break;
      pos = mem = this.bMarks[nextLine] + this.tShift[nextLine];
      max = this.eMarks[nextLine];
      // A non-empty line with less indent than the container ends the container and the fence.
      if (pos < max && this.sCount[nextLine] < this.blkIndent) break;
      if (src.charCodeAt(pos) !== marker) continue;
      if (this.sCount[nextLine] - this.blkIndent >= 4) continue;
      pos = this.skipChars(pos, marker);
      if (pos - mem < len) continue;
      pos = this.skipSpaces(pos);
      if (pos < max) continue;
      haveEndMarker = true;
      break;
    }
    const indent = this.sCount[startLine];
    this.line = nextLine + (haveEndMarker ? 1 : 0);

    const f = this.addFence(infoStart, infoEnd);
    if (this.fenceContent !== undefined && this.fenceContent(src, infoStart, infoEnd)) {
      this.contentLines(startLine + 1, nextLine, indent);
      this.fenceLineCount[f] = this.contentCount - this.fenceFirstLine[f];
    }
    this.emit(BlockKind.Fence, startLine, this.line, f);
    return true;
  }

  /** Columns counted by the last `cutIndent` (may pass `indent` when a tab straddles it). */
  private cutColumns = 0;

  /**
   * Where `line`'s text starts once `indent` columns are cut, as StateBlock.getLines counts
   * them (tabs to the next multiple of 4, a list marker on an item's first line as indent).
   * The columns actually consumed are left in `cutColumns` (no object per line).
   */
  private cutIndent(line: number, indent: number): number {
    const src = this.src;
    let lineIndent = 0;
    const lineStart = this.bMarks[line];
    let first = lineStart;
    const last = this.eMarks[line] + 1;
    while (first < last && lineIndent < indent) {
      const ch = src.charCodeAt(first);
      if (isSpace(ch)) {
        if (ch === TAB) lineIndent += 4 - ((lineIndent + this.bsCount[line]) % 4);
        else lineIndent++;
      } else if (first - lineStart < this.tShift[line]) {
        lineIndent++;
      } else {
        break;
      }
      first++;
    }
    this.cutColumns = lineIndent;
    return first;
  }

  /** StateBlock.getLines for a fence's content: where each line's content starts once `indent` columns are cut. */
  private contentLines(begin: number, end: number, indent: number): void {
    if (end <= begin) return;
    this.reserveContentLines(end - begin);
    const { contentStarts, contentLens, contentPads, eMarks } = this;
    let k = this.contentCount;
    for (let line = begin; line < end; line++, k++) {
      const first = this.cutIndent(line, indent);
      const lineIndent = this.cutColumns;
      contentStarts[k] = first;
      contentLens[k] = Math.max(0, eMarks[line] - first);
      contentPads[k] = lineIndent > indent ? lineIndent - indent : 0;
    }
    this.contentCount = k;
  }

  /** StateBlock.getLines(begin, end, indent, false): the lines' text with `indent` columns cut. */
  private getLines(begin: number, end: number, indent: number): string {
    let out = '';
    for (let line = begin; line < end; line++) {
      const first = this.cutIndent(line, indent);
      const lineIndent = this.cutColumns;
      if (lineIndent > indent) out += ' '.repeat(lineIndent - indent);
      out += this.slice(first, this.eMarks[line]);
      if (line + 1 < end) out += '\n';
    }
    return out;
  }

  private blockquote(startLine: number, endLine: number): void {
    const src = this.src;
    const bMarks = this.bMarks;
    const sCount = this.sCount;
    const tShift = this.tShift;
    const bsCount = this.bsCount;
    const oldLineMax = this.lineMax;
    // Lines startLine, startLine + 1, … are saved from here on, to be put back at the end.
    const saveBase = this.savedCount;
    let lastLineEmpty = false;
    let nextLine: number;

    for (nextLine = startLine; nextLine < endLine; nextLine++) {
      // Outdented: inside a list item, indented less than the item (`1. > quote` then
      // `2. next`): such a line is never a `>` line of this quote.
      const isOutdented = sCount[nextLine] < this.blkIndent;
      let pos = bMarks[nextLine] + tShift[nextLine];
      const max = this.eMarks[nextLine];
      if (pos >= max) break; // an empty line ends the block quote

      if (src.charCodeAt(pos++) === 0x3e && !isOutdented) {
        // A `>` line: cut the marker and one optional space (a tab counts as the space).
        let initial = sCount[nextLine] + 1;
        let spaceAfterMarker: boolean;
        let adjustTab = false;
        const c = src.charCodeAt(pos);
        if (c === SPACE) {
          pos++;
          initial++;
          spaceAfterMarker = true;
        } else if (c === TAB) {
          spaceAfterMarker = true;
          if ((bsCount[nextLine] + initial) % 4 === 3) {
            pos++;
            initial++;
          } else {
            adjustTab = true;
          }
        } else {
          spaceAfterMarker = false;
        }
        let offset = initial;
        this.saveLine(nextLine);
        bMarks[nextLine] = pos;
        while (pos < max) {
          const ch = src.charCodeAt(pos);
          if (ch === TAB) offset += 4 - ((offset + bsCount[nextLine] + (adjustTab ? 1 : 0)) % 4);
          else if (ch === SPACE) offset++;
          else break;
          pos++;
        }
        lastLineEmpty = pos >= max;
        bsCount[nextLine] = sCount[nextLine] + 1 + (spaceAfterMarker ? 1 : 0);
        sCount[nextLine] = offset - initial;
        tShift[nextLine] = pos - bMarks[nextLine];
        continue;
      }

      // A lazy line after an empty `>` line ends the block quote.
      if (lastLineEmpty) break;

      if (this.terminates(nextLine, endLine, Parent.Blockquote)) {
        // The nested blocks must not run into this line.
        this.lineMax = nextLine;
        if (this.blkIndent !== 0) {
          // The line is in an outer list item; remember it so it is restored below.
          this.saveLine(nextLine);
          sCount[nextLine] -= this.blkIndent;
        }
        break;
      }

      // A lazy paragraph continuation: hidden from every rule but the paragraph's.
      this.saveLine(nextLine);
      sCount[nextLine] = -1;
    }

    const oldIndent = this.blkIndent;
    this.blkIndent = 0;
    this.level++;
    this.tokenize(startLine, nextLine);
    this.level--;
    this.lineMax = oldLineMax;
    this.restoreLines(saveBase, startLine);
    this.blkIndent = oldIndent;
  }

  private hr(startLine: number, silent: boolean): boolean {
    const src = this.src;
    const max = this.eMarks[startLine];
    if (this.sCount[startLine] - this.blkIndent >= 4) return false;
    let pos = this.bMarks[startLine] + this.tShift[startLine];
    const marker = src.charCodeAt(pos++);
    if (marker !== 0x2a && marker !== 0x2d && marker !== 0x5f) return false;
    let cnt = 1;
    while (pos < max) {
      const ch = src.charCodeAt(pos++);
      if (ch !== marker && !isSpace(ch)) return false;
      if (ch === marker) cnt++;
    }
    if (cnt < 3) return false;
    if (!silent) this.line = startLine + 1;
    return true;
  }

  /** Position after a bullet marker (`*`, `-`, `+`) followed by a blank or the line end, or -1. */
  private skipBulletListMarker(startLine: number): number {
    const max = this.eMarks[startLine];
    let pos = this.bMarks[startLine] + this.tShift[startLine];
    const marker = this.src.charCodeAt(pos++);
    if (marker !== 0x2a && marker !== 0x2d && marker !== 0x2b) return -1;
    if (pos < max && !isSpace(this.src.charCodeAt(pos))) return -1;
    return pos;
  }

  /** Position after an ordered marker (1–9 digits, then `.` or `)`) followed by a blank or the line end, or -1. */
  private skipOrderedListMarker(startLine: number): number {
    const src = this.src;
    const start = this.bMarks[startLine] + this.tShift[startLine];
    const max = this.eMarks[startLine];
    let pos = start;
    if (pos + 1 >= max) return -1;
    let ch = src.charCodeAt(pos++);
    if (ch < 0x30 || ch > 0x39) return -1;
    for (;;) {
      if (pos >= max) return -1;
      ch = src.charCodeAt(pos++);
      if (ch >= 0x30 && ch <= 0x39) {
        if (pos - start >= 10) return -1;
        continue;
      }
      if (ch === 0x29 || ch === 0x2e) break;
      return -1;
    }
    if (pos < max && !isSpace(src.charCodeAt(pos))) return -1;
    return pos;
  }

  private list(startLine: number, endLine: number, silent: boolean, parent: Parent): boolean {
    const src = this.src;
    const sCount = this.sCount;
    const tShift = this.tShift;
    let nextLine = startLine;
    if (sCount[nextLine] - this.blkIndent >= 4) return false;
    // `- a` / ` - b` / `  - c` / `   - d` / `    - e`: the last is a paragraph continuation,
    // not a list, once it is 4+ columns right of the enclosing list's indent.
    if (this.listIndent >= 0 && sCount[nextLine] - this.listIndent >= 4 && sCount[nextLine] < this.blkIndent) return false;

    // Only a list starting with 1, with content on its first line, may interrupt a paragraph.
    const isTerminatingParagraph = silent && parent === Parent.Paragraph && sCount[nextLine] >= this.blkIndent;

    let isOrdered: boolean;
    let posAfterMarker = this.skipOrderedListMarker(nextLine);
    if (posAfterMarker >= 0) {
      isOrdered = true;
      if (isTerminatingParagraph) {
        const start = this.bMarks[nextLine] + tShift[nextLine];
        // Number(digits) !== 1: leading zeros allowed ("01." is 1).
        let v = 0;
        for (let i = start; i < posAfterMarker - 1; i++) v = v * 10 + (src.charCodeAt(i) - 0x30);
        if (v !== 1) return false;
      }
    } else if ((posAfterMarker = this.skipBulletListMarker(nextLine)) >= 0) {
      isOrdered = false;
    } else {
      return false;
    }
    if (isTerminatingParagraph && this.skipSpaces(posAfterMarker) >= this.eMarks[nextLine]) return false;
    if (silent) return true;

    const markerCharCode = src.charCodeAt(posAfterMarker - 1);
    this.level++; // list open
    while (nextLine < endLine) {
      let pos = posAfterMarker;
      const max = this.eMarks[nextLine];
      const initial = sCount[nextLine] + posAfterMarker - (this.bMarks[nextLine] + tShift[nextLine]);
      let offset = initial;
      while (pos < max) {
        const ch = src.charCodeAt(pos);
        if (ch === TAB) offset += 4 - ((offset + this.bsCount[nextLine]) % 4);
        else if (ch === SPACE) offset++;
        else break;
        pos++;
      }
      const contentStart = pos;
      // An item starting with a blank line, or 5+ spaces after the marker: content indent is marker + 1.
      let indentAfterMarker = contentStart >= max ? 1 : offset - initial;
      if (indentAfterMarker > 4) indentAfterMarker = 1;
      const indent = initial + indentAfterMarker;

      this.level++; // item open
      const oldTShift = tShift[nextLine];
      const oldSCount = sCount[nextLine];
      const oldListIndent = this.listIndent;
      this.listIndent = this.blkIndent;
      this.blkIndent = indent;
      tShift[nextLine] = contentStart - this.bMarks[nextLine];
      sCount[nextLine] = offset;
      if (contentStart >= max && this.isEmpty(nextLine + 1)) {
        // An item may begin with at most one blank line.
        this.line = Math.min(this.line + 2, endLine);
      } else {
        this.tokenize(nextLine, endLine);
      }
      this.blkIndent = this.listIndent;
      this.listIndent = oldListIndent;
      tShift[nextLine] = oldTShift;
      sCount[nextLine] = oldSCount;
      this.level--; // item close

      nextLine = this.line;
      if (nextLine >= endLine) break;
      if (sCount[nextLine] < this.blkIndent) break;
      if (sCount[nextLine] - this.blkIndent >= 4) break;
      if (this.terminatesList(nextLine, endLine)) break;
      posAfterMarker = isOrdered ? this.skipOrderedListMarker(nextLine) : this.skipBulletListMarker(nextLine);
      if (posAfterMarker < 0) break;
      if (markerCharCode !== src.charCodeAt(posAfterMarker - 1)) break;
    }
    this.level--; // list close
    this.line = nextLine;
    return true;
  }

  /** A link reference definition `[label]: destination "title"` (consumes its lines; nothing is reported). */
  private reference(startLine: number): boolean {
    const src = this.src;
    let pos = this.bMarks[startLine] + this.tShift[startLine];
    let max = this.eMarks[startLine];
    let nextLine = startLine + 1;
    if (this.sCount[startLine] - this.blkIndent >= 4) return false;
    if (src.charCodeAt(pos) !== 0x5b) return false;

    const lineText = (p: number, m: number) => this.slice(p, m) + (m < src.length ? '\n' : '');
    const getNextLine = (l: number): string | null => {
      const end = this.lineMax;
      if (l >= end || this.isEmpty(l)) return null;
      let isContinuation = false;
      if (this.sCount[l] - this.blkIndent > 3) isContinuation = true;
      if (this.sCount[l] < 0) isContinuation = true;
      if (!isContinuation && this.terminates(l, end, Parent.Reference)) return null;
      return lineText(this.bMarks[l] + this.tShift[l], this.eMarks[l]);
    };

    let str = lineText(pos, max);
    max = str.length;
    let labelEnd = -1;
    for (pos = 1; pos < max; pos++) {
      const ch = str.charCodeAt(pos);
      if (ch === 0x5b) {
        return false;
      } else if (ch === 0x5d) {
        labelEnd = pos;
        break;
      } else if (ch === 0x0a) {
        const next = getNextLine(nextLine);
        if (next !== null) {
          str += next;
          max = str.length;
          nextLine++;
        }
      } else if (ch === 0x5c) {
        pos++;
        if (pos < max && str.charCodeAt(pos) === 0x0a) {
          const next = getNextLine(nextLine);
          if (next !== null) {
            str += next;
            max = str.length;
            nextLine++;
          }
        }
      }
    }
    if (labelEnd < 0 || str.charCodeAt(labelEnd + 1) !== 0x3a) return false;

    for (pos = labelEnd + 2; pos < max; pos++) {
      const ch = str.charCodeAt(pos);
      if (ch === 0x0a) {
        const next = getNextLine(nextLine);
        if (next !== null) {
          str += next;
          max = str.length;
          nextLine++;
        }
      } else if (!isSpace(ch)) {
        break;
      }
    }

    const md = helpers();
    const destRes = md.helpers.parseLinkDestination(str, pos, max);
    if (!destRes.ok) return false;
    const href = md.normalizeLink(destRes.str);
    if (!md.validateLink(href)) return false;
    pos = destRes.pos;
    const destEndPos = pos;
    const destEndLineNo = nextLine;

    const start = pos;
    for (; pos < max; pos++) {
      const ch = str.charCodeAt(pos);
      if (ch === 0x0a) {
        const next = getNextLine(nextLine);
        if (next !== null) {
          str += next;
          max = str.length;
          nextLine++;
        }
      } else if (!isSpace(ch)) {
        break;
      }
    }

    type TitleResult = { ok: boolean; can_continue: boolean; pos: number; str: string };
    const parseTitle = md.helpers.parseLinkTitle as unknown as (s: string, a: number, b: number, prev?: TitleResult) => TitleResult;
    let titleRes = parseTitle(str, pos, max);
    while (titleRes.can_continue) {
      const next = getNextLine(nextLine);
      if (next === null) break;
      str += next;
      pos = max;
      max = str.length;
      nextLine++;
      titleRes = parseTitle(str, pos, max, titleRes);
    }
    let title: string;
    if (pos < max && start !== pos && titleRes.ok) {
      title = titleRes.str;
      pos = titleRes.pos;
    } else {
      title = '';
      pos = destEndPos;
      nextLine = destEndLineNo;
    }
    while (pos < max && isSpace(str.charCodeAt(pos))) pos++;
    if (pos < max && str.charCodeAt(pos) !== 0x0a && title) {
      // Garbage after the title: the title is not part of the definition, try without it.
      title = '';
      pos = destEndPos;
      nextLine = destEndLineNo;
      while (pos < max && isSpace(str.charCodeAt(pos))) pos++;
    }
    if (pos < max && str.charCodeAt(pos) !== 0x0a) return false;
    const label = md.utils.normalizeReference(str.slice(1, labelEnd));
    if (!label) return false;
    this.line = nextLine;
    return true;
  }

  private htmlBlock(startLine: number, endLine: number, silent: boolean): boolean {
    let pos = this.bMarks[startLine] + this.tShift[startLine];
    let max = this.eMarks[startLine];
    if (this.sCount[startLine] - this.blkIndent >= 4) return false;
    if (this.src.charCodeAt(pos) !== 0x3c) return false;
    let lineText = this.slice(pos, max);
    let i = 0;
    for (; i < HTML_SEQUENCES.length; i++) {
      if (HTML_SEQUENCES[i][0].test(lineText)) break;
    }
    if (i === HTML_SEQUENCES.length) return false;
    if (silent) return HTML_SEQUENCES[i][2];

    const endRe = HTML_SEQUENCES[i][1];
    let nextLine = startLine + 1;
    if (!endRe.test(lineText)) {
      for (; nextLine < endLine; nextLine++) {
        if (this.sCount[nextLine] < this.blkIndent) break;
        pos = this.bMarks[nextLine] + this.tShift[nextLine];
        max = this.eMarks[nextLine];
        lineText = this.slice(pos, max);
        if (endRe.test(lineText)) {
          if (lineText.length !== 0) nextLine++;
          break;
        }
      }
    }
    this.line = nextLine;
    if (this.wantText) this.emit(BlockKind.Html, startLine, nextLine, 0);
    return true;
  }

  private heading(startLine: number, silent: boolean): boolean {
    const src = this.src;
    let pos = this.bMarks[startLine] + this.tShift[startLine];
    const max = this.eMarks[startLine];
    if (this.sCount[startLine] - this.blkIndent >= 4) return false;
    let ch = src.charCodeAt(pos);
    if (ch !== 0x23 || pos >= max) return false;
    let level = 1;
    ch = src.charCodeAt(++pos);
    while (ch === 0x23 && pos < max && level <= 6) {
      level++;
      ch = src.charCodeAt(++pos);
    }
    if (level > 6 || (pos < max && !isSpace(ch))) return false;
    if (silent) return true;
    this.line = startLine + 1;
    if (this.wantOutline) {
      // Let's cut tails like '    ###  ' from the end of the string.
      let end = max;
      while (end > pos && isSpace(src.charCodeAt(end - 1))) end--;
      let tmp = end;
      while (tmp > pos && src.charCodeAt(tmp - 1) === 0x23) tmp--;
      if (tmp > pos && isSpace(src.charCodeAt(tmp - 1))) end = tmp;
      this.headingTexts.push(this.slice(pos, end).trim());
      this.emit(BlockKind.Heading, startLine, startLine + 1, level);
    }
    if (this.wantText) this.emit(BlockKind.Inline, startLine, startLine + 1, 0);
    return true;
  }

  /** lheading, else paragraph: their line scans are the same up to the setext underline. */
  private paragraph(startLine: number, endLine: number): void {
    const src = this.src;
    let nextLine = startLine + 1;
    let level = 0;
    for (; nextLine < endLine && !this.isEmpty(nextLine); nextLine++) {
      const sc = this.sCount[nextLine];
      // Would be a code block, but after a paragraph it is a lazy continuation.
      if (sc - this.blkIndent > 3) continue;
      if (sc >= this.blkIndent) {
        let pos = this.bMarks[nextLine] + this.tShift[nextLine];
        const max = this.eMarks[nextLine];
        if (pos < max) {
          const marker = src.charCodeAt(pos);
          if (marker === 0x2d || marker === 0x3d) {
            pos = this.skipChars(pos, marker);
            pos = this.skipSpaces(pos);
            if (pos >= max) {
              level = marker === 0x3d ? 1 : 2;
              break;
            }
          }
        }
      }
      // Lazy lines of a block quote were already checked by it.
      if (sc < 0) continue;
      if (this.terminates(nextLine, endLine, Parent.Paragraph)) break;
    }
    if (level > 0) {
      this.line = nextLine + 1;
      if (this.wantOutline) {
        this.headingTexts.push(this.getLines(startLine, nextLine, this.blkIndent).trim());
        this.emit(BlockKind.Heading, startLine, nextLine + 1, level);
      }
    } else {
      this.line = nextLine;
    }
    if (this.wantText) this.emit(BlockKind.Inline, startLine, nextLine, 0);
  }
}
