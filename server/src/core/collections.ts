// Collection identity (docs/behaviour.md#collections): two collections are the same when scheme, host and
// path match after dropping the query string and a trailing `/`. Scheme and host compare
// case-insensitively, the path case-sensitively; `external://name` compares by name.
import type { CollectionRef } from './types';

/** Normalized key of one collection URI, or undefined for a placeholder / non-literal. */
export function collectionKey(uri: string | undefined): string | undefined {
  if (uri === undefined) return undefined;
  let s = uri.trim();
  const cut = s.search(/[?#]/);
  if (cut >= 0) s = s.slice(0, cut);
  while (s.length > 1 && s.endsWith('/')) s = s.slice(0, -1);
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/]*)(.*)$/.exec(s);
  if (!m) return s; // a bare path or something unusual: compare as written
  const scheme = m[1].toLowerCase();
  const host = m[2].toLowerCase();
  return `${scheme}://${host}${m[3]}`;
}

/**
 * The URI that stands for a (possibly locality-aware) collection list: the entry whose query
 * says `COCKROACH_LOCALITY=default`, else the first.
 */
export function defaultCollection(list: readonly CollectionRef[]): CollectionRef | undefined {
  if (list.length < 2) return list[0]; // one entry is the default whatever its query says
  for (const c of list) if (c.value !== undefined && DEFAULT_LOCALITY.test(c.value)) return c;
  return list[0];
}
const DEFAULT_LOCALITY = /[?&]COCKROACH_LOCALITY=default(?:&|$)/i;

/** Short form for messages: scheme://host/path without credentials in the query. */
export function displayCollection(uri: string): string {
  const cut = uri.search(/[?#]/);
  return cut >= 0 ? uri.slice(0, cut) : uri;
}
