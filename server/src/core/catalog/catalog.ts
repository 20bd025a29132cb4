// The release catalog the rule consults: the bundled CockroachDB data plus any
// `extraReleases` the user configures for versions newer than the bundle.
import { BUNDLED_RELEASES } from './catalogData.generated';
import type { MajorRelease, ReleaseType } from './catalogTypes';
import { compareMajors, parseVersion } from '../versions';

export type { MajorRelease, ReleaseType } from './catalogTypes';

/** A user-supplied release (docs/behaviour.md#configuration `extraReleases`). */
export interface ExtraRelease {
  version: string;
  type: ReleaseType;
  gaDate?: string;
  supportEnd?: string;
}

export class Catalog {
  /** Ascending by major version. */
  readonly releases: readonly MajorRelease[];
  private readonly byMajor: Map<string, MajorRelease>;
  /** Results of the policy functions for this catalog (a catalog never changes once built). */
  private readonly memos = new Map<string, Map<string, Map<string, unknown>>>();

  /** Indexes into `releases` of the regular releases, ascending (for "regulars between" in O(log n)). */
  private readonly regularIndexes: number[];

  constructor(releases: readonly MajorRelease[]) {
    this.releases = [...releases].sort((a, b) => compareMajors(a.version, b.version));
    this.byMajor = new Map(this.releases.map((r) => [r.version, r]));
    this.regularIndexes = [];
    this.releases.forEach((r, i) => {
      if (r.type === 'regular') this.regularIndexes.push(i);
    });
  }

  /** Index of the first release after `v` (strictly), by binary search: releases are sorted. */
  private indexAfter(v: string): number {
    return firstIndex(this.releases.length, (i) => compareMajors(this.releases[i].version, v) > 0);
  }

  /** Index of the first release at or after `v`. */
  private indexAtOrAfter(v: string): number {
    return firstIndex(this.releases.length, (i) => compareMajors(this.releases[i].version, v) >= 0);
  }

  /** Position in `regularIndexes` of the first regular release at index ≥ `i`. */
  private regularFrom(i: number): number {
    return firstIndex(this.regularIndexes.length, (k) => this.regularIndexes[k] >= i);
  }

  /**
   * The answer of `compute(this, a, b)`, computed the first time and kept under `kind`. The
   * policy asks the same few questions for every statement of a document; the answers depend
   * on the catalog only. A hit allocates nothing (no key string, no closure). Callers must
   * treat the result as read-only.
   *
   * Measured (npm run bench, 2026-12-03, a loaded machine): without it the 97 KB runbook's full
   * analysis took 42.1 ms (0.006 of the charCodeAt limit) against 2.64 and 6.98 ms (0.106,
   * 0.040) with it, and opening the 5 MB runbook 1728 ms against 271 and 738 ms.
   */
  memo<T>(kind: string, a: string, b: string, compute: (catalog: Catalog, a: string, b: string) => T): T {
    let byA = this.memos.get(kind);
    if (byA === undefined) this.memos.set(kind, (byA = new Map()));
    let byB = byA.get(a);
    if (byB === undefined) {
      if (byA.size > 1024) byA.clear(); // bounded, whatever versions a document names
      byA.set(a, (byB = new Map()));
    }
    if (byB.has(b)) return byB.get(b) as T;
    const value = compute(this, a, b);
    if (byB.size > 1024) byB.clear();
    byB.set(b, value);
    return value;
  }

  get(major: string): MajorRelease | undefined {
    return this.byMajor.get(major);
  }

  has(major: string): boolean {
    return this.byMajor.has(major);
  }

  /** Catalogued majors strictly between `low` and `high`, ascending. */
  between(low: string, high: string): MajorRelease[] {
    const from = this.indexAfter(low);
    const to = this.indexAtOrAfter(high);
    return from < to ? this.releases.slice(from, to) : [];
  }

  /** Regular releases strictly between `low` and `high`, ascending: O(log n + answer). */
  regularsBetween(low: string, high: string): MajorRelease[] {
    const from = this.indexAfter(low);
    const to = this.indexAtOrAfter(high);
    const out: MajorRelease[] = [];
    for (let k = this.regularFrom(from); k < this.regularIndexes.length && this.regularIndexes[k] < to; k++) out.push(this.releases[this.regularIndexes[k]]);
    return out;
  }

  /** Catalogued majors after `v`, ascending. */
  after(v: string): MajorRelease[] {
    return this.releases.slice(this.indexAfter(v));
  }

  /** Catalogued majors after `v` up to and including the first regular one (or to the end). */
  afterThroughNextRegular(v: string): MajorRelease[] {
    const from = this.indexAfter(v);
    const k = this.regularFrom(from);
    const to = k < this.regularIndexes.length ? this.regularIndexes[k] + 1 : this.releases.length;
    return this.releases.slice(from, to);
  }

  /** The catalogued release just before `v` in version order. */
  previous(v: string): MajorRelease | undefined {
    const i = this.indexAtOrAfter(v);
    return i > 0 ? this.releases[i - 1] : undefined;
  }

  /** A new catalog with `extra` releases added (an extra entry overrides a bundled one field by field). */
  withExtras(extra: readonly ExtraRelease[]): Catalog {
    if (extra.length === 0) return this;
    const merged = new Map(this.byMajor);
    for (const e of extra) {
      const v = parseVersion(e.version);
      if (!v) continue;
      const base = merged.get(v.major);
      const entry: MajorRelease = { ...(base ?? {}), version: v.major, type: e.type, userSupplied: true };
      if (e.gaDate) entry.gaDate = e.gaDate;
      if (e.supportEnd) {
        if (e.type === 'innovation') entry.maintenanceEnd = e.supportEnd;
        else entry.assistanceEnd = e.supportEnd;
      }
      merged.set(v.major, entry);
    }
    return new Catalog([...merged.values()]);
  }
}

let bundled: Catalog | undefined;

/** The catalog generated from CockroachDB's release data, shipped inside the product. */
export function bundledCatalog(): Catalog {
  return (bundled ??= new Catalog(BUNDLED_RELEASES));
}

/** The bundled catalog with `extra` releases, reused while the same extras are configured. */
export function catalogWith(extra: readonly ExtraRelease[]): Catalog {
  if (extra.length === 0) return bundledCatalog();
  // The same array (settings are validated once per change) is looked up without serialising it.
  const known = byArray.get(extra);
  if (known) return known;
  const key = JSON.stringify(extra);
  if (lastExtended?.key !== key) lastExtended = { key, catalog: bundledCatalog().withExtras(extra) };
  byArray.set(extra, lastExtended.catalog);
  return lastExtended.catalog;
}
let lastExtended: { key: string; catalog: Catalog } | undefined;
const byArray = new WeakMap<readonly ExtraRelease[], Catalog>();

/** The first index in [0, n) where `holds` is true, or n; `holds` is false then true along the range. */
function firstIndex(n: number, holds: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (holds(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
