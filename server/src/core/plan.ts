// Planning a restore across versions: the chain of restore-then-backup steps from the version
// a backup was taken on to the version it must end up in (docs/behaviour.md#compatibility-rule, the upgrade path), written out
// as a runbook section with directives, in markdown or SQL. Pure: no LSP, no I/O. The server's
// `crdbRestoreGuard/plan` request and the "Plan a restore across versions" command use it.
import type { Catalog } from './catalog/catalog';
import { POLICY_URL, upgradePath, verdict } from './policy';
import { compareMajors, parseVersion } from './versions';

export type PlanForm = 'markdown' | 'sql';

export interface PlanOptions {
  /** Version the existing backup was taken on (`22.2`, `v22.2.19`: the major version counts). */
  backup: string;
  /** Version of the cluster the data must end up on. */
  target: string;
  /** `markdown`: heading, prose, HTML-comment directives and ```sql fences; `sql`: `-- crdb:` comments and statements. */
  form: PlanForm;
  /** Markdown: level of the plan's heading (1–6, default 2); each step's heading is one deeper. */
  headingLevel?: number;
  /** Line break to use (default `\n`). */
  eol?: string;
  /** Where the existing backup is; default a placeholder to edit. */
  sourceCollection?: string;
  /** A `mixed-version` directive is in force where the plan goes: the first step resets it (each step runs on a finalized cluster). */
  resetMixedVersion?: boolean;
}

export interface PlanStep {
  /** Version of the backup this step restores. */
  from: string;
  /** Version of the cluster the step runs on (its `target-version`). */
  on: string;
  /** Collection the step restores from. */
  restoreFrom: string;
  /** Collection the step backs up into; undefined for the last step. */
  backupInto?: string;
}

export interface RestorePlan {
  backup: string;
  target: string;
  /** Every version the data passes through, both ends included: `22.2, 23.1, …, 26.2`. */
  hops: string[];
  steps: PlanStep[];
  /** Innovation releases between backup and target that the plan skips. */
  skippedInnovation: string[];
  /** Short description, e.g. `Restore a 22.2 backup into 26.2 (7 steps)`. */
  title: string;
  /** The runbook section, ending with a line break. */
  text: string;
}

export type PlanResult = { ok: true; plan: RestorePlan } | { ok: false; error: string };

/** Placeholder collection for the backup taken on `version` in the plan. */
export function stepCollection(version: string): string {
  return `<collection for the ${version} backup>`;
}

/** Placeholder collection for the existing backup taken on `version`. */
export function sourceCollection(version: string): string {
  return `<collection of the ${version} backup>`;
}

export function planRestore(catalog: Catalog, opts: PlanOptions): PlanResult {
  const b = parseVersion(opts.backup.trim());
  const t = parseVersion(opts.target.trim());
  if (!b) return { ok: false, error: `"${opts.backup}" is not a CockroachDB version such as 23.2` };
  if (!t) return { ok: false, error: `"${opts.target}" is not a CockroachDB version such as 24.3` };
  const backup = b.major;
  const target = t.major;
  if (compareMajors(target, backup) < 0) {
    return {
      ok: false,
      error: `A ${backup} backup cannot be restored into ${target}: restoring into an older version is never supported. Pick a target of ${backup} or later.`,
    };
  }
  const v = verdict(catalog, backup, target);
  const hops = v.kind === 'same' ? [backup] : v.kind === 'supported' ? [backup, target] : [...upgradePath(catalog, backup, target)];
  if (hops.length === 0 || hops[hops.length - 1] !== target) {
    return { ok: false, error: `No upgrade path from ${backup} to ${target} in the release catalog` };
  }
  const source = opts.sourceCollection ?? sourceCollection(backup);
  const steps: PlanStep[] = [];
  if (hops.length === 1) {
    steps.push({ from: backup, on: target, restoreFrom: source });
  } else {
    for (let i = 1; i < hops.length; i++) {
      const last = i === hops.length - 1;
      steps.push({
        from: hops[i - 1],
        on: hops[i],
        restoreFrom: i === 1 ? source : stepCollection(hops[i - 1]),
        backupInto: last ? undefined : stepCollection(hops[i]),
      });
    }
  }
  const skippedInnovation = catalog
    .between(backup, target)
    .filter((r) => r.type === 'innovation' && !hops.includes(r.version))
    .map((r) => r.version);
  const title = `Restore a ${backup} backup into ${target}${steps.length > 1 ? ` (${steps.length} steps)` : ''}`;
  const plan: RestorePlan = { backup, target, hops, steps, skippedInnovation, title, text: '' };
  const lines = opts.form === 'markdown' ? markdownPlan(plan, opts) : sqlPlan(plan, opts);
  const eol = opts.eol ?? '\n';
  plan.text = lines.join(eol) + eol;
  return { ok: true, plan };
}

// ---------------------------------------------------------------------------------------------
// Wording shared by both forms

function summary(p: RestorePlan): string[] {
  const skipped =
    p.skippedInnovation.length === 0
      ? ''
      : ` Innovation release${p.skippedInnovation.length > 1 ? 's' : ''} ${p.skippedInnovation.join(', ')} ${p.skippedInnovation.length > 1 ? 'are' : 'is'} skipped.`;
  if (p.steps.length === 1) {
    const how = p.backup === p.target ? 'into its own version' : `into ${p.target} directly`;
    return [`A ${p.backup} backup restores ${how}.${skipped}`];
  }
  return [
    `A backup restores into its own version and every later release up to and including the next regular release, ` +
      `so a ${p.backup} backup reaches ${p.target} in ${p.steps.length} steps: ${p.hops.join(' → ')}.` +
      skipped,
    `Each step restores the previous step's backup on a cluster of the next version, then backs it up again.`,
  ];
}

function directiveFor(p: RestorePlan, i: number, opts: PlanOptions): string {
  const step = p.steps[i];
  const parts = i === 0 ? [`backup-version=${step.from}`, `target-version=${step.on}`] : [`target-version=${step.on}`];
  if (i === 0 && opts.resetMixedVersion) parts.push('mixed-version=false');
  return `crdb: ${parts.join(' ')}`;
}

function stepSentence(p: RestorePlan, i: number): string {
  const s = p.steps[i];
  return s.backupInto
    ? `On a ${s.on} cluster, restore the ${s.from} backup, then back it up`
    : `On the ${s.on} cluster, restore the ${s.from} backup`;
}

function statements(s: PlanStep): string[] {
  const out = [`RESTORE FROM LATEST IN ${sqlString(s.restoreFrom)};`];
  if (s.backupInto) out.push(`BACKUP INTO ${sqlString(s.backupInto)};`);
  return out;
}

function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

// ---------------------------------------------------------------------------------------------
// Forms

function markdownPlan(p: RestorePlan, opts: PlanOptions): string[] {
  const level = Math.min(6, Math.max(1, Math.floor(opts.headingLevel ?? 2)));
  const stepLevel = Math.min(6, level + 1);
  const out: string[] = [`${'#'.repeat(level)} ${p.title}`, ''];
  for (const para of summary(p)) out.push(para, '');
  out.push(
    `Replace the \`<…>\` collections with your storage URIs. The policy: [Restoring Backups Across Versions](${POLICY_URL}).`,
    '',
  );
  p.steps.forEach((s, i) => {
    if (p.steps.length > 1) out.push(`${'#'.repeat(stepLevel)} Step ${i + 1}: ${s.from} → ${s.on}`, '');
    out.push(`<!-- ${directiveFor(p, i, opts)} -->`, `${stepSentence(p, i)}:`, '', '```sql', ...statements(s), '```', '');
  });
  out.pop(); // the text ends with one line break, not a blank line
  return out;
}

function sqlPlan(p: RestorePlan, opts: PlanOptions): string[] {
  const out: string[] = [];
  const comment = (text: string) => wrap(text, 96).forEach((l) => out.push(`-- ${l}`));
  comment(`${p.title}.`);
  for (const para of summary(p)) comment(para);
  comment(`Replace the '<…>' collections with your storage URIs. Policy: ${POLICY_URL}`);
  p.steps.forEach((s, i) => {
    out.push('');
    comment(p.steps.length > 1 ? `Step ${i + 1} (${s.from} → ${s.on}): ${stepSentence(p, i).replace(/^O/, 'o')}.` : `${stepSentence(p, i)}.`);
    out.push(`-- ${directiveFor(p, i, opts)}`, ...statements(s));
  });
  return out;
}

/** Greedy word wrap (a word longer than `width` gets its own line). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const w of text.split(/\s+/).filter((x) => x !== '')) {
    if (cur !== '' && cur.length + 1 + w.length > width) {
      lines.push(cur);
      cur = w;
    } else cur = cur === '' ? w : `${cur} ${w}`;
  }
  if (cur !== '') lines.push(cur);
  return lines;
}
