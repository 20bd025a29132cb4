// Detailed parse of RESTORE, BACKUP, CREATE SCHEDULE … FOR BACKUP and SHOW BACKUP from their
// recorded tokens (grammar: docs/workspace.md for SHOW BACKUP). Tolerant by design: runbooks hold
// half-typed statements and doc templates (`INTO {'subdirectory'} IN …`), so every step
// takes what is there and never fails.

import { BackupLocator, CollectionRef, RestoreTarget, SqlOption, StatementKind } from '../types';
import { wordIs } from './chars';
import { hasEscapes, literalValue } from './literals';
import { Tok, TokenBuffer } from './tokens';

/**
 * Option names from the grammar and docs (cockroachdb-facts §4). A name found here is returned
 * as this constant, so the usual options cost no string allocation.
 */
const KNOWN_OPTIONS = [
  'as_json',
  'debug_ids',
  'detached',
  'encryption_passphrase',
  'execution',
  'experimental',
  'grants',
  'include_all_virtual_clusters',
  'incremental_location',
  'into_db',
  'kms',
  'new_db_name',
  'privileges',
  'remove_regions',
  'revision_history',
  'schema_only',
  'skip_localities_check',
  'skip_missing_foreign_keys',
  'skip_missing_sequence_owners',
  'skip_missing_sequences',
  'skip_missing_udfs',
  'skip_missing_views',
  'strict',
  'unsafe_restore_incompatible_version',
  'updates_cluster_monitoring_metrics',
  'verify_backup_table_data',
  'virtual_cluster',
  'virtual_cluster_name',
];

/** KNOWN_OPTIONS by length, so a lookup compares only names that may match. */
const OPTIONS_BY_LENGTH: string[][] = [];
for (const name of KNOWN_OPTIONS) (OPTIONS_BY_LENGTH[name.length] ??= []).push(name);

/** The lower-cased word `text[start, end)`. */
function optionName(text: string, start: number, end: number): string {
  const candidates = OPTIONS_BY_LENGTH[end - start];
  if (candidates !== undefined) {
    for (let k = 0; k < candidates.length; k++) if (wordIs(text, start, end, candidates[k])) return candidates[k];
  }
  return text.slice(start, end).toLowerCase();
}

/** Words that end a search early (see find()). */
const NO_STOPS: readonly string[] = [];
/** In CREATE SCHEDULE, the backup's WITH options come before RECURRING; after it are the schedule's own. */
const SCHEDULE_STOPS: readonly string[] = ['recurring'];

const LPAREN = 40;
const RPAREN = 41;
const COMMA = 44;
const LBRACE = 123;
const RBRACE = 125;
const LBRACKET = 91;
const RBRACKET = 93;

/**
 * A list builder reused across statements, copied out at its exact size: an array grown by
 * push() reserves 17 slots, which costs more than the copy on statement-dense text.
 */
class Gather<T> {
  readonly items: T[] = [];
  count = 0;

  push(item: T): void {
    this.items[this.count++] = item;
  }

  /** The gathered items as an exact-size array. */
  take(): T[] {
    return this.items.slice(0, this.count);
  }
}

/**
 * Every empty `collections` / `options` list: one shared, frozen array instead of two
 * allocations per statement (a quarter of the scan time on statement-dense text). Frozen so
 * that a consumer mutating it fails loudly instead of corrupting every statement.
 */
export const NONE: never[] = Object.freeze([]) as unknown as never[];

/** What the detailed parse found: the fields of a SqlStatement beyond its spans. */
export interface ParsedFields {
  kind: StatementKind;
  restoreTarget: RestoreTarget | undefined;
  locator: BackupLocator | undefined;
  collections: readonly CollectionRef[];
  oldSyntax: boolean;
  options: readonly SqlOption[];
}

/**
 * Parses the recorded tokens of one statement at a time. Scanning is synchronous and never
 * re-entered, so one instance serves every scan (see reset()).
 */
export class StatementParser {
  private t = '';
  private n = 0;
  private kind: Uint8Array;
  private start: Int32Array;
  private end: Int32Array;
  private readonly refs = new Gather<CollectionRef>();
  private readonly opts = new Gather<SqlOption>();
  /** The result of the last parse(), overwritten by the next. */
  readonly found: ParsedFields = {
    kind: 'other',
    restoreTarget: undefined,
    locator: undefined,
    collections: NONE,
    oldSyntax: false,
    options: NONE,
  };

  constructor(private readonly tokens: TokenBuffer) {
    this.kind = tokens.kind;
    this.start = tokens.start;
    this.end = tokens.end;
  }

  /** Starts work on a new text. */
  reset(text: string): void {
    this.t = text;
  }

  /** Parses the recorded tokens of a RESTORE / BACKUP / CREATE statement into `found`. */
  parse(): ParsedFields {
    const tokens = this.tokens;
    const found = this.found;
    found.kind = 'other';
    found.restoreTarget = undefined;
    found.locator = undefined;
    found.oldSyntax = false;
    this.n = tokens.count;
    this.kind = tokens.kind; // the buffer may have grown
    this.start = tokens.start;
    this.end = tokens.end;
    this.refs.count = 0;
    this.opts.count = 0;
    if (this.word(0, 'restore')) this.restore(found);
    else if (this.word(0, 'backup')) this.backup(1, found, NO_STOPS);
    else if (this.word(0, 'create') && this.word(1, 'schedule')) this.schedule(found);
    else if (this.word(0, 'show')) this.show(found);
    found.collections = this.refs.count > 0 ? this.refs.take() : NONE;
    found.options = this.opts.count > 0 ? this.opts.take() : NONE;
    return found;
  }

  // ---- statements ---------------------------------------------------------------------------

  private restore(stmt: ParsedFields): void {
    stmt.kind = 'restore';
    const target = this.restoreTarget(1);
    stmt.restoreTarget = target;
    const from = this.find(1, 'from', NO_STOPS);
    if (from < 0) return;
    const k = this.source(from + 1, stmt, true);
    this.withOptions(k, this.opts, NO_STOPS);
  }

  /** BACKUP whose targets start at token `k` (after BACKUP). */
  private backup(k: number, stmt: ParsedFields, optionStops: readonly string[]): void {
    if (stmt.kind === 'other') stmt.kind = 'backup';
    let into = k;
    while (into < this.n && !this.word(into, 'into') && !this.word(into, 'to')) into = this.next(into);
    if (into >= this.n) return;
    let after: number;
    if (this.word(into, 'into')) {
      after = this.source(into + 1, stmt, false);
    } else {
      stmt.oldSyntax = true;
      after = this.uriList(into + 1, this.refs);
    }
    this.withOptions(after, this.opts, optionStops);
  }

  /** CREATE SCHEDULE [IF NOT EXISTS] label FOR BACKUP … ; a schedule FOR anything else is 'other'. */
  private schedule(stmt: ParsedFields): void {
    const forAt = this.find(2, 'for', NO_STOPS);
    if (forAt >= 0 && forAt + 1 < this.n && !this.word(forAt + 1, 'backup')) return;
    stmt.kind = 'schedule';
    // Backup options end where the schedule's own clauses begin.
    if (forAt >= 0) this.backup(forAt + 2, stmt, SCHEDULE_STOPS);
  }

  /**
   * SHOW BACKUP[S]: only the collection it reads matters. The forms: `SHOW BACKUPS IN coll`,
   * `SHOW BACKUP [SCHEMAS|FILES|RANGES|VALIDATE] [FROM] <subdir|LATEST> IN coll`, the deprecated
   * `SHOW BACKUP IN coll`, and the old `SHOW BACKUP 'uri'` (a backup written by `BACKUP … TO`).
   * `SHOW BACKUP CONNECTION 'uri'` tests a storage location and reads no backup: 'other'.
   */
  private show(stmt: ParsedFields): void {
    let k: number;
    if (this.word(1, 'backups')) {
      stmt.kind = 'show';
      const inAt = this.find(2, 'in', NO_STOPS);
      if (inAt < 0) return; // half-typed: no collection yet
      k = this.collection(inAt + 1, this.refs);
    } else {
      if (!this.word(1, 'backup') || this.word(2, 'connection')) return;
      stmt.kind = 'show';
      k = 2;
      if (this.word(k, 'schemas') || this.word(k, 'files') || this.word(k, 'ranges') || this.word(k, 'validate')) k++;
      if (this.word(k, 'from')) k++;
      if (this.word(k, 'in')) k = this.collection(k + 1, this.refs);
      else if (k < this.n) k = this.showSource(k, stmt);
    }
    this.withOptions(k, this.opts, NO_STOPS);
  }

  /** After SHOW BACKUP [details] [FROM]: `<locator> IN <collection>`, or the old single URI. */
  private showSource(k: number, stmt: ParsedFields): number {
    const itemEnd = this.itemEnd(k);
    if (this.word(itemEnd, 'in')) {
      stmt.locator = this.locator(k, itemEnd);
      return this.collection(itemEnd + 1, this.refs);
    }
    if (!this.isEntry(k)) return k;
    stmt.oldSyntax = true;
    return this.collection(k, this.refs);
  }

  // ---- clauses ------------------------------------------------------------------------------

  private restoreTarget(k: number): RestoreTarget | undefined {
    if (k >= this.n) return undefined;
    if (this.word(k, 'from')) return 'cluster';
    if (this.word(k, 'database')) return 'database';
    if (this.word(k, 'system') && this.word(k + 1, 'users')) return 'system-users';
    if (this.word(k, 'tenant') || (this.word(k, 'virtual') && this.word(k + 1, 'cluster'))) return 'virtual-cluster';
    return 'table'; // TABLE t, … or a bare pattern such as bank.customers or db.*
  }

  /**
   * What follows RESTORE … FROM or BACKUP … INTO: `<locator> IN <collection>`, or (no IN) the
   * collection itself for BACKUP INTO, or the old-syntax URI list for RESTORE FROM.
   * Returns the index after it.
   */
  private source(k: number, stmt: ParsedFields, isRestore: boolean): number {
    if (k >= this.n) return k;
    const itemEnd = this.itemEnd(k);
    if (this.word(itemEnd, 'in')) {
      stmt.locator = this.locator(k, itemEnd);
      return this.collection(itemEnd + 1, this.refs);
    }
    if (!isRestore) return this.collection(k, this.refs);
    if (this.word(k, 'latest')) {
      stmt.locator = { kind: 'latest', start: this.start[k], end: this.end[k] };
      return k + 1;
    }
    if (this.isEntry(k) || this.punct(k, LPAREN)) {
      stmt.oldSyntax = true;
      return this.uriList(k, this.refs);
    }
    return k;
  }

  private locator(k: number, itemEnd: number): BackupLocator {
    const start = this.start[k];
    const end = this.end[itemEnd - 1];
    const kind = this.kind[k];
    if (kind === Tok.Ident) {
      if (this.word(k, 'latest')) return { kind: 'latest', start, end };
      // A bare word is a subdirectory name to the grammar (non_reserved_word_or_sconst).
      return { kind: 'subdir', value: this.t.slice(start, end).toLowerCase(), start, end };
    }
    if (kind === Tok.Placeholder) return { kind: 'placeholder', start, end };
    if (kind === Tok.String || kind === Tok.Dollar) {
      const value = this.joinedValue(k, itemEnd);
      // CockroachDB resolves the subdirectory 'LATEST' (any case) like the keyword.
      if (value !== undefined && value.length === 6 && value.toLowerCase() === 'latest') return { kind: 'latest', start, end };
      return value === undefined ? { kind: 'subdir', start, end } : { kind: 'subdir', value, start, end };
    }
    // `{'subdirectory'}` and other doc templates: a subdirectory we cannot name.
    return { kind: 'subdir', start, end };
  }

  /** `<collection>`: one entry, or a parenthesised locality-aware list. Returns the index after it. */
  private collection(k: number, out: Gather<CollectionRef>): number {
    if (this.punct(k, LPAREN)) return this.parenList(k, out);
    const ref = this.ref(k);
    if (ref === undefined) return k;
    out.push(ref);
    return this.itemEnd(k);
  }

  /** Old syntax: `'uri'[, 'uri'…]` where each entry may be a parenthesised list. */
  private uriList(k: number, out: Gather<CollectionRef>): number {
    for (;;) {
      const next = this.collection(k, out);
      if (next === k || !this.punct(next, COMMA)) return next;
      k = next + 1;
    }
  }

  /** `( entry, … )` at `k`; entries that are not literals or placeholders are skipped. */
  private parenList(k: number, out: Gather<CollectionRef>): number {
    const close = this.next(k);
    const stop = this.punct(close - 1, RPAREN) ? close - 1 : close;
    let i = k + 1;
    while (i < stop) {
      const ref = this.ref(i);
      if (ref !== undefined) out.push(ref);
      while (i < stop && !this.punct(i, COMMA)) i = this.next(i);
      i++;
    }
    return close;
  }

  /** True when a collection entry (see ref()) starts at `k`. */
  private isEntry(k: number): boolean {
    if (k >= this.n) return false;
    const kind = this.kind[k];
    return (
      kind === Tok.Placeholder ||
      kind === Tok.String ||
      kind === Tok.Dollar ||
      kind === Tok.BitString ||
      this.punct(k, LBRACE)
    );
  }

  /** A collection entry at `k`: string literal (joined across newlines), placeholder or `{template}`. */
  private ref(k: number): CollectionRef | undefined {
    if (!this.isEntry(k)) return undefined;
    const kind = this.kind[k];
    const start = this.start[k];
    if (kind === Tok.Placeholder) return { start, end: this.end[k], placeholder: this.t.slice(start, this.end[k]) };
    if (kind === Tok.String || kind === Tok.Dollar) {
      const last = this.itemEnd(k) - 1;
      const value = this.joinedValue(k, last + 1);
      return value === undefined ? { start, end: this.end[last] } : { value, start, end: this.end[last] };
    }
    // B'…' / x'…' constants and `{template}`s: entries without a known value.
    return { start, end: this.end[this.itemEnd(k) - 1] };
  }

  /** `WITH opt, …` or `WITH OPTIONS (opt, …)`, searched from `k` at the top level. */
  private withOptions(k: number, out: Gather<SqlOption>, stops: readonly string[]): void {
    const w = this.find(k, 'with', stops);
    if (w < 0 || this.word(w + 1, 'schedule')) return;
    let i = w + 1;
    let stop: number;
    if (this.word(i, 'options') && this.punct(i + 1, LPAREN)) {
      const close = this.next(i + 1);
      stop = this.punct(close - 1, RPAREN) ? close - 1 : close;
      i += 2;
    } else {
      stop = this.find(i, '', stops);
      if (stop < 0) stop = this.n;
    }
    while (i < stop) {
      if (this.kind[i] === Tok.Ident) {
        const start = this.start[i];
        const end = this.end[i];
        out.push({ name: optionName(this.t, start, end), start, end });
      }
      while (i < stop && !this.punct(i, COMMA)) i = this.next(i);
      i++;
    }
  }

  // ---- token helpers ------------------------------------------------------------------------

  private word(k: number, w: string): boolean {
    return k < this.n && this.kind[k] === Tok.Ident && wordIs(this.t, this.start[k], this.end[k], w);
  }

  private punct(k: number, ch: number): boolean {
    return k >= 0 && k < this.n && this.kind[k] === Tok.Punct && this.t.charCodeAt(this.start[k]) === ch;
  }

  /** +1 for an opening bracket at `k`, -1 for a closing one, else 0. */
  private bracket(k: number): number {
    if (this.kind[k] !== Tok.Punct) return 0;
    switch (this.t.charCodeAt(this.start[k])) {
      case LPAREN:
      case LBRACE:
      case LBRACKET:
        return 1;
      case RPAREN:
      case RBRACE:
      case RBRACKET:
        return -1;
      default:
        return 0;
    }
  }

  /** Index after the token at `k`, or after its whole bracketed group when it opens one. */
  private next(k: number): number {
    if (k >= this.n || this.bracket(k) !== 1) return k + 1;
    let depth = 0;
    for (let i = k; i < this.n; i++) {
      depth += this.bracket(i);
      if (depth === 0) return i + 1;
    }
    return this.n;
  }

  /**
   * First top-level token at or after `k` that is the word `w` (or, with `w` empty, any of
   * `stops`); -1 when none, or when one of `stops` comes first.
   */
  private find(k: number, w: string, stops: readonly string[]): number {
    for (let i = k; i < this.n; i = this.next(i)) {
      if (w !== '' && this.word(i, w)) return i;
      for (let j = 0; j < stops.length; j++) if (this.word(i, stops[j])) return w === '' ? i : -1;
    }
    return -1;
  }

  /**
   * Index after the item at `k`: a bracketed group, or a string followed by string continuations
   * (CockroachDB joins `'a'` and `'b'` when only whitespace with a newline separates them).
   */
  private itemEnd(k: number): number {
    if (k >= this.n) return k;
    if (this.kind[k] !== Tok.String && this.kind[k] !== Tok.BitString) return this.next(k);
    let i = k + 1;
    while (i < this.n && this.kind[i] === this.kind[k] && this.t.charCodeAt(this.start[i]) === 39) {
      if (!this.newlineGap(this.end[i - 1], this.start[i])) break;
      i++;
    }
    return i;
  }

  private newlineGap(from: number, to: number): boolean {
    let newline = false;
    for (let i = from; i < to; i++) {
      const c = this.t.charCodeAt(i);
      if (c === 10 || c === 13) newline = true;
      else if (c !== 32 && c !== 9 && c !== 12) return false;
    }
    return newline;
  }

  /** Value of the string tokens `[k, end)` joined; the first one's escape mode applies to all. */
  private joinedValue(k: number, end: number): string | undefined {
    const escapes = this.kind[k] === Tok.String && hasEscapes(this.t, this.start[k]);
    let value = literalValue(this.t, this.start[k], this.end[k]);
    for (let i = k + 1; i < end && value !== undefined; i++) {
      value += literalValue(this.t, this.start[i], this.end[i], escapes) ?? '';
    }
    return value;
  }
}
