// The rule table. Order here is the order findings of one place are reported in.
import type { RuleId } from '../analysisTypes';
import {
  invalidDirectiveValue,
  invalidVersion,
  unknownDirectiveKey,
  unknownVersion,
  versionEndOfSupport,
} from './directiveRules';
import type { DirectiveRule, Rule, StatementRule } from './ruleTypes';
import { incrementalLocationRemoved, placeholderCollection, removedSyntax } from './syntaxRules';
import { fullRestoreMixedVersion, missingVersion, restoreSkipsRelease, restoreToOlderVersion } from './versionRules';

import { ALL_RULE_IDS } from './ruleIds';
export { ALL_RULE_IDS };
export type { Rule } from './ruleTypes';

export const STATEMENT_RULES: readonly StatementRule[] = [
  restoreToOlderVersion,
  restoreSkipsRelease,
  fullRestoreMixedVersion,
  missingVersion,
  removedSyntax,
  incrementalLocationRemoved,
  placeholderCollection,
];

export const DIRECTIVE_RULES: readonly DirectiveRule[] = [
  unknownDirectiveKey,
  invalidVersion,
  invalidDirectiveValue,
  unknownVersion,
  versionEndOfSupport,
];

export const RULES: ReadonlyMap<RuleId, Rule> = new Map<RuleId, Rule>(
  [...STATEMENT_RULES, ...DIRECTIVE_RULES].map((r) => [r.id, r]),
);

/** Path of a rule's documentation page: one string per rule (a table, not one string per finding). */
export function ruleDocsPath(id: RuleId): string {
  return DOCS_PATHS.get(id) ?? `docs/rules/${id}.md`;
}
const DOCS_PATHS: ReadonlyMap<RuleId, string> = new Map(ALL_RULE_IDS.map((id) => [id, `docs/rules/${id}.md`]));
