// Hover content (docs/behaviour.md#hover): on a RESTORE, the facts, verdict, supported targets and upgrade
// path; on a version in a directive, its release facts. Markdown or plain text, as the
// client accepts.
import type { Analysis, AnalyzedStatement } from '../core/analysisTypes';
import type { Catalog, MajorRelease } from '../core/catalog/catalog';
import { DIRECTIVE_KEY_DOCS, isDirectiveKey } from '../core/directives';
import { factOrigin } from '../core/facts';
import { engineError, engineMinimumRestorable, FULL_RESTORE_UPGRADE_ERROR, isSupported, POLICY_URL, supportedTargets, upgradePath } from '../core/policy';
import { supportEnd } from '../core/support';
import type { Span } from '../core/types';
import { parseVersion } from '../core/versions';
import { escapeMarkdown } from './markdownText';

export interface HoverResult {
  markdown: string;
  span: Span;
}

const SKIP_RULE =
  'A backup restores into its own version and every later release up to and including the next regular release: innovation releases may be skipped, a regular release never.';

/**
 * `more`: lines a caller adds to a RESTORE's hover (the other writers of its collection);
 * `gettingStarted`: where the page on stating versions is (the missing-version hover links to it).
 */
export function hoverAt(
  analysis: Analysis,
  offset: number,
  catalog: Catalog,
  today: string,
  more?: (st: AnalyzedStatement) => string[],
  gettingStarted?: string,
): HoverResult | undefined {
  for (const d of analysis.directives) {
    if (offset < d.start || offset > d.end) continue;
    for (const e of d.entries) {
      if ((e.key === 'target-version' || e.key === 'backup-version') && offset >= e.keyStart && offset <= e.valueEnd && e.value) {
        const md = versionHover(e.value, catalog, today);
        if (md) return { markdown: md, span: { start: e.valueStart, end: e.valueEnd } };
      }
      // Any other key (infer, mixed-version, ignore): what it means.
      if (offset >= e.keyStart && offset < e.keyEnd && isDirectiveKey(e.key)) {
        return { markdown: `**crdb: ${e.key}** — ${DIRECTIVE_KEY_DOCS[e.key]}`, span: { start: e.keyStart, end: e.keyEnd } };
      }
    }
  }
  const st = analysis.statements.find(
    (s) => (s.kind === 'restore' || s.kind === 'backup') && offset >= s.keyword.start && offset <= s.span.end,
  );
  if (!st) return undefined;
  return { markdown: st.kind === 'restore' ? restoreHover(st, catalog, more?.(st) ?? [], gettingStarted) : backupHover(st), span: st.keyword };
}

function restoreHover(st: AnalyzedStatement, catalog: Catalog, more: string[], gettingStarted?: string): string {
  const what =
    st.restoreTarget === 'cluster' ? 'full-cluster RESTORE' : `RESTORE (${st.restoreTarget ?? 'table'})`;
  const lines: string[] = [];
  const b = st.backup?.version?.major;
  const t = st.target?.version?.major;
  const v = st.verdict;
  const verdictText = !v
    ? 'cannot be checked: a version is unknown'
    : isSupported(v)
      ? `✓ supported: ${v.backup} → ${v.target}`
      : v.kind === 'older'
        ? `✗ not supported: ${v.target} is older than ${v.backup}`
        : `✗ not supported: ${v.backup} → ${v.target} skips regular release ${v.skippedRegulars.join(', ')}`;
  lines.push(`**CockroachDB Restore Guard** — ${what}: ${verdictText}`, '');
  lines.push('| | version | from |', '|---|---|---|');
  lines.push(`| backup | ${b ?? '?'} | ${st.backup?.version ? factOrigin(st.backup) : escapeMarkdown(st.backup?.reason ?? 'unknown')} |`);
  lines.push(`| target | ${t ?? '?'} | ${st.target?.version ? factOrigin(st.target) : escapeMarkdown(st.target?.reason ?? 'unknown')} |`);
  lines.push(...more);
  if (st.mixedVersion) {
    lines.push(
      '',
      st.restoreTarget === 'cluster'
        ? `The cluster is marked **mid-upgrade** (${st.mixedBy ?? 'mixed-version'}): a full-cluster restore fails with \`${FULL_RESTORE_UPGRADE_ERROR}\`. Finalize the upgrade first, or restore databases or tables.`
        : `The cluster is marked **mid-upgrade** (${st.mixedBy ?? 'mixed-version'}).`,
    );
  }
  if (!v) {
    const how = 'State the versions with a `crdb:` directive above it, a BACKUP into the same collection (earlier in the document or in another workspace file), the collections setting, or the defaultTargetVersion setting.';
    lines.push('', gettingStarted ? `${how} [Getting started: how versions are known](${gettingStarted})` : how);
  }
  if (b) {
    lines.push('', `**Supported targets for a ${b} backup**`, '', '| target | release type |', '|---|---|');
    for (const x of supportedTargets(catalog, b)) lines.push(`| ${x} | ${catalog.get(x)?.type ?? 'not in catalog'} |`);
  }
  lines.push('', SKIP_RULE);
  if (v && !isSupported(v)) {
    const err = engineError(catalog, v.backup, v.target);
    const min = err ? undefined : engineMinimumRestorable(catalog, v.target);
    if (err) lines.push('', `CockroachDB raises: \`${err}\``);
    else if (min) lines.push('', `CockroachDB ${v.target} will not stop it (its minimum restorable version is ${min}), but the policy does not support it.`);
    if (st.options.includes('unsafe_restore_incompatible_version')) {
      lines.push('', '`WITH unsafe_restore_incompatible_version` skips CockroachDB’s version check; the combination stays unsupported.');
    }
    if (v.kind === 'skips') lines.push('', `**Upgrade path:** ${upgradePath(catalog, v.backup, v.target).join(' → ')} (restore, then back up, on each hop)`);
  }
  lines.push('', `[Restoring Backups Across Versions](${POLICY_URL})`);
  return lines.join('\n');
}

function backupHover(st: AnalyzedStatement): string {
  const t = st.target?.version;
  return [
    `**CockroachDB Restore Guard** — BACKUP${st.oldSyntax ? ' (old TO syntax)' : ''}`,
    '',
    t ? `Taken on **${t.major}** (${factOrigin(st.target!)}).` : `Taken on an unknown version (${escapeMarkdown(st.target?.reason ?? 'no target-version')}).`,
    '',
    'A later `RESTORE … FROM LATEST IN` the same collection uses this version as its backup version.',
  ].join('\n');
}

export function versionHover(text: string, catalog: Catalog, today: string): string | undefined {
  const v = parseVersion(text);
  if (!v) return undefined;
  const rel = catalog.get(v.major);
  if (!rel) {
    return `**CockroachDB ${v.major}** is not in the release catalog. Add it with the \`extraReleases\` setting if it is a new release.`;
  }
  const lines = [`**CockroachDB ${rel.version}** — ${rel.type} release${rel.userSupplied ? ' (from extraReleases)' : ''}`, ''];
  lines.push(...releaseFacts(rel));
  const end = supportEnd(rel, v);
  if (end) lines.push('', today > end.date ? `⚠ Past its ${end.kind} (ended ${end.date}).` : `Supported until ${end.date} (${end.kind}).`);
  if (rel.type === 'innovation') {
    lines.push(
      '',
      'Innovation releases are optional: a cluster may skip them when upgrading, and a backup from the regular release before one can be restored into the regular release after it. They get no LTS and a shorter support window.',
    );
  }
  return lines.join('\n');
}

function releaseFacts(rel: MajorRelease): string[] {
  const row = (k: string, val: string | undefined) => (val ? [`| ${k} | ${val} |`] : []);
  return [
    '| | |',
    '|---|---|',
    ...row('GA', rel.gaDate ?? 'not released'),
    ...row('maintenance support ends', rel.maintenanceEnd),
    ...row('assistance support ends', rel.assistanceEnd),
    ...row('LTS from', rel.initialLtsPatch && `${rel.initialLtsPatch} (${rel.ltsReleaseDate ?? ''})`),
    ...row('LTS maintenance ends', rel.ltsMaintenanceEnd),
    ...row('LTS assistance ends', rel.ltsAssistanceEnd),
    ...row('newest patch', rel.newestPatch && `${rel.newestPatch}${rel.newestPatchDate ? ` (${rel.newestPatchDate})` : ''}`),
  ];
}

export { toPlainText } from './markdownText';
