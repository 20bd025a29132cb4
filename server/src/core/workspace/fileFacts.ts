// What one file says about collections (docs/workspace.md): every BACKUP, CREATE SCHEDULE … FOR
// BACKUP, RESTORE and SHOW BACKUP naming a collection, with the version each BACKUP was taken on as known in
// that file (directive, default, evidence). Read off the file's analysis; the workspace index
// (workspaceFacts.ts) keeps one of these per file.
import type { Analysis, AnalyzedStatement } from '../analysisTypes';
import { collectionKey, displayCollection } from '../collections';
import type { Range } from '../types';

/**
 * BACKUP writes a version fact; a schedule writes later (no fact: docs/behaviour.md#collections);
 * RESTORE reads; SHOW BACKUP reads too, with no version of its own (it only lists what is there).
 */
export type CollectionRole = 'backup' | 'schedule' | 'restore' | 'show';

/** BACKUP and CREATE SCHEDULE write a collection; RESTORE and SHOW BACKUP read it. */
export function isWriter(role: CollectionRole): boolean {
  return role === 'backup' || role === 'schedule';
}

/** Old `BACKUP … TO 'uri'` / `RESTORE … FROM 'uri'` match only each other: their keys live apart. */
export const OLD_SYNTAX_PREFIX = 'old-syntax:';

export interface CollectionUse {
  /** Collection identity key (old syntax: prefixed with OLD_SYNTAX_PREFIX). */
  key: string;
  /** The collection as written, without its query string (credentials stay out of hovers). */
  display: string;
  role: CollectionRole;
  /** 0-based line of the statement's keyword. */
  line: number;
  /** Range of the collection literal (where definition and references point). */
  range: Range;
  /** backup/schedule: the version taken on; restore: the backup version it uses (major, e.g. `24.3`); show: none. */
  version?: string;
  /** restore: the target version (major). */
  target?: string;
  /** restore: the restore names one backup (`FROM 'subdir' IN …`) rather than LATEST. */
  explicitSubdir?: boolean;
}

export interface FileFacts {
  /** In document order. */
  uses: CollectionUse[];
}

export const NO_FACTS: FileFacts = Object.freeze({ uses: Object.freeze([]) as unknown as CollectionUse[] });

/** The key a statement's collection is looked up under, or undefined (a placeholder). */
export function useKey(st: Pick<AnalyzedStatement, 'oldSyntax' | 'collectionKey' | 'collections'>): string | undefined {
  if (!st.oldSyntax) return st.collectionKey;
  const k = collectionKey(st.collections[0]);
  return k === undefined ? undefined : OLD_SYNTAX_PREFIX + k;
}

/** The collection part of a key, for display (`s3://acme/prod`). */
export function keyDisplay(key: string): string {
  return key.startsWith(OLD_SYNTAX_PREFIX) ? key.slice(OLD_SYNTAX_PREFIX.length) : key;
}

/** The collection facts of an analysed file; `lines` maps offsets of the analysed text to ranges (a LineIndex). */
export function fileFactsOf(analysis: Analysis, lines: { range(start: number, end: number): Range }): FileFacts {
  const uses: CollectionUse[] = [];
  for (const st of analysis.statements) {
    if (st.kind === 'other') continue;
    const key = useKey(st);
    if (key === undefined || !st.collectionSpan) continue;
    // With one collection the key is that collection's (collectStatements.ts): no need to normalize it again.
    const written = st.oldSyntax || st.collections.length === 1 ? st.collections[0] : st.collections.find((c) => c !== undefined && collectionKey(c) === key);
    const use: CollectionUse = {
      key,
      display: displayCollection(written ?? keyDisplay(key)),
      role: st.kind,
      line: st.range.start.line,
      range: lines.range(st.collectionSpan.start, st.collectionSpan.end),
    };
    if (st.kind === 'restore') {
      if (st.backup?.version) use.version = st.backup.version.major;
      if (st.target?.version) use.target = st.target.version.major;
      if (!st.oldSyntax && st.locator !== undefined && st.locator.kind !== 'latest') use.explicitSubdir = true;
    } else if (st.kind !== 'show' && st.target?.version) {
      use.version = st.target.version.major;
    }
    uses.push(use);
  }
  return uses.length === 0 ? NO_FACTS : { uses };
}
