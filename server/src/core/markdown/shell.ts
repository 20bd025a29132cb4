// Shell fences: SQL passed to `cockroach sql` (`-e`, `--execute`, heredocs) and `#` comment lines.
//
// A small word splitter with POSIX quoting, not a shell: enough to find the SQL argument
// text and map every character of it back to the document.
import type { DirectiveComment, SqlRegion } from '../types';
import type { LineTable } from './fences';
import { RegionBuilder } from './regionBuilder';

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

/** A shell word: its value (quotes and escapes removed) and where each value run sits in the joined text. */
interface Word {
  value: string;
  /** Flattened (joinedOffset, length) pairs, one per run of value characters. */
  runs: number[];
}

interface Heredoc {
  delim: string;
  stripTabs: boolean;
  cmd: Command;
}

interface Command {
  words: Word[];
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
  if (table.starts.length === 0) return;
  new ShellScanner(doc, table, regions, comments).run();
}

class ShellScanner {
  private readonly joined: string;
  /** Joined-text offset where each content line starts. */
  private readonly jStarts: number[];
  private pos = 0;
  /** Once a quote has no closing partner, no later quote of that kind has one either. */
  private sqUnclosedFrom = Infinity;
  private dqUnclosedFrom = Infinity;
  /** Transcript style: only `$ ` lines are commands, the rest is output. */
  private readonly prompted: boolean;

  constructor(
    private readonly doc: string,
    private readonly table: LineTable,
    private readonly regions: SqlRegion[],
    private readonly comments: DirectiveComment[],
  ) {
    const { starts, lens } = table;
    const parts: string[] = new Array(starts.length);
    const jStarts: number[] = new Array(starts.length);
    let j = 0;
    let prompted = false;
    for (let i = 0; i < starts.length; i++) {
      parts[i] = doc.slice(starts[i], starts[i] + lens[i]);
      jStarts[i] = j;
      j += lens[i] + 1;
      if (!prompted && isPromptLine(parts[i])) prompted = true;
    }
    this.joined = parts.join('\n');
    this.jStarts = jStarts;
    this.prompted = prompted;
  }

  run(): void {
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
    const heredocs: Heredoc[] = [];
    let cmd: Command = { words: [], isSql: false };
    for (;;) {
      this.pos = this.skipBlanks(this.pos);
      if (this.pos >= n) {
        this.endCommand(cmd);
        return;
      }
      const c = s.charCodeAt(this.pos);
      if (c === NL) {
        this.endCommand(cmd);
        this.pos++;
        for (const h of heredocs) this.heredocBody(h);
        return;
      }
      if (c === 0x3b /* ; */ || c === 0x26 /* & */ || c === 0x7c /* | */ || c === 0x28 /* ( */ || c === 0x29 /* ) */) {
        this.endCommand(cmd);
        cmd = { words: [], isSql: false };
        this.pos++;
        continue;
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
        const w = this.readWord();
        if (w.value.length > 0) heredocs.push({ delim: w.value, stripTabs, cmd });
        continue;
      }
      if (c === LT || c === GT) {
        this.pos++;
        continue;
      }
      const before = this.pos;
      const w = this.readWord();
      if (this.pos === before) {
        this.pos++; // defensive: never stall on a character readWord did not take
        continue;
      }
      cmd.words.push(w);
    }
  }

  /** A `cockroach sql` (or `cockroach-sql`) command: emit its `-e`/`--execute` values in order. */
  private endCommand(cmd: Command): void {
    const words = cmd.words;
    let k = -1;
    for (let i = 0; i < words.length && k < 0; i++) {
      const v = words[i].value;
      const base = v.slice(v.lastIndexOf('/') + 1);
      if (base === 'cockroach' || base === 'cockroach.exe') {
        let j = i + 1;
        while (j < words.length && words[j].value.charCodeAt(0) === DASH) j++;
        if (j < words.length && words[j].value === 'sql') k = j + 1;
      } else if (base === 'cockroach-sql') {
        k = i + 1;
      }
    }
    if (k < 0) return;
    cmd.isSql = true;
    for (; k < words.length; k++) {
      const v = words[k].value;
      if (v === '-e' || v === '--execute') {
        if (k + 1 < words.length) this.emitWord(words[++k], 0);
      } else if (v.startsWith('--execute=')) {
        this.emitWord(words[k], '--execute='.length);
      }
    }
  }

  /** Region of a word's value from value offset `skip` on. */
  private emitWord(w: Word, skip: number): void {
    const b = new RegionBuilder(this.doc);
    const runs = w.runs;
    for (let r = 0; r < runs.length; r += 2) {
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

  /** Heredoc body from `this.pos` up to its terminator line; SQL when its command is `cockroach sql`. */
  private heredocBody(h: Heredoc): void {
    const s = this.joined;
    const n = s.length;
    const b = h.cmd.isSql ? new RegionBuilder(this.doc) : undefined;
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
   * Read one word at `this.pos`: unquoted text with `\` escapes, '…' and "…" parts, joined.
   * `\`-newline is removed. Stops at blanks, newline and shell operators.
   */
  private readWord(): Word {
    const s = this.joined;
    const n = s.length;
    const runs: number[] = [];
    const add = (at: number, len: number): void => {
      if (len <= 0) return;
      const k = runs.length;
      if (k > 0 && runs[k - 2] + runs[k - 1] === at) runs[k - 1] += len;
      else runs.push(at, len);
    };
    let p = this.pos;
    while (p < n) {
      const c = s.charCodeAt(p);
      if (c === SP || c === TAB || c === NL || isOperator(c)) break;
      if (c === BSL) {
        if (p + 1 >= n) {
          add(p, 1);
          p++;
        } else if (s.charCodeAt(p + 1) === NL) {
          p = this.afterContinuation(p + 2);
          if (p < n && isBlank(s.charCodeAt(p))) break;
        } else {
          add(p + 1, 1);
          p += 2;
        }
      } else if (c === SQ) {
        let close = p >= this.sqUnclosedFrom ? -1 : s.indexOf("'", p + 1);
        if (close < 0) {
          this.sqUnclosedFrom = Math.min(this.sqUnclosedFrom, p);
          close = this.lineEnd(p); // unclosed: take the rest of the line, never the rest of the block
        }
        add(p + 1, close - p - 1);
        p = close < n && s.charCodeAt(close) === SQ ? close + 1 : close;
      } else if (c === DQ) {
        p = this.doubleQuoted(p, add);
      } else {
        add(p, 1);
        p++;
      }
    }
    this.pos = p;
    const parts: string[] = [];
    for (let r = 0; r < runs.length; r += 2) parts.push(s.substr(runs[r], runs[r + 1]));
    return { value: parts.length === 1 ? parts[0] : parts.join(''), runs };
  }

  /**
   * A "…" part starting at `open`. `\"`, `\\`, `\$`, `` \` `` keep only the escaped
   * character, `\`-newline disappears, any other backslash stays. Returns the offset after it.
   */
  private doubleQuoted(open: number, add: (at: number, len: number) => void): number {
    const s = this.joined;
    let bounded = open >= this.dqUnclosedFrom;
    let limit = bounded ? this.lineEnd(open) : s.length;
    for (;;) {
      let runStart = open + 1;
      let q = runStart;
      const pending: number[] = [];
      while (q < limit) {
        const c = s.charCodeAt(q);
        if (c === DQ) break;
        if (c === BSL && q + 1 < limit) {
          const e = s.charCodeAt(q + 1);
          if (e === DQ || e === BSL || e === DOLLAR || e === BQ || e === NL) {
            pending.push(runStart, q - runStart);
            runStart = e === NL ? q + 2 : q + 1;
          }
          q += 2;
          continue;
        }
        q++;
      }
      if (q < limit || bounded) {
        for (let i = 0; i < pending.length; i += 2) add(pending[i], pending[i + 1]);
        const end = Math.min(q, limit);
        add(runStart, end - runStart);
        return end < s.length && s.charCodeAt(end) === DQ ? end + 1 : end;
      }
      // No closing quote anywhere: treat the rest of this line as the string.
      this.dqUnclosedFrom = Math.min(this.dqUnclosedFrom, open);
      bounded = true;
      limit = this.lineEnd(open);
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
    const { starts, lens } = this.table;
    let i = this.lineOf(at);
    while (len > 0 && i < starts.length) {
      const col = at - this.jStarts[i];
      const take = Math.min(len, lens[i] - col);
      if (take > 0) {
        b.copy(starts[i] + col, take);
        at += take;
        len -= take;
      }
      if (len > 0) {
        // `at` is the joining newline after line i.
        if (i + 1 < starts.length) b.newline(starts[i] + lens[i], starts[i + 1]);
        at++;
        len--;
        i++;
      }
    }
  }

  /** Document offset of a joined-text offset that lies within a line (or at its end). */
  private toDoc(at: number): number {
    const i = this.lineOf(at);
    return this.table.starts[i] + (at - this.jStarts[i]);
  }

  /** Index of the line holding joined offset `at` (binary search). */
  private lineOf(at: number): number {
    const js = this.jStarts;
    let lo = 0;
    let hi = js.length - 1;
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

function isBlank(c: number): boolean {
  return c === SP || c === TAB;
}

function isBlankOrEnd(s: string, p: number): boolean {
  return p >= s.length || s.charCodeAt(p) === SP || s.charCodeAt(p) === TAB || s.charCodeAt(p) === NL;
}

function isOperator(c: number): boolean {
  return c === 0x3b || c === 0x26 || c === 0x7c || c === 0x28 || c === 0x29 || c === LT || c === GT;
}

/** `$ cmd` or a bare `$` after optional indentation. */
function isPromptLine(line: string): boolean {
  let i = 0;
  while (i < line.length && isBlank(line.charCodeAt(i))) i++;
  return line.charCodeAt(i) === DOLLAR && (i + 1 === line.length || isBlank(line.charCodeAt(i + 1)));
}
