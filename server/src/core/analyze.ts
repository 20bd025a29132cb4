// The analyzer: finds SQL in a document, orders statements and directives, carries the
// directive scope and the BACKUP facts through the document (SPEC §4), and runs the rules.
// The server, the CLI and the tests all call `analyzeDocument`; nothing here knows LSP.
import type {
  Analysis,
  AnalyzedDirective,
  AnalyzedStatement,
  AnalyzeOptions,
  Finding,
  FindingFix,
  ProseEditBasis,
  Fix,
  RuleId,
  VersionFact,
} from './analysisTypes';
import { collectionKey, defaultCollection, displayCollection } from './collections';
import { parseDirectiveBody, type Directive, type DirectiveEntry, isDirectiveKey, parseBoolean } from './directives';
import { DirectiveEditor } from './fixes/directiveEditor';
import { StatementEditor, type StatementLocator, type StatementPlace } from './fixes/statementEditor';
import type { Catalog } from './catalog/catalog';
import { LineIndex } from './lineIndex';
import { extractMarkdown } from './markdown';
import { verdict } from './policy';
import { toDocOffset, wholeDocumentRegion } from './regions';
import { ALL_RULE_IDS, DIRECTIVE_RULES, RULES, ruleDocsPath, STATEMENT_RULES } from './rules';
import type { DirectiveRule, EntryContext, Report, Rule, StatementContext, StatementRule } from './rules/ruleTypes';
import type { ScanCache } from './scanCache';
import { scanSql } from './sql';
import type { DirectiveComment, FrontMatterEntry, Range, Severity, SqlRegion, SqlStatement } from './types';
import { parseVersion } from './versions';

const SEVERITY_RANK: Record<Severity, number> = { hint: 0, information: 1, warning: 2, error: 3 };

/** The target-version entry in force, with its directive (a fix may edit it in place). */
type TargetEntry = { directive: AnalyzedDirective; entry: DirectiveEntry };

/** No ignores pending: shared, never mutated (most statements have none). */
const NO_IGNORES: ReadonlySet<RuleId> = new Set();

/** One BACKUP seen so far: the version it was taken on (kept by the collection it wrote to). */
interface BackupFact {
  /** Position among the document's BACKUPs. */
  seq: number;
  fact: VersionFact;
}

/** `'s3://bucket/path'` (without the query) or `this collection`, for messages. */
function collectionWording(st: AnalyzedStatement): string {
  return st.collections[0] ? `'${displayCollection(st.collections[0])}'` : 'this collection';
}

/** The backup version of a RESTORE that nothing before it states. */
function noBackupFact(st: AnalyzedStatement): VersionFact {
  return {
    source: 'none',
    reason:
      st.collectionKey === undefined && !st.oldSyntax
        ? 'no backup-version directive before it, and a placeholder collection matches no BACKUP'
        : `no backup-version directive and no BACKUP into ${collectionWording(st)} before it`,
  };
}

/**
 * Analyses a whole document. `scans`, when given, holds the SQL scans of the previous analysis
 * of the same document (the server's keystroke path): unchanged regions are not scanned again.
 * The result is the same with or without it.
 */
export function analyzeDocument(text: string, opts: AnalyzeOptions, scans?: ScanCache): Analysis {
  const analysis = new DocumentAnalyzer(text, opts, scans).run();
  scans?.settle();
  return analysis;
}

class DocumentAnalyzer implements StatementLocator<TargetEntry | undefined> {
  private readonly lines: LineIndex;
  private readonly eol: string;
  private readonly findings: Finding[] = [];
  /** The BACKUP, RESTORE and CREATE SCHEDULE statements (other SQL is only scanned past). */
  private readonly statements: AnalyzedStatement[] = [];
  /** Per statement: where the statement scanned just before it in the same region ends (-1: none). */
  private readonly prevEnds: number[] = [];
  private readonly directives: AnalyzedDirective[] = [];
  /** Per directive: its place in document order (a directive attached to a statement takes the statement's). */
  private readonly directiveOrders: number[] = [];
  private regions: SqlRegion[] = [];
  /** Per statement: the directive attached to it, if any (for fixes). */
  private readonly attached = new Map<number, AnalyzedDirective>();
  /** Collection identity keys by URI: a runbook names the same few collections again and again. */
  private readonly keys = new Map<string, string | undefined>();
  private fallback?: string;
  private basis?: ProseEditBasis;

  // Scope, as the walk goes.
  private target: VersionFact;
  private targetEntry?: TargetEntry;
  private backupDirective?: VersionFact;
  private mixed = { on: false, line: undefined as number | undefined };
  private pendingIgnore: ReadonlySet<RuleId> = NO_IGNORES;
  private backupCount = 0;
  /** The BACKUPs by collection key (current syntax), with the majors they were taken on: a RESTORE looks up, never scans. */
  private readonly backupsByKey = new Map<string, { facts: BackupFact[]; majors: Set<string> }>();
  /** Old-syntax BACKUPs by each URI they wrote to. */
  private readonly oldBackupsByUri = new Map<string, BackupFact[]>();

  constructor(
    private readonly text: string,
    private readonly opts: AnalyzeOptions,
    private readonly scans?: ScanCache,
  ) {
    this.lines = new LineIndex(text);
    const m = /\r\n|\r|\n/.exec(text);
    this.eol = m ? m[0] : '\n';
    this.target = opts.defaultTargetVersion
      ? { version: opts.defaultTargetVersion, source: 'default-setting' }
      : { source: 'none', reason: 'no target-version directive before it and no defaultTargetVersion setting' };
  }

  run(): Analysis {
    this.collect();
    this.walk();
    this.forgetWalkState();
    this.findings.sort((a, b) => a.start - b.start || a.end - b.end || a.rule.localeCompare(b.rule));
    const analysis: Analysis = {
      findings: this.findings,
      statements: this.statements,
      directives: this.directives,
      regions: this.regions,
      notes: [],
    };
    if (this.basis) analysis.basis = this.basis;
    return analysis;
  }

  /**
   * Applies directives and checks statements in document order; at the same place a directive
   * comes first. Both lists are already in order in practice, so this is a merge, not a sort.
   */
  private walk(): void {
    const dirs = inOrder(this.directiveOrders);
    const stmts = inOrder(this.statements.map((s) => s.keyword.start));
    let i = 0;
    let j = 0;
    while (i < dirs.length || j < stmts.length) {
      if (j >= stmts.length || (i < dirs.length && this.directiveOrders[dirs[i]] <= this.statements[stmts[j]].keyword.start)) {
        this.applyDirective(this.directives[dirs[i++]]);
      } else {
        this.checkStatement(stmts[j++]);
      }
    }
  }

  /**
   * Findings keep the analyzer (their fixes are built from it on first use), so what only the
   * walk needed is dropped rather than kept alive with every cached analysis.
   */
  private forgetWalkState(): void {
    this.backupsByKey.clear();
    this.oldBackupsByUri.clear();
    this.keys.clear();
    this.directiveOrders.length = 0;
  }

  // ------------------------------------------------------------------------------------------
  // Collecting statements and directives.

  private collect(): void {
    let comments: DirectiveComment[] = [];
    let frontMatter: FrontMatterEntry[] = [];
    if (this.opts.languageId === 'markdown') {
      const md = extractMarkdown(this.text);
      this.regions = md.regions;
      comments = md.directiveComments;
      frontMatter = md.frontMatter;
      const spans = new Int32Array(comments.length * 2);
      for (let i = 0; i < comments.length; i++) {
        spans[2 * i] = comments[i].start;
        spans[2 * i + 1] = comments[i].end;
      }
      this.basis = { lines: this.lines, proseLines: md.proseLines ?? new Int32Array(0), comments: spans };
    } else {
      this.regions = [wholeDocumentRegion(this.text)];
    }
    if (frontMatter.length > 0) this.addFrontMatter(frontMatter);
    for (let i = 0; i < this.regions.length; i++) this.collectRegion(this.regions[i], i);
    for (const c of comments) {
      const d = parseDirectiveBody(c.body, (i) => c.bodyStart + i, this.originOf(c), c);
      if (d) this.addDirective(d, d.start);
    }
  }

  private originOf(c: DirectiveComment): 'html' | 'shell' {
    return this.text.startsWith('<!--', c.start) ? 'html' : 'shell';
  }

  private addFrontMatter(entries: FrontMatterEntry[]): void {
    const last = entries[entries.length - 1];
    const d: Directive = {
      origin: 'front-matter',
      start: entries[0].keyStart,
      end: last.valueEnd,
      entries: entries.map((e) => ({ ...e })),
      appendAt: last.valueEnd,
    };
    // Front matter is the start of the document: any later directive overrides it.
    this.addDirective(d, -1);
  }

  private addDirective(d: Directive, order: number): AnalyzedDirective {
    const ad: AnalyzedDirective = {
      origin: d.origin,
      start: d.start,
      end: d.end,
      entries: d.entries,
      appendAt: d.appendAt,
      line: this.lines.lineOf(d.start),
    };
    this.directives.push(ad);
    this.directiveOrders.push(order);
    return ad;
  }

  private collectRegion(region: SqlRegion, regionIndex: number): void {
    const scan = this.scans ? this.scans.scan(region.text) : scanSql(region.text);
    const identity = isIdentity(region);
    const doc = identity ? (off: number) => off : (off: number) => toDocOffset(region, off);
    const scanned = scan.statements;
    const first = this.statements.length;
    let prevEnd = -1;
    for (let i = 0; i < scanned.length; i++) {
      const s = scanned[i];
      if (s.kind !== 'other') {
        this.statements.push(this.toAnalyzed(s, region, regionIndex, doc));
        this.prevEnds.push(prevEnd);
      }
      prevEnd = doc(s.end);
    }
    // Walking the scanned statements beside the comments: k is the last one starting at or
    // before the comment, and `relevant` counts the kept ones up to it (its index is first + relevant - 1).
    let k = -1;
    let relevant = 0;
    for (const c of scan.comments) {
      const d = parseDirectiveBody(c.body, (i) => doc(c.bodyStart + i), 'sql', { start: doc(c.start), end: doc(c.end) });
      if (!d) continue;
      // A directive inside a statement, or trailing on the line where one starts, belongs to it
      // (what it belongs to matters only for BACKUP, RESTORE and CREATE SCHEDULE).
      while (k + 1 < scanned.length && scanned[k + 1].start <= c.start) {
        k++;
        if (scanned[k].kind !== 'other') relevant++;
      }
      let owner = -1;
      if (k >= 0 && scanned[k].kind !== 'other') {
        const s = scanned[k];
        const index = first + relevant - 1;
        const st = this.statements[index];
        if (c.start < s.end || this.lines.lineOf(st.keyword.start) === this.lines.lineOf(d.start)) owner = index;
      }
      if (owner < 0) {
        this.addDirective(d, d.start);
      } else {
        this.attached.set(owner, this.addDirective(d, this.statements[owner].keyword.start));
      }
    }
  }

  private toAnalyzed(s: SqlStatement, region: SqlRegion, regionIndex: number, doc: (off: number) => number): AnalyzedStatement {
    const kw = doc(s.keyword.start);
    const line = this.lines.lineOf(kw);
    const lineStart = this.lines.lineStart(line);
    const def = defaultCollection(s.collections);
    // Lists of exactly their size (push would leave room for 17 entries in each): statements
    // are kept with the document's analysis.
    const collections = new Array<string | undefined>(s.collections.length);
    for (let i = 0; i < s.collections.length; i++) collections[i] = s.collections[i].value;
    const options = new Array<string>(s.options.length);
    for (let i = 0; i < s.options.length; i++) options[i] = s.options[i].name;
    return {
      kind: s.kind,
      restoreTarget: s.restoreTarget,
      locator: s.locator ? { kind: s.locator.kind, value: s.locator.value } : undefined,
      collections,
      collectionKey: s.oldSyntax ? undefined : this.keyOf(def?.value),
      collectionSpan: def ? { start: doc(def.start), end: doc(def.end) } : undefined,
      oldSyntax: s.oldSyntax,
      options,
      span: { start: doc(s.start), end: doc(s.end) },
      keyword: { start: kw, end: doc(s.keyword.end) },
      range: {
        start: { line, character: kw - lineStart },
        end: { line, character: Math.max(kw, this.lines.lineEnd(line)) - lineStart },
      },
      region: regionIndex,
      // Filled in by the walk; present from the start so that every statement keeps one shape.
      backup: undefined,
      target: undefined,
      mixedVersion: undefined,
      verdict: undefined,
    };
  }

  private keyOf(uri: string | undefined): string | undefined {
    if (uri === undefined) return undefined;
    let key = this.keys.get(uri);
    if (key === undefined && !this.keys.has(uri)) {
      key = collectionKey(uri);
      this.keys.set(uri, key);
    }
    return key;
  }

  // ------------------------------------------------------------------------------------------
  // Directives: apply to the scope, report problems.

  private applyDirective(d: AnalyzedDirective): void {
    let ownIgnores: ReadonlySet<string> = NO_IGNORES;
    for (const e of d.entries) {
      if (e.key !== 'ignore' || !e.value) continue;
      if (ownIgnores === NO_IGNORES) ownIgnores = new Set<string>();
      for (const id of e.value.split(',')) (ownIgnores as Set<string>).add(id);
    }
    for (const entry of d.entries) {
      const ctx = this.entryContext(d, entry);
      for (let i = 0; i < DIRECTIVE_RULES.length; i++) {
        const rule = DIRECTIVE_RULES[i];
        const reports = rule.check(ctx);
        for (let j = 0; j < reports.length; j++) {
          const r = reports[j];
          const f = this.emit(rule, r, r.start ?? entry.valueStart, r.end ?? entry.valueEnd, ownIgnores, j);
          if (f) f.fromDirective(d, entry);
        }
      }
      this.applyEntry(d, entry);
    }
  }

  private entryContext(d: AnalyzedDirective, entry: DirectiveEntry): EntryContext {
    return new EntryCtx(d, entry, this.opts.catalog, this.opts.today, this.text, this.eol);
  }

  private applyEntry(d: AnalyzedDirective, e: DirectiveEntry): void {
    if (!isDirectiveKey(e.key)) return; // a misspelt key is never applied (SPEC §11.1)
    const line = this.lines.lineOf(e.valueStart);
    const source = d.origin === 'front-matter' ? 'front-matter' : 'directive';
    switch (e.key) {
      case 'target-version':
      case 'backup-version': {
        const version = e.value === undefined ? undefined : parseVersion(e.value);
        const fact: VersionFact = version
          ? { version, source, line, offset: e.valueStart }
          : { source, line, offset: e.valueStart, reason: `the ${e.key} value on line ${line + 1} is invalid` };
        if (e.key === 'target-version') {
          this.target = fact;
          this.targetEntry = { directive: d, entry: e };
        } else {
          this.backupDirective = fact;
        }
        break;
      }
      case 'mixed-version':
        this.mixed = { on: parseBoolean(e.value) ?? false, line };
        break;
      case 'ignore':
        for (const id of (e.value ?? '').split(',')) {
          if (!(ALL_RULE_IDS as readonly string[]).includes(id)) continue;
          if (this.pendingIgnore === NO_IGNORES) this.pendingIgnore = new Set<RuleId>();
          (this.pendingIgnore as Set<RuleId>).add(id as RuleId);
        }
        break;
    }
  }

  // ------------------------------------------------------------------------------------------
  // Statements: infer the facts, run the rules.

  private checkStatement(index: number): void {
    const st = this.statements[index];
    if (st.kind === 'other') return;
    const ignores = this.pendingIgnore;
    this.pendingIgnore = NO_IGNORES;
    st.target = this.target;
    if (st.kind === 'backup') this.recordBackup(st);
    if (st.kind === 'restore') {
      st.backup = this.backupFactFor(st);
      st.mixedVersion = this.mixed.on;
      const b = st.backup.version;
      const t = st.target.version;
      if (b && t) st.verdict = verdict(this.opts.catalog, b.major, t.major);
    }
    // The target-version entry in force now decides whether a fix edits it in place; where the
    // fix goes is worked out only if a fix is asked for.
    const mixedVersionLine = this.mixed.on && this.mixed.line !== undefined ? this.mixed.line + 1 : undefined;
    const ctx = this.statementContext(index, this.targetEntry, mixedVersionLine);
    // Indexed loops: this runs for every statement of every keystroke, and iterators allocate.
    for (let i = 0; i < STATEMENT_RULES.length; i++) {
      const rule = STATEMENT_RULES[i];
      const reports = rule.check(ctx);
      for (let j = 0; j < reports.length; j++) {
        const r = reports[j];
        const start = r.start ?? st.keyword.start;
        const end = r.end ?? this.lines.offset(st.range.end);
        // At the statement's own range (the usual case) the finding shares its Range object.
        const range = r.start === undefined && r.end === undefined ? st.range : undefined;
        const f = this.emit(rule, r, start, end, ignores, j, index, range);
        if (f) f.fromStatement(this.targetEntry, mixedVersionLine);
      }
    }
  }

  private statementContext(index: number, targetEntry: TargetEntry | undefined, mixedVersionLine: number | undefined): StatementContext {
    return new StatementCtx(this.statements[index], this.opts.catalog, this.opts.today, mixedVersionLine, (this.fallback ??= this.fallbackVersion()), this, index, targetEntry);
  }

  /**
   * The fixes of a finding, rebuilt when first asked for: the rule runs again on the context it
   * reported from (the statement's facts are final, the scope in force is kept in the finding).
   * Keeping every report, closure and context alive for fixes that are rarely asked for was a
   * sixth of an analysis' memory.
   */
  fixesOf(f: LazyFixFinding, origin: FixOrigin): Fix[] {
    const rule = RULES.get(f.rule)!;
    let report: Report | undefined;
    let editor: { ignore(ruleId: string): Fix };
    if (origin.directive) {
      const ctx = this.entryContext(origin.directive, origin.entry!);
      report = (rule as DirectiveRule).check(ctx)[origin.reportIndex];
      editor = ctx.edit;
    } else {
      const ctx = this.statementContext(f.statement!, origin.targetEntry, origin.mixedVersionLine);
      report = (rule as StatementRule).check(ctx)[origin.reportIndex];
      editor = ctx.edit;
    }
    const own = report === undefined ? [] : typeof report.fixes === 'function' ? report.fixes() : (report.fixes ?? []);
    return [...own, editor.ignore(f.rule)];
  }

  private recordBackup(st: AnalyzedStatement): void {
    const line = this.lines.lineOf(st.keyword.start);
    const b: BackupFact = {
      seq: this.backupCount++,
      fact: this.target.version
        ? { version: this.target.version, source: 'backup-statement', line, offset: st.keyword.start }
        : {
            source: 'backup-statement',
            line,
            offset: st.keyword.start,
            reason: `the BACKUP on line ${line + 1} was taken with no target-version in force`,
          },
    };
    if (st.oldSyntax) {
      for (const c of st.collections) {
        const u = this.keyOf(c);
        if (u === undefined) continue;
        const list = this.oldBackupsByUri.get(u);
        if (!list) this.oldBackupsByUri.set(u, [b]);
        else if (list[list.length - 1] !== b) list.push(b); // a URI named twice counts once
      }
    } else if (st.collectionKey !== undefined) {
      let group = this.backupsByKey.get(st.collectionKey);
      if (!group) this.backupsByKey.set(st.collectionKey, (group = { facts: [], majors: new Set() }));
      group.facts.push(b);
      group.majors.add(b.fact.version?.major ?? '?');
    }
  }

  /** Backup version of a RESTORE: the newest of the backup-version directive and the matching BACKUP (SPEC §4, §11.6). */
  private backupFactFor(st: AnalyzedStatement): VersionFact {
    const dir = this.backupDirective;
    // The newest matching BACKUP; for the current syntax also all of the collection's BACKUPs.
    let newest: BackupFact | undefined;
    let group: { facts: BackupFact[]; majors: Set<string> } | undefined;
    if (st.oldSyntax) {
      for (const c of st.collections) {
        const k = this.keyOf(c);
        const list = k === undefined ? undefined : this.oldBackupsByUri.get(k);
        const last = list?.[list.length - 1];
        if (last && (!newest || last.seq > newest.seq)) newest = last;
      }
    } else if (st.collectionKey !== undefined) {
      group = this.backupsByKey.get(st.collectionKey);
      newest = group?.facts[group.facts.length - 1];
    }
    const explicitSubdir = !st.oldSyntax && st.locator !== undefined && st.locator.kind !== 'latest';
    if (explicitSubdir) {
      // A named backup: the directive in force, else the collection's BACKUPs when they agree.
      if (dir) return dir;
      if (!group) return noBackupFact(st);
      const majors = group.majors;
      if (majors.size === 1 && !majors.has('?')) return group.facts[group.facts.length - 1].fact;
      return {
        source: 'none',
        reason: `the restore names one backup in ${collectionWording(st)}, and the BACKUPs into it (lines ${group.facts
          .map((m) => (m.fact.line ?? 0) + 1)
          .join(', ')}) do not agree on one known version; add a backup-version directive`,
      };
    }
    const latest = newest?.fact;
    if (latest && dir) return (latest.offset ?? 0) > (dir.offset ?? 0) ? latest : dir;
    return latest ?? dir ?? noBackupFact(st);
  }

  /** Where a quick fix for statement `index` inserts text, and what it may edit. */
  placeOf(index: number, targetEntryInForce: TargetEntry | undefined): StatementPlace {
    const st = this.statements[index];
    const region = this.regions[st.region];
    const attached = this.attached.get(index) ?? this.directiveJustAbove(st);
    const targetEntry =
      targetEntryInForce && attached && targetEntryInForce.directive === attached ? targetEntryInForce.entry : undefined;
    if (region.inline) {
      return { insertAt: st.keyword.start, continuation: '', inline: true, eol: this.eol, attached, targetEntry };
    }
    const line = this.lines.lineOf(st.keyword.start);
    const lineStart = this.lines.lineStart(line);
    // The line's first non-blank character after its container prefix: region text starts
    // there for this line, so find the region line start and map it back.
    const regionKw = this.regionOffsetOf(region, st.keyword.start);
    const regionLineStart = this.regionLineStart(st.region, regionKw);
    let insertAt = toDocOffset(region, regionLineStart);
    while (insertAt < st.keyword.start && /[ \t]/.test(this.text[insertAt])) insertAt++;
    // If the line starts inside an earlier statement (a multi-line string, say), a line above
    // would land in it: insert inline before the keyword instead.
    if (insertAt < lineStart || this.prevEnds[index] > insertAt) {
      return { insertAt: st.keyword.start, continuation: '', inline: true, eol: this.eol, attached, targetEntry };
    }
    const continuation = this.text.slice(lineStart, insertAt);
    return { insertAt, continuation, inline: false, eol: this.eol, attached, targetEntry };
  }

  /** Per line: the last directive (in collection order) ending on it; built once, so fixes stay linear. */
  private directiveByEndLine?: Map<number, AnalyzedDirective>;

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

  /** Region offset of a document offset: the first segment holding it (binary search, segments ascend). */
  private regionOffsetOf(region: SqlRegion, docOffset: number): number {
    const segs = region.segments;
    let lo = 0;
    let hi = segs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segs[mid].docStart <= docOffset) lo = mid;
      else hi = mid - 1;
    }
    // An offset at the end of one segment and the start of the next belongs to the first.
    while (lo > 0 && segs[lo - 1].docStart + segs[lo - 1].length >= docOffset) lo--;
    const s = segs[lo];
    if (s !== undefined && docOffset >= s.docStart && docOffset <= s.docStart + s.length) return s.regionStart + (docOffset - s.docStart);
    return 0;
  }

  /** Offsets of the `\n`s of each region's text, computed once per region. */
  private readonly regionBreaks = new Map<number, Int32Array>();

  /** Start of the region line holding region offset `off` (what `lastIndexOf('\n', off - 1) + 1` gives, in log time). */
  private regionLineStart(regionIndex: number, off: number): number {
    let breaks = this.regionBreaks.get(regionIndex);
    if (!breaks) {
      const text = this.regions[regionIndex].text;
      const found: number[] = [];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) found.push(i);
      breaks = Int32Array.from(found);
      this.regionBreaks.set(regionIndex, breaks);
    }
    // Last break at or before off - 1.
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (breaks[mid] <= off - 1) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? 0 : breaks[lo - 1] + 1;
  }

  /** The version a template fills in when nothing is known: the newest released regular version. */
  private fallbackVersion(): string {
    const rel = [...this.opts.catalog.releases].reverse().find((r) => r.type === 'regular' && r.gaDate && r.gaDate <= this.opts.today);
    return rel?.version ?? this.opts.catalog.releases[this.opts.catalog.releases.length - 1]?.version ?? '24.1';
  }

  // ------------------------------------------------------------------------------------------

  /** LSP range of document offsets (fix edits are mapped when built). */
  rangeOf(start: number, end: number): Range {
    return this.lines.range(start, end);
  }

  private emit(
    rule: Rule,
    report: Report,
    start: number,
    end: number,
    ignores: ReadonlySet<string>,
    reportIndex: number,
    statement?: number,
    range?: Range,
  ): LazyFixFinding | undefined {
    if (ignores.has(rule.id)) return undefined;
    const configured = this.opts.rules[rule.id] ?? rule.defaultSeverity;
    if (configured === 'off') return undefined;
    let severity: Severity = configured;
    const cap: Severity | undefined = report.bypassed ? 'warning' : report.severityCap;
    if (cap && SEVERITY_RANK[cap] < SEVERITY_RANK[severity]) severity = cap;
    const finding = new LazyFixFinding(this, rule.id, severity, report.message, range ?? this.lines.range(start, end), start, end, statement, reportIndex);
    this.findings.push(finding);
    return finding;
  }

}

/** Positions 0..n-1 in ascending order of `keys`, equal keys in their original order (the identity when already sorted). */
function inOrder(keys: readonly number[]): ArrayLike<number> {
  const order = new Int32Array(keys.length);
  let sorted = true;
  for (let i = 0; i < keys.length; i++) {
    order[i] = i;
    if (i > 0 && keys[i] < keys[i - 1]) sorted = false;
  }
  if (sorted) return order;
  return Array.from(order).sort((a, b) => keys[a] - keys[b] || a - b);
}

/** A region whose offsets are document offsets (a whole SQL document). */
function isIdentity(region: SqlRegion): boolean {
  const segs = region.segments;
  return segs.length === 1 && segs[0].regionStart === 0 && segs[0].docStart === 0 && segs[0].length >= region.text.length;
}

/** What a finding's fixes are rebuilt from. */
interface FixOrigin {
  reportIndex: number;
  directive?: AnalyzedDirective;
  entry?: DirectiveEntry;
  targetEntry?: TargetEntry;
  mixedVersionLine?: number;
}

/**
 * A finding whose fixes are built on first use: most findings of a keystroke's analysis are
 * never asked for a code action, and building every fix for every finding was a third of the
 * work. A class, so the lazy `fixes` costs no closures per finding; the scope it was reported
 * in is kept in its own fields, not in a separate object.
 */
class LazyFixFinding implements Finding, FixOrigin {
  readonly docsPath: string;
  #built?: FindingFix[];
  #analyzer?: DocumentAnalyzer;
  #reportIndex: number;
  #directive?: AnalyzedDirective;
  #entry?: DirectiveEntry;
  #targetEntry?: TargetEntry;
  #mixedVersionLine?: number;

  constructor(
    analyzer: DocumentAnalyzer,
    readonly rule: RuleId,
    readonly severity: Severity,
    readonly message: string,
    readonly range: Range,
    readonly start: number,
    readonly end: number,
    readonly statement: number | undefined,
    reportIndex: number,
  ) {
    this.docsPath = ruleDocsPath(rule);
    this.#analyzer = analyzer;
    this.#reportIndex = reportIndex;
  }

  /** A directive finding: the directive and entry reported on. */
  fromDirective(directive: AnalyzedDirective, entry: DirectiveEntry): void {
    this.#directive = directive;
    this.#entry = entry;
  }

  /** A statement finding: the scope in force at the statement. */
  fromStatement(targetEntry: TargetEntry | undefined, mixedVersionLine: number | undefined): void {
    this.#targetEntry = targetEntry;
    this.#mixedVersionLine = mixedVersionLine;
  }

  get reportIndex(): number {
    return this.#reportIndex;
  }
  get directive(): AnalyzedDirective | undefined {
    return this.#directive;
  }
  get entry(): DirectiveEntry | undefined {
    return this.#entry;
  }
  get targetEntry(): TargetEntry | undefined {
    return this.#targetEntry;
  }
  get mixedVersionLine(): number | undefined {
    return this.#mixedVersionLine;
  }

  get fixes(): FindingFix[] {
    if (this.#built === undefined) {
      const analyzer = this.#analyzer!;
      this.#built = analyzer.fixesOf(this, this).map((f) => ({
        title: f.title,
        edits: f.edits.map((e) => ({ range: analyzer.rangeOf(e.start, e.end), newText: e.newText })),
        preferred: f.preferred,
        unambiguous: f.unambiguous,
      }));
      this.#analyzer = undefined; // what the fixes were built from is no longer needed
    }
    return this.#built;
  }

  set fixes(value: FindingFix[]) {
    this.#built = value;
    this.#analyzer = undefined;
  }
}

// Rule contexts whose editor is made only when a check builds a fix: checks run for every
// statement and directive entry of every keystroke, fixes are built for few of them.

class StatementCtx implements StatementContext {
  #edit?: StatementEditor<TargetEntry | undefined>;

  constructor(
    readonly stmt: AnalyzedStatement,
    readonly catalog: Catalog,
    readonly today: string,
    readonly mixedVersionLine: number | undefined,
    readonly fallbackVersion: string,
    private readonly locator: StatementLocator<TargetEntry | undefined>,
    private readonly index: number,
    private readonly targetEntry: TargetEntry | undefined,
  ) {}

  get edit(): StatementEditor<TargetEntry | undefined> {
    return (this.#edit ??= new StatementEditor(this.locator, this.index, this.targetEntry));
  }
}

class EntryCtx implements EntryContext {
  #edit?: DirectiveEditor;

  constructor(
    readonly directive: AnalyzedDirective,
    readonly entry: DirectiveEntry,
    readonly catalog: Catalog,
    readonly today: string,
    private readonly text: string,
    private readonly eol: string,
  ) {}

  get edit(): DirectiveEditor {
    return (this.#edit ??= new DirectiveEditor(this.text, this.eol, this.directive, this.entry));
  }
}
