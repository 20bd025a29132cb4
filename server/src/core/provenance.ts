// Where the versions of a statement's verdict came from, as document spans: the directive
// values and BACKUP statements a finding points to (LSP relatedInformation, clickable in the
// Problems panel), so the one-sentence message need not say it.
import type { AnalyzedStatement, VersionFact } from './analysisTypes';
import type { Range } from './types';
import { factOrigin } from './facts';

export interface FactSite {
  start: number;
  end: number;
  message: string;
  /** The span as a range, when the analysis worker computed it (siteColumns.ts); otherwise the reader maps `start`–`end` itself. */
  range?: Range;
}

/** The sites of a statement's backup and target facts that have a place in the document (not settings). */
export function factSites(st: AnalyzedStatement): FactSite[] {
  const out: FactSite[] = [];
  const add = (role: string, f: VersionFact | undefined) => {
    // Only places in this document (a BACKUP in another file has no offset here).
    if (!f || f.offset === undefined || f.file !== undefined || f.source === 'workspace-backup' || f.source === 'collections-setting') return;
    const v = f.version;
    const length = f.source === 'backup-statement' ? 'BACKUP'.length : v ? v.text.length : 0;
    const message = v
      ? `${role} ${v.major}: ${factOrigin(f)}`
      : `${role} unknown: ${f.reason ?? factOrigin(f)}`;
    out.push({ start: f.offset, end: f.offset + length, message });
  };
  if (st.kind === 'restore') add('Backup version', st.backup);
  add(st.kind === 'restore' ? 'Target version' : 'Taken on', st.target);
  // One directive often states both: keep both sites (they say different things).
  return out;
}

/** A fact's place in another file of the workspace (under the index's key of that file). */
export interface OtherFileSite {
  file: string;
  range: Range;
  message: string;
}

/** The BACKUP in another file that a RESTORE's backup version came from, if it did. */
export function otherFileSites(st: AnalyzedStatement): OtherFileSite[] {
  const f = st.kind === 'restore' ? st.backup : undefined;
  if (!f || f.source !== 'workspace-backup' || !f.at || !f.version) return [];
  return [{ file: f.at.file, range: f.at.range, message: `Backup version ${f.version.major}: ${factOrigin(f)}` }];
}

/** Every site of a statement's versions: in this document, and in other files of the workspace. */
export interface StatementSites {
  here: FactSite[];
  elsewhere: OtherFileSite[];
}

export function statementSites(st: AnalyzedStatement): StatementSites {
  return { here: factSites(st), elsewhere: otherFileSites(st) };
}
