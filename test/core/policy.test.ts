import * as assert from 'assert';
import { bundledCatalog, Catalog } from '../../server/src/core/catalog/catalog';
import {
  engineError,
  engineMinimumRestorable,
  supportedTargets,
  upgradePath,
  verdict,
} from '../../server/src/core/policy';
import { compareMajors } from '../../server/src/core/versions';

const catalog = bundledCatalog();

describe('policy: supported restore targets (docs/behaviour.md#compatibility-rule)', () => {
  // The policy page's table, row by row.
  const table: [string, string[]][] = [
    ['23.2', ['23.2', '24.1']],
    ['24.1', ['24.1', '24.2', '24.3']],
    ['24.2', ['24.2', '24.3']],
    ['24.3', ['24.3', '25.1', '25.2']],
  ];
  for (const [backup, targets] of table) {
    it(`policy table: ${backup} → ${targets.join(', ')}`, () => {
      assert.deepStrictEqual(supportedTargets(catalog, backup), targets);
    });
  }
  // The documented extensions of the rule (docs/behaviour.md#compatibility-rule) to the rest of the catalog.
  const extended: [string, string[]][] = [
    ['25.2', ['25.2', '25.3', '25.4']],
    ['25.4', ['25.4', '26.1', '26.2']],
    ['22.2', ['22.2', '23.1']],
    ['22.1', ['22.1', '22.2']],
    ['25.1', ['25.1', '25.2']],
    ['26.1', ['26.1', '26.2']],
    ['26.2', ['26.2', '26.3']],
    ['19.2', ['19.2', '20.1']],
    ['2.1', ['2.1', '19.1']],
  ];
  for (const [backup, targets] of extended) {
    it(`extended: ${backup} → ${targets.join(', ')}`, () => {
      assert.deepStrictEqual(supportedTargets(catalog, backup), targets);
    });
  }

  it('release types: innovation releases are exactly 24.2, 25.1, 25.3, 26.1, 26.3', () => {
    assert.deepStrictEqual(
      catalog.releases.filter((r) => r.type === 'innovation').map((r) => r.version),
      ['24.2', '25.1', '25.3', '26.1', '26.3'],
    );
  });
});

describe('policy: verdict over every catalog pair 22.1–26.2', () => {
  const versions = catalog.releases
    .map((r) => r.version)
    .filter((v) => compareMajors(v, '22.1') >= 0 && compareMajors(v, '26.2') <= 0);

  // Independent formulation, straight from the rule's sentence (docs/behaviour.md#compatibility-rule): B itself, then every later
  // release in order, stopping after the first regular one.
  function expectedTargets(b: string): Set<string> {
    const out = new Set([b]);
    const i = versions.indexOf(b);
    const all = catalog.releases.map((r) => r.version);
    for (let j = all.indexOf(b) + 1; j < all.length; j++) {
      out.add(all[j]);
      if (catalog.get(all[j])!.type === 'regular') break;
    }
    assert.ok(i >= 0);
    return out;
  }

  it('covers 13 versions (169 pairs)', () => {
    assert.deepStrictEqual(versions, ['22.1', '22.2', '23.1', '23.2', '24.1', '24.2', '24.3', '25.1', '25.2', '25.3', '25.4', '26.1', '26.2']);
  });

  for (const b of versions) {
    it(`backup ${b}: verdict for every target`, () => {
      const ok = expectedTargets(b);
      for (const t of versions) {
        const v = verdict(catalog, b, t);
        const cmp = compareMajors(t, b);
        const expected = cmp < 0 ? 'older' : cmp === 0 ? 'same' : ok.has(t) ? 'supported' : 'skips';
        assert.strictEqual(v.kind, expected, `${b} → ${t}`);
        if (expected === 'skips') {
          const regularsBetween = versions.filter(
            (x) => compareMajors(x, b) > 0 && compareMajors(x, t) < 0 && catalog.get(x)!.type === 'regular',
          );
          assert.deepStrictEqual(v.skippedRegulars, regularsBetween, `${b} → ${t} skipped`);
        } else {
          assert.deepStrictEqual(v.skippedRegulars, []);
        }
      }
    });
  }
});

describe('policy: upgrade path', () => {
  const cases: [string, string, string[]][] = [
    ['22.2', '25.2', ['22.2', '23.1', '23.2', '24.1', '24.3', '25.2']], // docs/behaviour.md#compatibility-rule
    ['23.2', '24.3', ['23.2', '24.1', '24.3']],
    ['24.1', '25.2', ['24.1', '24.3', '25.2']],
    ['24.1', '25.1', ['24.1', '24.3', '25.1']],
    ['22.2', '26.2', ['22.2', '23.1', '23.2', '24.1', '24.3', '25.2', '25.4', '26.2']],
    ['24.1', '24.3', ['24.1', '24.3']],
    ['24.3', '27.1', ['24.3', '25.2', '25.4', '26.2', '27.1']], // uncatalogued target: last hop to it
  ];
  for (const [b, t, path] of cases) {
    it(`${b} → ${t}: ${path.join(' → ')}`, () => {
      assert.deepStrictEqual(upgradePath(catalog, b, t), path);
    });
  }
  it('every hop of every path over the catalog is supported and goes as far as it can', () => {
    const vs = catalog.releases.map((r) => r.version).filter((v) => compareMajors(v, '22.1') >= 0);
    for (const b of vs) {
      for (const t of vs) {
        if (compareMajors(t, b) <= 0) continue;
        const path = upgradePath(catalog, b, t);
        assert.strictEqual(path[0], b);
        assert.strictEqual(path[path.length - 1], t);
        for (let i = 1; i < path.length; i++) {
          const k = verdict(catalog, path[i - 1], path[i]).kind;
          assert.ok(k === 'supported', `${b}→${t}: hop ${path[i - 1]}→${path[i]} is ${k}`);
          // Farthest: the next catalogued release after the hop would not be supported, or passes t.
          const further = catalog.after(path[i]).find((r) => compareMajors(r.version, t) <= 0);
          if (i < path.length - 1 && further) {
            assert.notStrictEqual(verdict(catalog, path[i - 1], further.version).kind, 'supported');
          }
        }
      }
    }
  });
});

describe('policy: uncatalogued versions (docs/behaviour.md#versions-missing-from-the-catalog)', () => {
  it('27.1 backup into 26.2 is older', () => assert.strictEqual(verdict(catalog, '27.1', '26.2').kind, 'older'));
  it('26.2 → 27.1: no catalogued regular between, supported by number', () =>
    assert.strictEqual(verdict(catalog, '26.2', '27.1').kind, 'supported'));
  it('25.4 → 27.1 skips the regular 26.2', () => {
    const v = verdict(catalog, '25.4', '27.1');
    assert.strictEqual(v.kind, 'skips');
    assert.deepStrictEqual(v.skippedRegulars, ['26.2']);
  });
  it('24.10 is a version after 24.3 (not 24.1)', () => assert.ok(compareMajors('24.10', '24.3') > 0));
});

describe('policy: the engine check (facts notes §3, docs/behaviour.md#policy-versus-engine)', () => {
  const mins: [string, string][] = [
    ['24.1', '23.1'],
    ['24.2', '24.1'],
    ['24.3', '24.1'],
    ['25.1', '24.3'],
    ['25.2', '24.3'],
    ['25.4', '25.2'],
    ['26.2', '25.4'],
    ['23.2', '23.1'],
  ];
  for (const [t, min] of mins) {
    it(`minimum restorable version of ${t} is ${min}`, () => assert.strictEqual(engineMinimumRestorable(catalog, t), min));
  }
  it('23.2 → 24.3 is refused by the engine', () =>
    assert.strictEqual(engineError(catalog, '23.2', '24.3'), 'backup from version 23.2 is older than the minimum restorable version 24.1'));
  it('25.2 → 24.3 is refused as newer', () =>
    assert.strictEqual(engineError(catalog, '25.2', '24.3'), 'backup from version 25.2 is newer than current version 24.3'));
  it('23.1 → 24.1: policy says skips, engine accepts', () => {
    assert.strictEqual(verdict(catalog, '23.1', '24.1').kind, 'skips');
    assert.strictEqual(engineError(catalog, '23.1', '24.1'), undefined);
  });
});

describe('catalog: extraReleases', () => {
  it('adds a newer regular release, which then bounds supported targets', () => {
    const c = catalog.withExtras([{ version: '26.4', type: 'regular', gaDate: '2026-11-01' }]);
    assert.ok(c.has('26.4'));
    assert.deepStrictEqual(supportedTargets(c, '26.2'), ['26.2', '26.3', '26.4']);
    assert.strictEqual(verdict(c, '26.2', '27.1').kind, 'skips');
    assert.ok(!catalog.has('26.4'), 'the bundled catalog is unchanged');
  });
  it('bundled data carries dates and LTS facts', () => {
    const r = catalog.get('24.1')!;
    assert.strictEqual(r.gaDate, '2024-05-20');
    assert.strictEqual(r.initialLtsPatch, '24.1.6');
    assert.strictEqual(r.ltsAssistanceEnd, '2026-10-21');
    assert.ok(r.newestPatch && r.patches && r.patches.includes(r.newestPatch));
    assert.ok(new Catalog([]).releases.length === 0);
  });
});
