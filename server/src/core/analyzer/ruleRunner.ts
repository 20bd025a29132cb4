// Running rules: the statement rules on each statement and the directive rules on each
// directive entry, as the scope walk reaches them, and the look-alike rules on each look-alike; the configured severity, the caps a report
// sets, and `ignore=`. A report becomes a finding whose fixes are built on first use.
import type { AnalyzedDirective, AnalyzedStatement, AnalyzeOptions, Finding, Fix } from '../analysisTypes';
import type { Catalog } from '../catalog/catalog';
import type { DirectiveEntry } from '../directives';
import { DirectiveEditor } from '../fixes/directiveEditor';
import { StatementEditor, type StatementLocator } from '../fixes/statementEditor';
import type { LineIndex } from '../lineIndex';
import type { Lookalike } from '../lookalikes';
import { DIRECTIVE_RULES, LOOKALIKE_RULES, RULES, STATEMENT_RULES } from '../rules';
import type { DirectiveRule, EntryContext, LookalikeRule, Report, Rule, StatementContext, StatementRule } from '../rules/ruleTypes';
import type { Range, Severity } from '../types';
import { LazyFixFinding, type FixOrigin, type FixSource } from './lazyFixFinding';
import type { TargetEntry } from './scopeWalk';

const NO_IGNORES: ReadonlySet<string> = new Set();

const SEVERITY_RANK: Record<Severity, number> = { hint: 0, information: 1, warning: 2, error: 3 };

export class RuleRunner implements FixSource {
  readonly findings: Finding[] = [];
  private fallback?: string;

  constructor(
    private readonly text: string,
    private readonly eol: string,
    private readonly lines: LineIndex,
    private readonly opts: AnalyzeOptions,
    private readonly statements: readonly AnalyzedStatement[],
    private readonly locator: StatementLocator<TargetEntry | undefined>,
  ) {}

  /** Runs the directive rules on one entry; `ownIgnores` are the directive's own `ignore=` ids. */
  checkEntry(d: AnalyzedDirective, entry: DirectiveEntry, ownIgnores: ReadonlySet<string>): void {
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
  }

  /** Runs the statement rules on statement `index` (its facts already set by the walk). */
  checkStatement(index: number, ignores: ReadonlySet<string>, targetEntry: TargetEntry | undefined, mixedVersionLine: number | undefined): void {
    const st = this.statements[index];
    // The target-version entry in force now decides whether a fix edits it in place; where the
    // fix goes is worked out only if a fix is asked for.
    const ctx = this.statementContext(index, targetEntry, mixedVersionLine);
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
        if (f) f.fromStatement(targetEntry, mixedVersionLine);
      }
    }
  }

  /**
   * Runs the look-alike rules on one look-alike. No `ignore=` reaches it (it belongs to no
   * statement or directive); the `rules` setting turns it off.
   */
  checkLookalike(lookalike: Lookalike): void {
    for (let i = 0; i < LOOKALIKE_RULES.length; i++) {
      const rule = LOOKALIKE_RULES[i];
      const reports = rule.check({ lookalike });
      for (let j = 0; j < reports.length; j++) {
        const r = reports[j];
        const f = this.emit(rule, r, r.start ?? lookalike.start, r.end ?? lookalike.end, NO_IGNORES, j);
        if (f) f.fromLookalike(lookalike);
      }
    }
  }

  /**
   * The fixes of a finding, rebuilt when first asked for: the rule runs again on the context it
   * reported in (the statement's facts are final, the scope in force is kept in the finding).
   * Keeping every report, closure and context alive for fixes that are rarely asked for was a
   * sixth of an analysis' memory.
   */
  fixesOf(origin: FixOrigin): Fix[] {
    const rule = RULES.get(origin.rule)!;
    if (origin.lookalike) {
      // Nothing to "ignore for this statement": a look-alike belongs to none.
      const report = (rule as LookalikeRule).check({ lookalike: origin.lookalike })[origin.reportIndex];
      return report === undefined ? [] : typeof report.fixes === 'function' ? report.fixes() : (report.fixes ?? []);
    }
    let report: Report | undefined;
    let editor: { ignore(ruleId: string): Fix };
    if (origin.directive) {
      // One entry can report thousands of times (`ignore=,,,,…`): its reports are checked once
      // and kept for its other findings, not checked again per finding (that was quadratic).
      const checked = this.entryReportsOf(origin.directive, origin.entry!, rule as DirectiveRule);
      report = checked.reports[origin.reportIndex];
      editor = checked.edit;
    } else {
      const ctx = this.statementContext(origin.statement!, origin.targetEntry, origin.mixedVersionLine);
      report = (rule as StatementRule).check(ctx)[origin.reportIndex];
      editor = ctx.edit;
    }
    const own = report === undefined ? [] : typeof report.fixes === 'function' ? report.fixes() : (report.fixes ?? []);
    return [...own, editor.ignore(origin.rule)];
  }

  /** The reports of `rule` on one directive entry, checked on first use and kept (only entries whose fixes are asked for). */
  private entryReportsOf(d: AnalyzedDirective, entry: DirectiveEntry, rule: DirectiveRule): { reports: readonly Report[]; edit: DirectiveEditor } {
    this.entryReports ??= new Map();
    let byRule = this.entryReports.get(entry);
    if (!byRule) this.entryReports.set(entry, (byRule = new Map()));
    let checked = byRule.get(rule.id);
    if (!checked) {
      const ctx = this.entryContext(d, entry);
      checked = { reports: rule.check(ctx), edit: ctx.edit };
      byRule.set(rule.id, checked);
    }
    return checked;
  }
  private entryReports?: Map<DirectiveEntry, Map<string, { reports: readonly Report[]; edit: DirectiveEditor }>>;

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

  private entryContext(d: AnalyzedDirective, entry: DirectiveEntry): EntryContext {
    return new EntryCtx(d, entry, this.opts.catalog, this.opts.today, this.text, this.eol);
  }

  private statementContext(index: number, targetEntry: TargetEntry | undefined, mixedVersionLine: number | undefined): StatementContext {
    this.fallback ??= fallbackVersion(this.opts);
    return new StatementCtx(this.statements[index], this.opts.catalog, this.opts.today, mixedVersionLine, this.fallback, this.locator, index, targetEntry);
  }
}

/** The version a template fills in when nothing is known: the newest released regular version. */
function fallbackVersion(opts: AnalyzeOptions): string {
  const rel = [...opts.catalog.releases].reverse().find((r) => r.type === 'regular' && r.gaDate && r.gaDate <= opts.today);
  return rel?.version ?? opts.catalog.releases[opts.catalog.releases.length - 1]?.version ?? '24.1';
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
