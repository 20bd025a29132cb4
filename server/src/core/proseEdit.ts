// The keystroke path's shortcut for typing in a markdown runbook's prose. Most keystrokes in a
// runbook land in its prose, and most of those cannot change anything the analysis reads: the
// SQL regions, the directive comments, the front matter and the line structure stay what they
// were. For such an edit the new analysis is the previous one with every offset after the edit
// moved by the length difference: no extraction, no scan, no rules.
//
// Which edits qualify is decided from what CommonMark's block rules guarantee, conservatively:
//   - one contiguous change, with no line break removed or inserted, and nothing removed or
//     inserted but letters, digits, spaces and `.,;?` (no markdown, HTML or quote syntax);
//   - on a line of paragraph or heading text (MarkdownExtraction.proseLines: never a fence,
//     HTML block, indented code or front matter line; link reference definitions are read
//     as paragraph text, see markdown/blockTokens.ts), strictly after the first character
//     of the line's text (after indentation, `>` and list markers), which is a letter: a
//     block's kind, its containers and its end depend on the start of its lines, which such
//     an edit leaves alone, and on lines that are blank or made of `=`, `-`, `*`, `_`, which
//     a line with a letter never is;
//   - touching no HTML comment (not even its first or last character): the extraction finds
//     comments by `<!--`, `-->`, backticks and backslashes, none of which the edit adds,
//     removes or splits.
// Anything else returns undefined, and the caller analyses the whole document as usual. The
// property test (test/fuzz/proseEdit.test.ts) holds this to giving exactly the full analysis.
import type { Analysis, AnalyzedDirective, AnalyzedStatement, Finding, FindingFix, VersionFact } from './analysisTypes';
import type { DirectiveEntry } from './directives';
import { textStart } from './markdown/proseLines';
import type { Position, Range, Segment, Span, SqlRegion } from './types';

/** The one changed span between two texts: `[start, oldEnd)` of the old text became `[start, newEnd)`. */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** The smallest single change turning `a` into `b` (their common prefix and suffix). */
export function singleChange(a: string, b: string): TextChange {
  const max = Math.min(a.length, b.length);
  const prefix = commonPrefix(a, b, max);
  const suffix = commonSuffix(a, b, max - prefix);
  return { start: prefix, oldEnd: a.length - suffix, newEnd: b.length - suffix };
}

/** Chunks compared as strings (a native comparison) before characters one by one. */
const CHUNK = 512;

function commonPrefix(a: string, b: string, max: number): number {
  let i = 0;
  while (i + CHUNK <= max && a.slice(i, i + CHUNK) === b.slice(i, i + CHUNK)) i += CHUNK;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Length of the common suffix, at most `max`. */
function commonSuffix(a: string, b: string, max: number): number {
  let n = 0;
  while (n + CHUNK <= max && a.slice(a.length - n - CHUNK, a.length - n) === b.slice(b.length - n - CHUNK, b.length - n)) n += CHUNK;
  while (n < max && a.charCodeAt(a.length - n - 1) === b.charCodeAt(b.length - n - 1)) n++;
  return n;
}

/** Letters, digits, space and `.,;?`: what may be typed or deleted for the shortcut to hold. */
function isPlain(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    const plain =
      (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x20 || c === 0x2e || c === 0x2c || c === 0x3b || c === 0x3f;
    if (!plain) return false;
  }
  return true;
}

function isLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

/** True when `line` lies in one of the `[start, end)` pairs (ascending). */
function inRanges(pairs: Int32Array, line: number): boolean {
  let lo = 0;
  let hi = (pairs.length >> 1) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (pairs[2 * mid + 1] <= line) lo = mid + 1;
    else if (pairs[2 * mid] > line) hi = mid - 1;
    else return true;
  }
  return false;
}

/**
 * The analysis of `text` derived from `prev` (the analysis of the document's previous text),
 * or undefined when the edit between them might change it. `fullAnalysis` analyses `text` from
 * scratch; it runs only if a finding's fixes are asked for (they are rebuilt there).
 */
export function analyzeProseEdit(prev: Analysis, text: string, fullAnalysis: () => Analysis): Analysis | undefined {
  const basis = prev.basis;
  if (basis === undefined) return undefined;
  const old = basis.lines.text;
  const change = singleChange(old, text);
  if (change.oldEnd === change.start && change.newEnd === change.start) return undefined; // same text: nothing to derive
  if (!isPlain(old, change.start, change.oldEnd) || !isPlain(text, change.start, change.newEnd)) return undefined;

  const line = basis.lines.lineOf(change.start);
  if (!inRanges(basis.proseLines, line)) return undefined;
  const lineStart = basis.lines.lineStart(line);
  // The line's text, after its indentation and block quote and list markers, starts with a
  // letter, which the edit leaves in place.
  const first = textStart(old, lineStart, basis.lines.lineEnd(line));
  if (first >= change.start || !isLetter(old.charCodeAt(first))) return undefined;
  if (change.oldEnd > basis.lines.lineEnd(line)) return undefined; // never reached: no break is plain
  const spans = basis.comments;
  for (let i = 0; i < spans.length; i += 2) {
    if (spans[i] <= change.oldEnd && change.start <= spans[i + 1]) return undefined;
  }
  return new ShiftedAnalysis(prev, text, change, line, lineStart, fullAnalysis).build();
}

/** `prev` with every offset at or after the change's end moved by the length difference. */
class ShiftedAnalysis {
  private readonly delta: number;
  /** Column from which characters of the edited line move. */
  private readonly fromColumn: number;
  private readonly facts = new Map<VersionFact, VersionFact>();
  private full?: Analysis;

  constructor(
    /** Dropped once built: findings keep this object, and a chain of keystrokes must not keep every earlier analysis. */
    private prev: Analysis | undefined,
    private readonly text: string,
    private readonly change: TextChange,
    private readonly line: number,
    lineStart: number,
    private readonly fullAnalysis: () => Analysis,
  ) {
    this.delta = change.newEnd - change.oldEnd;
    this.fromColumn = change.oldEnd - lineStart;
  }

  build(): Analysis {
    const p = this.prev!;
    const basis = p.basis!;
    const comments = new Int32Array(basis.comments.length);
    for (let i = 0; i < comments.length; i++) comments[i] = this.off(basis.comments[i]);
    const analysis: Analysis = {
      findings: p.findings.map((f, i) => this.finding(f, i)),
      statements: p.statements.map((s) => this.statement(s)),
      directives: p.directives.map((d) => this.directive(d)),
      regions: p.regions.map((r) => this.region(r)),
      notes: p.notes.slice(),
      basis: { lines: basis.lines.movedBy(this.text, this.line, this.delta), proseLines: basis.proseLines, comments },
      shifted: { line: this.line, fromColumn: this.fromColumn },
    };
    this.prev = undefined;
    this.facts.clear();
    return analysis;
  }

  /** The fixes of finding `index`, from the full analysis of the new text (made once, on first use). */
  fixesOf(index: number, f: Finding): FindingFix[] {
    this.full ??= this.fullAnalysis();
    const same = (g: Finding | undefined) => g !== undefined && g.rule === f.rule && g.start === f.start && g.end === f.end && g.message === f.message;
    const match = same(this.full.findings[index]) ? this.full.findings[index] : this.full.findings.find(same);
    return match?.fixes ?? [];
  }

  private off(o: number): number {
    return o >= this.change.oldEnd ? o + this.delta : o;
  }

  private pos(p: Position): Position {
    return p.line === this.line && p.character >= this.fromColumn ? { line: p.line, character: p.character + this.delta } : p;
  }

  private range(r: Range): Range {
    return { start: this.pos(r.start), end: this.pos(r.end) };
  }

  private fact(f: VersionFact | undefined): VersionFact | undefined {
    if (f === undefined || f.offset === undefined || f.offset < this.change.oldEnd) return f;
    let moved = this.facts.get(f);
    if (moved === undefined) {
      moved = { ...f, offset: this.off(f.offset) };
      this.facts.set(f, moved);
    }
    return moved;
  }

  private finding(f: Finding, index: number): Finding {
    const start = this.off(f.start);
    const end = this.off(f.end);
    return new ShiftedFinding(f, start, end, this.range(f.range), this, index);
  }

  /** True when `o` stays where it is (it lies before the edit's end). */
  private stays(o: number): boolean {
    return o < this.change.oldEnd;
  }

  private staysAt(p: Position): boolean {
    return p.line !== this.line || p.character < this.fromColumn;
  }

  // What lies wholly before the edit is kept as the same object: typing in the middle of a
  // runbook then copies half of its statements, directives and regions instead of all. On the
  // benchmark runbook a keystroke allocates about 225 KB instead of 287 KB, and 200 keystrokes
  // see 12–13 young-generation collections instead of 14 (docs/performance.md, seventh round).
  // This relies on nothing changing an analysis's objects once it is built.
  // Copies are written out field by field: object spread is far slower here, for every
  // statement, directive and region of every keystroke.

  private statement(s: AnalyzedStatement): AnalyzedStatement {
    if (
      this.stays(s.span.end) &&
      this.stays(s.keyword.end) &&
      (s.collectionSpan === undefined || this.stays(s.collectionSpan.end)) &&
      this.staysAt(s.range.start) &&
      this.staysAt(s.range.end) &&
      (s.backup?.offset === undefined || this.stays(s.backup.offset)) &&
      (s.target?.offset === undefined || this.stays(s.target.offset))
    ) {
      return s;
    }
    return {
      kind: s.kind,
      restoreTarget: s.restoreTarget,
      locator: s.locator,
      collections: s.collections,
      collectionKey: s.collectionKey,
      collectionSpan: s.collectionSpan && this.span(s.collectionSpan),
      oldSyntax: s.oldSyntax,
      options: s.options,
      span: this.span(s.span),
      keyword: this.span(s.keyword),
      range: this.range(s.range),
      region: s.region,
      backup: this.fact(s.backup),
      target: this.fact(s.target),
      mixedVersion: s.mixedVersion,
      mixedBy: s.mixedBy,
      upgradingTo: s.upgradingTo,
      verdict: s.verdict,
    };
  }

  private span(s: Span): Span {
    return { start: this.off(s.start), end: this.off(s.end) };
  }

  private directive(d: AnalyzedDirective): AnalyzedDirective {
    if (this.stays(d.start) && this.stays(d.end) && this.stays(d.appendAt) && d.entries.every((e) => this.entryStays(e))) return d;
    const entries = new Array<DirectiveEntry>(d.entries.length);
    for (let i = 0; i < entries.length; i++) entries[i] = this.entry(d.entries[i]);
    return { origin: d.origin, start: this.off(d.start), end: this.off(d.end), entries, appendAt: this.off(d.appendAt), line: d.line };
  }

  private entryStays(e: DirectiveEntry): boolean {
    return this.stays(e.keyStart) && this.stays(e.keyEnd) && this.stays(e.valueStart) && this.stays(e.valueEnd);
  }

  private entry(e: DirectiveEntry): DirectiveEntry {
    const keyStart = this.off(e.keyStart);
    const keyEnd = this.off(e.keyEnd);
    const valueStart = this.off(e.valueStart);
    const valueEnd = this.off(e.valueEnd);
    // The same fields in the same order as parsed (a bare key has no `value`).
    return 'value' in e
      ? { key: e.key, keyStart, keyEnd, value: e.value, valueStart, valueEnd }
      : { key: e.key, keyStart, keyEnd, valueStart, valueEnd };
  }

  private region(r: SqlRegion): SqlRegion {
    if (r.segments.every((s) => this.stays(s.docStart))) return r;
    const segments = new Array<Segment>(r.segments.length);
    for (let i = 0; i < segments.length; i++) {
      const s = r.segments[i];
      segments[i] = { regionStart: s.regionStart, docStart: this.off(s.docStart), length: s.length };
    }
    return { text: r.text, segments, inline: r.inline };
  }
}

/** A finding of the previous analysis, moved; its fixes come from a full analysis when asked for. */
class ShiftedFinding implements Finding {
  readonly rule: Finding['rule'];
  readonly severity: Finding['severity'];
  readonly message: string;
  readonly docsPath: string;
  readonly statement: number | undefined;
  #built?: FindingFix[];
  #source?: ShiftedAnalysis;
  #index: number;

  constructor(
    f: Finding,
    readonly start: number,
    readonly end: number,
    readonly range: Range,
    source: ShiftedAnalysis,
    index: number,
  ) {
    this.rule = f.rule;
    this.severity = f.severity;
    this.message = f.message;
    this.docsPath = f.docsPath;
    this.statement = f.statement;
    this.#source = source;
    this.#index = index;
  }

  get fixes(): FindingFix[] {
    if (this.#built === undefined) {
      this.#built = this.#source!.fixesOf(this.#index, this);
      this.#source = undefined;
    }
    return this.#built;
  }

  set fixes(value: FindingFix[]) {
    this.#built = value;
    this.#source = undefined;
  }
}
