// CockroachDB version strings. The compatibility rule compares major versions only
// (`24.1.7`, `v24.1.7`, `24.1.0-beta.2` all mean 24.1), so a parsed version keeps its
// major key beside the patch and pre-release parts that hovers and the LTS check need.

export interface Version {
  /** As written, e.g. `v24.1.7`. */
  text: string;
  year: number;
  minor: number;
  patch?: number;
  pre?: string;
  /** Major version key `YY.N`, e.g. `24.1` (`24.10` stays `24.10`). */
  major: string;
}

// 1–2 digit major (as in 2.1, 19.2), any minor, optional patch and pre-release.
const VERSION_RE = /^[vV]?(\d{1,2})\.(\d{1,3})(?:\.(\d{1,4}))?(?:-([0-9A-Za-z][0-9A-Za-z.-]*))?$/;

/**
 * Parses a version as written. The answer for a text is kept (frozen, so sharing it is safe):
 * a runbook repeats the same few versions in every directive, and every rule asks again.
 * Measured with the major-key ordinals below (npm run bench, 2026-12-03, a loaded machine):
 * without both, the 97 KB runbook's full analysis took 11.4 ms (0.024 of the charCodeAt limit)
 * against 2.64 and 6.98 ms (0.106, 0.040) with them.
 */
export function parseVersion(text: string): Version | undefined {
  let v = parsed.get(text);
  if (v === undefined && !parsed.has(text)) {
    v = parseVersionText(text);
    // Distinct texts are few in real documents; a hostile one cannot grow the cache without bound.
    if (parsed.size > 4096) parsed.clear();
    parsed.set(text, v);
  }
  return v;
}
const parsed = new Map<string, Version | undefined>();

function parseVersionText(text: string): Version | undefined {
  const m = VERSION_RE.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const minor = Number(m[2]);
  return Object.freeze({
    text,
    year,
    minor,
    patch: m[3] === undefined ? undefined : Number(m[3]),
    pre: m[4],
    major: `${year}.${minor}`,
  });
}

/** Parses a major key such as `24.1` (always well-formed where it is used). */
export function majorOf(key: string): { year: number; minor: number } {
  const dot = key.indexOf('.');
  return { year: Number(key.slice(0, dot)), minor: Number(key.slice(dot + 1)) };
}

/** One number per major key that sorts like the version (minor < 1000 by the version syntax); kept per key (figure at parseVersion). */
function ordinal(key: string): number {
  let n = ordinals.get(key);
  if (n === undefined) {
    const m = majorOf(key);
    n = m.year * 1000 + m.minor;
    // Distinct keys are few in real documents; a hostile one cannot grow the cache without bound.
    if (ordinals.size > 4096) ordinals.clear();
    ordinals.set(key, n);
  }
  return n;
}
const ordinals = new Map<string, number>();

/** Orders major keys numerically: 2.1 < 19.1 < 24.1 < 24.3 < 24.10. */
export function compareMajors(a: string, b: string): number {
  return ordinal(a) - ordinal(b);
}

/** Orders full versions `24.1.6` by major, then patch (a missing patch counts as 0). */
export function comparePatch(a: string, b: string): number {
  let i = 0;
  let j = 0;
  for (let part = 0; part < 3; part++) {
    // One dot-separated number of each (absent parts count as 0), read without splitting.
    let x = 0;
    let y = 0;
    let ci: number;
    while (i < a.length && (ci = a.charCodeAt(i)) !== 46) {
      x = x * 10 + (ci - 48);
      i++;
    }
    while (j < b.length && (ci = b.charCodeAt(j)) !== 46) {
      y = y * 10 + (ci - 48);
      j++;
    }
    i++;
    j++;
    if (x !== y) return x - y;
  }
  return 0;
}
