// Settings (docs/behaviour.md#configuration): validated from the config file, VS Code settings and CLI flags, merged
// (file < editor settings < CLI), and resolved into what the analyzer needs. A bad value is
// reported and dropped, never fatal: analysis goes on with the defaults.
import type { AnalyzeOptions, CollectionVersion, RuleId, SeverityOrOff } from './analysisTypes';
import { collectionKey } from './collections';
import { catalogWith, type ExtraRelease } from './catalog/catalog';
import { closest } from './didYouMean';
import { ALL_RULE_IDS } from './rules/ruleTable';
import { FILE_SETTING_KEYS, settingDefault } from './settingsTable';
import { parseVersion } from './versions';

export const CONFIG_FILE_NAME = '.crdb-restore-guard.json';

export interface Settings {
  defaultTargetVersion?: string;
  rules?: Partial<Record<RuleId, SeverityOrOff>>;
  extraReleases?: ExtraRelease[];
  today?: string;
  /** Whether version evidence in code counts (default true). */
  inferVersions?: boolean;
  /** Collection URI → the version its backups are taken on (docs/workspace.md). */
  collections?: Record<string, string>;
}

/**
 * Settings only the editor gives (`crdbRestoreGuard.*`, not in the config file): they decide what
 * the server does with a document, not what the analysis finds.
 */
export interface EditorSettings {
  /** Documents larger than this are not analyzed (an information diagnostic says so). */
  maxFileSizeMb?: number;
  /** Report problems for every .sql/.md file in the workspace, not only open ones. */
  workspaceDiagnostics?: boolean;
  /** Inlay hints after BACKUP/RESTORE collections (the inferred versions). */
  inlayHints?: boolean;
  /** Code lenses above each RESTORE (the verdict). */
  codeLens?: boolean;
  /** Files of each workspace folder read for collection facts (docs/workspace.md); 0 reads none. */
  workspaceIndexMaxFiles?: number;
}

/** The defaults of the editor-only settings, from the settings table (package.json's are generated from it too). */
export const EDITOR_SETTING_DEFAULTS: Required<EditorSettings> = {
  maxFileSizeMb: settingDefault('maxFileSizeMb'),
  workspaceDiagnostics: settingDefault('workspaceDiagnostics'),
  inlayHints: settingDefault('inlayHints'),
  codeLens: settingDefault('codeLens'),
  workspaceIndexMaxFiles: settingDefault('workspaceIndexMaxFiles'),
};

export interface Validated {
  settings: Settings;
  /** One line per problem, each naming where it is (`.crdb-restore-guard.json: rules.foo: …`). */
  problems: string[];
}

/** The config file's keys, from the settings table. */
const KEYS: readonly string[] = FILE_SETTING_KEYS;
/** Problems listed per source; the rest are counted in one last line. */
export const MAX_PROBLEMS = 20;
/** `extraReleases` entries used; more are reported and left out (the policy indexes every release). */
export const MAX_EXTRA_RELEASES = 1000;
/** Settings nested deeper than this are refused whole ("too deep"), and the defaults used. */
export const MAX_SETTINGS_DEPTH = 64;
/** Characters of a key or value echoed in a problem message. */
const ECHO_CHARS = 80;
const LEVELS: readonly SeverityOrOff[] = ['error', 'warning', 'information', 'hint', 'off'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

/**
 * Validates a settings object from `source` (a file name or "settings").
 * `strictKeys` reports unknown top-level keys (a config file); VS Code settings carry extras.
 */
export function validateSettings(raw: unknown, source: string, strictKeys = true): Validated {
  const problems: string[] = [];
  const settings: Settings = {};
  let unlisted = 0;
  // The message is built only for problems that are listed: a runaway file (40,000 bad keys)
  // costs a count, not 40,000 did-you-mean searches.
  const bad = (path: string, msg: string | (() => string)) => {
    if (problems.length >= MAX_PROBLEMS) unlisted++;
    else problems.push(`${source}: ${path}: ${typeof msg === 'string' ? msg : msg()}`);
  };
  if (raw === undefined || raw === null) return { settings, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { settings, problems: [`${source}: expected an object with ${KEYS.join(', ')}`] };
  }
  if (depthExceeds(raw, MAX_SETTINGS_DEPTH)) {
    return { settings, problems: [`${source}: too deep (nested more than ${MAX_SETTINGS_DEPTH} levels); using defaults`] };
  }
  const obj = raw as Record<string, unknown>;
  if (strictKeys) {
    for (const k of Object.keys(obj)) {
      if (k === '$schema' || KEYS.includes(k)) continue;
      bad(clip(k), () => {
        const s = k.length <= 64 ? closest(k, KEYS) : undefined;
        return `unknown key${s ? `; did you mean "${s}"?` : ` (known: ${KEYS.join(', ')})`}`;
      });
    }
  }
  const dtv = obj.defaultTargetVersion;
  if (dtv !== undefined && dtv !== null && dtv !== '') {
    if (typeof dtv !== 'string' || !parseVersion(dtv)) bad('defaultTargetVersion', () => `expected a version such as "24.3", got ${preview(dtv)}`);
    else settings.defaultTargetVersion = dtv;
  }
  const today = obj.today;
  if (today !== undefined && today !== null && today !== '') {
    if (typeof today !== 'string' || !isIsoDate(today)) bad('today', () => `expected a date YYYY-MM-DD, got ${preview(today)}`);
    else settings.today = today;
  }
  const infer = obj.inferVersions;
  if (infer !== undefined && infer !== null) {
    if (typeof infer !== 'boolean') bad('inferVersions', `expected true or false, got ${JSON.stringify(infer)}`);
    else settings.inferVersions = infer;
  }
  const rules = obj.rules;
  if (rules !== undefined && rules !== null) {
    if (typeof rules !== 'object' || Array.isArray(rules)) bad('rules', 'expected an object of rule id → error|warning|information|hint|off');
    else {
      settings.rules = {};
      for (const [id, level] of Object.entries(rules as Record<string, unknown>)) {
        if (!(ALL_RULE_IDS as readonly string[]).includes(id)) {
          bad(`rules.${clip(id)}`, () => {
            const s = id.length <= 64 ? closest(id, ALL_RULE_IDS) : undefined;
            return `unknown rule${s ? `; did you mean "${s}"?` : ''}`;
          });
        } else if (typeof level !== 'string' || !(LEVELS as readonly string[]).includes(level)) {
          bad(`rules.${id}`, () => `expected one of ${LEVELS.join('|')}, got ${preview(level)}`);
        } else settings.rules[id as RuleId] = level as SeverityOrOff;
      }
    }
  }
  const extra = obj.extraReleases;
  if (extra !== undefined && extra !== null) {
    if (!Array.isArray(extra)) bad('extraReleases', 'expected an array of {version, type, gaDate?, supportEnd?}');
    else {
      settings.extraReleases = [];
      if (extra.length > MAX_EXTRA_RELEASES) {
        bad('extraReleases', `${extra.length} entries; only the first ${MAX_EXTRA_RELEASES} are used`);
      }
      for (let i = 0; i < Math.min(extra.length, MAX_EXTRA_RELEASES); i++) {
        const r = validateRelease(extra[i]);
        if (typeof r === 'string') bad(`extraReleases[${i}]`, r);
        else settings.extraReleases.push(r);
      }
    }
  }
  const collections = obj.collections;
  if (collections !== undefined && collections !== null) {
    if (typeof collections !== 'object' || Array.isArray(collections)) {
      bad('collections', 'expected an object of collection URI → version, e.g. { "s3://acme/prod": "24.3" }');
    } else {
      settings.collections = {};
      for (const [uri, version] of Object.entries(collections as Record<string, unknown>)) {
        if (uri.trim() === '') bad('collections', 'a collection URI is empty');
        else if (typeof version !== 'string' || !parseVersion(version)) bad(`collections.${clip(uri)}`, () => `expected a version such as "24.3", got ${preview(version)}`);
        else settings.collections[uri] = version;
      }
    }
  }
  // A runaway file (thousands of bad keys) must not flood the editor with thousands of messages.
  if (unlisted > 0) problems.push(`${source}: … and ${unlisted} more problems`);
  return { settings, problems };
}

/** A key as echoed in a message: at most ECHO_CHARS characters, control characters escaped. */
function clip(s: string): string {
  const cut = s.length > ECHO_CHARS ? `${s.slice(0, ECHO_CHARS)}…` : s;
  return cut.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A value as echoed in a message: short, whatever its size or depth (never JSON of the whole value). */
export function preview(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > ECHO_CHARS ? `${v.slice(0, ECHO_CHARS)}…` : v);
  if (v === null || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `an array of ${v.length} item${v.length === 1 ? '' : 's'}`;
  if (typeof v === 'object') return 'an object';
  return typeof v;
}

/** Whether `v` nests deeper than `max` levels (measured without recursion, stopping early). */
function depthExceeds(v: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[v, 1]];
  while (stack.length > 0) {
    const [x, d] = stack.pop()!;
    if (x === null || typeof x !== 'object') continue;
    if (d > max) return true;
    for (const child of Array.isArray(x) ? x : Object.values(x as object)) {
      if (child !== null && typeof child === 'object') stack.push([child, d + 1]);
    }
  }
  return false;
}

function validateRelease(e: unknown): ExtraRelease | string {
  if (typeof e !== 'object' || e === null || Array.isArray(e)) return 'expected an object {version, type, gaDate?, supportEnd?}';
  const o = e as Record<string, unknown>;
  if (typeof o.version !== 'string' || !parseVersion(o.version)) return `version: expected a version such as "26.4", got ${preview(o.version)}`;
  if (o.type !== 'regular' && o.type !== 'innovation') return `type: expected "regular" or "innovation", got ${preview(o.type)}`;
  for (const k of ['gaDate', 'supportEnd'] as const) {
    if (o[k] !== undefined && (typeof o[k] !== 'string' || !isIsoDate(o[k] as string))) return `${k}: expected a date YYYY-MM-DD, got ${preview(o[k])}`;
  }
  for (const k of Object.keys(o)) if (!['version', 'type', 'gaDate', 'supportEnd'].includes(k)) return `unknown key "${clip(k)}"`;
  return { version: o.version, type: o.type, gaDate: o.gaDate as string | undefined, supportEnd: o.supportEnd as string | undefined };
}

/** Later layers override earlier ones key by key; `rules` merge per rule, `extraReleases` concatenate. */
export function mergeSettings(...layers: (Settings | undefined)[]): Settings {
  const out: Settings = {};
  for (const l of layers) {
    if (!l) continue;
    if (l.defaultTargetVersion !== undefined) out.defaultTargetVersion = l.defaultTargetVersion;
    if (l.today !== undefined) out.today = l.today;
    if (l.inferVersions !== undefined) out.inferVersions = l.inferVersions;
    if (l.rules) out.rules = { ...out.rules, ...l.rules };
    if (l.extraReleases) out.extraReleases = [...(out.extraReleases ?? []), ...l.extraReleases];
    if (l.collections) out.collections = { ...out.collections, ...l.collections };
  }
  return out;
}

/** Today's local calendar date (docs/behaviour.md#today). */
export function localToday(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

export function languageOf(fileName: string): 'sql' | 'markdown' | undefined {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.sql')) return 'sql';
  if (lower.endsWith('.md') || lower.endsWith('.markdown') || lower.endsWith('.mdx')) return 'markdown';
  return undefined;
}

export function analyzeOptions(settings: Settings, languageId: 'sql' | 'markdown'): AnalyzeOptions {
  return {
    languageId,
    catalog: catalogWith(settings.extraReleases ?? []),
    rules: settings.rules ?? {},
    defaultTargetVersion: settings.defaultTargetVersion ? parseVersion(settings.defaultTargetVersion) : undefined,
    today: settings.today ?? localToday(),
    inferVersions: settings.inferVersions ?? true,
    collections: collectionVersions(settings.collections),
  };
}

/** The `collections` setting by collection identity (two spellings of one collection are one key; the later wins). */
function collectionVersions(raw: Record<string, string> | undefined): ReadonlyMap<string, CollectionVersion> | undefined {
  if (!raw) return undefined;
  const out = new Map<string, CollectionVersion>();
  for (const [written, text] of Object.entries(raw)) {
    const key = collectionKey(written);
    const version = parseVersion(text);
    if (key !== undefined && version) out.set(key, { written, version });
  }
  return out.size > 0 ? out : undefined;
}
