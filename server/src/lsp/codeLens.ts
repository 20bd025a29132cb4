// Code lenses above each RESTORE: the verdict at a glance, and what clicking does (apply the
// statement's preferred quick fix, or explain the verdict). Pure: takes an Analysis;
// insightHandlers.ts turns the specs into LSP CodeLenses whose commands carry the document
// version, and codeActionHandlers.ts runs those commands.
import type { Analysis, AnalyzedStatement, Finding, RuleId } from '../core/analysisTypes';
import type { Catalog } from '../core/catalog/catalog';
import { factOrigin, inferredTarget } from '../core/facts';
import { isSupported, supportedTargets, upgradePath } from '../core/policy';
import type { Range } from '../core/types';

export type LensAction = { kind: 'fix'; rule: RuleId } | { kind: 'explain' };

export interface LensSpec {
  /** Index into Analysis.statements. */
  statement: number;
  /** The RESTORE's first line (keyword through end of line). */
  range: Range;
  title: string;
  action: LensAction;
}

/** One lens per RESTORE, plus one for a full-cluster RESTORE while mid-upgrade. */
export function codeLensesFor(analysis: Analysis, catalog: Catalog): LensSpec[] {
  const out: LensSpec[] = [];
  // A runbook repeats the same few version pairs: work each one out once.
  const nextHop = new Map<string, string>();
  const next = (b: string, t: string) => {
    const key = `${b} ${t}`;
    let hop = nextHop.get(key);
    if (hop === undefined) {
      hop = upgradePath(catalog, b, t)[1] ?? supportedTargets(catalog, b).at(-1) ?? b;
      nextHop.set(key, hop);
    }
    return hop;
  };
  analysis.statements.forEach((st, i) => {
    if (st.kind !== 'restore') return;
    const lens = verdictLens(st, next);
    // Where an inferred target came from, so a lens never shows a version without its source.
    const inferred = inferredTarget(st.target);
    out.push({ statement: i, range: st.range, ...lens, title: inferred ? `${lens.title} · ${inferred}` : lens.title });
    if (st.restoreTarget === 'cluster' && st.mixedVersion) {
      out.push({ statement: i, range: st.range, title: '✗ full-cluster restore mid-upgrade: finalize first', action: { kind: 'fix', rule: 'full-restore-mixed-version' } });
    }
  });
  return out;
}

function verdictLens(st: AnalyzedStatement, nextHop: (b: string, t: string) => string): { title: string; action: LensAction } {
  const b = st.backup?.version?.major;
  const t = st.target?.version?.major;
  const v = st.verdict;
  if (!b || !t || !v) {
    const what = !b && !t ? 'backup and target versions unknown' : !b ? 'backup version unknown' : 'target version unknown';
    return { title: `? ${what}`, action: { kind: 'fix', rule: 'missing-version' } };
  }
  if (isSupported(v)) return { title: `✓ ${b} → ${t} supported`, action: { kind: 'explain' } };
  if (v.kind === 'older') return { title: `✗ ${b} → ${t}: older target`, action: { kind: 'fix', rule: 'restore-to-older-version' } };
  return { title: `✗ ${b} → ${t}: restore into ${nextHop(b, t)} first`, action: { kind: 'fix', rule: 'restore-skips-release' } };
}

/** The finding whose fixes a lens offers. */
export function lensFinding(analysis: Analysis, statement: number, rule: string): Finding | undefined {
  return analysis.findings.find((f) => f.statement === statement && f.rule === rule);
}

/** Plain-text explanation of a RESTORE's verdict (window/showMessage for clients without a hover command). */
export function explainStatement(st: AnalyzedStatement, catalog: Catalog): string {
  const b = st.backup?.version?.major;
  const t = st.target?.version?.major;
  const from = (f: AnalyzedStatement['backup']) => (f?.version ? factOrigin(f) : (f?.reason ?? 'unknown'));
  const facts = `Backup version ${b ?? 'unknown'} (${from(st.backup)}); target version ${t ?? 'unknown'} (${from(st.target)}).`;
  const v = st.verdict;
  if (!v || !b) return `This RESTORE cannot be checked. ${facts}`;
  const targets = supportedTargets(catalog, b).join(', ');
  if (isSupported(v)) {
    return (
      `RESTORE ${b} → ${t} is supported: a ${b} backup restores into ${targets} ` +
      `(its own version and every later release up to and including the next regular release; innovation releases may be skipped). ${facts}`
    );
  }
  if (v.kind === 'older') return `RESTORE ${b} → ${t} is not supported: ${t} is older than ${b}. A ${b} backup restores into ${targets}. ${facts}`;
  return (
    `RESTORE ${b} → ${t} is not supported: it skips regular release ${v.skippedRegulars.join(', ')}. ` +
    `A ${b} backup restores into ${targets}. Upgrade path: ${upgradePath(catalog, b, t!).join(' → ')}. ${facts}`
  );
}
