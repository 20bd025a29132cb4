// The workspace index of collection facts (docs/workspace.md): per file, what it says about
// collections (fileFacts.ts); per collection, which files write and read it. Updated one file at
// a time: replacing a file's facts touches only that file's entries and says which collections'
// writers changed, so the server re-checks only the documents that read those.
import type { VersionFact } from '../analysisTypes';
import { compareMajors, parseVersion } from '../versions';
import { isWriter, NO_FACTS, type CollectionUse, type FileFacts } from './fileFacts';

/** One use of a collection, with the file it is in. */
export interface LocatedUse {
  /** The file's identity (a URI in the server, a path in the CLI). */
  file: string;
  /** The file as shown to the user (a workspace-relative path). */
  display: string;
  use: CollectionUse;
}

interface FileEntry {
  display: string;
  facts: FileFacts;
}

export class WorkspaceFacts {
  private readonly files = new Map<string, FileEntry>();
  /** Collection key → the files that name it (each file once). */
  private readonly byKey = new Map<string, Set<string>>();

  get fileCount(): number {
    return this.files.size;
  }

  has(file: string): boolean {
    return this.files.has(file);
  }

  /** Every indexed file. */
  fileIds(): IterableIterator<string> {
    return this.files.keys();
  }

  /**
   * Replaces what `file` says. Returns the keys whose writers (BACKUPs and schedules, their
   * lines and versions) changed: the collections whose readers in other files must be checked again.
   */
  setFile(file: string, display: string, facts: FileFacts): string[] {
    const before = this.files.get(file);
    if (facts.uses.length === 0 && !before) return []; // most files name no collection: keep no entry
    if (before && before.facts === facts && before.display === display) return []; // the same facts again (typing in an open document's prose)
    const changed = writerChanges(before?.facts ?? NO_FACTS, facts);
    if (before) this.unlink(file, before.facts);
    if (facts.uses.length === 0) {
      this.files.delete(file);
    } else {
      this.files.set(file, { display, facts });
      for (const u of facts.uses) {
        let set = this.byKey.get(u.key);
        if (!set) this.byKey.set(u.key, (set = new Set()));
        set.add(file);
      }
    }
    return changed;
  }

  /** The file was deleted (or left the workspace). Returns the keys whose writers changed. */
  deleteFile(file: string): string[] {
    return this.setFile(file, '', NO_FACTS);
  }

  /** Every file under `prefix` (a folder removed from the workspace). */
  filesUnder(prefix: string): string[] {
    return [...this.files.keys()].filter((f) => f.startsWith(prefix));
  }

  private unlink(file: string, facts: FileFacts): void {
    for (const u of facts.uses) {
      const set = this.byKey.get(u.key);
      if (!set) continue;
      set.delete(file);
      if (set.size === 0) this.byKey.delete(u.key);
    }
  }

  /** The collection keys named anywhere, sorted. */
  keys(): string[] {
    return [...this.byKey.keys()].sort();
  }

  /** Every use of `key`, ordered by file display name, then line. */
  usesOf(key: string): LocatedUse[] {
    const out: LocatedUse[] = [];
    for (const file of this.byKey.get(key) ?? []) {
      const entry = this.files.get(file)!;
      for (const use of entry.facts.uses) if (use.key === key) out.push({ file, display: entry.display, use });
    }
    return out.sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : a.use.line - b.use.line));
  }

  /** The BACKUPs and schedules writing `key`. */
  writersOf(key: string): LocatedUse[] {
    return this.usesOf(key).filter((u) => isWriter(u.use.role));
  }

  /**
   * The backup version of a RESTORE in `fromFile` of collection `key`, from the BACKUPs into it
   * in the other files: the highest known version (a collection's writers only move forward,
   * so LATEST comes from the newest); for a restore of one named backup, only when all known
   * writers agree. Writers of unknown version neither block nor win; schedules are no fact
   * (they run later). Undefined when no other file writes the collection.
   */
  backupFact(key: string, fromFile: string, explicitSubdir: boolean): VersionFact | undefined {
    return factOfBackups(this.backupsOf(key, fromFile), explicitSubdir);
  }

  /**
   * Every answer `backupFact` gives `fromFile`, as data keyed `${explicitSubdir}:${key}`, for
   * each collection some other file backs up into. A worker thread cannot call the lookup, so it
   * is sent these with the text.
   */
  backupFactsFor(fromFile: string): [string, VersionFact][] {
    const out: [string, VersionFact][] = [];
    for (const [key, files] of this.byKey) {
      if (files.size === 1 && files.has(fromFile)) continue;
      const backups = this.backupsOf(key, fromFile);
      if (backups.length === 0) continue;
      out.push([`false:${key}`, factOfBackups(backups, false)!], [`true:${key}`, factOfBackups(backups, true)!]);
    }
    return out;
  }

  private backupsOf(key: string, fromFile: string): LocatedUse[] {
    return this.usesOf(key).filter((u) => u.file !== fromFile && u.use.role === 'backup');
  }
}

/** The backup-version answer from BACKUPs in other files (`WorkspaceFacts.backupFact`). */
function factOfBackups(backups: LocatedUse[], explicitSubdir: boolean): VersionFact | undefined {
  if (backups.length === 0) return undefined;
  const known = backups.filter((u) => u.use.version !== undefined);
  if (known.length === 0) {
    return {
      source: 'workspace-backup',
      reason: `the BACKUPs into it in other files (${backups.map(where).join(', ')}) were taken with no known version`,
    };
  }
  let best = known[0];
  for (const u of known) if (compareMajors(u.use.version!, best.use.version!) > 0) best = u;
  if (explicitSubdir && known.some((u) => u.use.version !== best.use.version)) {
    return {
      source: 'workspace-backup',
      reason: `the restore names one backup, and the BACKUPs into it in other files do not agree (${known
        .map((u) => `${where(u)}: ${u.use.version}`)
        .join(', ')}); add a backup-version directive`,
    };
  }
  return { version: parseVersion(best.use.version!), source: 'workspace-backup', file: best.display, line: best.use.line, at: { file: best.file, range: best.use.range } };
}

/** `ops/nightly.sql line 14`. */
export function where(u: LocatedUse): string {
  return `${u.display} line ${u.use.line + 1}`;
}

/** The keys whose writers differ between two versions of one file's facts. */
function writerChanges(before: FileFacts, after: FileFacts): string[] {
  const a = writerSignatures(before);
  const b = writerSignatures(after);
  const changed: string[] = [];
  for (const [k, sig] of a) if (b.get(k) !== sig) changed.push(k);
  for (const k of b.keys()) if (!a.has(k)) changed.push(k);
  return changed;
}

function writerSignatures(facts: FileFacts): Map<string, string> {
  const out = new Map<string, string>();
  for (const u of facts.uses) {
    if (!isWriter(u.role)) continue;
    out.set(u.key, `${out.get(u.key) ?? ''}${u.role}@${u.line}=${u.version ?? '?'};`);
  }
  return out;
}
