// Per-document settings: `.crdb-restore-guard.json` at the workspace folder root, overridden
// by the client's `crdbRestoreGuard` settings (pulled per document through
// workspace/configuration, cached, cleared on change). Problems are collected, not thrown.
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath } from 'url';
import { mergeSettings, validateSettings, type Settings } from '../core/settings';
import { CONFIG_FILE_NAME } from '../core/settings';
import { settingDefault } from '../core/settingsTable';
import { readConfigFile } from '../node/configFile';
import type { ServerOnlySettings } from './protocol';

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
    this.clientSettings.clear();
    this.configFiles.clear();
  }

  async forDocument(uri: string): Promise<DocumentSettings> {
    const file = this.configFileFor(uri);
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
    const v = readConfigFile(file);
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

/**
 * Why a document is not analysed at all, or undefined when it is: Restore Guard's own
 * documentation (opened by "Show documentation"), and, when workspace folders are open, files
 * outside them (a runbook elsewhere on disk is not the workspace's business). Documents that
 * are not files (untitled, in-memory) are always analysed.
 */
export function outOfScope(uri: string, folders: readonly string[], docsDir: string): string | undefined {
  const p = uriToPath(uri);
  if (p === undefined) return undefined;
  if (isInside(p, docsDir)) return 'Not analyzed: this is CockroachDB Restore Guard’s own documentation.';
  if (folders.length > 0 && !folders.some((f) => isInside(p, f))) return 'Not analyzed: the file is outside the workspace folders.';
  return undefined;
}

function isInside(p: string, folder: string): boolean {
  const rel = path.relative(folder, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
