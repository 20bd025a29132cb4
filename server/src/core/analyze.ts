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
  Fix,
  RuleId,
  VersionFact,
} from './analysisTypes';
import { collectionKey, defaultCollection, displayCollection } from './collections';
import { parseDirectiveBody, type Directive, type DirectiveEntry, isDirectiveKey, parseBoolean } from './directives';
import { DirectiveEditor } from './fixes/directiveEditor';
import { StatementEditor } from './fixes/statementEditor';
import { LineIndex } from './lineIndex';
import { extractMarkdown } from './markdown';
import { verdict } from './policy';
import { toDocOffset, wholeDocumentRegion } from './regions';
import { ALL_RULE_IDS, DIRECTIVE_RULES, ruleDocsPath, STATEMENT_RULES } from './rules';
import type { Report, Rule } from './rules/ruleTypes';
import { scanSql } from './sql';
import type { DirectiveComment, FrontMatterEntry, Severity, SqlRegion, SqlStatement } from './types';
import { parseVersion } from './versions';

const SEVERITY_RANK: Record<Severity, number> = { hint: 0, information: 1, warning: 2, error: 3 };

/** A statement or directive, placed in document order. */
type Event =
  | { order: number; sub: number; kind: 'directive'; directive: AnalyzedDirective }
  | { order: number; sub: number; kind: 'statement'; index: number };

/** One BACKUP seen so far: the collection it wrote to and the version it was taken on. */
interface BackupFact {
  /** Position among the document's BACKUPs. */
  seq: number;
  key?: string;
  oldSyntax: boolean;
  uris: Set<string>;
  display: string;
  fact: VersionFact;
}

export function analyzeDocument(text: string, opts: AnalyzeOptions): Analysis {
  return new DocumentAnalyzer(text, opts).run();
}

class DocumentAnalyzer {
  private readonly lines: LineIndex;
  private readonly eol: string;
  private readonly findings: Finding[] = [];
  private readonly statements: AnalyzedStatement[] = [];
  private readonly directives: AnalyzedDirective[] = [];
  private readonly events: Event[] = [];
  private regions: SqlRegion[] = [];
  /** Per statement: the directive attached to it, if any (for fixes). */
  private readonly attached = new Map<number, AnalyzedDirective>();

  // Scope, as the walk goes.
  private target: VersionFact;
  private targetEntry?: { directive: AnalyzedDirective; entry: DirectiveEntry };
  private backupDirective?: VersionFact;
  private mixed = { on: false, line: undefined as number | undefined };
  private pendingIgnore = new Set<RuleId>();
  private readonly backups: BackupFact[] = [];
  /** The BACKUPs by collection key (current syntax), with the majors they were taken on: a RESTORE looks up, never scans. */
  private readonly backupsByKey = new Map<string, { facts: BackupFact[]; majors: Set<string> }>();
  /** Old-syntax BACKUPs by each URI they wrote to. */
  private readonly oldBackupsByUri = new Map<string, BackupFact[]>();

  constructor(
    private readonly text: string,
    private readonly opts: AnalyzeOptions,
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
    this.events.sort((a, b) => a.order - b.order || a.sub - b.sub);
    for (const ev of this.events) {
      if (ev.kind === 'directive') this.applyDirective(ev.directive);
      else this.checkStatement(ev.index);
    }
    this.findings.sort((a, b) => a.start - b.start || a.end - b.end || a.rule.localeCompare(b.rule));
    return {
      findings: this.findings,
      statements: this.statements,
      directives: this.directives,
      regions: this.regions,
      notes: [],
    };
  }

  // ------------------------------------------------------------------------------------------
  // Collecting statements and directives in document order.

  private collect(): void {
    let comments: DirectiveComment[] = [];
    let frontMatter: FrontMatterEntry[] = [];
    if (this.opts.languageId === 'markdown') {
      const md = extractMarkdown(this.text);
      this.regions = md.regions;
      comments = md.directiveComments;
      frontMatter = md.frontMatter;
    } else {
      this.regions = [wholeDocumentRegion(this.text)];
    }
    if (frontMatter.length > 0) this.addFrontMatter(frontMatter);
    this.regions.forEach((r, i) => this.collectRegion(r, i));
    for (const c of comments) {
      const d = parseDirectiveBody(c.body, (i) => c.bodyStart + i, this.originOf(c), c);
      if (d) this.addDirective(d, d.start, 0);
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
    this.addDirective(d, -1, 0);
  }

  private addDirective(d: Directive, order: number, sub: number): AnalyzedDirective {
    const ad: AnalyzedDirective = { ...d, line: this.lines.lineOf(d.start) };
    this.directives.push(ad);
    this.events.push({ order, sub, kind: 'directive', directive: ad });
    return ad;
  }

  private collectRegion(region: SqlRegion, regionIndex: number): void {
    const scan = scanSql(region.text);
    const doc = (off: number) => toDocOffset(region, off);
    const first = this.statements.length;
    for (const s of scan.statements) {
      this.statements.push(this.toAnalyzed(s, region, regionIndex));
      this.events.push({ order: doc(s.keyword.start), sub: 1, kind: 'statement', index: this.statements.length - 1 });
    }
    const last = this.statements.length; // exclusive
    let k = first;
    for (const c of scan.comments) {
      const d = parseDirectiveBody(c.body, (i) => doc(c.bodyStart + i), 'sql', { start: doc(c.start), end: doc(c.end) });
      if (!d) continue;
      // A directive inside a statement, or trailing on the line where one starts, belongs to it.
      while (k + 1 < last && scan.statements[k + 1 - first].start <= c.start) k++;
      let owner: number | undefined;
      if (k < last) {
        const s = scan.statements[k - first];
        const st = this.statements[k];
        if (s.start <= c.start && (c.start < s.end || this.lines.lineOf(st.keyword.start) === this.lines.lineOf(d.start))) {
          owner = k;
        }
      }
      if (owner === undefined) {
        this.addDirective(d, d.start, 0);
      } else {
        const ad = this.addDirective(d, this.statements[owner].keyword.start, 0);
        this.attached.set(owner, ad);
      }
    }
  }

  private toAnalyzed(s: SqlStatement, region: SqlRegion, regionIndex: number): AnalyzedStatement {
    const doc = (off: number) => toDocOffset(region, off);
    const kw = doc(s.keyword.start);
    const line = this.lines.lineOf(kw);
    const def = defaultCollection(s.collections);
    return {
      kind: s.kind,
      restoreTarget: s.restoreTarget,
      locator: s.locator ? { kind: s.locator.kind, value: s.locator.value } : undefined,
      collections: s.collections.map((c) => c.value),
      collectionKey: s.oldSyntax ? undefined : collectionKey(def?.value),
      collectionSpan: def ? { start: doc(def.start), end: doc(def.end) } : undefined,
      oldSyntax: s.oldSyntax,
      options: s.options.map((o) => o.name),
      span: { start: doc(s.start), end: doc(s.end) },
      keyword: { start: kw, end: doc(s.keyword.end) },
      range: { start: this.lines.position(kw), end: this.lines.position(Math.max(kw, this.lines.lineEnd(line))) },
      region: regionIndex,
    };
  }

  // ------------------------------------------------------------------------------------------
  // Directives: apply to the scope, report problems.

  private applyDirective(d: AnalyzedDirective): void {
    const ownIgnores = new Set<string>();
    for (const e of d.entries) if (e.key === 'ignore' && e.value) e.value.split(',').forEach((id) => ownIgnores.add(id));
    for (const entry of d.entries) {
      const ctx = {
        directive: d,
        entry,
        catalog: this.opts.catalog,
        today: this.opts.today,
        edit: new DirectiveEditor(this.text, this.eol, d, entry),
      };
      for (const rule of DIRECTIVE_RULES) {
        for (const r of rule.check(ctx)) {
          const start = r.start ?? entry.valueStart;
          this.emit(rule, r, start, r.end ?? entry.valueEnd, ownIgnores, () => ctx.edit.ignore(rule.id));
        }
      }
      this.applyEntry(d, entry);
    }
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
          if ((ALL_RULE_IDS as readonly string[]).includes(id)) this.pendingIgnore.add(id as RuleId);
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
    this.pendingIgnore = new Set();
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
    const targetEntry = this.targetEntry;
    const edit = new StatementEditor(() => this.placeOf(index, targetEntry));
    const ctx = {
      stmt: st,
      catalog: this.opts.catalog,
      today: this.opts.today,
      mixedVersionLine: this.mixed.on && this.mixed.line !== undefined ? this.mixed.line + 1 : undefined,
      edit,
      fallbackVersion: this.fallbackVersion(),
    };
    for (const rule of STATEMENT_RULES) {
      for (const r of rule.check(ctx)) {
        const start = r.start ?? st.keyword.start;
        const end = r.end ?? this.lines.offset(st.range.end);
        this.emit(rule, r, start, end, ignores, () => edit.ignore(rule.id), index);
      }
    }
  }

  private recordBackup(st: AnalyzedStatement): void {
    const line = this.lines.lineOf(st.keyword.start);
    const uris = new Set<string>();
    for (const c of st.collections) {
      const k = collectionKey(c);
      if (k !== undefined) uris.add(k);
    }
    const b: BackupFact = {
      seq: this.backups.length,
      key: st.collectionKey,
      oldSyntax: st.oldSyntax,
      uris,
      display: displayCollection(st.collections[0] ?? '?'),
      fact: this.target.version
        ? { version: this.target.version, source: 'backup-statement', line, offset: st.keyword.start }
        : {
            source: 'backup-statement',
            line,
            offset: st.keyword.start,
            reason: `the BACKUP on line ${line + 1} was taken with no target-version in force`,
          },
    };
    this.backups.push(b);
    if (b.oldSyntax) {
      for (const u of b.uris) {
        const list = this.oldBackupsByUri.get(u);
        if (list) list.push(b);
        else this.oldBackupsByUri.set(u, [b]);
      }
    } else if (b.key !== undefined) {
      let group = this.backupsByKey.get(b.key);
      if (!group) this.backupsByKey.set(b.key, (group = { facts: [], majors: new Set() }));
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
        const k = collectionKey(c);
        const list = k === undefined ? undefined : this.oldBackupsByUri.get(k);
        const last = list?.[list.length - 1];
        if (last && (!newest || last.seq > newest.seq)) newest = last;
      }
    } else if (st.collectionKey !== undefined) {
      group = this.backupsByKey.get(st.collectionKey);
      newest = group?.facts[group.facts.length - 1];
    }
    const where = st.collections[0] ? `'${displayCollection(st.collections[0])}'` : 'this collection';
    const none: VersionFact = {
      source: 'none',
      reason:
        st.collectionKey === undefined && !st.oldSyntax
          ? 'no backup-version directive before it, and a placeholder collection matches no BACKUP'
          : `no backup-version directive and no BACKUP into ${where} before it`,
    };
    const explicitSubdir = !st.oldSyntax && st.locator !== undefined && st.locator.kind !== 'latest';
    if (explicitSubdir) {
      // A named backup: the directive in force, else the collection's BACKUPs when they agree.
      if (dir) return dir;
      if (!group) return none;
      const majors = group.majors;
      if (majors.size === 1 && !majors.has('?')) return group.facts[group.facts.length - 1].fact;
      return {
        source: 'none',
        reason: `the restore names one backup in ${where}, and the BACKUPs into it (lines ${group.facts
          .map((m) => (m.fact.line ?? 0) + 1)
          .join(', ')}) do not agree on one known version; add a backup-version directive`,
      };
    }
    const latest = newest?.fact;
    if (latest && dir) return (latest.offset ?? 0) > (dir.offset ?? 0) ? latest : dir;
    return latest ?? dir ?? none;
  }

  /** Where a quick fix for statement `index` inserts text, and what it may edit. */
  private placeOf(index: number, targetEntryInForce: DocumentAnalyzer['targetEntry']) {
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
    const prev = index > 0 ? this.statements[index - 1] : undefined;
    if (insertAt < lineStart || (prev && prev.region === st.region && prev.span.end > insertAt)) {
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

  private emit(
    rule: Rule,
    report: Report,
    start: number,
    end: number,
    ignores: ReadonlySet<string>,
    ignoreFix: () => Fix,
    statement?: number,
  ): void {
    if (ignores.has(rule.id)) return;
    const configured = this.opts.rules[rule.id] ?? rule.defaultSeverity;
    if (configured === 'off') return;
    let severity: Severity = configured;
    const cap: Severity | undefined = report.bypassed ? 'warning' : report.severityCap;
    if (cap && SEVERITY_RANK[cap] < SEVERITY_RANK[severity]) severity = cap;
    const lines = this.lines;
    const buildFixes = (): FindingFix[] => {
      const own = typeof report.fixes === 'function' ? report.fixes() : (report.fixes ?? []);
      return [...own, ignoreFix()].map((f) => ({
        title: f.title,
        edits: f.edits.map((e) => ({ range: lines.range(e.start, e.end), newText: e.newText })),
        preferred: f.preferred,
        unambiguous: f.unambiguous,
      }));
    };
    const finding = {
      rule: rule.id,
      severity,
      message: report.message,
      range: lines.range(start, end),
      start,
      end,
      docsPath: ruleDocsPath(rule.id),
      statement,
    } as Finding;
    // Fixes are built on first use: most findings of a keystroke's analysis are never asked
    // for a code action, and building every fix for every finding was a third of the work.
    let built: FindingFix[] | undefined;
    Object.defineProperty(finding, 'fixes', {
      enumerable: true,
      configurable: true,
      get: () => (built ??= buildFixes()),
      set: (v: FindingFix[]) => {
        built = v;
      },
    });
    this.findings.push(finding);
  }
}
