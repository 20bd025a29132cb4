// The compatibility rule (docs/behaviour.md#compatibility-rule) over a catalog: which targets a backup restores into,
// the verdict for a pair, the shortest upgrade path, and what CockroachDB's own check does.
//
// The whole rule fits one sentence: a backup taken on B restores into B and every later
// release up to and including the first regular release after B. Equivalently, B → T is
// supported when T ≥ B and no catalogued regular release lies strictly between them; that
// form also decides pairs where one side is not catalogued (docs/behaviour.md#versions-missing-from-the-catalog).
import type { Catalog } from './catalog/catalog';
import { compareMajors } from './versions';

export type VerdictKind = 'same' | 'supported' | 'older' | 'skips';

export interface Verdict {
  kind: VerdictKind;
  backup: string;
  target: string;
  /** Regular releases strictly between backup and target (non-empty exactly when `skips`). */
  skippedRegulars: string[];
}

export function isSupported(v: Verdict): boolean {
  return v.kind === 'same' || v.kind === 'supported';
}

export function verdict(catalog: Catalog, backup: string, target: string): Verdict {
  return catalog.memo('verdict', backup, target, computeVerdict);
}

function computeVerdict(catalog: Catalog, backup: string, target: string): Verdict {
  const c = compareMajors(target, backup);
  if (c === 0) return { kind: 'same', backup, target, skippedRegulars: [] };
  if (c < 0) return { kind: 'older', backup, target, skippedRegulars: [] };
  const skipped = catalog.regularsBetween(backup, target).map((r) => r.version);
  return { kind: skipped.length > 0 ? 'skips' : 'supported', backup, target, skippedRegulars: skipped };
}

/** Targets a backup taken on `backup` restores into: itself, then catalogued releases up to the first regular one. */
export function supportedTargets(catalog: Catalog, backup: string): readonly string[] {
  return catalog.memo('targets', backup, '', computeSupportedTargets);
}

function computeSupportedTargets(catalog: Catalog, backup: string): string[] {
  return [backup, ...catalog.afterThroughNextRegular(backup).map((r) => r.version)];
}

/**
 * The shortest chain of restore-then-backup hops from `backup` to `target` (both ends
 * included). From each version the farthest supported target not past `target` is the next
 * regular release (nothing past it is supported), so the chain is the backup, every regular
 * release strictly between, and the target: O(log n + hops) on the indexed catalog.
 * Only meaningful for target > backup; a supported pair gives `[backup, target]`.
 */
export function upgradePath(catalog: Catalog, backup: string, target: string): readonly string[] {
  return catalog.memo('path', backup, target, computeUpgradePath);
}

function computeUpgradePath(catalog: Catalog, backup: string, target: string): string[] {
  if (compareMajors(target, backup) < 0) return [];
  const path = [backup, ...verdict(catalog, backup, target).skippedRegulars];
  if (compareMajors(path[path.length - 1], target) !== 0) path.push(target);
  return path;
}

/**
 * The minimum restorable version CockroachDB binary `target` enforces (its MinSupported):
 * innovation releases accept the previous release; regular releases from 24.1 on keep a
 * two-release window (24.1 → 23.1, 24.3 → 24.1, 25.2 → 24.3); older ones the previous release.
 * Undefined when `target` or its predecessors are not catalogued.
 */
export function engineMinimumRestorable(catalog: Catalog, target: string): string | undefined {
  return catalog.memo('min', target, '', computeEngineMinimum);
}

function computeEngineMinimum(catalog: Catalog, target: string): string | undefined {
  const rel = catalog.get(target);
  const prev = catalog.previous(target);
  if (!rel || !prev) return undefined;
  if (rel.type === 'innovation' || compareMajors(target, '24.1') < 0) return prev.version;
  return (catalog.previous(prev.version) ?? prev).version;
}

/** The error CockroachDB raises for this pair, or undefined where the engine accepts it. */
export function engineError(catalog: Catalog, backup: string, target: string): string | undefined {
  if (compareMajors(backup, target) > 0) return `backup from version ${backup} is newer than current version ${target}`;
  const min = engineMinimumRestorable(catalog, target);
  if (min !== undefined && compareMajors(backup, min) < 0) {
    return `backup from version ${backup} is older than the minimum restorable version ${min}`;
  }
  return undefined;
}

export const FULL_RESTORE_UPGRADE_ERROR = 'cluster restore not supported during major version upgrade';

export const POLICY_URL = 'https://www.cockroachlabs.com/docs/stable/restoring-backups-across-versions';

