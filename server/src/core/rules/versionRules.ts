// The compatibility rules of docs/behaviour.md#compatibility-rule applied to one RESTORE.
import {
  supportedTargets,
  upgradePath,
  verdict,
} from '../policy';
import type { Catalog } from '../catalog/catalog';
import { describeFact } from '../facts';
import { NO_REPORTS, type Report, type RuleChecks, type StatementCheck, type StatementContext } from './ruleTypes';

/** Problems panel messages are one sentence of at most this many characters; details go to hover and related information. */
export const MESSAGE_MAX = 120;

const BYPASS = 'unsafe_restore_incompatible_version';

/** The first candidate that fits MESSAGE_MAX (the last one is short enough by construction). */
function fitting(...candidates: string[]): string {
  return candidates.find((c) => c.length <= MESSAGE_MAX) ?? candidates[candidates.length - 1];
}

/**
 * One "set the target" fix per supported target, in version order. None is preferred: which
 * cluster to run on is the user's choice, and VS Code lists a preferred fix first, which broke
 * the order.
 */
function retargetFixes(ctx: StatementContext, targets: readonly string[]) {
  const previous = ctx.stmt.target?.version?.text;
  return previous === undefined ? [] : targets.map((t) => ctx.edit.runOn(t, previous));
}

/**
 * A backup version from outside the document (another file's BACKUP, the collections setting)
 * has no line here for relatedInformation to point to: the message names where it came from.
 */
function fromElsewhere(ctx: StatementContext): string {
  const b = ctx.stmt.backup;
  return b && (b.source === 'workspace-backup' || b.source === 'collections-setting') ? ` Backup version: ${describeFact(b)}.` : '';
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
        message: ctx.catalog.memo(unsafe ? 'older-text-bypassed' : 'older-text', v.backup, v.target, unsafe ? olderBypassedText : olderText) + fromElsewhere(ctx),
        bypassed: unsafe,
        fixes: () => retargetFixes(ctx, targets),
      },
    ];
  },
};

/** What restore-to-older-version says about a pair; the same for every statement with that pair. */
function olderText(catalog: Catalog, backup: string, target: string): string {
  const targets = supportedTargets(catalog, backup).join(', ');
  return fitting(
    `A ${backup} backup cannot be restored into older version ${target} (supported targets: ${targets}).`,
    `A ${backup} backup cannot be restored into older version ${target}.`,
  );
}

function olderBypassedText(_catalog: Catalog, backup: string, target: string): string {
  return `A ${backup} backup cannot be restored into older version ${target}, even with ${BYPASS}.`;
}

export const restoreSkipsRelease: StatementCheck = {
  scope: 'statement',
  check(ctx) {
    const v = ctx.stmt.verdict;
    if (!v || v.kind !== 'skips') return NO_REPORTS;
    const targets = supportedTargets(ctx.catalog, v.backup);
    const path = upgradePath(ctx.catalog, v.backup, v.target);
    const unsafe = bypassed(ctx);
    const fixes = () => {
      const through = path.length > 2 && ctx.stmt.target?.version ? ctx.edit.restoreThrough(path, ctx.stmt.target.version.text, ctx.stmt) : undefined;
      return [...(through ? [through] : []), ...retargetFixes(ctx, targets)];
    };
    const report: Report = {
      message: ctx.catalog.memo(unsafe ? 'skip-text-bypassed' : 'skip-text', v.backup, v.target, unsafe ? skipBypassedText : skipText) + fromElsewhere(ctx),
      bypassed: unsafe,
      fixes,
    };
    return [report];
  },
};

/** "regular release 24.1", "regular releases 25.4, 26.2", or, when many, "6 regular releases (23.1 to 25.4)". */
function skippedWording(skipped: readonly string[], short: boolean): string {
  if (skipped.length === 1) return `regular release ${skipped[0]}`;
  if (short && skipped.length > 2) return `${skipped.length} regular releases (${skipped[0]} to ${skipped[skipped.length - 1]})`;
  return `regular releases ${skipped.join(', ')}`;
}

/** What restore-skips-release says about a pair; the same for every statement with that pair. */
function skipText(catalog: Catalog, backup: string, target: string): string {
  const skipped = verdict(catalog, backup, target).skippedRegulars;
  const targets = supportedTargets(catalog, backup).join(', ');
  const head = (short: boolean) => `Restoring a ${backup} backup into ${target} skips ${skippedWording(skipped, short)}`;
  return fitting(`${head(false)} (supported targets: ${targets}).`, `${head(false)}.`, `${head(true)}.`);
}

function skipBypassedText(catalog: Catalog, backup: string, target: string): string {
  const skipped = verdict(catalog, backup, target).skippedRegulars;
  const head = (short: boolean) => `Restoring a ${backup} backup into ${target} skips ${skippedWording(skipped, short)}`;
  return fitting(`${head(false)}, unsupported even with ${BYPASS}.`, `${head(true)}, unsupported even with ${BYPASS}.`, `${head(true)}.`);
}

export const fullRestoreMixedVersion: StatementCheck = {
  scope: 'statement',
  check(ctx) {
    const s = ctx.stmt;
    if (s.kind !== 'restore' || s.restoreTarget !== 'cluster' || !s.mixedVersion) return NO_REPORTS;
    // Finalizing moves the cluster to the binaries' version when evidence knows it.
    const target = s.upgradingTo ?? s.target?.version?.major;
    // mid-upgrade to 24.3 (inferred): the evidence behind it (binaries, line, held version) is in the hover.
    const at = s.mixedBy !== undefined ? (s.upgradingTo !== undefined ? ` to ${s.upgradingTo} (inferred)` : ' (inferred)') : ctx.mixedVersionLine === undefined ? '' : ` (mixed-version on line ${ctx.mixedVersionLine})`;
    return [
      {
        message: `Full-cluster RESTORE fails while the cluster is mid-upgrade${at}; finalize the upgrade first.`,
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
    const backupKnown = !!s.backup?.version;
    const targetKnown = !!s.target?.version;
    if (backupKnown && targetKnown) return NO_REPORTS;
    const what = !backupKnown && !targetKnown ? 'backup and target versions are' : !backupKnown ? 'backup version is' : 'target version is';
    return [
      {
        message: `This RESTORE cannot be checked: its ${what} unknown.`,
        fixes: () => [ctx.edit.versionTemplate(s.backup?.version?.text, s.target?.version?.text)],
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
