// "Pin the inferred versions": writes the versions a statement got from evidence in code as a
// `crdb:` directive above it (docs/how-versions-are-known.md), so they no longer depend on the
// code around it. Only versions the analysis already holds are written, never a new one.
//
// The pinned target is the target in force at the statement, so every later statement sees the
// same version as before (until the next directive or evidence, as before). A backup version
// inferred through a BACKUP is pinned as that BACKUP's target-version, above the BACKUP: a
// `backup-version` directive would stay in force for later RESTOREs of other collections.
import type { Analysis, AnalyzedStatement, AnalyzeOptions, Fix, TextEditOffsets } from '../analysisTypes';
import { collectStatementsAndDirectives } from '../analyzer/collectStatements';
import { StatementPlacer } from '../analyzer/fixPlacement';
import { LineIndex } from '../lineIndex';
import { supportEnd } from '../support';
import type { Version } from '../versions';
import { StatementEditor } from './statementEditor';

export const PIN_TITLE = 'Pin the inferred versions';

/** Whether statement `st` has a version inferred from evidence (its own, or its backup's BACKUP's). */
export function hasInferredVersions(analysis: Analysis, st: AnalyzedStatement): boolean {
  return st.target?.source === 'evidence' || inferredBackup(analysis, st) !== undefined;
}

/** The BACKUP a RESTORE's backup version comes from, when that BACKUP's target was inferred. */
function inferredBackup(analysis: Analysis, st: AnalyzedStatement): number | undefined {
  if (st.kind !== 'restore' || st.backup?.source !== 'backup-statement' || st.backup.offset === undefined) return undefined;
  const at = st.backup.offset;
  const i = analysis.statements.findIndex((b) => b.kind === 'backup' && b.keyword.start === at);
  return i >= 0 && analysis.statements[i].target?.source === 'evidence' ? i : undefined;
}

/**
 * The fix for statement `index` of `analysis` (an analysis of `text` with `opts`), or undefined
 * when none of its versions is inferred. Placement is worked out again from the text: the
 * action is asked for rarely, and analyses do not keep what placement needs.
 */
export function pinInferredVersions(text: string, opts: AnalyzeOptions, analysis: Analysis, index: number): Fix | undefined {
  const st = analysis.statements[index];
  if (st === undefined || !hasInferredVersions(analysis, st)) return undefined;
  const lines = new LineIndex(text);
  const m = /\r\n|\r|\n/.exec(text);
  const eol = m ? m[0] : '\n';
  const doc = collectStatementsAndDirectives(text, opts.languageId, lines, opts.catalog);
  if (doc.statements.length !== analysis.statements.length) return undefined; // not the analysis of this text
  const placer = new StatementPlacer(text, eol, lines, doc);
  const edits: TextEditOffsets[] = [];
  const backup = inferredBackup(analysis, st);
  const b = backup === undefined ? undefined : analysis.statements[backup].target?.version;
  if (backup !== undefined && b) edits.push(new StatementEditor(placer, backup, undefined).directiveAbove(pinned(b, opts)));
  const t = st.target?.source === 'evidence' ? st.target.version : undefined;
  if (t) edits.push(new StatementEditor(placer, index, undefined).directiveAbove(pinned(t, opts)));
  if (edits.length === 0) return undefined;
  return { title: PIN_TITLE, edits };
}

/**
 * `target-version=X`. A target-version directive past its support gets version-end-of-support,
 * which evidence never gets: the pin then silences it on its own directive, so that pinning
 * changes no finding (that rule reports only on directives, so the next statement loses nothing).
 */
function pinned(v: Version, opts: AnalyzeOptions): string {
  const rel = opts.catalog.get(v.major);
  const end = rel && supportEnd(rel, v);
  const ended = end !== undefined && opts.today > end.date && opts.rules['version-end-of-support'] !== 'off';
  return `target-version=${v.text}${ended ? ' ignore=version-end-of-support' : ''}`;
}
