// The server's workspace index (docs/workspace.md): the collection facts of every .sql/.md file
// of the workspace folders, built in the background in short slices (typing is never held up
// for more than a slice), with open documents' current text in place of their disk copy and
// deleted or renamed files dropped. Reports which collections' writers changed, so the server
// re-checks the open documents that read them.
import type { OtherFilesLookup, VersionFact } from '../core/analysisTypes';
import { analyzeDocument } from '../core/analyze';
import { LineIndex } from '../core/lineIndex';
import { analyzeOptions, languageOf } from '../core/settings';
import { fileFactsOf, NO_FACTS, type FileFacts } from '../core/workspace/fileFacts';
import { mayNameCollection } from '../core/workspace/quickCheck';
import { WorkspaceFacts } from '../core/workspace/workspaceFacts';
import { SERVER_DEFAULTS, uriToPath, type DocumentSettings, type SettingsStore } from './settingsStore';
import type { WorkspaceFileSource } from './workspaceFiles';

/** Work done between two turns of the event loop while building: a keystroke waits at most about this long. */
const SLICE_MS = 2;
/** Reads kept in flight while the previous file is analysed. */
const READ_AHEAD = 8;

export interface WorkspaceIndexDeps {
  source: WorkspaceFileSource;
  settings: SettingsStore;
  /** The writers of these collections changed: re-check the documents that read them. */
  onWritersChanged(keys: string[]): void;
  /** Shown to the user once per build (the size limit was reached). */
  warn(message: string): void;
  log(message: string): void;
  /** True while the typing path has a validation waiting: the build then yields without working. */
  typingPending(): boolean;
}

export class WorkspaceIndex {
  readonly facts = new WorkspaceFacts();
  /** Open documents: their facts come from the editor's text, never from the disk. */
  private readonly open = new Set<string>();
  private folders: string[] = [];
  /** Bumped by each new build; an older build that sees a newer number stops. */
  private buildNumber = 0;
  private building: Promise<void> = Promise.resolve();
  /** Bumped whenever some collection's writers change (part of workspace diagnostics' result ids). */
  generation = 0;
  /** The last `answersFor` result. */
  private lastAnswers?: { uri: string; generation: number; answers: [string, VersionFact][] };

  constructor(private readonly deps: WorkspaceIndexDeps) {}

  /** Resolves when the build in progress (if any) has finished. */
  get ready(): Promise<void> {
    return this.building;
  }

  /** The workspace folders changed (or were first given): index them again from the start. */
  setFolders(folderUris: readonly string[]): void {
    this.folders = folderUris.map((u) => (u.endsWith('/') ? u : `${u}/`));
    this.rebuild();
  }

  /** Index the folders again (settings changed: the versions BACKUPs were taken on may have). */
  rebuild(): void {
    const n = ++this.buildNumber;
    this.building = this.build(n).catch((e) => this.deps.log(`workspace index failed: ${String(e)}`));
  }

  /** How a file is named in messages: its path inside its workspace folder. */
  display(uri: string): string {
    let best: string | undefined;
    for (const f of this.folders) if (uri.startsWith(f) && (!best || f.length > best.length)) best = f;
    const rel = best ? uri.slice(best.length) : uri;
    try {
      return decodeURIComponent(rel);
    } catch {
      return rel;
    }
  }

  /** An open document was analysed: its facts replace whatever the disk copy said. */
  fromOpenDocument(uri: string, facts: FileFacts): void {
    this.open.add(uri);
    this.apply(this.facts.setFile(uri, this.display(uri), facts));
  }

  /** An open document was closed: the disk copy speaks for the file again (or nothing, if none). */
  async closed(uri: string): Promise<void> {
    this.open.delete(uri);
    await this.fromDisk(uri);
  }

  /** A file was created, changed or deleted on disk (workspace/didChangeWatchedFiles). */
  async changedOnDisk(uri: string, deleted: boolean): Promise<void> {
    if (this.open.has(uri) || !this.inFolders(uri) || !languageOf(uri)) return;
    if (deleted) this.apply(this.facts.deleteFile(uri));
    else await this.fromDisk(uri);
  }

  /**
   * The lookup a document's analysis asks (AnalyzeOptions.otherFiles); every key asked is added
   * to `used`, which tells later whether a change of writers concerns the document.
   */
  lookupFor(uri: string, used: Set<string>): OtherFilesLookup {
    return (key, explicitSubdir) => {
      used.add(key);
      return this.facts.backupFact(key, uri, explicitSubdir);
    };
  }

  /**
   * Every answer `lookupFor(uri, …)` can give, as data for the worker thread, with the
   * generation it was read at. Kept for the last document asked while no writer changes:
   * typing in a large document asks again at every analysis.
   */
  answersFor(uri: string): { readonly generation: number; readonly answers: [string, VersionFact][] } {
    const last = this.lastAnswers;
    if (last && last.uri === uri && last.generation === this.generation) return last;
    this.lastAnswers = { uri, generation: this.generation, answers: this.facts.backupFactsFor(uri) };
    return this.lastAnswers;
  }

  private apply(changedKeys: string[]): void {
    if (changedKeys.length === 0) return;
    this.generation++;
    this.deps.onWritersChanged(changedKeys);
  }

  private inFolders(uri: string): boolean {
    return this.folders.some((f) => uri.startsWith(f));
  }

  private async fromDisk(uri: string): Promise<void> {
    if (!this.inFolders(uri)) {
      this.apply(this.facts.deleteFile(uri));
      return;
    }
    const s = await this.deps.settings.forDocument(uri);
    const text = await this.deps.source.read(uri, maxBytes(s));
    if (this.open.has(uri)) return; // opened while it was read
    const facts = text === undefined ? NO_FACTS : factsOfText(uri, text, s);
    this.apply(this.facts.setFile(uri, this.display(uri), facts));
  }

  private async build(n: number): Promise<void> {
    const started = performance.now();
    const cpu = cpuMs();
    // Facts from the disk of an earlier build are dropped; open documents keep theirs.
    const dropped: string[] = [];
    for (const f of [...this.facts.fileIds()]) if (!this.open.has(f)) dropped.push(...this.facts.deleteFile(f));
    const changed = new Set<string>(dropped);
    let files = 0;
    for (const folder of this.folders) {
      const s = await this.deps.settings.forDocument(folder);
      const limit = s.workspaceIndexMaxFiles ?? SERVER_DEFAULTS.workspaceIndexMaxFiles;
      if (limit <= 0) continue;
      const { uris, capped } = await this.deps.source.list(folder, limit);
      if (n !== this.buildNumber) return;
      if (capped) {
        this.deps.warn(
          `The workspace folder ${uriToPath(folder) ?? folder} has more than ${limit.toLocaleString('en-US')} .sql/markdown files: ` +
            `collections are looked up in the first ${limit.toLocaleString('en-US')} only (in path order). ` +
            'Raise crdbRestoreGuard.workspaceIndexMaxFiles, or add the folders that hold no runbooks to .gitignore.',
        );
      }
      const max = maxBytes(s);
      const reads: Promise<string | undefined>[] = [];
      let next = 0;
      let sliceStart = performance.now();
      for (let i = 0; i < uris.length; i++) {
        while (reads.length < READ_AHEAD && next < uris.length) reads.push(this.deps.source.read(uris[next++], max));
        const text = await reads.shift()!;
        if (n !== this.buildNumber) return;
        const uri = uris[i];
        files++;
        if (text !== undefined && !this.open.has(uri)) {
          for (const k of this.facts.setFile(uri, this.display(uri), factsOfText(uri, text, s))) changed.add(k);
        }
        if (performance.now() - sliceStart > SLICE_MS) {
          do await nextTurn();
          while (this.deps.typingPending());
          if (n !== this.buildNumber) return;
          sliceStart = performance.now();
        }
      }
    }
    this.deps.log(
      `workspace index: ${files} files read, ${this.facts.fileCount} name a collection, ${this.facts.keys().length} collections, in ${Math.round(performance.now() - started)} ms (${Math.round(cpuMs() - cpu)} ms CPU)`,
    );
    this.apply([...changed]);
  }
}

function maxBytes(s: DocumentSettings): number {
  return (s.maxFileSizeMb ?? SERVER_DEFAULTS.maxFileSizeMb) * 1048576;
}

/** A file's facts from its text, analysed as the editor would (its own directives and defaults; no other file). */
export function factsOfText(uri: string, text: string, s: DocumentSettings): FileFacts {
  if (!mayNameCollection(text)) return NO_FACTS; // most of a docs tree never names a backup
  const analysis = analyzeDocument(text, analyzeOptions(s, languageOf(uri) ?? 'sql'));
  return analysis.statements.length === 0 ? NO_FACTS : fileFactsOf(analysis, new LineIndex(text));
}

/** CPU time of this process (user), where the platform tells: the build's own figure on a busy machine. */
function cpuMs(): number {
  return typeof process !== 'undefined' && typeof process.cpuUsage === 'function' ? process.cpuUsage().user / 1000 : 0;
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
