import * as assert from 'assert';
import type { Analysis, AnalyzedStatement } from '../../server/src/core/analysisTypes';
import { describeFact } from '../../server/src/core/facts';
import { factSites } from '../../server/src/core/provenance';
import { pinInferredVersions } from '../../server/src/core/fixes/pinInferred';
import { analyzeOptions, mergeSettings, validateSettings } from '../../server/src/core/settings';
import { analyze, briefs, PINNED_TODAY } from '../helpers/analyze';

const fence = (lang: string, ...lines: string[]) => ['```' + lang, ...lines, '```', ''].join('\n');
const RESTORE_ALL = "RESTORE FROM LATEST IN 's3://b/prod';";
const HOLD = (v: string) => `SET CLUSTER SETTING cluster.preserve_downgrade_option = '${v}';`;
const RESET = 'RESET CLUSTER SETTING cluster.preserve_downgrade_option;';
const BINARIES = (v: string) => `curl -O https://binaries.cockroachdb.com/cockroach-v${v}.linux-amd64.tgz`;

/** `target mixed` of each RESTORE, e.g. `24.1 mixed` / `24.3`. */
function restores(a: Analysis): string[] {
  return a.statements.filter((s) => s.kind === 'restore').map((s) => `${s.target?.version?.major ?? '?'}${s.mixedVersion ? ' mixed' : ''}`);
}
const restoreAt = (a: Analysis, n: number): AnalyzedStatement => a.statements.filter((s) => s.kind === 'restore')[n];

describe('Evidence in the scope walk: the upgrade state machine', () => {
  it('hold → newer binaries (mid-upgrade) → RESET (finalized on the binaries)', () => {
    const md = [
      fence('sql', HOLD('24.1'), RESTORE_ALL),
      fence('shell', BINARIES('24.3.1')),
      fence('sql', RESTORE_ALL),
      fence('sql', RESET, RESTORE_ALL),
    ].join('\n');
    const a = analyze(md, 'markdown');
    assert.deepStrictEqual(restores(a), ['24.1', '24.1 mixed', '24.3']);
    assert.deepStrictEqual(briefs(a).filter((b) => b.includes('mixed')), ['11:1 error full-restore-mixed-version']);
    const mixed = a.findings.find((f) => f.rule === 'full-restore-mixed-version')!;
    // The message is one short sentence; the evidence behind it is in the hover (which reads mixedBy).
    assert.strictEqual(mixed.message, 'Full-cluster RESTORE fails while the cluster is mid-upgrade to 24.3 (inferred); finalize the upgrade first.');
    assert.match(restoreAt(a, 1).mixedBy ?? '', /nodes run 24\.3 \(cockroach-v24\.3\.1 binaries, line 7\) while finalization is held at 24\.1/);
    // Finalizing goes to the binaries' version, not to the held one.
    const finalize = mixed.fixes.find((f) => f.title.startsWith('Finalize the upgrade'));
    assert.match(finalize?.edits[0].newText ?? '', /SET CLUSTER SETTING version = '24\.3'/);
    assert.strictEqual(describeFact(restoreAt(a, 2).target), '24.3 (inferred: RESET CLUSTER SETTING cluster.preserve_downgrade_option with cockroach-v24.3.1 binaries on line 7, line 15)');
  });

  it('binaries without a hold move the target; the same binaries under a hold are not mid-upgrade', () => {
    const md = [fence('shell', BINARIES('24.1.5')), fence('sql', RESTORE_ALL), fence('sql', HOLD('24.1')), fence('shell', BINARIES('24.1.6')), fence('sql', RESTORE_ALL)].join('\n');
    assert.deepStrictEqual(restores(analyze(md, 'markdown')), ['24.1', '24.1']);
  });

  it('a hold set after newer binaries is mid-upgrade at once; SET CLUSTER SETTING version finalizes', () => {
    const md = [fence('shell', BINARIES('24.3.1')), fence('sql', HOLD('24.1'), RESTORE_ALL, "SET CLUSTER SETTING version = '24.3';", RESTORE_ALL)].join('\n');
    const a = analyze(md, 'markdown');
    assert.deepStrictEqual(restores(a), ['24.1 mixed', '24.3']);
    assert.strictEqual(describeFact(restoreAt(a, 1).target), '24.3 (inferred: SET CLUSTER SETTING version, line 8)');
  });

  it('RESET with no newer binaries known leaves the target', () => {
    const md = fence('sql', HOLD('24.1'), RESET, RESTORE_ALL);
    assert.deepStrictEqual(restores(analyze(md, 'markdown')), ['24.1']);
  });

  it('a transcript banner counts as binaries', () => {
    const md = [fence('sql', HOLD('24.1')), fence('', '# Server version: CockroachDB CCL v24.3.2 (x86_64-pc-linux-gnu)'), fence('sql', RESTORE_ALL)].join('\n');
    assert.deepStrictEqual(restores(analyze(md, 'markdown')), ['24.1 mixed']);
  });
});

describe('Evidence and directives: one stream, the latest wins', () => {
  it('a directive after evidence corrects it; evidence after a directive overrides it', () => {
    const md = [
      fence('shell', BINARIES('24.3.1')),
      '<!-- crdb: target-version=25.2 -->',
      '',
      fence('sql', RESTORE_ALL),
      fence('shell', BINARIES('24.1.5')),
      fence('sql', RESTORE_ALL),
    ].join('\n');
    const a = analyze(md, 'markdown');
    assert.deepStrictEqual(restores(a), ['25.2', '24.1']);
    assert.strictEqual(restoreAt(a, 0).target?.source, 'directive');
    assert.strictEqual(restoreAt(a, 1).target?.source, 'evidence');
  });

  it('a BACKUP takes the target in force, whatever set it, and a later RESTORE checks against it', () => {
    const md = [
      fence('shell', BINARIES('23.2.6')),
      fence('sql', "BACKUP INTO 's3://b/prod';"),
      fence('shell', BINARIES('24.3.1')),
      fence('sql', RESTORE_ALL),
    ].join('\n');
    const a = analyze(md, 'markdown');
    assert.deepStrictEqual(briefs(a), ['14:1 error restore-skips-release']);
    assert.strictEqual(a.findings[0].message, 'Restoring a 23.2 backup into 24.3 skips regular release 24.1 (supported targets: 23.2, 24.1).');
    // Where the versions came from: the relatedInformation sites (and the hover) of the statement.
    assert.deepStrictEqual(
      factSites(restoreAt(a, 0)).map((s) => s.message),
      ['Backup version 23.2: BACKUP on line 6', 'Target version 24.3: inferred: cockroach-v24.3.1 binaries, line 10'],
    );
  });

  it('mixed-version=false after evidence turns the mid-upgrade off; a target-version directive leaves it on', () => {
    const base = [fence('sql', HOLD('24.1')), fence('shell', BINARIES('24.3.1'))];
    const off = analyze([...base, '<!-- crdb: mixed-version=false -->', '', fence('sql', RESTORE_ALL)].join('\n'), 'markdown');
    assert.deepStrictEqual(restores(off), ['24.1']);
    const target = analyze([...base, '<!-- crdb: target-version=24.1 -->', '', fence('sql', RESTORE_ALL)].join('\n'), 'markdown');
    assert.deepStrictEqual(restores(target), ['24.1 mixed']);
  });
});

describe('Turning inference off and on', () => {
  const doc = (between: string) => [fence('shell', BINARIES('24.1.5')), between, '', fence('shell', BINARIES('24.3.1')), fence('sql', RESTORE_ALL)].join('\n');

  it('infer=false stops new evidence from there on; what is in force stays', () => {
    assert.deepStrictEqual(restores(analyze(doc('<!-- crdb: infer=false -->'), 'markdown')), ['24.1']);
    assert.deepStrictEqual(restores(analyze(doc(''), 'markdown')), ['24.3']);
  });

  it('inferVersions: false in the settings; the document\'s infer=true turns it back on from there', () => {
    assert.deepStrictEqual(restores(analyze(doc(''), 'markdown', { inferVersions: false })), ['?']);
    assert.deepStrictEqual(restores(analyze(doc('<!-- crdb: infer=true -->'), 'markdown', { inferVersions: false })), ['24.3']);
  });

  it('inferVersions: validated (a boolean), merged (editor settings over the file), true by default', () => {
    assert.deepStrictEqual(validateSettings({ inferVersions: 'no' }, 'f.json').problems, ['f.json: inferVersions: expected true or false, got "no"']);
    assert.strictEqual(validateSettings({ inferVersions: false }, 'f.json').settings.inferVersions, false);
    assert.strictEqual(mergeSettings({ inferVersions: false }, { inferVersions: true }).inferVersions, true);
    assert.strictEqual(mergeSettings({ inferVersions: false }, {}).inferVersions, false);
    assert.strictEqual(analyzeOptions({}, 'markdown').inferVersions, true);
  });

  it('infer with a value that is not true/false is reported and changes nothing', () => {
    const a = analyze(doc('<!-- crdb: infer=maybe -->'), 'markdown');
    assert.deepStrictEqual(briefs(a).filter((b) => !b.includes('missing-version')), ['5:18 warning invalid-directive-value']);
    assert.deepStrictEqual(restores(a), ['24.3']);
  });

  it('in a .sql file, settings statements count and comments never do', () => {
    const sql = ["SET CLUSTER SETTING version = '24.1';", "-- SET CLUSTER SETTING version = '25.2';", "RESTORE DATABASE d FROM LATEST IN 's3://b';"].join('\n');
    const a = analyze(sql, 'sql');
    assert.strictEqual(describeFact(restoreAt(a, 0).target), '24.1 (inferred: SET CLUSTER SETTING version, line 1)');
  });
});

describe('Pin the inferred versions', () => {
  const md = [
    fence('shell', BINARIES('23.2.6')),
    '- Back up:',
    '',
    '  ```sql',
    "  BACKUP INTO 's3://b/prod';",
    '  ```',
    '',
    fence('sql', HOLD('24.1')),
    fence('shell', BINARIES('24.3.1')),
    '> ```sql',
    `> ${RESTORE_ALL}`,
    '> ```',
  ].join('\n');

  it('writes the inferred target above the RESTORE and the BACKUP\'s above the BACKUP; the findings stay, the provenance says directive', () => {
    const opts = analyzeOptions({ today: PINNED_TODAY }, 'markdown');
    const before = analyze(md, 'markdown');
    const index = before.statements.findIndex((s) => s.kind === 'restore');
    const fix = pinInferredVersions(md, opts, before, index)!;
    assert.strictEqual(fix.title, 'Pin the inferred versions');
    let text = md;
    for (const e of [...fix.edits].sort((x, y) => y.start - x.start)) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
    assert.ok(text.includes('  -- crdb: target-version=23.2.6\n  BACKUP'), text);
    assert.ok(text.includes(`> -- crdb: target-version=24.1\n> ${RESTORE_ALL}`), text);
    const after = analyze(text, 'markdown');
    const rules = (a: Analysis) => a.findings.map((f) => `${f.rule} ${f.severity}`);
    assert.deepStrictEqual(rules(after), rules(before));
    assert.deepStrictEqual(rules(before), ['full-restore-mixed-version error']);
    const r = restoreAt(after, 0);
    assert.strictEqual(r.target?.source, 'directive');
    assert.match(describeFact(r.target), /^24\.1 \(directive on line \d+\)$/);
    assert.strictEqual(after.statements.find((s) => s.kind === 'backup')!.target?.source, 'directive');
    // Nothing left to pin.
    assert.strictEqual(pinInferredVersions(text, opts, after, after.statements.findIndex((s) => s.kind === 'restore')), undefined);
  });

  it('a target past its support is pinned with version-end-of-support silenced on the directive, so no finding appears', () => {
    const opts = analyzeOptions({ today: '2030-01-01' }, 'markdown');
    const text = [fence('shell', BINARIES('23.2.6')), fence('sql', "BACKUP INTO 's3://b/x';", "RESTORE FROM LATEST IN 's3://b/x';")].join('\n');
    const before = analyze(text, 'markdown', { today: '2030-01-01' });
    const fix = pinInferredVersions(text, opts, before, 1)!;
    assert.deepStrictEqual(fix.edits.map((e) => e.newText), ['-- crdb: target-version=23.2.6 ignore=version-end-of-support\n', '-- crdb: target-version=23.2.6 ignore=version-end-of-support\n']);
  });
});
