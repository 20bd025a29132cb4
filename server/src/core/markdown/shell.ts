// Shell fences: SQL passed to `cockroach sql` (`-e`, `--execute`, heredocs) and `#` comment lines.
//
// A small word splitter with POSIX quoting, not a shell: enough to find the SQL argument
// text and map every character of it back to the document.
import type { DirectiveComment, SqlRegion } from '../types';
import type { LineTable } from './fences';
import { RegionBuilder } from './regionBuilder';
import { Finder } from './docLines';

/** A finder over no text (an idle scanner keeps no document alive). */
const NO_TEXT = new Finder('', '"');

const TAB = 9;
const NL = 10;
const SP = 32;
const DQ = 34;
const HASH = 35;
const DOLLAR = 36;
const SQ = 39;
const DASH = 45;
const LT = 60;
const GT = 62;
const BSL = 92;
const BQ = 96;

/** A heredoc opened on the current line; its body follows the line. */
interface Heredoc {
  delim: string;
  stripTabs: boolean;
  /** Whether its command is `cockroach sql` (known once the command ends). */
  isSql: boolean;
}

/**
 * Scan one shell fence. Its content lines are joined with `\n` into one string (`joined`);
 * offsets in it map back to the document through the line table.
 */
export function scanShellFence(
  doc: string,
  table: LineTable,
  regions: SqlRegion[],
  comments: DirectiveComment[],
): void {
  if (table.count === 0) return;
  const scanner = idleScanner ?? new ShellScanner();
  idleScanner = undefined;
  try {
    scanner.scan(doc, table, regions, comments);
  } finally {
    scanner.release();
    idleScanner = scanner;
  }
}

/** The scanner of the last shell fence, kept so the next one reuses its arrays (taken while in use). */
let idleScanner: ShellScanner | undefined;

/** No table yet (a scanner between fences). */
const NO_LINES: LineTable = { starts: [], lens: [], first: 0, count: 0 };

class ShellScanner {
  private doc = '';
  private table = NO_LINES;
  private regions: SqlRegion[] = [];
  private comments: DirectiveComment[] = [];
  private joined = '';
  /** Joined-text offset where each content line starts (`table.count` entries used). */
  private readonly jStarts: number[] = [];
  private pos = 0;
  /**
   * Value runs of the current command's words: flattened (joinedOffset, length) pairs;
   * `runCount` entries are used (the array is kept between commands and fences, never shrunk).
   */
  private readonly runs: number[] = [];
  private runCount = 0;
  /** Words of the current command: flattened (first run index, end run index) pairs into `runs`; `wordCount` entries used. */
  private readonly words: number[] = [];
  private wordCount = 0;
  /** Once a quote has no closing partner, no later quote of that kind has one either. */
  private sqUnclosedFrom = Infinity;
  private dqUnclosedFrom = Infinity;
  /** Next `"` and next `\\` in `joined`, remembered between searches (set by join). */
  private dqFind = NO_TEXT;
  private bsFind = NO_TEXT;
  /** Transcript style: only `$ ` lines are commands, the rest is output. */
  private prompted = false;

  /** Scan the fence whose content lines `table` lists. */
  scan(doc: string, table: LineTable, regions: SqlRegion[], comments: DirectiveComment[]): void {
    this.doc = doc;
    this.table = table;
    this.regions = regions;
    this.comments = comments;
    this.pos = 0;
    this.runCount = 0;
    this.wordCount = 0;
    this.sqUnclosedFrom = Infinity;
    this.dqUnclosedFrom = Infinity;
    this.join();
    this.run();
  }

  /** Drop the references to the document and the results. */
  release(): void {
    this.doc = '';
    this.joined = '';
    this.dqFind = this.bsFind = NO_TEXT;
    this.table = NO_LINES;
    this.regions = [];
    this.comments = [];
  }

  /** Set `joined`, `jStarts` and `prompted` for the fence's lines. */
  private join(): void {
    const { doc, jStarts } = this;
    const { starts, lens, first, count } = this.table;
    const last = first + count - 1;
    let j = 0;
    let prompted = false;
    // Lines separated by bare `\n` with nothing stripped (a top-level fence) are already joined.
    let contiguous = true;
    for (let i = first; i <= last; i++) {
      jStarts[i - first] = j;
      j += lens[i] + 1;
      if (!prompted && isPromptLine(doc, starts[i], starts[i] + lens[i])) prompted = true;
      if (i > first && (starts[i] !== starts[i - 1] + lens[i - 1] + 1 || doc.charCodeAt(starts[i] - 1) !== NL)) contiguous = false;
    }
    if (contiguous) {
      this.joined = doc.slice(starts[first], starts[last] + lens[last]);
    } else {
      const parts: string[] = new Array(count);
      for (let i = 0; i < count; i++) parts[i] = doc.slice(starts[first + i], starts[first + i] + lens[first + i]);
      this.joined = parts.join('\n');
    }
    this.prompted = prompted;
    this.dqFind = new Finder(this.joined, '"');
    this.bsFind = new Finder(this.joined, '\\');
  }

  private run(): void {
    const s = this.joined;
    const n = s.length;
    while (this.pos < n) {
      let p = this.skipBlanks(this.pos);
      let c = s.charCodeAt(p);
      if (c === DOLLAR && isBlankOrEnd(s, p + 1)) {
        p = this.skipBlanks(p + 1);
        c = s.charCodeAt(p);
      } else if (this.prompted && c !== HASH) {
        this.pos = this.lineEnd(p) + 1; // output of the previous command
        continue;
      }
      if (c === HASH) {
        const e = this.lineEnd(p);
        this.comment(p, e);
        this.pos = e + 1;
        continue;
      }
      this.pos = p;
      this.commandLine();
    }
  }

  /** Commands up to the unquoted end of line, then the bodies of heredocs opened on it. */
  private commandLine(): void {
    const s = this.joined;
    const n = s.length;
    let heredocs: Heredoc[] | undefined;
    let cmdHeredocs = 0; // heredocs opened before the current command
    for (;;) {
      this.pos = this.skipBlanks(this.pos);
      const c = this.pos < n ? s.charCodeAt(this.pos) : NL;
      if (c === NL || c === 0x3b /* ; */ || c === 0x26 /* & */ || c === 0x7c /* | */ || c === 0x28 /* ( */ || c === 0x29 /* ) */) {
        if (this.endCommand() && heredocs !== undefined) {
          for (let i = cmdHeredocs; i < heredocs.length; i++) heredocs[i].isSql = true;
        }
        cmdHeredocs = heredocs?.length ?? 0;
        this.pos++;
        if (c !== NL) continue;
        if (heredocs !== undefined) for (const h of heredocs) this.heredocBody(h);
        return;
      }
      if (c === HASH) {
        this.pos = this.lineEnd(this.pos); // trailing comment
        continue;
      }
      if (c === LT && s.charCodeAt(this.pos + 1) === LT) {
        if (s.charCodeAt(this.pos + 2) === LT) {
          this.pos += 3; // here-string: the word after it is an ordinary word
          continue;
        }
        this.pos += 2;
        const stripTabs = s.charCodeAt(this.pos) === DASH;
        if (stripTabs) this.pos++;
        this.pos = this.skipBlanks(this.pos);
        const wordsBefore = this.wordCount;
        const runsBefore = this.runCount;
        this.readWord();
        const delim = this.wordValue(wordsBefore >> 1);
        this.wordCount = wordsBefore; // the delimiter is no argument
        this.runCount = runsBefore;
        if (delim.length > 0) (heredocs ??= []).push({ delim, stripTabs, isSql: false });
        continue;
      }
      if (c === LT || c === GT) {
        this.pos++;
        continue;
      }
      const before = this.pos;
      this.readWord();
      if (this.pos === before) this.pos++; // defensive: never stall on a character readWord did not take
    }
  }

  /**
   * End of a command: when it is `cockroach sql` (or `cockroach-sql`), emit its `-e`/`--execute`
   * values in order. Returns whether it was one.
   */
  private endCommand(): boolean {
    const nw = this.wordCount >> 1;
    let k = -1;
    for (let i = 0; i < nw && k < 0; i++) {
      if (this.wordIs(i, 'cockroach') || this.wordEndsWith(i, '/cockroach') || this.wordIs(i, 'cockroach.exe')) {
        let j = i + 1;
        while (j < nw && this.wordStartsWithDash(j)) j++;
        if (j < nw && this.wordIs(j, 'sql')) k = j + 1;
      } else if (this.wordIs(i, 'cockroach-sql') || this.wordEndsWith(i, '/cockroach-sql')) {
        k = i + 1;
      }
    }
    const isSql = k >= 0;
    if (isSql) {
      for (; k < nw; k++) {
        if (this.wordIs(k, '-e') || this.wordIs(k, '--execute')) {
          if (k + 1 < nw) this.emitWord(++k, 0);
        } else if (this.wordStartsWith(k, '--execute=')) {
          this.emitWord(k, '--execute='.length);
        }
      }
    }
    this.wordCount = 0;
    this.runCount = 0;
    return isSql;
  }

  /** Region of word `w`'s value from value offset `skip` on. */
  private emitWord(w: number, skip: number): void {
    const b = new RegionBuilder(this.doc);
    const runs = this.runs;
    for (let r = this.words[2 * w], e = this.words[2 * w + 1]; r < e; r += 2) {
      let at = runs[r];
      let len = runs[r + 1];
      if (skip >= len) {
        skip -= len;
        continue;
      }
      at += skip;
      len -= skip;
      skip = 0;
      this.copyJoined(b, at, len);
    }
    const region = b.build(true);
    if (region !== undefined) this.regions.push(region);
  }

  /** Word `w`'s value (quotes and escapes removed). */
  private wordValue(w: number): string {
    const s = this.joined;
    const runs = this.runs;
    const r0 = this.words[2 * w];
    const r1 = this.words[2 * w + 1];
    if (r1 - r0 === 2) return s.substr(runs[r0], runs[r0 + 1]);
    let v = '';
    for (let r = r0; r < r1; r += 2) v += s.substr(runs[r], runs[r + 1]);
    return v;
  }

  // Comparisons that never build the word's value.
  private wordIs(w: number, lit: string): boolean {
    return this.wordLength(w) === lit.length && this.wordHas(w, 0, lit);
  }

  private wordEndsWith(w: number, lit: string): boolean {
    const len = this.wordLength(w);
    return len >= lit.length && this.wordHas(w, len - lit.length, lit);
  }

  private wordStartsWith(w: number, lit: string): boolean {
    return this.wordLength(w) >= lit.length && this.wordHas(w, 0, lit);
  }

  /** Length of word `w`'s value. */
  private wordLength(w: number): number {
    const r1 = this.words[2 * w + 1];
    let len = 0;
    for (let r = this.words[2 * w]; r < r1; r += 2) len += this.runs[r + 1];
    return len;
  }

  /** Whether word `w`'s value holds `lit` at value offset `at` (the value is long enough). */
  private wordHas(w: number, at: number, lit: string): boolean {
    const s = this.joined;
    const runs = this.runs;
    const r1 = this.words[2 * w + 1];
    let r = this.words[2 * w];
    if (r1 - r === 2) return s.startsWith(lit, runs[r] + at); // the usual single-run word
    let k = 0; // characters of lit matched
    for (; r < r1 && k < lit.length; r += 2) {
      const len = runs[r + 1];
      if (at >= len) {
        at -= len;
        continue;
      }
      for (let p = runs[r] + at, end = runs[r] + len; p < end && k < lit.length; p++, k++) {
        if (s.charCodeAt(p) !== lit.charCodeAt(k)) return false;
      }
      at = 0;
    }
    return k === lit.length;
  }

  private wordStartsWithDash(w: number): boolean {
    const r0 = this.words[2 * w];
    return this.words[2 * w + 1] > r0 && this.joined.charCodeAt(this.runs[r0]) === DASH;
  }

  /** Heredoc body from `this.pos` up to its terminator line; SQL when its command is `cockroach sql`. */
  private heredocBody(h: Heredoc): void {
    const s = this.joined;
    const n = s.length;
    const b = h.isSql ? new RegionBuilder(this.doc) : undefined;
    let prevEnd = -1;
    while (this.pos < n) {
      const ls = this.pos;
      const le = this.lineEnd(ls);
      let cs = ls;
      if (h.stripTabs) while (cs < le && s.charCodeAt(cs) === TAB) cs++;
      this.pos = le + 1;
      if (le - cs === h.delim.length && s.startsWith(h.delim, cs)) break;
      if (b !== undefined) {
        const docStart = this.toDoc(cs);
        if (prevEnd >= 0) b.newline(prevEnd, docStart);
        b.copy(docStart, le - cs);
        prevEnd = docStart + (le - cs);
      }
    }
    const region = b?.build(false);
    if (region !== undefined) this.regions.push(region);
  }

  /**
   * Read one word at `this.pos` into `runs`/`words`: unquoted text with `\` escapes, '…' and
   * "…" parts, joined. `\`-newline is removed. Stops at blanks, newline and shell operators.
   */
  private readWord(): void {
    const s = this.joined;
    const n = s.length;
    const first = this.runCount;
    let p = this.pos;
    while (p < n) {
      const c = s.charCodeAt(p);
      if (c === SP || c === TAB || c === NL || isOperator(c)) break;
      if (c === BSL) {
        if (p + 1 >= n) {
          this.addRun(first, p, 1);
          p++;
        } else if (s.charCodeAt(p + 1) === NL) {
          p = this.afterContinuation(p + 2);
          if (p < n && isBlank(s.charCodeAt(p))) break;
        } else {
          this.addRun(first, p + 1, 1);
          p += 2;
        }
      } else if (c === SQ) {
        let close = p >= this.sqUnclosedFrom ? -1 : s.indexOf("'", p + 1);
        if (close < 0) {
          this.sqUnclosedFrom = Math.min(this.sqUnclosedFrom, p);
          close = this.lineEnd(p); // unclosed: take the rest of the line, never the rest of the block
        }
        this.addRun(first, p + 1, close - p - 1);
        p = close < n && s.charCodeAt(close) === SQ ? close + 1 : close;
      } else if (c === DQ) {
        p = this.doubleQuoted(p, first);
      } else {
        // A run of plain characters at once.
        let q = p + 1;
        while (q < n && isPlain(s.charCodeAt(q))) q++;
        this.addRun(first, p, q - p);
        p = q;
      }
    }
    this.pos = p;
    const w = this.wordCount;
    this.words[w] = first;
    this.words[w + 1] = this.runCount;
    this.wordCount = w + 2;
  }

  /**
   * A "…" part starting at `open`. `\"`, `\\`, `\$`, `` \` `` keep only the escaped
   * character, `\`-newline disappears, any other backslash stays. Returns the offset after it.
   */
  private doubleQuoted(open: number, first: number): number {
    const s = this.joined;
    let bounded = open >= this.dqUnclosedFrom;
    let limit = bounded ? this.lineEnd(open) : s.length;
    for (;;) {
      let runStart = open + 1;
      let q = runStart;
      // Runs cut by escapes, kept aside until the string is known to close.
      let pending: number[] | undefined;
      // The next `"` and `\` at or after q (-1: none left), found with indexOf rather than
      // char by char: quoted SQL is long and has few escapes. The finders keep the last answer
      // for the whole fence: a search that runs to the end of the fence (no backslash left,
      // say) is not repeated for every later string, which made many strings quadratic.
      let dq: number;
      let bs: number;
      while (q < limit) {
        dq = this.dqFind.next(q);
        bs = this.bsFind.next(q);
        const stop = dq < 0 || dq > limit ? limit : dq;
        if (bs < 0 || bs >= stop) {
          q = stop;
          break;
        }
        if (bs + 1 >= limit) {
          q = bs + 1; // a backslash just before the limit is an ordinary character
          continue;
        }
        const e = s.charCodeAt(bs + 1);
        if (e === DQ || e === BSL || e === DOLLAR || e === BQ || e === NL) {
          (pending ??= []).push(runStart, bs - runStart);
          runStart = e === NL ? bs + 2 : bs + 1;
        }
        q = bs + 2;
      }
      if (q < limit || bounded) {
        if (pending !== undefined) for (let i = 0; i < pending.length; i += 2) this.addRun(first, pending[i], pending[i + 1]);
        const end = Math.min(q, limit);
        this.addRun(first, runStart, end - runStart);
        return end < s.length && s.charCodeAt(end) === DQ ? end + 1 : end;
      }
      // No closing quote anywhere: treat the rest of this line as the string.
      this.dqUnclosedFrom = Math.min(this.dqUnclosedFrom, open);
      bounded = true;
      limit = this.lineEnd(open);
    }
  }

  /** Append a value run (joined offset, length) to the word whose runs start at `first`, extending its last run when contiguous. */
  private addRun(first: number, at: number, len: number): void {
    if (len <= 0) return;
    const runs = this.runs;
    const k = this.runCount;
    if (k > first && runs[k - 2] + runs[k - 1] === at) {
      runs[k - 1] += len;
    } else {
      runs[k] = at;
      runs[k + 1] = len;
      this.runCount = k + 2;
    }
  }

  /** After `\`-newline: in a transcript, skip the `> ` continuation prompt. */
  private afterContinuation(p: number): number {
    const s = this.joined;
    if (this.prompted && s.charCodeAt(p) === GT && isBlankOrEnd(s, p + 1)) return p + 1;
    return p;
  }

  private comment(hash: number, end: number): void {
    const start = this.toDoc(hash);
    this.comments.push({
      body: this.joined.slice(hash + 1, end),
      bodyStart: start + 1,
      start,
      end: start + (end - hash),
    });
  }

  /** Copy joined text `[at, at + len)` into a region, line by line. */
  private copyJoined(b: RegionBuilder, at: number, len: number): void {
    const { starts, lens, first, count } = this.table;
    let i = this.lineOf(at);
    while (len > 0 && i < count) {
      const col = at - this.jStarts[i];
      const d = first + i; // line i in the table's arrays
      const take = Math.min(len, lens[d] - col);
      if (take > 0) {
        b.copy(starts[d] + col, take);
        at += take;
        len -= take;
      }
      if (len > 0) {
        // `at` is the joining newline after line i.
        if (i + 1 < count) b.newline(starts[d] + lens[d], starts[d + 1]);
        at++;
        len--;
        i++;
      }
    }
  }

  /** Document offset of a joined-text offset that lies within a line (or at its end). */
  private toDoc(at: number): number {
    const i = this.lineOf(at);
    return this.table.starts[this.table.first + i] + (at - this.jStarts[i]);
  }

  /** Index of the line holding joined offset `at` (binary search). */
  private lineOf(at: number): number {
    const js = this.jStarts;
    let lo = 0;
    let hi = this.table.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (js[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private lineEnd(p: number): number {
    const e = this.joined.indexOf('\n', p);
    return e < 0 ? this.joined.length : e;
  }

  /** Skip blanks and `\`-newline continuations between words. */
  private skipBlanks(p: number): number {
    const s = this.joined;
    const n = s.length;
    while (p < n) {
      const c = s.charCodeAt(p);
      if (c === SP || c === TAB) p++;
      else if (c === BSL && s.charCodeAt(p + 1) === NL) p = this.afterContinuation(p + 2);
      else break;
    }
    return p;
  }
}

/** Per ASCII code: 1 for the characters that end a plain run (blanks, newline, quotes, backslash, operators). */
const ENDS_PLAIN = new Uint8Array(128);
for (const c of [SP, TAB, NL, SQ, DQ, BSL, 0x3b, 0x26, 0x7c, 0x28, 0x29, LT, GT]) ENDS_PLAIN[c] = 1;

/** Characters that neither end a word nor start quoting/escaping. */
function isPlain(c: number): boolean {
  return c >= 128 || ENDS_PLAIN[c] === 0;
}

function isBlank(c: number): boolean {
  return c === SP || c === TAB;
}

function isBlankOrEnd(s: string, p: number): boolean {
  return p >= s.length || s.charCodeAt(p) === SP || s.charCodeAt(p) === TAB || s.charCodeAt(p) === NL;
}

function isOperator(c: number): boolean {
  return c === 0x3b || c === 0x26 || c === 0x7c || c === 0x28 || c === 0x29 || c === LT || c === GT;
}

/** Document line `[start, end)` is `$ cmd` or a bare `$` after optional indentation. */
function isPromptLine(doc: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && isBlank(doc.charCodeAt(i))) i++;
  return i < end && doc.charCodeAt(i) === DOLLAR && (i + 1 === end || isBlank(doc.charCodeAt(i + 1)));
}
