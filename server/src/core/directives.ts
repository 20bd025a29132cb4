// `crdb:` version directives (SPEC §4): parsing a comment's text into key/value entries with
// document positions, and classifying each entry. What an entry *does* to the scope is the
// analyzer's business; what is wrong with it is reported by the directive rules.
import { closest } from './didYouMean';

export const DIRECTIVE_KEYS = ['target-version', 'backup-version', 'mixed-version', 'ignore', 'infer'] as const;
export type DirectiveKey = (typeof DIRECTIVE_KEYS)[number];

/** What each key means, in one sentence (completion and hover show it). */
export const DIRECTIVE_KEY_DOCS: Record<DirectiveKey, string> = {
  'target-version': 'Version of the cluster the following statements run on (a RESTORE’s target; the version a BACKUP is taken on).',
  'backup-version': 'Version of the cluster the restored backup was taken on.',
  'mixed-version': 'true/false (bare = true): the cluster is mid-upgrade, not finalized.',
  ignore: 'Comma-separated rule ids to silence for the next statement only.',
  infer:
    'true/false (bare = true): whether version evidence in code (binaries, images, cluster settings, version banners) counts from here on. What is already in force stays.',
};

/** Where a directive was written; decides the form a quick fix writes. */
export type DirectiveOrigin = 'sql' | 'html' | 'shell' | 'front-matter';

export interface DirectiveEntry {
  key: string;
  keyStart: number;
  keyEnd: number;
  /** Undefined for a bare key (`mixed-version`). */
  value?: string;
  /** Document span of the value without quotes; for a bare key, empty at the key's end. */
  valueStart: number;
  valueEnd: number;
}

export interface Directive {
  origin: DirectiveOrigin;
  /** Document span of the whole comment (or front matter entry). */
  start: number;
  end: number;
  entries: DirectiveEntry[];
  /** Document offset right after the last entry, where ` key=value` can be appended. */
  appendAt: number;
}

const PREFIX = /^\s*crdb:/i;

/**
 * Parses the inner text of a comment. `toDoc` maps an index into `body` to a document offset.
 * Returns undefined when the comment is not a directive (does not start with `crdb:`).
 */
export function parseDirectiveBody(
  body: string,
  toDoc: (i: number) => number,
  origin: DirectiveOrigin,
  span: { start: number; end: number },
): Directive | undefined {
  const m = PREFIX.exec(body);
  if (!m) return undefined;
  const entries: DirectiveEntry[] = [];
  let i = m[0].length;
  let lastEnd = i;
  const n = body.length;
  while (i < n) {
    while (i < n && isSpace(body.charCodeAt(i))) i++;
    if (i >= n) break;
    const keyStart = i;
    while (i < n && !isSpace(body.charCodeAt(i)) && body.charCodeAt(i) !== 61 /* = */) i++;
    const key = body.slice(keyStart, i);
    if (i < n && body.charCodeAt(i) === 61) {
      i++;
      const q = body.charCodeAt(i);
      let valueStart: number;
      let valueEnd: number;
      if (q === 34 /* " */ || q === 39 /* ' */) {
        valueStart = i + 1;
        const close = body.indexOf(String.fromCharCode(q), valueStart);
        valueEnd = close < 0 ? n : close;
        i = close < 0 ? n : close + 1;
      } else {
        valueStart = i;
        while (i < n && !isSpace(body.charCodeAt(i))) i++;
        valueEnd = i;
      }
      entries.push({
        key,
        keyStart: toDoc(keyStart),
        keyEnd: toDoc(keyStart + key.length),
        value: body.slice(valueStart, valueEnd),
        valueStart: toDoc(valueStart),
        valueEnd: toDoc(valueEnd),
      });
    } else {
      const keyEnd = toDoc(i);
      entries.push({ key, keyStart: toDoc(keyStart), keyEnd, valueStart: keyEnd, valueEnd: keyEnd });
    }
    lastEnd = i;
  }
  // `entries.slice()`: a list of exactly its size (directives are kept with the analysis).
  return { origin, start: span.start, end: span.end, entries: entries.slice(), appendAt: toDoc(lastEnd) };
}

export function isDirectiveKey(key: string): key is DirectiveKey {
  // A switch, not DIRECTIVE_KEYS.includes: it runs for every entry of every directive.
  switch (key) {
    case 'target-version':
    case 'backup-version':
    case 'mixed-version':
    case 'ignore':
    case 'infer':
      return true;
    default:
      return false;
  }
}

/** The known key a misspelt one most likely meant, if any is close. */
export function suggestKey(key: string): DirectiveKey | undefined {
  let s = suggestions.get(key);
  if (s === undefined && !suggestions.has(key)) {
    s = closest(key.toLowerCase(), DIRECTIVE_KEYS) as DirectiveKey | undefined;
    // The same typo recurs in a runbook; a hostile document cannot grow the cache without bound.
    // Measured: without it, test/fuzz/regressions.test.ts's directive of 32k misspelt keys took
    // 3621 ms against 1206 ms (same loaded machine, 2026-12-03); the bench's rows do not show it.
    if (suggestions.size > 1024) suggestions.clear();
    suggestions.set(key, s);
  }
  return s;
}
const suggestions = new Map<string, DirectiveKey | undefined>();

/** `mixed-version` and `infer` value: bare or true/false; undefined when the value is not one of those. */
export function parseBoolean(value: string | undefined): boolean | undefined {
  if (value === undefined) return true;
  const v = value.toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  return undefined;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;
}
