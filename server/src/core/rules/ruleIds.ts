import type { RuleId } from '../analysisTypes';

/** Every rule id, in the order of SPEC §5. */
export const ALL_RULE_IDS: readonly RuleId[] = [
  'restore-to-older-version',
  'restore-skips-release',
  'full-restore-mixed-version',
  'invalid-version',
  'invalid-directive-value',
  'unknown-version',
  'unknown-directive-key',
  'missing-version',
  'version-end-of-support',
  'removed-syntax',
  'incremental-location-removed',
  'placeholder-collection',
];
