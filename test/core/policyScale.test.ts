// The policy with many releases (issue 15 item 4): the catalog is indexed, so the releases
// request over 1,000 extraReleases takes milliseconds (800 took 15–36 s, 2,000 never
// answered); and the indexed answers equal the step-by-step definition on random catalogs.
import * as assert from 'assert';
import fc from 'fast-check';
import { Catalog, catalogWith, type ExtraRelease, type MajorRelease } from '../../server/src/core/catalog/catalog';
import { supportedTargets, upgradePath, verdict } from '../../server/src/core/policy';
import { MAX_EXTRA_RELEASES, validateSettings } from '../../server/src/core/settings';
import { compareMajors } from '../../server/src/core/versions';

/** The definition, one hop at a time over a plain sorted list (the code before the index). */
function referencePath(releases: MajorRelease[], backup: string, target: string): string[] {
  const sorted = [...releases].sort((a, b) => compareMajors(a.version, b.version));
  const regularBetween = (lo: string, hi: string) => sorted.some((r) => r.type === 'regular' && compareMajors(r.version, lo) > 0 && compareMajors(r.version, hi) < 0);
  const path = [backup];
  let cur = backup;
  while (compareMajors(target, cur) > 0 && regularBetween(cur, target)) {
    const targets = [cur];
    for (const r of sorted.filter((x) => compareMajors(x.version, cur) > 0)) {
      targets.push(r.version);
      if (r.type === 'regular') break;
    }
    const reachable = targets.filter((v) => compareMajors(v, cur) > 0 && compareMajors(v, target) <= 0);
    cur = reachable[reachable.length - 1];
    path.push(cur);
  }
  if (compareMajors(cur, target) !== 0) path.push(target);
  return path;
}

function extras(n: number): ExtraRelease[] {
  return Array.from({ length: n }, (_, i) => ({ version: `${30 + Math.floor(i / 50)}.${(i % 50) + 1}`, type: i % 3 === 0 ? 'regular' : 'innovation' }));
}

describe('policy: many releases', () => {
  it('upgrade paths and supported targets equal the hop-by-hop definition (property)', () => {
    const release = fc.record({ year: fc.integer({ min: 19, max: 40 }), minor: fc.integer({ min: 1, max: 4 }), regular: fc.boolean() });
    fc.assert(
      fc.property(fc.array(release, { minLength: 1, maxLength: 40 }), fc.nat(), fc.nat(), (rs, a, b) => {
        const byVersion = new Map<string, MajorRelease>();
        for (const r of rs) byVersion.set(`${r.year}.${r.minor}`, { version: `${r.year}.${r.minor}`, type: r.regular ? 'regular' : 'innovation' });
        const releases = [...byVersion.values()];
        const catalog = new Catalog(releases);
        const versions = [...catalog.releases.map((r) => r.version), '18.1', '41.2'];
        const backup = versions[a % versions.length];
        const target = versions[b % versions.length];
        if (compareMajors(target, backup) < 0) return;
        assert.deepStrictEqual([...upgradePath(catalog, backup, target)], referencePath(releases, backup, target));
        const expectedTargets = [backup];
        for (const r of catalog.releases.filter((x) => compareMajors(x.version, backup) > 0)) {
          expectedTargets.push(r.version);
          if (r.type === 'regular') break;
        }
        assert.deepStrictEqual([...supportedTargets(catalog, backup)], expectedTargets);
      }),
      { numRuns: 3000 },
    );
  });

  it('every (oldest release → each release) verdict and path over 1,000 extra releases: growth ~n², not n³', () => {
    const time = (n: number) => {
      const catalog = catalogWith(extras(n));
      const first = catalog.releases[0].version;
      const t0 = performance.now();
      let steps = 0;
      for (const r of catalog.releases) {
        verdict(catalog, first, r.version);
        steps += upgradePath(catalog, first, r.version).length;
      }
      assert.ok(steps > n);
      return performance.now() - t0;
    };
    time(100);
    const small = time(500);
    const big = time(1000);
    // Paths are O(n) long, so the answers alone are n²: twice the releases, 4×; the cubic policy was 8×. Generous bound.
    assert.ok(big < Math.max(small, 20) * 12, `1,000 releases: ${big.toFixed(0)} ms, 500: ${small.toFixed(0)} ms`);
    assert.ok(big < 5000, `${big.toFixed(0)} ms`);
  });

  it(`more than ${MAX_EXTRA_RELEASES} extraReleases: the first ${MAX_EXTRA_RELEASES} are used, and the rest reported as a config problem`, () => {
    const v = validateSettings({ extraReleases: extras(1500) }, 'settings', false);
    assert.strictEqual(v.settings.extraReleases?.length, MAX_EXTRA_RELEASES);
    assert.deepStrictEqual(v.problems, [`settings: extraReleases: 1500 entries; only the first ${MAX_EXTRA_RELEASES} are used`]);
  });
});
