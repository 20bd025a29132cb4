// The statement splitter: one pass over the text that follows CockroachDB's lexical rules
// (pkg/sql/scanner/scan.go), reports every comment, cuts statements at top-level `;`, and
// records tokens only for statements that start with RESTORE, BACKUP or CREATE, which are
// then parsed in detail (statements.ts). The rest of any other statement is skipped without
// tokens (skip()): a comparison per character, `indexOf` to jump through quoted text.
//
// Prompt mode (SPEC §11.8): once a line outside any string or comment starts with a primary
// prompt, prompt lines start statements, `->` continuation prompts are stripped, and
// unprompted lines after a finished statement are command output, skipped unlexed. In that
// mode no token runs past the line break before the next prompt line (`lim`), so a stray
// quote in output cannot swallow the statements that follow.

import { SqlComment, SqlStatement } from '../types';
import { CLASS, Cls, IDENT_MIDDLE, NUMBER_MIDDLE, SKIP_SPECIAL, isIdentStart, isTagChar, wordIs } from './chars';
import { continuationPromptEnd, primaryPromptEnd } from './prompts';
import { StatementParser } from './statements';
import { Tok, TokenBuffer } from './tokens';

const SHARED_TOKENS = new TokenBuffer();

/**
 * Every empty `collections` / `options` list: one shared, frozen array instead of two
 * allocations per statement (a quarter of the scan time on statement-dense text). Frozen so
 * that a consumer mutating it fails loudly instead of corrupting every statement.
 */
const NONE: never[] = Object.freeze([]) as unknown as never[];

// Flags of the pending statement.
const F_RECORD = 1; // record tokens for the detailed parse
const F_CREATE = 2; // CREATE seen; the next token decides whether it is CREATE SCHEDULE
const F_ATOMIC = 4; // track `BEGIN ATOMIC … END` function bodies, inside which `;` does not end the statement

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 12;
}

function isIdentMiddle(c: number): boolean {
  return c >= 128 || (c === c && IDENT_MIDDLE[c] === 1);
}

export class SqlScanner {
  readonly statements: SqlStatement[] = [];
  readonly comments: SqlComment[] = [];

  private readonly t: string;
  private readonly n: number;
  /** Tokens end at `lim` at the latest: the text length, or in prompt mode the break before the next prompt line. */
  private lim: number;
  private promptMode = false;
  // Next `\n` / `\r` at or after the last lineEnd() query (-1: not searched yet).
  private nextLf = -1;
  private nextCr = -1;

  // The pending statement (stmtStart < 0: none).
  private stmtStart = -1;
  private keywordEnd = 0;
  private lastEnd = 0;
  private flags = 0;
  private atomicDepth = 0;
  private prevBegin = false;
  // Scanning is synchronous and never re-entered, so every scan shares one token buffer: a
  // runbook has hundreds of small SQL blocks, and fresh typed arrays for each were a measurable
  // share of the garbage per keystroke. `count` is reset before each statement records.
  private readonly tokens = SHARED_TOKENS;
  private parser: StatementParser | undefined;

  constructor(text: string) {
    this.t = text;
    this.n = text.length;
    this.lim = text.length;
  }

  run(): void {
    const t = this.t;
    const n = this.n;
    const cls = CLASS; // module bindings are property loads in CommonJS: keep them in locals
    const numberMiddle = NUMBER_MIDDLE;
    const identMiddle = IDENT_MIDDLE;
    let i = this.lineStart(0);
    while (i < n) {
      if (this.stmtStart >= 0 && this.flags === 0) {
        i = this.skip(i); // a statement that is not parsed: no tokens needed
        continue;
      }
      const c = t.charCodeAt(i);
      if (c === 32) {
        i++; // the most frequent character, before any lookup
        continue;
      }
      if (c >= 128) {
        if (c === 0xfeff && i === 0) {
          i++; // byte order mark (elsewhere U+FEFF is an identifier character, as for CockroachDB)
          continue;
        }
        i = this.word(i);
        continue;
      }
      switch (cls[c]) {
        case Cls.Space:
          i++;
          break;
        case Cls.Newline:
          i = this.lineStart(c === 13 && t.charCodeAt(i + 1) === 10 ? i + 2 : i + 1);
          break;
        case Cls.Ident: {
          // Inlined word(): identifiers are most of the text.
          let j = i + 1;
          while (j < n) {
            const d = t.charCodeAt(j);
            if (d < 128 && identMiddle[d] === 0) break;
            j++;
          }
          if (j === i + 1 && t.charCodeAt(j) === 39) {
            i = this.prefixedString(i, c); // e'…', b'…', x'…' …
            break;
          }
          if (this.stmtStart < 0 || this.flags !== 0) this.tok(Tok.Ident, i, j);
          else this.lastEnd = j;
          i = j;
          break;
        }
        case Cls.Digit: {
          let j = i + 1;
          while (j < n) {
            const d = t.charCodeAt(j);
            if (d < 128 && numberMiddle[d] === 0) break;
            j++;
          }
          this.tok(Tok.Number, i, j);
          i = j;
          break;
        }
        case Cls.Quote:
          i = this.quoted(i, 39, Tok.String);
          break;
        case Cls.DQuote:
          i = this.quoted(i, 34, Tok.QIdent);
          break;
        case Cls.Dollar:
          i = this.dollar(i);
          break;
        case Cls.Minus:
          if (t.charCodeAt(i + 1) === 45) i = this.lineComment(i);
          else i = this.punct(i);
          break;
        case Cls.Slash:
          if (t.charCodeAt(i + 1) === 42) i = this.blockComment(i);
          else i = this.punct(i);
          break;
        case Cls.Semi:
          if (this.atomicDepth > 0) this.tok(Tok.Punct, i, i + 1);
          else this.finish(i + 1);
          i++;
          break;
        case Cls.Backslash:
          i = this.backslash(i);
          break;
        default:
          if (this.stmtStart < 0 || this.flags !== 0) this.tok(Tok.Punct, i, i + 1);
          else this.lastEnd = i + 1;
          i++;
      }
    }
  }

  /**
   * Ends the text: reports the statement left open. Not part of run(): code after run()'s loop
   * that had never executed made V8 throw away the loop's optimized code on every scan.
   */
  end(): void {
    this.finish(-1);
  }

  // ---- tokens -------------------------------------------------------------------------------

  private tok(kind: number, s: number, e: number): void {
    if (this.stmtStart < 0) this.begin(kind, s, e);
    else if (this.flags !== 0) this.more(kind, s, e);
    this.lastEnd = e;
  }

  private begin(kind: number, s: number, e: number): void {
    this.stmtStart = s;
    this.keywordEnd = e;
    this.flags = 0;
    if (kind !== Tok.Ident) return;
    const t = this.t;
    const length = e - s;
    if (length === 7 && wordIs(t, s, e, 'restore')) this.flags = F_RECORD;
    else if (length === 6 && wordIs(t, s, e, 'backup')) this.flags = F_RECORD;
    else if (length === 6 && wordIs(t, s, e, 'create')) this.flags = F_RECORD | F_CREATE;
    if (this.flags !== 0) {
      this.tokens.count = 0;
      this.tokens.push(kind, s, e);
    }
  }

  /** Token bookkeeping beyond the first token, only for statements that need it. */
  private more(kind: number, s: number, e: number): void {
    const t = this.t;
    if (this.flags & F_RECORD) this.tokens.push(kind, s, e);
    if (this.flags & F_CREATE) {
      // Only CREATE SCHEDULE is parsed. CREATE [OR REPLACE] FUNCTION / PROCEDURE may hold a
      // BEGIN ATOMIC body; any other CREATE is skipped like any other statement.
      this.flags &= ~F_CREATE;
      if (kind !== Tok.Ident) this.flags = 0;
      else if (wordIs(t, s, e, 'function') || wordIs(t, s, e, 'procedure') || wordIs(t, s, e, 'or')) this.flags = F_ATOMIC;
      else if (!wordIs(t, s, e, 'schedule')) this.flags = 0;
    }
    if (this.flags & F_ATOMIC) {
      const isWord = kind === Tok.Ident;
      if (isWord && this.prevBegin && wordIs(t, s, e, 'atomic')) this.atomicDepth++;
      else if (isWord && this.atomicDepth > 0 && wordIs(t, s, e, 'end')) this.atomicDepth--;
      this.prevBegin = isWord && wordIs(t, s, e, 'begin');
    }
  }

  /** Ends the pending statement: at `semiEnd` (just after its `;`), or unterminated when -1. */
  private finish(semiEnd: number): void {
    const start = this.stmtStart;
    if (start < 0) return;
    const terminated = semiEnd >= 0;
    const stmt: SqlStatement = {
      kind: 'other',
      start,
      end: terminated ? semiEnd : this.lastEnd,
      keyword: { start, end: this.keywordEnd },
      collections: NONE,
      oldSyntax: false,
      options: NONE,
      terminated,
    };
    if (this.flags & F_RECORD) (this.parser ??= new StatementParser(this.t, this.tokens)).parse(stmt);
    this.statements.push(stmt);
    this.stmtStart = -1;
    this.flags = 0;
    this.atomicDepth = 0;
    this.prevBegin = false;
  }

  private punct(i: number): number {
    this.tok(Tok.Punct, i, i + 1);
    return i + 1;
  }

  /** An unquoted identifier or keyword starting at `i`. */
  private word(i: number): number {
    const t = this.t;
    const n = this.n;
    const identMiddle = IDENT_MIDDLE;
    let j = i + 1;
    while (j < n) {
      const d = t.charCodeAt(j);
      if (d < 128 && identMiddle[d] === 0) break;
      j++;
    }
    this.tok(Tok.Ident, i, j);
    return j;
  }

  /** `c` (a letter) is followed by a quote: e'…', E'…', b'…' escape strings, B'…'/x'…' bit and hex strings. */
  private prefixedString(i: number, c: number): number {
    if (c === 101 || c === 69 || c === 98) return this.escapeString(i);
    if (c === 66 || c === 120 || c === 88) {
      // Bit and hex strings end at the next quote: no '' escape.
      const q = this.t.indexOf("'", i + 2);
      const end = q < 0 || q >= this.lim ? this.lim : q + 1;
      this.tok(Tok.BitString, i, end);
      return end;
    }
    return this.word(i); // r'…' and the like: an identifier, then a string
  }

  /** A '…' string or "…" identifier at `i`; a doubled quote is part of it. */
  private quoted(i: number, quote: number, kind: number): number {
    const t = this.t;
    const lim = this.lim;
    const q = quote === 39 ? "'" : '"';
    let j = i + 1;
    let end = lim;
    for (;;) {
      const p = t.indexOf(q, j);
      if (p < 0 || p >= lim) break;
      if (t.charCodeAt(p + 1) === quote && p + 1 < lim) {
        j = p + 2;
        continue;
      }
      end = p + 1;
      break;
    }
    this.tok(kind, i, end);
    return end;
  }

  /** e'…' / b'…' at `i`: a backslash escapes the next character, so `\'` does not end it. */
  private escapeString(i: number): number {
    const t = this.t;
    const lim = this.lim;
    let j = i + 2;
    let end = lim;
    while (j < lim) {
      const d = t.charCodeAt(j);
      if (d === 92) {
        j += 2;
      } else if (d === 39) {
        if (j + 1 < lim && t.charCodeAt(j + 1) === 39) {
          j += 2;
          continue;
        }
        end = j + 1;
        break;
      } else {
        j++;
      }
    }
    this.tok(Tok.String, i, end);
    return end;
  }

  /** `$1` placeholder, `$tag$…$tag$` dollar quote, or a lone `$`. */
  private dollar(i: number): number {
    const t = this.t;
    const n = this.n;
    const d = t.charCodeAt(i + 1);
    if (d >= 48 && d <= 57) {
      let j = i + 2;
      while (j < n) {
        const c = t.charCodeAt(j);
        if (c < 48 || c > 57) break;
        j++;
      }
      this.tok(Tok.Placeholder, i, j);
      return j;
    }
    let j = i + 1;
    if (isIdentStart(d)) {
      j++;
      while (j < n && isTagChar(t.charCodeAt(j))) j++;
    }
    if (t.charCodeAt(j) !== 36) return this.punct(i);
    const tag = t.slice(i, j + 1);
    const lim = this.lim;
    let end = lim;
    // Search `$` by `$` rather than indexOf(tag): the search must stop at `lim`, and in
    // prompt mode an unbounded search for many distinct tags would be quadratic.
    let k = j + 1;
    for (;;) {
      const p = t.indexOf('$', k);
      if (p < 0 || p >= lim) break;
      if (t.startsWith(tag, p) && p + tag.length <= lim) {
        end = p + tag.length;
        break;
      }
      k = p + 1;
    }
    this.tok(Tok.Dollar, i, end);
    return end;
  }

  // ---- statements that are not parsed -------------------------------------------------------

  /**
   * Skips the rest of a statement that is not parsed. Words, numbers, operators and blanks
   * cost one table lookup per character; only quotes, `$`, comment starts, `;` and line breaks
   * stop the loop. Returns where lexing resumes: after the `;`, at the start of a prompt line
   * that ended the statement, or at the end of the text.
   */
  private skip(i: number): number {
    const t = this.t;
    const n = this.n;
    const special = SKIP_SPECIAL;
    const identMiddle = IDENT_MIDDLE;
    let run = i; // start of the current run of plain characters
    while (i < n) {
      const c = t.charCodeAt(i);
      // Every special character is <= ';' (59), so letters cost a single comparison.
      if (c > 59 || special[c] === 0) {
        i++;
        continue;
      }
      if (c === 45 || c === 47) {
        // Only `--` and `/*` matter; a lone `-` or `/` is an operator.
        if (t.charCodeAt(i + 1) !== (c === 45 ? 45 : 42)) {
          i++;
          continue;
        }
      } else if (c === 36 && this.inIdentifier(run, i)) {
        // `$` inside a word (a$b$): skip to the end of the word.
        i++;
        while (i < n) {
          const d = t.charCodeAt(i);
          if (d < 128 && identMiddle[d] === 0) break;
          i++;
        }
        continue;
      }
      this.endRun(run, i);
      switch (c) {
        case 59:
          this.finish(i + 1);
          return i + 1;
        case 10:
        case 13:
          i = this.lineStart(c === 13 && t.charCodeAt(i + 1) === 10 ? i + 2 : i + 1);
          if (this.stmtStart < 0) return i; // a prompt line ended the statement
          break;
        case 39:
          i = this.isStringPrefix(run, i) ? this.prefixedString(i - 1, t.charCodeAt(i - 1)) : this.quoted(i, 39, Tok.String);
          break;
        case 34:
          i = this.quoted(i, 34, Tok.QIdent);
          break;
        case 36:
          i = this.dollar(i);
          break;
        case 45:
          i = this.lineComment(i);
          break;
        default:
          i = this.blockComment(i);
      }
      run = i;
    }
    this.endRun(run, i);
    return i;
  }

  /**
   * A run of plain characters `[run, e)` ended: its last non-blank character ends the
   * statement's last token so far (a `\` before the line break is a continuation, not a token).
   */
  private endRun(run: number, e: number): void {
    const t = this.t;
    let k = e;
    while (k > run && isBlank(t.charCodeAt(k - 1))) k--;
    if (k > run && t.charCodeAt(k - 1) === 92) {
      const after = t.charCodeAt(e);
      if (e >= this.n || after === 10 || after === 13) {
        k--;
        while (k > run && isBlank(t.charCodeAt(k - 1))) k--;
      }
    }
    if (k > run) this.lastEnd = k;
  }

  /** Whether the `$` at `i` continues an identifier (`a$b`) rather than starting `$1` or a dollar quote (`1$$…`). */
  private inIdentifier(run: number, i: number): boolean {
    const t = this.t;
    let k = i;
    while (k > run && isIdentMiddle(t.charCodeAt(k - 1))) k--;
    if (k === i) return false;
    const first = t.charCodeAt(k);
    return first < 48 || first > 57; // a word starting with a digit is a number, which `$` ends
  }

  /** Whether the quote at `i` follows a one-letter string prefix (e'…', b'…', B'…', x'…'). */
  private isStringPrefix(run: number, i: number): boolean {
    if (i - 1 < run) return false;
    const t = this.t;
    const p = t.charCodeAt(i - 1);
    if (p !== 101 && p !== 69 && p !== 98 && p !== 66 && p !== 120 && p !== 88) return false;
    return i - 1 === run || !isIdentMiddle(t.charCodeAt(i - 2));
  }

  // ---- comments -----------------------------------------------------------------------------

  private lineComment(i: number): number {
    const j = this.lineEnd(i + 2);
    this.comments.push({ kind: 'line', start: i, end: j, body: this.t.slice(i + 2, j), bodyStart: i + 2 });
    return j;
  }

  /**
   * Offset of the first `\n` or `\r` at or after `from`, else the text length. Uses the native
   * `indexOf` and remembers the next `\n` and `\r` found, so a text without `\r` is searched
   * for one once, not once per comment.
   */
  private lineEnd(from: number): number {
    if (this.nextLf < from) {
      const p = this.t.indexOf('\n', from);
      this.nextLf = p < 0 ? this.n : p;
    }
    if (this.nextCr < from) {
      const p = this.t.indexOf('\r', from);
      this.nextCr = p < 0 ? this.n : p;
    }
    return this.nextLf < this.nextCr ? this.nextLf : this.nextCr;
  }

  /** `/* … *\/`, nesting like CockroachDB's scanner: each `/*` inside needs its own `*\/`. */
  private blockComment(i: number): number {
    const t = this.t;
    const lim = this.lim;
    let j = i + 2;
    let depth = 1;
    let end = lim;
    let bodyEnd = lim;
    while (j < lim) {
      const d = t.charCodeAt(j);
      if (d === 42 && t.charCodeAt(j + 1) === 47) {
        j += 2;
        if (--depth === 0) {
          end = j;
          bodyEnd = j - 2;
          break;
        }
      } else if (d === 47 && t.charCodeAt(j + 1) === 42) {
        j += 2;
        depth++;
      } else {
        j++;
      }
    }
    this.comments.push({ kind: 'block', start: i, end, body: t.slice(i + 2, bodyEnd), bodyStart: i + 2 });
    return end;
  }

  // ---- lines and prompts --------------------------------------------------------------------

  /** `\` at the end of a line (a shell continuation copied from the docs) is whitespace. */
  private backslash(i: number): number {
    const t = this.t;
    let j = i + 1;
    let d = t.charCodeAt(j);
    while (d === 32 || d === 9) d = t.charCodeAt(++j);
    if (d === 10 || d === 13 || j >= this.n) return j;
    return this.punct(i);
  }

  /** Called at the start of each line outside strings and comments; returns where lexing resumes. */
  private lineStart(i: number): number {
    const t = this.t;
    const n = this.n;
    let j = i;
    while (j < n) {
      const d = t.charCodeAt(j);
      if (d !== 32 && d !== 9) break;
      j++;
    }
    if (j >= n) return j;
    if (!this.promptMode) {
      const p = primaryPromptEnd(t, j);
      // Mid-statement, a line starting with `> ` is more likely the `>` operator than a prompt.
      if (p < 0 || (t.charCodeAt(j) === 62 && this.stmtStart >= 0)) return j;
      this.promptMode = true;
      this.lim = this.nextPromptBreak(i);
      this.finish(-1);
      return p;
    }
    if (i > this.lim) this.lim = this.nextPromptBreak(i);
    const p = primaryPromptEnd(t, j);
    if (p >= 0) {
      this.finish(-1); // a prompt line starts a new statement
      return p;
    }
    const c = continuationPromptEnd(t, j);
    if (c >= 0) return c;
    if (this.stmtStart >= 0) return j; // continuation of the prompted statement
    // Output, unless the line starts with a comment (directives between prompted statements).
    const d = t.charCodeAt(j);
    if ((d === 45 && t.charCodeAt(j + 1) === 45) || (d === 47 && t.charCodeAt(j + 1) === 42)) return j;
    while (j < n) {
      const e = t.charCodeAt(j);
      if (e === 10 || e === 13) break;
      j++;
    }
    return j;
  }

  /** Offset of the line break before the first prompt line after the line containing `from`, else the text length. */
  private nextPromptBreak(from: number): number {
    const t = this.t;
    const n = this.n;
    let k = from;
    for (;;) {
      let d = 0;
      while (k < n) {
        d = t.charCodeAt(k);
        if (d === 10 || d === 13) break;
        k++;
      }
      if (k >= n) return n;
      const lineBreak = k;
      k = d === 13 && t.charCodeAt(k + 1) === 10 ? k + 2 : k + 1;
      let j = k;
      while (j < n && (t.charCodeAt(j) === 32 || t.charCodeAt(j) === 9)) j++;
      if (primaryPromptEnd(t, j) >= 0) return lineBreak;
    }
  }
}
