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
import { incrementalLocationRemoved, removedSyntax } from './syntaxRules';
import { fullRestoreMixedVersion, missingVersion, restoreSkipsRelease, restoreToOlderVersion } from './versionRules';

export { ALL_RULE_IDS } from './ruleIds';
export type { Rule } from './ruleTypes';

export const STATEMENT_RULES: readonly StatementRule[] = [
  restoreToOlderVersion,
  restoreSkipsRelease,
  fullRestoreMixedVersion,
  missingVersion,
  removedSyntax,
  incrementalLocationRemoved,
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

export function ruleDocsPath(id: RuleId): string {
  // One string per rule, not one per finding.
  let path = docsPaths.get(id);
  if (path === undefined) docsPaths.set(id, (path = `docs/rules/${id}.md`));
  return path;
}
const docsPaths = new Map<RuleId, string>();
