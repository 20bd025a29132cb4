// Per-document settings: `.crdb-restore-guard.json` at the workspace folder root, overridden
// by the client's `crdbRestoreGuard` settings (pulled per document through
// workspace/configuration, cached, cleared on change). Problems are collected, not thrown.
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath } from 'url';
import { EDITOR_SETTING_DEFAULTS, mergeSettings, preview, validateSettings, type EditorSettings, type Settings } from '../core/settings';
import { CONFIG_FILE_NAME } from '../core/settings';
import { readConfigFile } from '../node/configFile';

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
  ) {}

  setWorkspaceFolders(uris: string[]): void {
    this.folders = uris.map(uriToPath).filter((p): p is string => p !== undefined);
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
  }

  /** The document was closed: its settings are fetched again if it is reopened. */
  forget(uri: string): void {
    this.resolved.delete(uri);
  }

  /** How many documents have settings cached (for tests of the cache's bound). */
  get cachedDocuments(): number {
    return this.resolved.size;
  }

  forDocument(uri: string): Promise<DocumentSettings> {
    const file = this.configFileFor(uri);
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

  /** The (cached, re-validated by mtime) config file of the folder holding `uri`. */
  configFileFor(uri: string): CachedConfig | undefined {
    const p = uriToPath(uri);
    const folder = p ? this.folders.filter((f) => isInside(p, f)).sort((a, b) => b.length - a.length)[0] : this.folders[0];
    if (!folder) return undefined;
    const file = path.join(folder, CONFIG_FILE_NAME);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(file);
    } catch {
      stat = undefined;
    }
    if (!stat || !stat.isFile()) {
      this.configFiles.set(file, null);
      return undefined;
    }
    const cached = this.configFiles.get(file);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached;
    const v = readConfigFile(file, { within: folder });
    v.problems.forEach((pr) => this.report(pr));
    const entry = { mtimeMs: stat.mtimeMs, size: stat.size, settings: v.settings, problems: v.problems };
    this.configFiles.set(file, entry);
    return entry;
  }
}

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

function isInside(p: string, folder: string): boolean {
  const rel = path.relative(folder, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
