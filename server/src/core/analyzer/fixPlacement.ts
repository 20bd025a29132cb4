// Fix placement: where a quick fix for a statement inserts its lines (above the statement,
// keeping the line's container prefix, or inline before the keyword), and which directive it
// may edit in place. Worked out only when a fix is built: most statements never get one.
import type { AnalyzedDirective, AnalyzedStatement } from '../analysisTypes';
import type { StatementLocator, StatementPlace } from '../fixes/statementEditor';
import type { LineIndex } from '../lineIndex';
import { regionLineBreaks, regionLineStart, toDocOffset, toRegionOffset } from '../regions';
import type { SqlRegion } from '../types';
import type { CollectedDocument } from './collectStatements';
import type { TargetEntry } from './scopeWalk';
import { blockCommentEnd, quotedEnd } from '../sql/ends';

export class StatementPlacer implements StatementLocator<TargetEntry | undefined> {
  private readonly statements: readonly AnalyzedStatement[];
  private readonly regions: readonly SqlRegion[];
  private readonly directives: readonly AnalyzedDirective[];
  private readonly prevEnds: readonly number[];
  private readonly attached: ReadonlyMap<number, AnalyzedDirective>;
  /** Per line: the last directive (in collection order) ending on it; built once, so fixes stay linear. */
  private directiveByEndLine?: Map<number, AnalyzedDirective>;
  /** Offsets of the `\n`s of each region's text, computed once per region. */
  private readonly regionBreaks = new Map<number, Int32Array>();

  constructor(
    private readonly text: string,
    private readonly eol: string,
    private readonly lines: LineIndex,
    doc: CollectedDocument,
  ) {
    // Only what placement reads is kept (findings keep this object until their fixes are built).
    this.statements = doc.statements;
    this.regions = doc.regions;
    this.directives = doc.directives;
    this.prevEnds = doc.prevEnds;
    this.attached = doc.attached;
  }

  /** Where a quick fix for statement `index` inserts text, and what it may edit. */
  placeOf(index: number, targetEntryInForce: TargetEntry | undefined): StatementPlace {
    const st = this.statements[index];
    const region = this.regions[st.region];
    const attached = this.attached.get(index) ?? this.directiveJustAbove(st);
    const targetEntry =
      targetEntryInForce && attached && targetEntryInForce.directive === attached ? targetEntryInForce.entry : undefined;
    const inline = (after: { afterAt: number; afterPrefix: string; afterStyle: 'sql' | 'shell' }) => ({
      insertAt: st.keyword.start,
      continuation: '',
      inline: true,
      eol: this.eol,
      attached,
      targetEntry,
      ...after,
    });
    if (region.inline) return inline(this.afterInline(st));
    const lineStart = this.lines.lineStart(this.lines.lineOf(st.keyword.start));
    // The line's first non-blank character after its container prefix: region text starts
    // there for this line, so find the region line start and map it back.
    const regionKw = toRegionOffset(region, st.keyword.start);
    let insertAt = toDocOffset(region, regionLineStart(this.breaksOf(st.region), regionKw));
    while (insertAt < st.keyword.start && /[ \t]/.test(this.text[insertAt])) insertAt++;
    // If the line starts inside an earlier statement (a multi-line string, say), a line above
    // would land in it: insert inline before the keyword instead.
    if (insertAt < lineStart || this.prevEnds[index] > insertAt) return inline(this.afterLines(st, this.text.slice(lineStart, insertAt)));
    const continuation = this.text.slice(lineStart, insertAt);
    return {
      insertAt,
      continuation,
      inline: false,
      eol: this.eol,
      attached,
      targetEntry,
      ...this.afterLines(st, continuation),
      restoreTargetText: this.restoreTargetText(st),
      head: st.collectionSpan ? this.text.slice(insertAt, st.collectionSpan.start) : undefined,
      collectionLiteral: st.collectionSpan ? this.text.slice(st.collectionSpan.start, st.collectionSpan.end) : undefined,
    };
  }

  /** Where a line after the statement goes: the start of the line after its last line, with the same prefix. */
  private afterLines(st: AnalyzedStatement, continuation: string): { afterAt: number; afterPrefix: string; afterStyle: 'sql' | 'shell' } {
    const last = this.lines.lineOf(Math.max(st.span.start, st.span.end - 1));
    if (last + 1 < this.lines.lineCount) return { afterAt: this.lines.lineStart(last + 1), afterPrefix: continuation, afterStyle: 'sql' };
    return { afterAt: this.text.length, afterPrefix: this.eol + continuation, afterStyle: 'sql' };
  }

  /**
   * SQL inside a shell string (`-e "…"`): a directive after the statement in the same string
   * would trail on its line and belong to it, so the line after the command (past `\`
   * continuations) gets a shell directive, `# crdb: …`.
   */
  private afterInline(st: AnalyzedStatement): { afterAt: number; afterPrefix: string; afterStyle: 'sql' | 'shell' } {
    let last = this.lines.lineOf(Math.max(st.span.start, st.span.end - 1));
    while (last + 1 < this.lines.lineCount && this.endsWithBackslash(last)) last++;
    const prefix = this.containerPrefix(this.lines.lineOf(st.keyword.start));
    if (last + 1 < this.lines.lineCount) return { afterAt: this.lines.lineStart(last + 1), afterPrefix: prefix, afterStyle: 'shell' };
    return { afterAt: this.text.length, afterPrefix: this.eol + prefix, afterStyle: 'shell' };
  }

  /** Whether a line ends with `\\` (and blanks): a shell command continues. Reads from the end, not the whole line. */
  private endsWithBackslash(line: number): boolean {
    const start = this.lines.lineStart(line);
    let i = this.lines.lineEnd(line) - 1;
    while (i >= start && (this.text[i] === ' ' || this.text[i] === '\t')) i--;
    return i >= start && this.text[i] === '\\';
  }

  /** A line's list indentation and `> ` markers (read from its start, only as far as they go). */
  private containerPrefix(line: number): string {
    const start = this.lines.lineStart(line);
    const end = this.lines.lineEnd(line);
    let i = start;
    while (i < end && (this.text[i] === ' ' || this.text[i] === '\t' || this.text[i] === '>')) i++;
    return this.text.slice(start, i);
  }

  /** What a RESTORE restores, as written between RESTORE and FROM (`DATABASE bank`, `TABLE t`, empty for a full cluster), on one line. */
  private restoreTargetText(st: AnalyzedStatement): string | undefined {
    if (st.kind !== 'restore') return undefined;
    // Comments are the user's notes on this statement, not part of what the hops restore (and
    // words typed in a comment must not change a fix): blanked before reading.
    const rest = blankComments(this.text.slice(st.keyword.end, st.span.end));
    const from = /\bFROM\b/i.exec(rest);
    if (!from) return undefined;
    // Lines of a multi-line statement carry their container prefix (`> `, list indentation, `->` prompts).
    return rest
      .slice(0, from.index)
      .replace(/(\r\n|\r|\n)(?:[ \t]*>)*[ \t]*(?:->)?/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  }

  /** A SQL/shell directive ending on the line just above the statement's first line. */
  private directiveJustAbove(st: AnalyzedStatement): AnalyzedDirective | undefined {
    if (!this.directiveByEndLine) {
      this.directiveByEndLine = new Map();
      for (const d of this.directives) {
        if (d.origin !== 'front-matter') this.directiveByEndLine.set(this.lines.lineOf(d.end), d);
      }
    }
    const line = this.lines.lineOf(st.keyword.start);
    const d = this.directiveByEndLine.get(line - 1);
    // Ending on the line above, it starts before the statement's keyword.
    return d !== undefined && d.start < st.keyword.start ? d : undefined;
  }

  private breaksOf(regionIndex: number): Int32Array {
    let breaks = this.regionBreaks.get(regionIndex);
    if (!breaks) this.regionBreaks.set(regionIndex, (breaks = regionLineBreaks(this.regions[regionIndex].text)));
    return breaks;
  }
}

/**
 * `t` with its SQL comments (`-- …` to the line end, `/* … *\/` nesting as CockroachDB does)
 * turned into spaces, line breaks kept; quoted strings and identifiers are left as they are.
 */
function blankComments(t: string): string {
  let out = '';
  let i = 0;
  while (i < t.length) {
    const c = t.charCodeAt(i);
    let end = i + 1;
    let comment = false;
    if (c === 39 || c === 34) end = quotedEnd(t, i, c, t.length);
    else if (c === 45 && t.charCodeAt(i + 1) === 45) {
      const nl = t.slice(i).search(/[\r\n]/);
      end = nl < 0 ? t.length : i + nl;
      comment = true;
    } else if (c === 47 && t.charCodeAt(i + 1) === 42) {
      const e = blockCommentEnd(t, i, t.length);
      end = e < 0 ? t.length : e;
      comment = true;
    }
    const part = t.slice(i, end);
    out += comment ? part.replace(/[^\r\n]/g, ' ') : part;
    i = end;
  }
  return out;
}
