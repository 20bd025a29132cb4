// Lazy fix building: a finding keeps what its report came from and builds its fixes on first
// use. Most findings of a keystroke's analysis are never asked for a code action, and building
// every fix for every finding was a third of the work. This relies on the contract of rule
// checks (pure, stable report order) written in core/rules/ruleTypes.ts.
import type { AnalyzedDirective, Finding, FindingFix, Fix, RuleId } from '../analysisTypes';
import type { DirectiveEntry } from '../directives';
import type { Lookalike } from '../lookalikes';
import { ruleDocsPath } from '../rules';
import type { Range, Severity } from '../types';
import type { TargetEntry } from './scopeWalk';

/** What a finding's fixes are rebuilt from: the report's index, and the scope it was reported in. */
export interface FixOrigin {
  rule: RuleId;
  statement?: number;
  reportIndex: number;
  directive?: AnalyzedDirective;
  entry?: DirectiveEntry;
  targetEntry?: TargetEntry;
  mixedVersionLine?: number;
  lookalike?: Lookalike;
}

/** Rebuilds the fixes of a report (the rule runner: it runs the rule again on the same context). */
export interface FixSource {
  fixesOf(origin: FixOrigin): Fix[];
  rangeOf(start: number, end: number): Range;
}

/**
 * A finding whose fixes are built on first use. A class, so the lazy `fixes` costs no closures
 * per finding; the scope it was reported in is kept in its own fields, not in a separate object.
 */
export class LazyFixFinding implements Finding, FixOrigin {
  readonly docsPath: string;
  #built?: FindingFix[];
  #source?: FixSource;
  #reportIndex: number;
  #directive?: AnalyzedDirective;
  #entry?: DirectiveEntry;
  #targetEntry?: TargetEntry;
  #mixedVersionLine?: number;
  #lookalike?: Lookalike;

  constructor(
    source: FixSource,
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
    this.#source = source;
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

  /** A look-alike finding: the look-alike reported on. */
  fromLookalike(lookalike: Lookalike): void {
    this.#lookalike = lookalike;
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
  get lookalike(): Lookalike | undefined {
    return this.#lookalike;
  }

  get fixes(): FindingFix[] {
    if (this.#built === undefined) {
      const source = this.#source!;
      this.#built = source.fixesOf(this).map((f) => ({
        title: f.title,
        edits: f.edits.map((e) => ({ range: source.rangeOf(e.start, e.end), newText: e.newText })),
        preferred: f.preferred,
        unambiguous: f.unambiguous,
      }));
      this.#source = undefined; // what the fixes were built from is no longer needed
    }
    return this.#built;
  }

  set fixes(value: FindingFix[]) {
    this.#built = value;
    this.#source = undefined;
  }
}
