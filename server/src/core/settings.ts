// Settings (SPEC §8): validated from the config file, VS Code settings and CLI flags, merged
// (file < editor settings < CLI), and resolved into what the analyzer needs. A bad value is
// reported and dropped, never fatal: analysis goes on with the defaults.
import type { AnalyzeOptions, CollectionVersion, RuleId, SeverityOrOff } from './analysisTypes';
import { collectionKey } from './collections';
import { catalogWith, type ExtraRelease } from './catalog/catalog';
import { closest } from './didYouMean';
import { ALL_RULE_IDS } from './rules/ruleTable';
import { FILE_SETTING_KEYS } from './settingsTable';
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

export interface Validated {
  settings: Settings;
  /** One line per problem, each naming where it is (`.crdb-restore-guard.json: rules.foo: …`). */
  problems: string[];
}

/** The config file's keys, from the settings table. */
const KEYS: readonly string[] = FILE_SETTING_KEYS;
/** Problems listed per source; the rest are counted in one last line. */
export const MAX_PROBLEMS = 20;
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
  const bad = (path: string, msg: string) => problems.push(`${source}: ${path}: ${msg}`);
  if (raw === undefined || raw === null) return { settings, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { settings, problems: [`${source}: expected an object with ${KEYS.join(', ')}`] };
  }
  const obj = raw as Record<string, unknown>;
  if (strictKeys) {
    for (const k of Object.keys(obj)) {
      if (k === '$schema' || KEYS.includes(k)) continue;
      const s = closest(k, KEYS);
      bad(k, `unknown key${s ? `; did you mean "${s}"?` : ` (known: ${KEYS.join(', ')})`}`);
    }
  }
  const dtv = obj.defaultTargetVersion;
  if (dtv !== undefined && dtv !== null && dtv !== '') {
    if (typeof dtv !== 'string' || !parseVersion(dtv)) bad('defaultTargetVersion', `expected a version such as "24.3", got ${JSON.stringify(dtv)}`);
    else settings.defaultTargetVersion = dtv;
  }
  const today = obj.today;
  if (today !== undefined && today !== null && today !== '') {
    if (typeof today !== 'string' || !isIsoDate(today)) bad('today', `expected a date YYYY-MM-DD, got ${JSON.stringify(today)}`);
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
          const s = closest(id, ALL_RULE_IDS);
          bad(`rules.${id}`, `unknown rule${s ? `; did you mean "${s}"?` : ''}`);
        } else if (typeof level !== 'string' || !(LEVELS as readonly string[]).includes(level)) {
          bad(`rules.${id}`, `expected one of ${LEVELS.join('|')}, got ${JSON.stringify(level)}`);
        } else settings.rules[id as RuleId] = level as SeverityOrOff;
      }
    }
  }
  const extra = obj.extraReleases;
  if (extra !== undefined && extra !== null) {
    if (!Array.isArray(extra)) bad('extraReleases', 'expected an array of {version, type, gaDate?, supportEnd?}');
    else {
      settings.extraReleases = [];
      extra.forEach((e, i) => {
        const r = validateRelease(e);
        if (typeof r === 'string') bad(`extraReleases[${i}]`, r);
        else settings.extraReleases!.push(r);
      });
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
        else if (typeof version !== 'string' || !parseVersion(version)) bad(`collections.${uri}`, `expected a version such as "24.3", got ${JSON.stringify(version)}`);
        else settings.collections[uri] = version;
      }
    }
  }
  if (problems.length > MAX_PROBLEMS) {
    // A runaway file (thousands of bad keys) must not flood the editor with thousands of messages.
    const more = problems.length - MAX_PROBLEMS;
    problems.splice(MAX_PROBLEMS, more, `${source}: … and ${more} more problems`);
  }
  return { settings, problems };
}

function validateRelease(e: unknown): ExtraRelease | string {
  if (typeof e !== 'object' || e === null || Array.isArray(e)) return 'expected an object {version, type, gaDate?, supportEnd?}';
  const o = e as Record<string, unknown>;
  if (typeof o.version !== 'string' || !parseVersion(o.version)) return `version: expected a version such as "26.4", got ${JSON.stringify(o.version)}`;
  if (o.type !== 'regular' && o.type !== 'innovation') return `type: expected "regular" or "innovation", got ${JSON.stringify(o.type)}`;
  for (const k of ['gaDate', 'supportEnd'] as const) {
    if (o[k] !== undefined && (typeof o[k] !== 'string' || !isIsoDate(o[k] as string))) return `${k}: expected a date YYYY-MM-DD, got ${JSON.stringify(o[k])}`;
  }
  for (const k of Object.keys(o)) if (!['version', 'type', 'gaDate', 'supportEnd'].includes(k)) return `unknown key "${k}"`;
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

/** Today's local calendar date (SPEC §11.9). */
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
