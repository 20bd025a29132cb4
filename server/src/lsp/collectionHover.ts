// Hover on a collection string (docs/workspace.md): who writes the collection (BACKUP, CREATE
// SCHEDULE … FOR BACKUP) and who reads it (RESTORE, SHOW BACKUP), in which file and line, with versions.
import { isWriter, keyDisplay, type CollectionRole } from '../core/workspace/fileFacts';
import { where, type LocatedUse } from '../core/workspace/workspaceFacts';

/** Rows listed per kind; the rest are counted. */
const MAX_ROWS = 20;

export function collectionHover(key: string, uses: readonly LocatedUse[]): string {
  const writers = uses.filter((u) => isWriter(u.use.role));
  const readers = uses.filter((u) => !isWriter(u.use.role));
  const lines = [`**CockroachDB Restore Guard** — collection \`${keyDisplay(key)}\``, ''];
  if (writers.length === 0) lines.push('No BACKUP or CREATE SCHEDULE in the workspace writes it.');
  else lines.push(...table('written by', writers, writerVersion));
  lines.push('');
  if (readers.length === 0) lines.push('No RESTORE or SHOW BACKUP in the workspace reads it.');
  else lines.push(...table('read by', readers, readerVersions));
  return lines.join('\n');
}

/** The other writers of a RESTORE's collection, for its hover (the one used is named in the table above them). */
export function otherWritersLines(writers: readonly LocatedUse[], used: { file?: string; line?: number }): string[] {
  const others = writers.filter((w) => !(w.display === used.file && w.use.line === used.line));
  if (others.length === 0) return [];
  return ['', `Other writers of this collection: ${others.slice(0, MAX_ROWS).map((w) => `${where(w)} (${writerVersion(w)})`).join('; ')}${others.length > MAX_ROWS ? `; … ${others.length - MAX_ROWS} more` : ''}.`];
}

function table(title: string, uses: readonly LocatedUse[], version: (u: LocatedUse) => string): string[] {
  const out = [`| ${title} | line | statement | version |`, '|---|---|---|---|'];
  for (const u of uses.slice(0, MAX_ROWS)) out.push(`| ${u.display} | ${u.use.line + 1} | ${statementName(u)} | ${version(u)} |`);
  if (uses.length > MAX_ROWS) out.push(`| … ${uses.length - MAX_ROWS} more | | | |`);
  return out;
}

const STATEMENT_NAMES: Record<CollectionRole, string> = { backup: 'BACKUP', schedule: 'CREATE SCHEDULE', restore: 'RESTORE', show: 'SHOW BACKUP' };

function statementName(u: LocatedUse): string {
  return STATEMENT_NAMES[u.use.role];
}

function writerVersion(u: LocatedUse): string {
  if (u.use.role === 'schedule') return `${u.use.version ?? '?'} (a schedule: runs later, no version fact)`;
  return u.use.version ? `taken on ${u.use.version}` : 'unknown';
}

function readerVersions(u: LocatedUse): string {
  if (u.use.role === 'show') return 'lists it (no version)';
  return `${u.use.version ?? '?'} → ${u.use.target ?? '?'}`;
}
