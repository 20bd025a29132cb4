// The rules the analyzer runs: each entry of the rule table (ruleTable.ts) joined with its check
// (from a group file). Table order is the order findings of one place are reported in.
import { DIRECTIVE_CHECKS } from './directiveRules';
import { LOOKALIKE_CHECKS } from './lookalikeRules';
import { ALL_RULE_IDS, RULE_TABLE, ruleDocsFile, type RuleId } from './ruleTable';
import type { DirectiveRule, LookalikeRule, Rule, RuleCheck, StatementRule } from './ruleTypes';
import { SYNTAX_CHECKS } from './syntaxRules';
import { VERSION_CHECKS } from './versionRules';

export { ALL_RULE_IDS, RULE_TABLE } from './ruleTable';
export type { RuleId } from './ruleTable';
export type { Rule } from './ruleTypes';

/** Every rule id's check; a table entry without one (or a check for an unknown id) does not compile. */
const CHECKS: { readonly [K in RuleId]: RuleCheck } = { ...VERSION_CHECKS, ...DIRECTIVE_CHECKS, ...SYNTAX_CHECKS, ...LOOKALIKE_CHECKS };

const ALL_RULES: readonly Rule[] = RULE_TABLE.map((entry) => ({ ...entry, ...CHECKS[entry.id] }) as Rule);

export const STATEMENT_RULES: readonly StatementRule[] = ALL_RULES.filter((r): r is StatementRule => r.scope === 'statement');

export const DIRECTIVE_RULES: readonly DirectiveRule[] = ALL_RULES.filter((r): r is DirectiveRule => r.scope === 'directive-entry');

export const LOOKALIKE_RULES: readonly LookalikeRule[] = ALL_RULES.filter((r): r is LookalikeRule => r.scope === 'lookalike');

/** By id: statement rules first, then directive rules, then look-alike rules (the order of completion lists, `--list-rules` and SARIF). */
export const RULES: ReadonlyMap<RuleId, Rule> = new Map<RuleId, Rule>(
  [...STATEMENT_RULES, ...DIRECTIVE_RULES, ...LOOKALIKE_RULES].map((r) => [r.id, r]),
);

/** Path of a rule's documentation page: one string per rule (a table, not one string per finding). */
export function ruleDocsPath(id: RuleId): string {
  return DOCS_PATHS.get(id) ?? ruleDocsFile(id);
}
const DOCS_PATHS: ReadonlyMap<RuleId, string> = new Map(ALL_RULE_IDS.map((id) => [id, ruleDocsFile(id)]));
