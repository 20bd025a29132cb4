// Per-document settings: `.crdb-restore-guard.json` at the workspace folder root, overridden
// by the client's `crdbRestoreGuard` settings (pulled per document through
// workspace/configuration, cached, cleared on change). Problems are collected, not thrown.
import { EDITOR_SETTING_DEFAULTS, mergeSettings, preview, validateSettings, type EditorSettings, type Settings } from '../core/settings';
import { CONFIG_FILE_NAME } from '../core/settings';
import { isInsideUri, joinUri, type WorkspaceHost } from './workspaceHost';

export type DocumentSettings = Settings & EditorSettings;

export const SERVER_DEFAULTS = EDITOR_SETTING_DEFAULTS;

interface CachedConfig {
  mtimeMs: number;
  size: number;
  settings: Settings;
  problems: string[];
}

/** Short, stable key of a settings object (a hash of its JSON), computed once per object. */
const settingsKeys = new WeakMap<object, string>();
export function settingsKeyOf(s: DocumentSettings): string {
  let key = settingsKeys.get(s);
  if (key === undefined) {
    key = hashString(JSON.stringify(s));
    settingsKeys.set(s, key);
  }
  return key;
}

/** Two 32-bit FNV-1a variants: 16 hex digits, enough to tell settings apart. */
function hashString(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** Documents whose settings are kept at once; past it the cache starts over (open documents fetch again). */
const MAX_CACHED_DOCUMENTS = 10000;

export class SettingsStore {
  /**
   * Per document: its settings, fetched from the client, validated and merged with the config
   * file once per settings change (not on every request), and the config file entry they were
   * merged with (a new entry means the file changed).
   */
  private readonly resolved = new Map<string, { config: CachedConfig | undefined; settings: Promise<DocumentSettings> }>();
  private readonly configFiles = new Map<string, CachedConfig | null>();
  private folders: string[] = [];
  private folderUris: string[] = [];

  constructor(
    /** Asks the client for the settings section of a document; undefined when the client cannot answer. */
    private readonly fetchClientSettings: ((uri: string) => Promise<unknown>) | undefined,
    private readonly report: (problem: string) => void,
    /** Reads the config file (the disk, or the editor's file system on the web). */
    private readonly host: WorkspaceHost,
  ) {}

  /** Workspace folder URIs (any scheme: file, or a virtual file system on the web). */
  setWorkspaceFolders(uris: string[]): void {
    this.folders = uris.map((u) => u.replace(/\/+$/, ''));
    this.folderUris = [...uris];
  }

  get workspaceFolders(): readonly string[] {
    return this.folders;
  }

  /** The workspace folders as the client named them. */
  get workspaceFolderUris(): readonly string[] {
    return this.folderUris;
  }

  /** Forget everything (settings or config file changed). */
  clear(): void {
    this.resolved.clear();
    this.configFiles.clear();
    this.reading.clear();
  }

  /** The document was closed: its settings are fetched again if it is reopened. */
  forget(uri: string): void {
    this.resolved.delete(uri);
  }

  /** How many documents have settings cached (for tests of the cache's bound). */
  get cachedDocuments(): number {
    return this.resolved.size;
  }

  async forDocument(uri: string): Promise<DocumentSettings> {
    const file = await this.configFileFor(uri);
    const hit = this.resolved.get(uri);
    if (hit && hit.config === file) return hit.settings;
    const fetched = this.fetchClientSettings ? this.fetchClientSettings(uri).catch(() => undefined) : Promise.resolve(undefined);
    const settings = fetched.then((raw) => this.combine(file, raw));
    if (this.resolved.size >= MAX_CACHED_DOCUMENTS) this.resolved.clear();
    this.resolved.set(uri, { config: file, settings });
    return settings;
  }

  /** Settings for a document whose client settings were pushed (didChangeConfiguration) or are unknown. */
  combine(file: CachedConfig | undefined, raw: unknown): DocumentSettings {
    const v = validateSettings(raw === null ? undefined : raw, 'crdbRestoreGuard settings', false);
    v.problems.forEach((p) => this.report(p));
    const out: DocumentSettings = mergeSettings(file?.settings, v.settings);
    if (raw && typeof raw === 'object') {
      const r = raw as Record<string, unknown>;
      if (r.maxFileSizeMb !== undefined) {
        if (typeof r.maxFileSizeMb === 'number' && r.maxFileSizeMb > 0) out.maxFileSizeMb = r.maxFileSizeMb;
        else this.report(`crdbRestoreGuard settings: maxFileSizeMb: expected a positive number, got ${preview(r.maxFileSizeMb)}`);
      }
      if (r.workspaceDiagnostics !== undefined) {
        if (typeof r.workspaceDiagnostics === 'boolean') out.workspaceDiagnostics = r.workspaceDiagnostics;
        else this.report(`crdbRestoreGuard settings: workspaceDiagnostics: expected true or false`);
      }
      if (r.workspaceIndexMaxFiles !== undefined) {
        const n = r.workspaceIndexMaxFiles;
        if (typeof n === 'number' && Number.isInteger(n) && n >= 0) out.workspaceIndexMaxFiles = n;
        else this.report(`crdbRestoreGuard settings: workspaceIndexMaxFiles: expected a whole number ≥ 0, got ${JSON.stringify(n)}`);
      }
      for (const key of ['inlayHints', 'codeLens'] as const) {
        if (r[key] === undefined) continue;
        if (typeof r[key] === 'boolean') out[key] = r[key];
        else this.report(`crdbRestoreGuard settings: ${key}: expected true or false`);
      }
    }
    return out;
  }

  /** Reads in flight, per config file: requests arriving together share one read. */
  private readonly reading = new Map<string, Promise<CachedConfig | undefined>>();

  /** The (cached, re-validated by mtime) config file of the folder holding `uri`. */
  configFileFor(uri: string): Promise<CachedConfig | undefined> {
    const inside = this.folders.filter((f) => isInsideUri(uri, f)).sort((a, b) => b.length - a.length)[0];
    // A document outside every folder (untitled, another scheme) gets the first folder's file.
    const folder = inside ?? this.folders[0];
    if (!folder) return Promise.resolve(undefined);
    const file = joinUri(folder, CONFIG_FILE_NAME);
    let p = this.reading.get(file);
    if (!p) {
      const read: Promise<CachedConfig | undefined> = this.readConfigFile(file).finally(() => {
        if (this.reading.get(file) === read) this.reading.delete(file);
      });
      this.reading.set(file, (p = read));
    }
    return p;
  }

  private async readConfigFile(file: string): Promise<CachedConfig | undefined> {
    const stat = await this.host.stat(file);
    if (!stat) {
      this.configFiles.set(file, null);
      return undefined;
    }
    const cached = this.configFiles.get(file);
    if (cached && cached.mtimeMs === stat.mtime && cached.size === stat.size) return cached;
    // The folder bounds the file: a config that links out of the workspace is not followed.
    const v = await this.host.readConfig(file, file.slice(0, file.length - CONFIG_FILE_NAME.length - 1));
    if (!v) return undefined;
    v.problems.forEach((pr) => this.report(pr));
    const entry = { mtimeMs: stat.mtime, size: stat.size, settings: v.settings, problems: v.problems };
    this.configFiles.set(file, entry);
    return entry;
  }
}

/** The path of a file: URI, for messages (undefined for other schemes, e.g. on the web). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return undefined;
  }
}

/**
 * Why a document is not analysed at all, or undefined when it is: Restore Guard's own
 * documentation (opened by "Show documentation"), and, when workspace folders are open, files
 * outside them (a runbook elsewhere on disk is not the workspace's business). Documents that
 * are not files (untitled, in-memory) are always analysed. Folders and the docs are URIs.
 */
export function outOfScope(uri: string, folders: readonly string[], docsUri: string): string | undefined {
  if (!uri.startsWith('file:') && !folders.some((f) => isInsideUri(uri, f))) return undefined;
  if (docsUri && isInsideUri(uri, docsUri.replace(/\/+$/, ''))) return 'Not analyzed: this is CockroachDB Restore Guard’s own documentation.';
  if (folders.length > 0 && !folders.some((f) => isInsideUri(uri, f))) return 'Not analyzed: the file is outside the workspace folders.';
  return undefined;
}
