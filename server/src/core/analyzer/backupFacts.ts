// BACKUP facts: the version each BACKUP of the document was taken on, kept by the collection
// it wrote to, and the lookup that gives a RESTORE its backup version (docs/rules/
// missing-version.md describes the order). A RESTORE looks up; it never scans the document.
// When the document holds no earlier fact for the collection, the lookup goes on to the
// `collections` setting and the workspace's other files (core/workspace/lookup.ts, docs/workspace.md).
import type { AnalyzedStatement, AnalyzeOptions, VersionFact } from '../analysisTypes';
import { collectionKey, displayCollection } from '../collections';
import { backupFactBeyondDocument } from '../workspace/lookup';

/** One BACKUP seen so far: the version it was taken on. */
export interface BackupFact {
  /** Position among the document's BACKUPs. */
  seq: number;
  fact: VersionFact;
}

/** The BACKUPs into one collection (current syntax), with the majors they were taken on ('?': unknown). */
interface CollectionBackups {
  facts: BackupFact[];
  majors: Set<string>;
}

/** The BACKUPs of one document seen so far in the walk. */
export class BackupFacts {
  private count = 0;
  /** Current syntax: by the collection's identity key. */
  private readonly byKey = new Map<string, CollectionBackups>();
  /** Old syntax: by the key of each URI the BACKUP wrote to. */
  private readonly oldByUri = new Map<string, BackupFact[]>();

  constructor(private readonly opts: AnalyzeOptions) {}

  /** Records a BACKUP taken with `target` in force; `line` is its keyword's (0-based) line. */
  record(st: AnalyzedStatement, target: VersionFact, line: number): void {
    const b: BackupFact = {
      seq: this.count++,
      fact: target.version
        ? { version: target.version, source: 'backup-statement', line, offset: st.keyword.start }
        : {
            source: 'backup-statement',
            line,
            offset: st.keyword.start,
            reason: `the BACKUP on line ${line + 1} was taken with no target-version in force`,
          },
    };
    if (st.oldSyntax) {
      for (const c of st.collections) {
        const u = collectionKey(c);
        if (u === undefined) continue;
        const list = this.oldByUri.get(u);
        if (!list) this.oldByUri.set(u, [b]);
        else if (list[list.length - 1] !== b) list.push(b); // a URI named twice counts once
      }
    } else if (st.collectionKey !== undefined) {
      let group = this.byKey.get(st.collectionKey);
      if (!group) this.byKey.set(st.collectionKey, (group = { facts: [], majors: new Set() }));
      group.facts.push(b);
      group.majors.add(b.fact.version?.major ?? '?');
    }
  }

  /**
   * The backup version of a RESTORE: the newer of the backup-version directive in force
   * (`directive`) and the newest BACKUP into its collection; for a RESTORE of one named backup,
   * the directive, else the collection's BACKUPs when they agree on one version.
   */
  lookup(st: AnalyzedStatement, directive: VersionFact | undefined): VersionFact {
    let newest: BackupFact | undefined;
    let group: CollectionBackups | undefined;
    if (st.oldSyntax) {
      for (const c of st.collections) {
        const k = collectionKey(c);
        const list = k === undefined ? undefined : this.oldByUri.get(k);
        const last = list?.[list.length - 1];
        if (last && (!newest || last.seq > newest.seq)) newest = last;
      }
    } else if (st.collectionKey !== undefined) {
      group = this.byKey.get(st.collectionKey);
      newest = group?.facts[group.facts.length - 1];
    }
    const namedBackup = !st.oldSyntax && st.locator !== undefined && st.locator.kind !== 'latest';
    if (namedBackup) {
      if (directive) return directive;
      if (!group) return this.beyondDocument(st);
      if (group.majors.size === 1 && !group.majors.has('?')) return group.facts[group.facts.length - 1].fact;
      return {
        source: 'none',
        reason: `the restore names one backup in ${collectionWording(st)}, and the BACKUPs into it (lines ${group.facts
          .map((m) => (m.fact.line ?? 0) + 1)
          .join(', ')}) do not agree on one known version; add a backup-version directive`,
      };
    }
    const latest = newest?.fact;
    if (latest && directive) return (latest.offset ?? 0) > (directive.offset ?? 0) ? latest : directive;
    return latest ?? directive ?? this.beyondDocument(st);
  }

  /** Nothing earlier in the document: the `collections` setting, then the other files. */
  private beyondDocument(st: AnalyzedStatement): VersionFact {
    const none = noBackupFact(st);
    if (!this.opts.collections && !this.opts.otherFiles) return none;
    return backupFactBeyondDocument(st, this.opts, none.reason!);
  }
}

/** The backup version of a RESTORE that nothing before it states. */
export function noBackupFact(st: AnalyzedStatement): VersionFact {
  return {
    source: 'none',
    reason:
      st.collectionKey === undefined && !st.oldSyntax
        ? 'no backup-version directive before it, and a placeholder collection matches no BACKUP'
        : `no backup-version directive and no BACKUP into ${collectionWording(st)} before it`,
  };
}

/** `'s3://bucket/path'` (without the query) or `this collection`, for messages. */
function collectionWording(st: AnalyzedStatement): string {
  return st.collections[0] ? `'${displayCollection(st.collections[0])}'` : 'this collection';
}
