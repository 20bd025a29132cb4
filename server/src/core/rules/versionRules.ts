// The compatibility rules of SPEC §2 applied to one RESTORE.
import { describeFact } from '../facts';
import {
  engineError,
  engineMinimumRestorable,
  FULL_RESTORE_UPGRADE_ERROR,
  supportedTargets,
  upgradePath,
  verdict,
} from '../policy';
import type { Catalog } from '../catalog/catalog';
import { NO_REPORTS, type Report, type RuleChecks, type StatementCheck, type StatementContext } from './ruleTypes';

const BYPASS_NOTE =
  'WITH unsafe_restore_incompatible_version skips CockroachDB\'s version check, but the combination stays unsupported. ';

function where(ctx: StatementContext): string {
  const { backup, target } = ctx.stmt;
  return `Backup version: ${describeFact(backup)}; target: ${describeFact(target)}.`;
}

/** One "set the target" fix per supported target; the newest released one is preferred. */
function retargetFixes(ctx: StatementContext, targets: readonly string[]) {
  const released = targets.filter((t) => {
    const ga = ctx.catalog.get(t)?.gaDate;
    return ga !== undefined && ga <= ctx.today;
  });
  const preferred = released[released.length - 1] ?? targets[targets.length - 1];
  return targets.map((t) => ctx.edit.setTarget(t, t === preferred));
}

function bypassed(ctx: StatementContext): boolean {
  return ctx.stmt.options.includes('unsafe_restore_incompatible_version');
}

export const restoreToOlderVersion: StatementCheck = {
  scope: 'statement',
  check(ctx) {
    const v = ctx.stmt.verdict;
    if (!v || v.kind !== 'older') return NO_REPORTS;
    const targets = supportedTargets(ctx.catalog, v.backup);
    const unsafe = bypassed(ctx);
    return [
      {
        message: (unsafe ? BYPASS_NOTE : '') + ctx.catalog.memo('older-text', v.backup, v.target, olderText) + where(ctx),
        bypassed: unsafe,
        fixes: () => retargetFixes(ctx, targets),
      },
    ];
  },
};

/** What restore-to-older-version says about a pair; the same for every statement with that pair. */
function olderText(catalog: Catalog, backup: string, target: string): string {
  const targets = supportedTargets(catalog, backup);
  return (
    `A ${backup} backup cannot be restored into older version ${target}; CockroachDB raises ` +
    `"${engineError(catalog, backup, target)}". A ${backup} backup restores into ${targets.join(', ')}. `
  );
}

export const restoreSkipsRelease: StatementCheck = {
  scope: 'statement',
  check(ctx) {
    const v = ctx.stmt.verdict;
    if (!v || v.kind !== 'skips') return NO_REPORTS;
    const targets = supportedTargets(ctx.catalog, v.backup);
    const path = upgradePath(ctx.catalog, v.backup, v.target);
    const unsafe = bypassed(ctx);
    const fixes = () => [...retargetFixes(ctx, targets), ...(path.length > 2 ? [ctx.edit.upgradePath(path)] : [])];
    const report: Report = {
      message: (unsafe ? BYPASS_NOTE : '') + ctx.catalog.memo('skip-text', v.backup, v.target, skipText) + where(ctx),
      bypassed: unsafe,
      fixes,
    };
    return [report];
  },
};

/** What restore-skips-release says about a pair; the same for every statement with that pair. */
function skipText(catalog: Catalog, backup: string, target: string): string {
  const v = verdict(catalog, backup, target);
  const targets = supportedTargets(catalog, backup);
  const path = upgradePath(catalog, backup, target);
  const err = engineError(catalog, backup, target);
  const min = engineMinimumRestorable(catalog, target);
  // Quote the engine only where it raises an error; say it will not stop the restore only
  // where its minimum restorable version is known (an uncatalogued target: say nothing).
  const engine = err
    ? `CockroachDB ${target} raises "${err}".`
    : min
      ? `CockroachDB ${target} will not stop it (its minimum restorable version is ${min}), but the policy does not support it.`
      : '';
  const skipped = v.skippedRegulars;
  return (
    `Restoring a ${backup} backup into ${target} skips regular release${skipped.length > 1 ? 's' : ''} ` +
    `${skipped.join(', ')}. A ${backup} backup restores into ${targets.join(', ')}. ${engine ? engine + ' ' : ''}` +
    `Upgrade path: ${path.join(' → ')}. `
  );
}

export const fullRestoreMixedVersion: StatementCheck = {
  scope: 'statement',
  check(ctx) {
    const s = ctx.stmt;
    if (s.kind !== 'restore' || s.restoreTarget !== 'cluster' || !s.mixedVersion) return NO_REPORTS;
    // Finalizing moves the cluster to the binaries' version when evidence knows it.
    const target = s.upgradingTo ?? s.target?.version?.major;
    const at = s.mixedBy !== undefined ? ` (${s.mixedBy})` : ctx.mixedVersionLine === undefined ? '' : ` (mixed-version set on line ${ctx.mixedVersionLine})`;
    return [
      {
        message:
          `Full-cluster RESTORE while the cluster is mid-upgrade${at} fails: CockroachDB raises ` +
          `"${FULL_RESTORE_UPGRADE_ERROR}". Finalize the upgrade first` +
          (target ? ` (SET CLUSTER SETTING version = '${target}';)` : '') +
          ', or restore specific databases or tables.',
        fixes: () => [ctx.edit.finalizeUpgrade(target)],
      },
    ];
  },
};

export const missingVersion: StatementCheck = {
  scope: 'statement',
  check(ctx) {
    const s = ctx.stmt;
    if (s.kind !== 'restore') return NO_REPORTS;
    const missing: string[] = [];
    if (!s.backup?.version) missing.push(`the backup version is unknown (${s.backup?.reason ?? 'not stated'})`);
    if (!s.target?.version) missing.push(`the target version is unknown (${s.target?.reason ?? 'not stated'})`);
    if (missing.length === 0) return NO_REPORTS;
    return [
      {
        message:
          `This RESTORE cannot be checked: ${missing.join('; ')}. State it with a directive ` +
          '(`crdb: backup-version=… target-version=…`), a BACKUP into the same collection earlier in the ' +
          'document, or the defaultTargetVersion setting.',
        fixes: () => [ctx.edit.versionTemplate(s.backup?.version?.major, s.target?.version?.major, ctx.fallbackVersion)],
      },
    ];
  },
};

/** This file's checks by rule id (their ids, severities and titles are in ruleTable.ts). */
export const VERSION_CHECKS = {
  'restore-to-older-version': restoreToOlderVersion,
  'restore-skips-release': restoreSkipsRelease,
  'full-restore-mixed-version': fullRestoreMixedVersion,
  'missing-version': missingVersion,
} satisfies RuleChecks;
