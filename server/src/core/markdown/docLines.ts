// Line geometry shared by the markdown extractors.
//
// The block parser reads a normalized copy of the document (`\r\n` and `\r` become `\n`, NUL
// becomes U+FFFD; blockTokens.ts). Normalization keeps line numbers and every line's length,
// so a document offset is "start of line L in the document" plus the column in the copy.

/** Document offset of each line's start and end, for the line numbers the block tokens give. */
export class DocLines {
  /** Lazily filled document line starts; only used when the document has `\r` line breaks. */
  private readonly crStarts: Int32Array | undefined;
  private crKnown = 0;

  constructor(
    readonly text: string,
    /** Line starts/ends in the parser's normalized source (its line state, restored after the parse). */
    private readonly bMarks: number[],
    private readonly eMarks: number[],
    hasCR: boolean,
  ) {
    if (hasCR) {
      this.crStarts = new Int32Array(bMarks.length);
    }
  }

  /** Document offset where line `line` starts. */
  start(line: number): number {
    const starts = this.crStarts;
    if (starts === undefined) return this.bMarks[line];
    // Walk forward from the last known line; queries come in document order, so the walk is
    // linear over the whole extraction.
    const text = this.text;
    for (let l = this.crKnown; l < line; l++) {
      const end = starts[l] + (this.eMarks[l] - this.bMarks[l]);
      const crlf = text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10;
      starts[l + 1] = end + (crlf ? 2 : 1);
    }
    if (line > this.crKnown) this.crKnown = line;
    return starts[line];
  }

  /** Document offset where line `line`'s text ends (before its line break). */
  end(line: number): number {
    return this.start(line) + (this.eMarks[line] - this.bMarks[line]);
  }

  /** Length of line `line` without its line break. */
  length(line: number): number {
    return this.eMarks[line] - this.bMarks[line];
  }
}

/**
 * `indexOf` with a memo, for needles searched again and again from increasing positions
 * (one per block): every character is looked at a bounded number of times overall.
 */
export class Finder {
  private from = -1;
  private at = -1;

  constructor(
    private readonly text: string,
    private readonly needle: string,
  ) {}

  /** First index ≥ `from` where the needle occurs, or -1. */
  next(from: number): number {
    if (this.from >= 0 && from >= this.from && (this.at < 0 || this.at >= from)) return this.at;
    this.from = from;
    this.at = this.text.indexOf(this.needle, from);
    return this.at;
  }
}
