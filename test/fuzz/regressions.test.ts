// Regressions of what the fuzzer and the linearity script found in the core, each fixed in
// place. Time is checked as growth, never as milliseconds: 4× the input must cost well under
// 16× the time (what the old quadratic steps cost), which holds on a loaded machine.
import * as assert from 'assert';
import { describeGrowth, growth } from '../helpers/growth';
import { analyze } from './properties';

/** Linear is about 4× for 4× the input; the quadratic steps these guard were 16×. */
const MAX_RATIO = 9;

/** Asserts that analysing `make(n)` grows linearly from n = 8000 to 32000. */
function assertLinear(make: (n: number) => string): void {
  const g = growth(make, (text) => analyze(text, 'sql'), 8000, { limit: MAX_RATIO });
  assert.ok(g.ratio < MAX_RATIO, describeGrowth(g, 8000));
}

describe('fuzz regressions', function () {
  this.timeout(60000);

  it('many statements on one line: quick-fix placement no longer rescans the line per statement (1 MB line took 19 s)', () => {
    // analyze.ts placeOf() looked for the line start with lastIndexOf('\n') from every keyword.
    const make = (n: number) => "RESTORE FROM LATEST IN 's3://b'; ".repeat(n);
    const value = analyze(make(32000), 'sql');
    assert.strictEqual(value.findings.filter((f) => f.rule === 'missing-version').length, 32000);
    assertLinear(make);
    // Mid-line statements still get their directive inline, before the keyword.
    const fix = value.findings[1].fixes.find((f) => f.title.startsWith('Add a version directive'));
    assert.ok(fix);
    assert.deepStrictEqual(fix.edits[0].range.start, { line: 0, character: 33 });
    assert.match(fix.edits[0].newText, /^\/\* crdb: .* \*\/ $/);
  });

  it('BACKUP/RESTORE pairs: a RESTORE looks its collection up instead of scanning every BACKUP (32k pairs took 15 s)', () => {
    const make = (n: number) => "-- crdb: target-version=24.3\nBACKUP INTO 's3://x';\nRESTORE DATABASE d FROM LATEST IN 's3://x';\n".repeat(n);
    const value = analyze(make(32000), 'sql');
    assert.strictEqual(value.statements.filter((s) => s.kind === 'restore' && s.backup?.source === 'backup-statement').length, 32000);
    assertLinear(make);
  });

  it('one directive with many entries: its ignore= entry is found once, not once per entry and rule (32k keys took 6 s)', () => {
    const make = (n: number) => `-- crdb: ${'targt-version=24.3 '.repeat(n)}\nRESTORE DATABASE d FROM LATEST IN 's3://x';\n`;
    const value = analyze(make(32000), 'sql');
    assert.strictEqual(value.findings.filter((f) => f.rule === 'unknown-directive-key').length, 32000);
    assertLinear(make);
  });

  it('the lookups keep the semantics: the newest matching old-syntax BACKUP wins, whichever URI matched', () => {
    const text = (first: string, second: string) =>
      [
        '-- crdb: target-version=23.2',
        `BACKUP DATABASE d TO '${first}';`,
        '-- crdb: target-version=24.1',
        `BACKUP DATABASE d TO '${second}';`,
        '-- crdb: target-version=24.3',
        "RESTORE DATABASE d FROM 's3://a', 's3://b';",
      ].join('\n');
    for (const [first, second] of [
      ['s3://a', 's3://b'],
      ['s3://b', 's3://a'],
      ['s3://b', 's3://b/'],
    ]) {
      const st = analyze(text(first, second), 'sql').statements.find((s) => s.kind === 'restore');
      assert.strictEqual(st?.backup?.version?.major, '24.1', `${first}, then ${second}`);
      assert.strictEqual(st?.backup?.line, 3);
    }
    // No URI in common: no fact.
    const none = analyze(text('s3://c', 's3://d'), 'sql').statements.find((s) => s.kind === 'restore');
    assert.strictEqual(none?.backup?.source, 'none');
  });

  it('the lookups keep the semantics: "set the target version" edits the directive on the line just above', () => {
    const text = "/* crdb: backup-version=22.2 */ -- crdb: backup-version=23.2 target-version=24.3\nRESTORE DATABASE d FROM LATEST IN 's3://x';\n";
    const f = analyze(text, 'sql').findings.find((x) => x.rule === 'restore-skips-release');
    assert.ok(f);
    const set = f.fixes.find((x) => x.title === 'Run this RESTORE on a 24.1 cluster');
    assert.ok(set, f.fixes.map((x) => x.title).join('; '));
    // The value 24.3 of the second directive (the last one ending on that line) is replaced.
    assert.deepStrictEqual(set.edits[0], { range: { start: { line: 0, character: 76 }, end: { line: 0, character: 80 } }, newText: '24.1' });
    // …and the previous target is restated after the statement, for this statement only.
    assert.deepStrictEqual(set.edits[1], { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: '-- crdb: target-version=24.3\n' });
  });
});
