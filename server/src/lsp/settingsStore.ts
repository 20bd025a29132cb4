// Per-document settings: `.crdb-restore-guard.json` at the workspace folder root, overridden
// by the client's `crdbRestoreGuard` settings (pulled per document through
// workspace/configuration, cached, cleared on change). Problems are collected, not thrown.
import { mergeSettings, validateSettings, type Settings } from '../core/settings';
import { CONFIG_FILE_NAME } from '../core/settings';
import { settingDefault } from '../core/settingsTable';
import type { ServerOnlySettings } from './protocol';
import { isInsideUri, joinUri, type WorkspaceHost } from './workspaceHost';

export type DocumentSettings = Settings & ServerOnlySettings;

/** The editor-only settings' defaults, from the settings table. */
export const SERVER_DEFAULTS: Required<ServerOnlySettings> = {
  maxFileSizeMb: settingDefault('maxFileSizeMb'),
  workspaceDiagnostics: settingDefault('workspaceDiagnostics'),
  inlayHints: settingDefault('inlayHints'),
  codeLens: settingDefault('codeLens'),
  workspaceIndexMaxFiles: settingDefault('workspaceIndexMaxFiles'),
};

interface CachedConfig {
  mtimeMs: number;
  size: number;
  settings: Settings;
  problems: string[];
}

export class SettingsStore {
  private readonly clientSettings = new Map<string, Promise<unknown>>();
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
    this.clientSettings.clear();
    this.configFiles.clear();
    this.reading.clear();
  }

  async forDocument(uri: string): Promise<DocumentSettings> {
    const file = await this.configFileFor(uri);
    let raw: unknown;
    if (this.fetchClientSettings) {
      let p = this.clientSettings.get(uri);
      if (!p) {
        p = this.fetchClientSettings(uri).catch(() => undefined);
        this.clientSettings.set(uri, p);
      }
      raw = await p;
    }
    return this.combine(file, raw);
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
        else this.report(`crdbRestoreGuard settings: maxFileSizeMb: expected a positive number, got ${JSON.stringify(r.maxFileSizeMb)}`);
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
    const v = await this.host.readConfig(file);
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
