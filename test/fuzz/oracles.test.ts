// Differential oracles.
//  1. The compatibility rule (policy.ts: verdict, supportedTargets, upgradePath) against a
//     brute-force formulation written here from the rule's sentence alone (docs/behaviour.md#compatibility-rule), over every pair of catalog
//     versions plus uncatalogued ones, for the bundled catalog and for catalogs extended by
//     user extraReleases; and the analyzer's findings for those pairs end to end.
//  2. The SQL scanner's statement boundaries (and comments) against naiveSplitter.ts on
//     generated inputs restricted to what the naive tokenizer handles.
import * as assert from 'assert';
import * as fc from 'fast-check';
import { bundledCatalog, type Catalog, type ExtraRelease } from '../../server/src/core/catalog/catalog';
import { supportedTargets, upgradePath, verdict } from '../../server/src/core/policy';
import { scanSql } from '../../server/src/core/sql';
import { analyze } from './properties';
import { naiveSplit } from './naiveSplitter';

const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : 20250601;
/** Scales the number of runs (FUZZ_SCALE=10 for a longer local run). */
const runs = (n: number) => Math.max(1, Math.round(n * Number(process.env.FUZZ_SCALE ?? 1)));

// ---------------------------------------------------------------------------------------------
// 1. The rule, brute force

type Kind = 'regular' | 'innovation';
interface Rel {
  version: string;
  type: Kind;
}

/** `YY.N` → [YY, N], parsed here without the product's helpers. */
function nums(v: string): [number, number] {
  const m = /^v?(\d+)\.(\d+)/.exec(v);
  if (!m) throw new Error(`bad version ${v}`);
  return [Number(m[1]), Number(m[2])];
}
function lt(a: string, b: string): boolean {
  const [x, y] = [nums(a), nums(b)];
  return x[0] < y[0] || (x[0] === y[0] && x[1] < y[1]);
}
function eq(a: string, b: string): boolean {
  return !lt(a, b) && !lt(b, a);
}
function major(v: string): string {
  const [a, b] = nums(v);
  return `${a}.${b}`;
}

/** The catalog as docs/behaviour.md#configuration describes it: bundled releases, each extra release replacing or adding its major's type. */
function oracleReleases(extras: ExtraRelease[]): Rel[] {
  const map = new Map<string, Kind>();
  for (const r of bundledCatalog().releases) map.set(r.version, r.type);
  for (const e of extras) map.set(major(e.version), e.type);
  return [...map.entries()].map(([version, type]) => ({ version, type }));
}

/** docs/behaviour.md#compatibility-rule: "B itself, and every later release up to and including the first regular release after B" — checked pair by pair. */
const supportedMemo = new WeakMap<Rel[], Map<string, boolean>>();
function oracleSupported(rels: Rel[], b: string, t: string): boolean {
  let memo = supportedMemo.get(rels);
  if (!memo) supportedMemo.set(rels, (memo = new Map()));
  const key = `${b}|${t}`;
  let v = memo.get(key);
  if (v === undefined) memo.set(key, (v = supportedUncached(rels, b, t)));
  return v;
}
function supportedUncached(rels: Rel[], b: string, t: string): boolean {
  if (eq(b, t)) return true;
  if (lt(t, b)) return false;
  // t is later: every release strictly between must be an innovation (else the first regular
  // after b comes before t); and t must be reachable: catalogued, or (docs/behaviour.md#versions-missing-from-the-catalog) judged by
  // the catalogued regulars between alone.
  return rels.every((r) => !(lt(b, r.version) && lt(r.version, t)) || r.type === 'innovation');
}

function oracleSkipped(rels: Rel[], b: string, t: string): string[] {
  return rels
    .filter((r) => r.type === 'regular' && lt(b, r.version) && lt(r.version, t))
    .sort((x, y) => (lt(x.version, y.version) ? -1 : 1))
    .map((r) => r.version);
}

/** Supported targets of b by exhaustive search over the catalog. */
function oracleTargets(rels: Rel[], b: string): string[] {
  return [b, ...rels.filter((r) => lt(b, r.version) && oracleSupported(rels, b, r.version)).map((r) => r.version)].sort((x, y) =>
    lt(x, y) ? -1 : eq(x, y) ? 0 : 1,
  );
}

/** Fewest restore-then-backup hops from b to t (breadth-first over the supported pairs). */
function oracleHops(rels: Rel[], b: string, t: string): number {
  const nodes = [...new Set([...rels.map((r) => r.version), b, t])];
  const dist = new Map<string, number>([[b, 0]]);
  const queue = [b];
  while (queue.length > 0) {
    const cur = queue.shift()!;
    if (eq(cur, t)) return dist.get(cur)!;
    for (const n of nodes) {
      if (!dist.has(n) && lt(cur, n) && !lt(t, n) && oracleSupported(rels, cur, n)) {
        dist.set(n, dist.get(cur)! + 1);
        queue.push(n);
      }
    }
  }
  return -1;
}

/** Every catalog version plus versions the catalog does not know (below, between, above). */
function universe(rels: Rel[]): string[] {
  return [...new Set([...rels.map((r) => r.version), '0.9', '1.5', '22.3', '24.4', '24.10', '27.1', '28.2', '99.9'])];
}

function checkCatalog(catalog: Catalog, rels: Rel[]): number {
  let pairs = 0;
  const versions = universe(rels);
  for (const b of versions) {
    if (rels.some((r) => r.version === b)) {
      assert.deepStrictEqual(supportedTargets(catalog, b), oracleTargets(rels, b), `supported targets of ${b}`);
    }
    for (const t of versions) {
      pairs++;
      const v = verdict(catalog, b, t);
      const expected = eq(b, t) ? 'same' : lt(t, b) ? 'older' : oracleSupported(rels, b, t) ? 'supported' : 'skips';
      assert.strictEqual(v.kind, expected, `${b} → ${t}`);
      assert.deepStrictEqual(v.skippedRegulars, expected === 'skips' ? oracleSkipped(rels, b, t) : [], `${b} → ${t}: skipped regulars`);
      if (lt(b, t)) {
        const path = upgradePath(catalog, b, t);
        assert.strictEqual(path[0], b, `${b} → ${t}: path ${path.join(' → ')}`);
        assert.strictEqual(path[path.length - 1], t, `${b} → ${t}: path ${path.join(' → ')}`);
        for (let i = 1; i < path.length; i++) {
          assert.ok(oracleSupported(rels, path[i - 1], path[i]), `${b} → ${t}: hop ${path[i - 1]} → ${path[i]} of ${path.join(' → ')} is unsupported`);
        }
        assert.strictEqual(path.length - 1, oracleHops(rels, b, t), `${b} → ${t}: ${path.join(' → ')} is not a shortest path`);
      }
    }
  }
  return pairs;
}

describe('oracle: the compatibility rule against a brute-force formulation', () => {
  it('the bundled catalog: every pair of catalog versions and uncatalogued ones', () => {
    const pairs = checkCatalog(bundledCatalog(), oracleReleases([]));
    assert.ok(pairs >= 24 * 24, `${pairs} pairs`);
  });

  it('the oracle itself reproduces the policy page’s table and the documented examples (docs/behaviour.md#compatibility-rule)', () => {
    const rels = oracleReleases([]);
    assert.deepStrictEqual(oracleTargets(rels, '23.2'), ['23.2', '24.1']);
    assert.deepStrictEqual(oracleTargets(rels, '24.1'), ['24.1', '24.2', '24.3']);
    assert.deepStrictEqual(oracleTargets(rels, '24.2'), ['24.2', '24.3']);
    assert.deepStrictEqual(oracleTargets(rels, '24.3'), ['24.3', '25.1', '25.2']);
    assert.deepStrictEqual(oracleTargets(rels, '25.2'), ['25.2', '25.3', '25.4']);
    assert.deepStrictEqual(oracleTargets(rels, '25.4'), ['25.4', '26.1', '26.2']);
    assert.strictEqual(oracleHops(rels, '22.2', '25.2'), 5); // 22.2 → 23.1 → 23.2 → 24.1 → 24.3 → 25.2
    assert.deepStrictEqual(upgradePath(bundledCatalog(), '22.2', '25.2'), ['22.2', '23.1', '23.2', '24.1', '24.3', '25.2']);
  });

  it('catalogs extended by random extraReleases (new majors, and overrides of bundled types)', () => {
    const extra = fc.record({
      version: fc.constantFrom('26.4', '27.1', '27.2', 'v27.3.1', '28.1', '24.2', '25.2', '26.3', '23.2', '2.1'),
      type: fc.constantFrom<Kind>('regular', 'innovation'),
    });
    fc.assert(
      fc.property(fc.array(extra, { maxLength: 5 }), (extras) => {
        checkCatalog(bundledCatalog().withExtras(extras), oracleReleases(extras));
      }),
      { seed: SEED, numRuns: runs(25) },
    );
  });

  it('end to end: the analyzer reports restore-to-older-version / restore-skips-release exactly per the oracle', () => {
    const check = (extras: ExtraRelease[]) => {
      const rels = oracleReleases(extras);
      const versions = universe(rels).filter((v) => !lt(v, '19.1'));
      for (const b of versions) {
        for (const t of versions) {
          const text = `-- crdb: backup-version=${b} target-version=${t}\nRESTORE DATABASE d FROM LATEST IN 's3://x';\n`;
          const rules = analyze(text, 'sql', { today: '2020-01-01', extraReleases: extras })
            .findings.filter((f) => f.statement !== undefined && (f.rule === 'restore-to-older-version' || f.rule === 'restore-skips-release'))
            .map((f) => f.rule);
          const expected = lt(t, b) ? ['restore-to-older-version'] : eq(b, t) || oracleSupported(rels, b, t) ? [] : ['restore-skips-release'];
          assert.deepStrictEqual(rules, expected, `${b} → ${t} with ${JSON.stringify(extras)}`);
        }
      }
    };
    check([]);
    check([{ version: '26.4', type: 'regular' }, { version: '27.1', type: 'innovation' }, { version: '27.2', type: 'regular' }]);
    check([{ version: '24.2', type: 'regular' }, { version: '25.2', type: 'innovation' }]);
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Statement boundaries against the naive tokenizer

/** Inputs both tokenizers must agree on: no prompts (`>`, `@`), no backslashes, no one-letter words before quotes, no BOM, no CREATE. */
const bodyAtom = fc.constantFrom('a', 'lorem', ' ', ';', '--', '/*', '*/', "''", '""', '$$', '$t$', '\n', '\r\n', 'é', '😀', 'RESTORE', '$1', '(', '#');
const body = fc.array(bodyAtom, { maxLength: 6 }).map((a) => a.join(''));
const sep = fc.constantFrom('', ' ', ' ', '\n', '\t', '\r\n', '\r', '\f', '  \n  ');

const oracleToken = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom('RESTORE', 'BACKUP', 'SELECT', 'FROM', 'LATEST', 'IN', 'INTO', 'DATABASE', 'abc', 'x1', '_y', 'é', '中文', 'ab$c', 'ab$c$d') },
  { weight: 2, arbitrary: fc.constantFrom('1', '42', '1e5', '0x1F', '3.14', '$1', '$23', '$') },
  { weight: 4, arbitrary: fc.constantFrom(';', ';', '(', ')', ',', '.', '=', '+', '*', '-', '/', ':', '[', ']', '{', '}', '!', '?', '%', '&', '|', '^', '~', '\0', '\v') },
  { weight: 2, arbitrary: body.filter((b) => !b.includes("'") || /^(?:[^']|'')*$/.test(b)).map((b) => `'${b.replace(/'(?!')/g, "''")}'`) },
  { weight: 1, arbitrary: body.map((b) => `"${b.replace(/"/g, '""')}"`) },
  { weight: 2, arbitrary: body.map((b) => `--${b.replace(/[\r\n]/g, ' ')}\n`) },
  { weight: 2, arbitrary: body.map((b) => `/*${b.replace(/\/\*|\*\//g, ' ')}*/`) },
  { weight: 1, arbitrary: fc.tuple(body, body).map(([x, y]) => `/* ${x.replace(/\/\*|\*\//g, ' ')} /* ${y.replace(/\/\*|\*\//g, ' ')} */ */`) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('', 't', 'tag', 'é', 'a1'), body).map(([t, b]) => `$${t}$${b}$${t}$`) },
);
/** Something left open at the very end: a string, a comment, a dollar quote. */
const openTail = fc.constantFrom('', '', "'open", '"open', '/* open', '/* a /* b */', '$$open', '$t$open $t', '-- open', ';');

const oracleInput = fc
  .tuple(fc.array(fc.tuple(oracleToken, sep), { maxLength: 40 }), openTail)
  .map(([parts, tail]) => parts.map(([t, s]) => t + s).join('') + tail)
  // Keep to what the naive tokenizer handles (see its header).
  .filter((s) => !/[>@\\\uFEFF]/.test(s) && !/(^|[^A-Za-z0-9_$\u0080-\uFFFF])[eEbBxX]'/.test(s));

describe('oracle: the SQL scanner against a naive reference tokenizer', function () {
  this.timeout(60000);

  it('agree on statement boundaries and comments', () => {
    fc.assert(
      fc.property(oracleInput, (text) => {
        const real = scanSql(text);
        const naive = naiveSplit(text);
        assert.deepStrictEqual(
          real.statements.map((s) => ({ start: s.start, end: s.end, terminated: s.terminated })),
          naive.statements,
          'statements',
        );
        assert.deepStrictEqual(real.comments.map((c) => ({ start: c.start, end: c.end })), naive.comments, 'comments');
      }),
      { seed: SEED, numRuns: runs(15000) },
    );
  });

  it('the naive tokenizer sees what docs/behaviour.md#sql-lexical-rules says (a check of the oracle itself)', () => {
    assert.deepStrictEqual(naiveSplit("SELECT 'a;b'; RESTORE /* x /* ; */ ; */ FROM $t$;$t$; -- ;\n x").statements, [
      { start: 0, end: 13, terminated: true },
      { start: 14, end: 53, terminated: true },
      { start: 60, end: 61, terminated: false },
    ]);
  });
});
