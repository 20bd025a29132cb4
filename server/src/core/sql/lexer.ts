// The statement splitter: one pass over the text that follows CockroachDB's lexical rules
// (pkg/sql/scanner/scan.go), reports every comment, cuts statements at top-level `;`, and
// records tokens only for statements that start with RESTORE, BACKUP, CREATE or SHOW, which are
// then parsed in detail (statements.ts). The rest of any other statement is skipped without
// tokens (skip()): a comparison per character, `indexOf` to jump through quoted text.
//
// Prompt mode (docs/behaviour.md#prompts-and-transcripts): once a line outside any string or comment starts with a primary
// prompt, prompt lines start statements, `->` continuation prompts are stripped, and
// unprompted lines after a finished statement are command output, skipped unlexed. In that
// mode no token runs past the line break before the next prompt line (`lim`), so a stray
// quote in output cannot swallow the statements that follow.

import { ClusterSettingStatement, Span, SqlComment, SqlStatement } from '../types';
import { CLASS, Cls, IDENT_MIDDLE, NUMBER_MIDDLE, SKIP_SPECIAL, wordIs } from './chars';
import {
  bitStringEnd,
  blockCommentEnd,
  dollarQuoteEnd,
  dollarTagEnd,
  escapeStringEnd,
  isBitPrefix,
  isEscapePrefix,
  placeholderEnd,
  quotedEnd,
  wordEnd,
} from './ends';
import { literalValue } from './literals';
import { continuationPromptEnd, isUserChar, primaryPromptEnd } from './prompts';
import { NONE, ParsedFields, StatementParser } from './statements';
import { Tok, TokenBuffer } from './tokens';

// Scanning is synchronous and never re-entered, so every scan shares one token buffer and one
// parser: a runbook has hundreds of small SQL blocks, and fresh typed arrays for each were a
// measurable share of the garbage per keystroke. `count` is reset before each statement records.
const SHARED_TOKENS = new TokenBuffer();
const SHARED_PARSER = new StatementParser(SHARED_TOKENS);

// Flags of the pending statement.
const F_RECORD = 1; // record tokens for the detailed parse
const F_CREATE = 2; // CREATE seen; the next token decides whether it is CREATE SCHEDULE
const F_ATOMIC = 4; // track `BEGIN ATOMIC … END` function bodies, inside which `;` does not end the statement
const F_SETTING = 8; // SET/RESET seen: record tokens until it is known whether it is a version-related cluster setting
const F_SHOW = 16; // SHOW seen; the next token decides whether it is SHOW BACKUP[S]

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 12;
}

/**
 * A parsed statement, built in one go with the fields it has (an object that gains properties
 * later needs a second allocation for them). The key order is the historical one.
 */
function parsedStatement(start: number, end: number, keyword: Span, terminated: boolean, f: ParsedFields): SqlStatement {
  const { kind, collections, oldSyntax, options, restoreTarget, locator } = f;
  if (locator === undefined) {
    if (restoreTarget === undefined) return { kind, start, end, keyword, collections, oldSyntax, options, terminated };
    return { kind, start, end, keyword, collections, oldSyntax, options, terminated, restoreTarget };
  }
  if (restoreTarget === undefined) return { kind, start, end, keyword, collections, oldSyntax, options, terminated, locator };
  return { kind, start, end, keyword, collections, oldSyntax, options, terminated, restoreTarget, locator };
}

/** `text.indexOf(ch, from)`, with the text length for none. */
function indexOrEnd(text: string, ch: string, from: number): number {
  const p = text.indexOf(ch, from);
  return p < 0 ? text.length : p;
}

function isIdentMiddle(c: number): boolean {
  return c >= 128 || (c === c && IDENT_MIDDLE[c] === 1);
}

export class SqlScanner {
  readonly statements: SqlStatement[] = [];
  readonly comments: SqlComment[] = [];
  readonly settings: ClusterSettingStatement[] = [];
  /** The pending statement is a version-related cluster setting: what it sets (spans filled in by finish()). */
  private setting: Omit<ClusterSettingStatement, 'start' | 'end' | 'keyword'> | undefined;

  private readonly t: string;
  private readonly n: number;
  /** Tokens end at `lim` at the latest: the text length, or in prompt mode the break before the next prompt line. */
  private lim: number;
  private promptMode = false;
  // Next `\n` / `\r` at or after the last lineEnd() query (-1: not searched yet).
  private nextLf = -1;
  private nextCr = -1;
  // The same for nextPromptBreak(), searched from `breakFrom`.
  private breakLf = -1;
  private breakCr = -1;
  private breakFrom = 0;

  // The pending statement (stmtStart < 0: none).
  private stmtStart = -1;
  private keywordEnd = 0;
  private lastEnd = 0;
  private flags = 0;
  private atomicDepth = 0;
  private prevBegin = false;
  private readonly tokens = SHARED_TOKENS;
  private readonly parser = SHARED_PARSER;
  // skipFast() does not track lastEnd: where it started and lastEnd then, for finish() to work
  // lastEnd out when the statement ends unterminated (-1: lastEnd is up to date).
  private skipFrom = -1;
  private skipLastEnd = 0;
  // Next `;`, `'`, `"`, `$`, `-`, `/`, `@` at or after the last nextStop() query (n: none).
  private nextSemi = -1;
  private nextQuote = -1;
  private nextDQuote = -1;
  private nextDollar = -1;
  private nextDash = -1;
  private nextSlash = -1;
  private nextAt = -1;

  constructor(text: string) {
    this.t = text;
    this.n = text.length;
    this.lim = text.length;
    this.parser.reset(text);
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
        // A statement that is not parsed: no tokens needed.
        i = this.promptMode ? this.skip(i) : this.skipFast(i);
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
          else this.finish(i + 1, i + 1);
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
    this.finish(-1, this.n);
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
    else if (length === 4 && wordIs(t, s, e, 'show')) this.flags = F_RECORD | F_SHOW;
    else if ((length === 3 && wordIs(t, s, e, 'set')) || (length === 5 && wordIs(t, s, e, 'reset'))) this.flags = F_SETTING;
    if (this.flags !== 0) {
      this.tokens.count = 0;
      this.tokens.push(kind, s, e);
    }
  }

  /** Token bookkeeping beyond the first token, only for statements that need it. */
  private more(kind: number, s: number, e: number): void {
    const t = this.t;
    if (this.flags & F_RECORD) this.tokens.push(kind, s, e);
    else if (this.flags & F_SETTING) {
      this.tokens.push(kind, s, e);
      this.settingToken(kind, s, e);
      return;
    }
    if (this.flags & F_CREATE) {
      // Only CREATE SCHEDULE is parsed. CREATE [OR REPLACE] FUNCTION / PROCEDURE may hold a
      // BEGIN ATOMIC body; any other CREATE is skipped like any other statement.
      this.flags &= ~F_CREATE;
      if (kind !== Tok.Ident) this.flags = 0;
      else if (wordIs(t, s, e, 'function') || wordIs(t, s, e, 'procedure') || wordIs(t, s, e, 'or')) this.flags = F_ATOMIC;
      else if (!wordIs(t, s, e, 'schedule')) this.flags = 0;
    }
    if (this.flags & F_SHOW) {
      // Only SHOW BACKUP and SHOW BACKUPS name a collection; SHOW JOBS and the rest are skipped.
      this.flags &= ~F_SHOW;
      if (kind !== Tok.Ident || !(wordIs(t, s, e, 'backup') || wordIs(t, s, e, 'backups'))) this.flags = 0;
    }
    if (this.flags & F_ATOMIC) {
      const isWord = kind === Tok.Ident;
      if (isWord && this.prevBegin && wordIs(t, s, e, 'atomic')) this.atomicDepth++;
      else if (isWord && this.atomicDepth > 0 && wordIs(t, s, e, 'end')) this.atomicDepth--;
      this.prevBegin = isWord && wordIs(t, s, e, 'begin');
    }
  }

  /**
   * One more token of a SET/RESET statement (already pushed). Tokens: 0 SET|RESET, 1 CLUSTER,
   * 2 SETTING, then `version` or `cluster . preserve_downgrade_option`, then for SET `=`|TO and
   * the value. The statement stops recording (flags 0, the rest skipped) as soon as it is
   * known not to be one of these, or when its value is read.
   */
  private settingToken(kind: number, s: number, e: number): void {
    const t = this.t;
    const k = this.tokens.count - 1;
    const tokens = this.tokens;
    const isSet = tokens.end[0] - tokens.start[0] === 3;
    // Where the name ends: after `version` (index 3) or `cluster.preserve_downgrade_option` (3–5).
    const nameEnd = tokens.count > 3 && wordIs(t, tokens.start[3], tokens.end[3], 'version') ? 4 : 6;
    let ok: boolean;
    if (k === 1) ok = kind === Tok.Ident && wordIs(t, s, e, 'cluster');
    else if (k === 2) ok = kind === Tok.Ident && wordIs(t, s, e, 'setting');
    else if (k === 3) ok = kind === Tok.Ident && (wordIs(t, s, e, 'version') || wordIs(t, s, e, 'cluster'));
    else if (k === 4 && nameEnd === 6) ok = kind === Tok.Punct && t.charCodeAt(s) === 46;
    else if (k === 5 && nameEnd === 6) ok = kind === Tok.Ident && wordIs(t, s, e, 'preserve_downgrade_option');
    else if (k === nameEnd) ok = isSet && ((kind === Tok.Punct && t.charCodeAt(s) === 61) || (kind === Tok.Ident && wordIs(t, s, e, 'to')));
    else {
      // The value of a SET (k === nameEnd + 1).
      const setting = nameEnd === 4 ? 'version' : 'preserve_downgrade_option';
      if (kind === Tok.Ident && wordIs(t, s, e, 'default')) this.setting = { setting, reset: true };
      else if (kind === Tok.String || kind === Tok.Dollar) this.setting = { setting, reset: false, value: literalValue(t, s, e), valueSpan: { start: s, end: e } };
      else this.setting = { setting, reset: false, valueSpan: { start: s, end: e } };
      this.flags = 0;
      return;
    }
    if (!ok) {
      this.flags = 0;
      return;
    }
    if (k === nameEnd - 1 && !isSet) {
      // RESET CLUSTER SETTING <name>: only the hold can be reset (the version cannot).
      if (nameEnd === 6) this.setting = { setting: 'preserve_downgrade_option', reset: true };
      this.flags = 0;
    }
  }

  /**
   * Ends the pending statement: at `semiEnd` (just after its `;`), or unterminated when -1, in
   * which case its text stops at `cut` (the end of the text or the start of a prompt line).
   */
  private finish(semiEnd: number, cut: number): void {
    const start = this.stmtStart;
    if (start < 0) return;
    const terminated = semiEnd >= 0;
    if (!terminated && this.skipFrom >= 0) this.lastEnd = this.skippedLastEnd(this.skipFrom, cut, this.skipLastEnd);
    this.skipFrom = -1;
    const end = terminated ? semiEnd : this.lastEnd;
    const keyword = { start, end: this.keywordEnd };
    const stmt: SqlStatement =
      this.flags & F_RECORD
        ? parsedStatement(start, end, keyword, terminated, this.parser.parse())
        : { kind: 'other', start, end, keyword, collections: NONE, oldSyntax: false, options: NONE, terminated };
    this.statements.push(stmt);
    if (this.setting !== undefined) {
      this.settings.push({ start, end, keyword, ...this.setting });
      this.setting = undefined;
    }
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
    const j = wordEnd(this.t, i, this.n);
    this.tok(Tok.Ident, i, j);
    return j;
  }

  /** `c` (a letter) is followed by a quote: e'…', E'…', b'…' escape strings, B'…'/x'…' bit and hex strings. */
  private prefixedString(i: number, c: number): number {
    if (isEscapePrefix(c)) {
      const end = escapeStringEnd(this.t, i, this.lim);
      this.tok(Tok.String, i, end);
      return end;
    }
    if (isBitPrefix(c)) {
      const end = bitStringEnd(this.t, i, this.lim);
      this.tok(Tok.BitString, i, end);
      return end;
    }
    return this.word(i); // r'…' and the like: an identifier, then a string
  }

  /** A '…' string or "…" identifier at `i`; a doubled quote is part of it. */
  private quoted(i: number, quote: number, kind: number): number {
    const end = quotedEnd(this.t, i, quote, this.lim);
    this.tok(kind, i, end);
    return end;
  }

  /** `$1` placeholder, `$tag$…$tag$` dollar quote, or a lone `$`. */
  private dollar(i: number): number {
    const t = this.t;
    const d = t.charCodeAt(i + 1);
    if (d >= 48 && d <= 57) {
      const j = placeholderEnd(t, i, this.n);
      this.tok(Tok.Placeholder, i, j);
      return j;
    }
    const bodyStart = dollarTagEnd(t, i, this.n);
    if (bodyStart < 0) return this.punct(i);
    const end = dollarQuoteEnd(t, i, bodyStart, this.lim);
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
          this.finish(i + 1, i + 1);
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
   * skip() outside prompt mode, jumping from one character that matters to the next with the
   * native indexOf (several times faster than a loop over every character). Line breaks need
   * no stop there: mid-statement, only a `user@host>` prompt can start a line that matters, and
   * such a line has a `@`. lastEnd is not tracked (finish() works it out when it is needed).
   */
  private skipFast(from: number): number {
    const t = this.t;
    const n = this.n;
    this.skipFrom = from;
    this.skipLastEnd = this.lastEnd;
    let run = from; // where the current stretch of top-level text started (see skip())
    let i = from;
    for (;;) {
      const p = this.nextStop(i);
      if (p >= n) return n; // open at the end of the text: end() reports it
      const c = t.charCodeAt(p);
      if (c === 59) {
        this.finish(p + 1, p + 1);
        return p + 1;
      }
      if (c === 39) {
        i = this.isStringPrefix(run, p) ? this.prefixedString(p - 1, t.charCodeAt(p - 1)) : this.quoted(p, 39, Tok.String);
      } else if (c === 34) {
        i = this.quoted(p, 34, Tok.QIdent);
      } else if (c === 36) {
        if (this.inIdentifier(run, p)) {
          i = wordEnd(t, p, n); // `$` inside a word (a$b$)
          continue;
        }
        i = this.dollar(p);
      } else if (c === 47) {
        if (t.charCodeAt(p + 1) !== 42) {
          i = p + 1; // division
          continue;
        }
        i = this.blockComment(p);
      } else {
        // `-` or `@`: both may belong to the user name of a prompt line (`a--b@host:26257>`),
        // which a line start would have recognised before lexing the line.
        const prompt = this.promptLineAt(run, p);
        if (prompt >= 0) return prompt;
        if (c === 64 || t.charCodeAt(p + 1) !== 45) {
          i = p + 1; // `@` operator, minus
          continue;
        }
        i = this.lineComment(p);
      }
      run = i;
    }
  }

  /** Offset of the first `;`, `'`, `"`, `$`, `-`, `/` or `@` at or after `i`, else the text length. */
  private nextStop(i: number): number {
    const t = this.t;
    if (this.nextSemi < i) this.nextSemi = indexOrEnd(t, ';', i);
    if (this.nextQuote < i) this.nextQuote = indexOrEnd(t, "'", i);
    if (this.nextDQuote < i) this.nextDQuote = indexOrEnd(t, '"', i);
    if (this.nextDollar < i) this.nextDollar = indexOrEnd(t, '$', i);
    if (this.nextDash < i) this.nextDash = indexOrEnd(t, '-', i);
    if (this.nextSlash < i) this.nextSlash = indexOrEnd(t, '/', i);
    if (this.nextAt < i) this.nextAt = indexOrEnd(t, '@', i);
    let p = this.nextSemi;
    if (this.nextQuote < p) p = this.nextQuote;
    if (this.nextDQuote < p) p = this.nextDQuote;
    if (this.nextDollar < p) p = this.nextDollar;
    if (this.nextDash < p) p = this.nextDash;
    if (this.nextSlash < p) p = this.nextSlash;
    if (this.nextAt < p) p = this.nextAt;
    return p;
  }

  /**
   * For skipFast(): if `p` lies in the leading word of a line that starts in the top-level text
   * since `run`, and that line is a primary prompt, ends the statement there and enters prompt
   * mode as lineStart() would have, returning where lexing resumes; else -1.
   */
  private promptLineAt(run: number, p: number): number {
    const t = this.t;
    let k = p;
    while (k > run && isUserChar(t.charCodeAt(k - 1))) k--;
    let m = k;
    while (m > run && (t.charCodeAt(m - 1) === 32 || t.charCodeAt(m - 1) === 9)) m--;
    // The line break must be top-level text of this statement: at or after `run`.
    if (m - 1 < run) return -1;
    const lineBreak = t.charCodeAt(m - 1);
    if (lineBreak !== 10 && lineBreak !== 13) return -1;
    const promptEnd = primaryPromptEnd(t, k);
    if (promptEnd < 0) return -1;
    this.promptMode = true;
    this.lim = this.nextPromptBreak(m);
    this.finish(-1, m);
    return promptEnd;
  }

  /**
   * lastEnd of a statement that skipFast() skipped from `from` until it was cut, unterminated,
   * at `cut`, given `last` at `from`: what skip() tracks as it goes, worked out only for the
   * rare statement that needs it. Follows skip()'s loop (outside prompt mode, where the text
   * limit is its length) without its side effects.
   */
  private skippedLastEnd(from: number, cut: number, last: number): number {
    const t = this.t;
    const n = this.n;
    const special = SKIP_SPECIAL;
    let run = from;
    let i = from;
    while (i < cut) {
      const c = t.charCodeAt(i);
      if (c > 59 || special[c] === 0) {
        i++;
        continue;
      }
      if (c === 45 || c === 47) {
        if (t.charCodeAt(i + 1) !== (c === 45 ? 45 : 42)) {
          i++;
          continue;
        }
      } else if (c === 36 && this.inIdentifier(run, i)) {
        i = wordEnd(t, i, n);
        continue;
      }
      last = this.runEnd(run, i, last);
      if (c === 10 || c === 13) {
        i = c === 13 && t.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
        while (i < n && (t.charCodeAt(i) === 32 || t.charCodeAt(i) === 9)) i++;
      } else if (c === 39) {
        if (!this.isStringPrefix(run, i)) i = quotedEnd(t, i, 39, n);
        else if (isEscapePrefix(t.charCodeAt(i - 1))) i = escapeStringEnd(t, i - 1, n);
        else i = bitStringEnd(t, i - 1, n);
        last = i;
      } else if (c === 34) {
        i = last = quotedEnd(t, i, 34, n);
      } else if (c === 36) {
        const d = t.charCodeAt(i + 1);
        const bodyStart = d >= 48 && d <= 57 ? -1 : dollarTagEnd(t, i, n);
        if (d >= 48 && d <= 57) i = placeholderEnd(t, i, n);
        else if (bodyStart < 0) i++;
        else i = dollarQuoteEnd(t, i, bodyStart, n);
        last = i;
      } else if (c === 45) {
        const lf = indexOrEnd(t, '\n', i + 2);
        const cr = indexOrEnd(t, '\r', i + 2);
        i = lf < cr ? lf : cr; // a line comment is not a token
      } else if (c === 47) {
        const close = blockCommentEnd(t, i, n);
        i = close < 0 ? n : close;
      } else {
        return last; // `;`: skipFast() ends the statement there, so never reached
      }
      run = i;
    }
    return this.runEnd(run, i, last);
  }

  /**
   * A run of plain characters `[run, e)` ended: its last non-blank character ends the
   * statement's last token so far (a `\` before the line break is a continuation, not a token).
   */
  private endRun(run: number, e: number): void {
    this.lastEnd = this.runEnd(run, e, this.lastEnd);
  }

  /** The statement's last token end after the plain run `[run, e)`: see endRun(); `last` when the run is blank. */
  private runEnd(run: number, e: number, last: number): number {
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
    return k > run ? k : last;
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

  /** `/* … *\/` at `i` (nesting; see blockCommentEnd). Unclosed, it runs to `lim`. */
  private blockComment(i: number): number {
    const close = blockCommentEnd(this.t, i, this.lim);
    const end = close < 0 ? this.lim : close;
    const bodyEnd = close < 0 ? this.lim : close - 2;
    this.comments.push({ kind: 'block', start: i, end, body: this.t.slice(i + 2, bodyEnd), bodyStart: i + 2 });
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
      // Most lines start with a keyword, a comment or a bracket: a prompt starts with `>` or a
      // user name, and this check is cheaper than a call.
      const c = t.charCodeAt(j);
      if (c !== 62 && !isUserChar(c)) return j;
      const p = primaryPromptEnd(t, j);
      // Mid-statement, a line starting with `> ` is more likely the `>` operator than a prompt.
      if (p < 0 || (t.charCodeAt(j) === 62 && this.stmtStart >= 0)) return j;
      this.promptMode = true;
      this.lim = this.nextPromptBreak(i);
      this.finish(-1, i);
      return p;
    }
    if (i > this.lim) this.lim = this.nextPromptBreak(i);
    const p = primaryPromptEnd(t, j);
    if (p >= 0) {
      this.finish(-1, i); // a prompt line starts a new statement
      return p;
    }
    const c = continuationPromptEnd(t, j);
    if (c >= 0) return c;
    if (this.stmtStart >= 0) return j; // continuation of the prompted statement
    // Output, unless the line starts with a comment (directives between prompted statements).
    const d = t.charCodeAt(j);
    if ((d === 45 && t.charCodeAt(j + 1) === 45) || (d === 47 && t.charCodeAt(j + 1) === 42)) return j;
    return this.lineEnd(j);
  }

  /** Offset of the line break before the first prompt line after the line containing `from`, else the text length. */
  private nextPromptBreak(from: number): number {
    const t = this.t;
    const n = this.n;
    let k = from;
    for (;;) {
      // The calls move forward through the text, so the next `\n` / `\r` found stay valid
      // (their own pair: lineEnd()'s serves the comments, which lag behind).
      if (this.breakLf < k || this.breakFrom > k) this.breakLf = indexOrEnd(t, '\n', k);
      if (this.breakCr < k || this.breakFrom > k) this.breakCr = indexOrEnd(t, '\r', k);
      this.breakFrom = k;
      const lineBreak = this.breakLf < this.breakCr ? this.breakLf : this.breakCr;
      if (lineBreak >= n) return n;
      k = this.breakCr === lineBreak && t.charCodeAt(lineBreak + 1) === 10 ? lineBreak + 2 : lineBreak + 1;
      let j = k;
      while (j < n && (t.charCodeAt(j) === 32 || t.charCodeAt(j) === 9)) j++;
      if (primaryPromptEnd(t, j) >= 0) return lineBreak;
    }
  }
}
