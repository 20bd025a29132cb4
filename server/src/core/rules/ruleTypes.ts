// Rules are data (as in ESLint and markdownlint): an id, a default severity, the text of its
// documentation (all three in ruleTable.ts), and a check (in a group file: versionRules.ts,
// directiveRules.ts, syntaxRules.ts, lookalikeRules.ts). The analyzer owns scope and inference; a check only
// looks at one statement (with the facts inferred for it) or one directive entry, and reports.
import type { AnalyzedStatement, Fix, RuleId } from '../analysisTypes';
import type { Catalog } from '../catalog/catalog';
import type { Directive, DirectiveEntry } from '../directives';
import type { Lookalike } from '../lookalikes';
import type { StatementEditor } from '../fixes/statementEditor';
import type { DirectiveEditor } from '../fixes/directiveEditor';
import type { Severity } from '../types';

export interface Report {
  message: string;
  /** Document span; defaults to the statement's range (statement rules) or the entry's value. */
  start?: number;
  end?: number;
  /** The repairs offered; a function when building them costs more than a finding that is never acted on. */
  fixes?: Fix[] | (() => Fix[]);
  /**
   * Set on version findings for a RESTORE WITH unsafe_restore_incompatible_version: the
   * severity is capped at warning (docs/behaviour.md#the-unsafe-bypass-option).
   */
  bypassed?: boolean;
  /** The finding is at most this severe (deprecations are warnings, docs/behaviour.md#rules). */
  severityCap?: Severity;
}

/** What a check returns when it has nothing to report: one shared empty list, never mutated. */
export const NO_REPORTS: readonly Report[] = Object.freeze([]);

/** A rule's entry in the rule table (ruleTable.ts). */
interface RuleBase {
  id: RuleId;
  defaultSeverity: Severity;
  /** One line, shown in hovers, docs and the CLI's rule list. */
  title: string;
  /** What the rule reports (the rules tables of the docs). */
  summary: string;
}

export interface StatementContext {
  stmt: AnalyzedStatement;
  catalog: Catalog;
  today: string;
  /** 1-based line of the `mixed-version` directive in force, if any. */
  mixedVersionLine?: number;
  edit: StatementEditor;
  /** Version a template fills in when neither side is known (newest released regular version). */
  fallbackVersion: string;
}

export interface StatementCheck {
  scope: 'statement';
  check(ctx: StatementContext): readonly Report[];
}

export interface EntryContext {
  directive: Directive;
  entry: DirectiveEntry;
  catalog: Catalog;
  today: string;
  edit: DirectiveEditor;
}

export interface DirectiveCheck {
  scope: 'directive-entry';
  check(ctx: EntryContext): readonly Report[];
}

/** A directive look-alike (core/lookalikes.ts): text that reads like a directive but is not one. */
export interface LookalikeContext {
  lookalike: Lookalike;
}

export interface LookalikeCheck {
  scope: 'lookalike';
  check(ctx: LookalikeContext): readonly Report[];
}

export type RuleCheck = StatementCheck | DirectiveCheck | LookalikeCheck;

/** The checks a group file defines, by rule id (index.ts joins them with the rule table). */
export type RuleChecks = { readonly [K in RuleId]?: RuleCheck };

export interface StatementRule extends RuleBase, StatementCheck {}
export interface DirectiveRule extends RuleBase, DirectiveCheck {}
export interface LookalikeRule extends RuleBase, LookalikeCheck {}

/**
 * A rule: data plus a check. The contract every `check` keeps, which lazy fixes rely on
 * (core/analyzer/lazyFixFinding.ts):
 *
 * - **Pure.** A check reads only its context (the statement with its facts, or the directive
 *   entry, the catalog, today) and changes nothing: no state kept between calls, no clock, no
 *   randomness. Building a report's `fixes` changes nothing either.
 * - **Stable order.** Given the same context, a check returns the same reports in the same
 *   order, every time.
 *
 * A finding keeps only its rule, the index of its report and the scope it was reported in; its
 * fixes are built when first asked for by running the check again on an equal context and taking
 * the report at that index. A check that broke either point would attach another report's fixes
 * to a finding. test/core/rulePurity.test.ts runs every check twice on the same contexts.
 */
export type Rule = StatementRule | DirectiveRule | LookalikeRule;
