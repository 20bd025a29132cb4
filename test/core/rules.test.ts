import * as assert from 'assert';
import { analyze, applyEdits, briefs, statementHover } from '../helpers/analyze';
import { DIRECTIVE_KEYS, isDirectiveKey } from '../../server/src/core/directives';
import type { Finding } from '../../server/src/core/analysisTypes';
import { analyzeDocument } from '../../server/src/core/analyze';
import { analyzeProseEdit } from '../../server/src/core/proseEdit';
import { analyzeOptions } from '../../server/src/core/settings';

describe('documented examples (docs/behaviour.md#examples) give exactly the findings written there', () => {
  it('the SQL example', () => {
    const sql = [
      '-- crdb: backup-version=24.1 target-version=24.3',
      "RESTORE DATABASE bank FROM LATEST IN 's3://backups/bank?AUTH=implicit';   -- supported (skips innovation 24.2)",
      '',
      '-- crdb: backup-version=23.2 target-version=24.3',
      "RESTORE DATABASE bank FROM LATEST IN 's3://backups/bank';   -- restore-skips-release: skips 24.1",
      '',
      '-- crdb: backup-version=25.2 target-version=24.3',
      "RESTORE TABLE bank.accounts FROM LATEST IN 'gs://b/c';     -- restore-to-older-version",
    ].join('\n');
    const a = analyze(sql);
    assert.deepStrictEqual(briefs(a), ['5:1 error restore-skips-release', '8:1 error restore-to-older-version']);
    const skip = a.findings[0];
    assert.match(skip.message, /skips regular release 24\.1/);
    assert.match(skip.message, /supported targets: 23\.2, 24\.1\)/);
    // The details are in the hover (and the versions' places in relatedInformation).
    const hover = statementHover(a, 1);
    assert.match(hover, /backup from version 23\.2 is older than the minimum restorable version 24\.1/);
    assert.match(hover, /\| backup \| 23\.2 \| directive on line 4 \|/);
    assert.deepStrictEqual(skip.range, { start: { line: 4, character: 0 }, end: { line: 4, character: sql.split('\n')[4].length } });
    assert.match(statementHover(a, 2), /backup from version 25\.2 is newer than current version 24\.3/);
  });

  it('the markdown example', () => {
    const md = [
      '<!-- crdb: target-version=23.2 -->',
      'Take the backup on the old cluster:',
      '```sql',
      "BACKUP INTO 's3://backups/prod?AUTH=implicit';",
      '```',
      '<!-- crdb: target-version=24.3 mixed-version -->',
      'Restore on the new cluster:',
      '```sql',
      "RESTORE FROM LATEST IN 's3://backups/prod';  -- restore-skips-release (23.2 → 24.3), full-restore-mixed-version",
      '```',
    ].join('\n');
    const a = analyze(md, 'markdown');
    assert.deepStrictEqual(briefs(a), ['9:1 error full-restore-mixed-version', '9:1 error restore-skips-release']);
    assert.match(a.findings[0].message, /mid-upgrade \(mixed-version on line 6\)/);
    const hover = statementHover(a, 1);
    assert.match(hover, /\| backup \| 23\.2 \| BACKUP on line 4 \|/);
    assert.match(hover, /cluster restore not supported during major version upgrade/);
  });
});

describe('rules, one by one', () => {
  it('restore-to-older-version: positive and negative', () => {
    assert.deepStrictEqual(briefs(analyze("-- crdb: backup-version=25.2 target-version=25.1\nRESTORE FROM LATEST IN 'x';")), [
      '2:1 error restore-to-older-version',
    ]);
    assert.deepStrictEqual(briefs(analyze("-- crdb: backup-version=25.2 target-version=25.2.3\nRESTORE FROM LATEST IN 'x';")), []);
  });

  it('restore-skips-release: 24.1 → 25.1 skips 24.3; 24.1 → 24.3 is fine', () => {
    const a = analyze("-- crdb: backup-version=24.1 target-version=25.1\nRESTORE TABLE t FROM LATEST IN 'x';");
    assert.deepStrictEqual(briefs(a), ['2:1 error restore-skips-release']);
    assert.match(statementHover(a, 0), /Upgrade path:\*\* 24\.1 → 24\.3 → 25\.1/);
    assert.deepStrictEqual(briefs(analyze("-- crdb: backup-version=v24.1.7 target-version=24.3.0-beta.2\nRESTORE TABLE t FROM LATEST IN 'x';")), []);
  });

  it('restore-skips-release for 23.1 → 24.1 says the engine will not stop it (docs/behaviour.md#policy-versus-engine)', () => {
    const a = analyze("-- crdb: backup-version=23.1 target-version=24.1\nRESTORE FROM LATEST IN 'x';");
    assert.deepStrictEqual(briefs(a), ['2:1 error restore-skips-release']);
    assert.match(statementHover(a, 0), /will not stop it/);
    assert.doesNotMatch(statementHover(a, 0), /older than the minimum restorable/);
  });

  it('full-restore-mixed-version: cluster restore only, no versions needed', () => {
    assert.deepStrictEqual(briefs(analyze("-- crdb: mixed-version\nRESTORE FROM LATEST IN 'x';")), [
      '2:1 error full-restore-mixed-version',
      '2:1 information missing-version',
    ]);
    assert.deepStrictEqual(briefs(analyze("-- crdb: mixed-version=true backup-version=24.1 target-version=24.1\nRESTORE DATABASE d FROM LATEST IN 'x';")), []);
    assert.deepStrictEqual(briefs(analyze("-- crdb: mixed-version backup-version=24.1 target-version=24.1\nRESTORE bank.customers FROM LATEST IN 'x';")), []);
    assert.deepStrictEqual(briefs(analyze("-- crdb: mixed-version=false backup-version=24.1 target-version=24.1\nRESTORE FROM LATEST IN 'x';")), []);
  });

  it('invalid-version clears the key: later RESTOREs get missing-version (docs/behaviour.md#an-invalid-value-clears-its-key)', () => {
    const a = analyze(
      "-- crdb: backup-version=23.2 target-version=24.1\n-- crdb: target-version=24.x\nRESTORE FROM LATEST IN 'x';",
    );
    assert.deepStrictEqual(briefs(a), ['2:25 error invalid-version', '3:1 information missing-version']);
    assert.deepStrictEqual(a.findings[0].range, { start: { line: 1, character: 24 }, end: { line: 1, character: 28 } });
    assert.deepStrictEqual(briefs(analyze('-- crdb: target-version=124.1')), ['1:25 error invalid-version']);
    assert.deepStrictEqual(briefs(analyze('-- crdb: backup-version=')), ['1:10 error invalid-version']);
  });

  it('invalid-directive-value: mixed-version=yes, unknown rule id after ignore=', () => {
    const a = analyze('-- crdb: mixed-version=yes ignore=restore-skip-release,missing-version');
    assert.deepStrictEqual(briefs(a), ['1:24 warning invalid-directive-value', '1:35 warning invalid-directive-value']);
    assert.match(a.findings[1].message, /did you mean "restore-skips-release"/);
    // mixed-version=yes is invalid, so mixed-version is off: no full-restore finding.
    const b = analyze("-- crdb: mixed-version=yes backup-version=24.1 target-version=24.1\nRESTORE FROM LATEST IN 'x';");
    assert.deepStrictEqual(briefs(b), ['1:24 warning invalid-directive-value']);
  });

  it('unknown-version: reported, and the number still decides (docs/behaviour.md#versions-missing-from-the-catalog)', () => {
    const a = analyze("-- crdb: backup-version=27.1 target-version=26.2\nRESTORE FROM LATEST IN 'x';");
    assert.deepStrictEqual(briefs(a), ['1:25 warning unknown-version', '2:1 error restore-to-older-version']);
    const b = analyze("-- crdb: backup-version=25.4 target-version=27.1\nRESTORE FROM LATEST IN 'x';");
    assert.deepStrictEqual(briefs(b), ['1:45 warning unknown-version', '2:1 error restore-skips-release']);
    const c = analyze("-- crdb: backup-version=26.2 target-version=27.1\nRESTORE FROM LATEST IN 'x';");
    assert.deepStrictEqual(briefs(c), ['1:45 warning unknown-version']);
  });

  it('unknown-directive-key: reported on the key, never applied, with did-you-mean', () => {
    const a = analyze("-- crdb: backup-version=24.1 traget-version=26.2\nRESTORE FROM LATEST IN 'x';");
    assert.deepStrictEqual(briefs(a), ['1:30 warning unknown-directive-key', '2:1 information missing-version']);
    assert.match(a.findings[0].message, /did you mean "target-version"/);
    assert.deepStrictEqual(a.findings[0].range, { start: { line: 0, character: 29 }, end: { line: 0, character: 43 } });
  });

  it('missing-version: either side unknown; a BACKUP of unknown version is the newest fact (docs/behaviour.md#one-side-unknown)', () => {
    assert.deepStrictEqual(briefs(analyze("-- crdb: target-version=24.3\nRESTORE FROM LATEST IN 'x';")), ['2:1 information missing-version']);
    assert.deepStrictEqual(briefs(analyze("-- crdb: backup-version=24.3\nRESTORE FROM LATEST IN 'x';")), ['2:1 information missing-version']);
    const a = analyze("-- crdb: backup-version=24.1\nBACKUP INTO 'x';\n-- crdb: target-version=24.3\nRESTORE FROM LATEST IN 'x';");
    assert.deepStrictEqual(briefs(a), ['4:1 information missing-version']);
    assert.strictEqual(a.findings[0].message, 'This RESTORE cannot be checked: its backup version is unknown.');
    assert.match(statementHover(a, 1), /BACKUP on line 2 was taken with no target-version in force/);
    // The default target version fills the gap.
    assert.deepStrictEqual(briefs(analyze("-- crdb: backup-version=24.1\nRESTORE FROM LATEST IN 'x';", 'sql', { defaultTargetVersion: '24.3' })), []);
  });

  it('version-end-of-support: on the directive value, once; LTS patches use the LTS date', () => {
    const today = { today: '2026-11-26' };
    assert.deepStrictEqual(briefs(analyze('-- crdb: target-version=24.3', 'sql', today)), ['1:25 warning version-end-of-support']);
    assert.deepStrictEqual(briefs(analyze('-- crdb: target-version=24.3.12', 'sql', today)), [], 'LTS 24.3.12+ supported until 2027-05-05');
    assert.deepStrictEqual(briefs(analyze('-- crdb: target-version=24.3.11', 'sql', today)), ['1:25 warning version-end-of-support']);
    assert.deepStrictEqual(briefs(analyze('-- crdb: target-version=26.1', 'sql', today)), ['1:25 warning version-end-of-support']);
    assert.deepStrictEqual(briefs(analyze('-- crdb: target-version=26.2', 'sql', today)), []);
    assert.deepStrictEqual(briefs(analyze('-- crdb: target-version=26.3', 'sql', today)), [], 'no date: never');
    assert.deepStrictEqual(briefs(analyze('-- crdb: target-version=24.3', 'sql', { today: '2026-05-18' })), [], 'past means strictly after');
    assert.deepStrictEqual(briefs(analyze('-- crdb: backup-version=19.1', 'sql', today)), [], 'backup versions are not judged');
    const many = analyze("-- crdb: target-version=24.3 backup-version=24.3\nRESTORE FROM LATEST IN 'x';\nRESTORE FROM LATEST IN 'y';", 'sql', today);
    assert.deepStrictEqual(briefs(many), ['1:25 warning version-end-of-support']);
  });

  it('removed-syntax: error from 25.1, warning 22.1–24.3, none before 22.1 or unknown', () => {
    const q = (t: string) =>
      briefs(analyze(`-- crdb: target-version=${t}\nBACKUP TO 'gs://b/x';\nRESTORE FROM 'gs://b/x';`, 'sql', { rules: { 'version-end-of-support': 'off' } }));
    assert.deepStrictEqual(q('25.1'), ['2:1 error removed-syntax', '3:1 error removed-syntax']);
    assert.deepStrictEqual(q('24.3'), ['2:1 warning removed-syntax', '3:1 warning removed-syntax']);
    assert.deepStrictEqual(q('22.1'), ['2:1 warning removed-syntax', '3:1 warning removed-syntax']);
    assert.deepStrictEqual(q('21.2'), []);
    assert.deepStrictEqual(briefs(analyze("BACKUP TO 'gs://b/x';")), []);
    assert.deepStrictEqual(briefs(analyze("-- crdb: target-version=25.2\nBACKUP INTO 'gs://b/x';\nRESTORE FROM LATEST IN 'gs://b/x';")), []);
  });

  it('old-syntax BACKUP TO and RESTORE FROM match only each other (docs/behaviour.md#collections)', () => {
    const a = analyze(
      "-- crdb: target-version=23.2\nBACKUP TO 'gs://b/x';\nBACKUP INTO 'gs://b/x';\n-- crdb: target-version=24.1\nRESTORE FROM 'gs://b/x';",
      'sql',
      { rules: { 'removed-syntax': 'off' } },
    );
    assert.deepStrictEqual(briefs(a), []);
    assert.strictEqual(a.statements[2].backup?.line, 1);
  });

  it('incremental-location-removed: error from 26.2, warning 25.4–26.1', () => {
    const q = (t: string) =>
      briefs(analyze(`-- crdb: backup-version=${t} target-version=${t}\nRESTORE FROM LATEST IN 'x' WITH incremental_location = 'y';`));
    assert.deepStrictEqual(q('26.2'), ['2:1 error incremental-location-removed']);
    assert.deepStrictEqual(q('26.1'), ['2:1 warning incremental-location-removed']);
    assert.deepStrictEqual(q('25.4'), ['2:1 warning incremental-location-removed']);
    assert.deepStrictEqual(q('25.3'), []);
  });

  it('unsafe_restore_incompatible_version turns only the two version rules into warnings (docs/behaviour.md#the-unsafe-bypass-option)', () => {
    const a = analyze(
      "-- crdb: backup-version=23.2 target-version=24.3 mixed-version\nRESTORE FROM LATEST IN 'x' WITH unsafe_restore_incompatible_version;",
    );
    assert.deepStrictEqual(briefs(a), ['2:1 error full-restore-mixed-version', '2:1 warning restore-skips-release']);
    assert.match(a.findings[1].message, /unsupported even with unsafe_restore_incompatible_version/);
    assert.match(statementHover(a, 0), /skips CockroachDB’s version check/);
    const b = analyze(
      "-- crdb: backup-version=23.2 target-version=24.3\nRESTORE FROM LATEST IN 'x' WITH unsafe_restore_incompatible_version;",
      'sql',
      { rules: { 'restore-skips-release': 'information' } },
    );
    assert.deepStrictEqual(briefs(b), ['2:1 information restore-skips-release'], 'never stronger than configured');
  });
});

describe('directive scope and inference (docs/behaviour.md#directives)', () => {
  it('the newest fact wins: a BACKUP after the directive overrides it, and vice versa', () => {
    const a = analyze(
      [
        '-- crdb: backup-version=23.2 target-version=24.1',
        "BACKUP INTO 's3://b/c';",
        '-- crdb: target-version=24.3',
        "RESTORE FROM LATEST IN 's3://b/c';",
        '-- crdb: backup-version=23.2',
        "RESTORE FROM LATEST IN 'S3://B/c/?x=1';",
      ].join('\n'),
    );
    assert.deepStrictEqual(briefs(a), ['6:1 error restore-skips-release']);
    assert.strictEqual(a.statements[1].backup?.source, 'backup-statement');
    assert.strictEqual(a.statements[2].backup?.source, 'directive');
  });

  it('collections: scheme/host case-insensitive, path case-sensitive, query and trailing / dropped', () => {
    const base = "-- crdb: target-version=23.2\nBACKUP INTO 's3://Bucket/Path?AUTH=implicit';\n-- crdb: target-version=24.1\n";
    assert.deepStrictEqual(briefs(analyze(base + "RESTORE FROM LATEST IN 'S3://bucket/Path/';")), []);
    assert.deepStrictEqual(briefs(analyze(base + "RESTORE FROM LATEST IN 's3://bucket/path';")), ['4:1 information missing-version']);
  });

  it('locality-aware lists are represented by their default URI', () => {
    const a = analyze(
      [
        '-- crdb: target-version=24.1',
        "BACKUP INTO ('s3://us-west?COCKROACH_LOCALITY=region%3Dus-west', 's3://us-east?COCKROACH_LOCALITY=default');",
        '-- crdb: target-version=24.3',
        "RESTORE FROM LATEST IN 's3://us-east';",
      ].join('\n'),
    );
    assert.deepStrictEqual(briefs(a), []);
    assert.strictEqual(a.statements[1].backup?.line, 1);
  });

  it('an explicit subdirectory uses the backup-version directive, else agreeing BACKUP facts', () => {
    const two = "-- crdb: target-version=24.1\nBACKUP INTO 'gs://b';\n-- crdb: target-version=24.3\nBACKUP INTO 'gs://b';\n";
    const a = analyze(two + "RESTORE FROM '2024/01/01-000000.00' IN 'gs://b';");
    assert.deepStrictEqual(briefs(a), ['5:1 information missing-version']);
    assert.match(statementHover(a, 2), /do not agree/);
    const b = analyze("-- crdb: target-version=24.1\nBACKUP INTO 'gs://b';\n-- crdb: target-version=25.2\nRESTORE FROM '2024/01/01-000000.00' IN 'gs://b';");
    assert.deepStrictEqual(briefs(b), ['4:1 error restore-skips-release']);
    const c = analyze(two + "-- crdb: backup-version=24.1\nRESTORE FROM '2024/01/01-000000.00' IN 'gs://b';");
    assert.deepStrictEqual(briefs(c), []);
  });

  it('CREATE SCHEDULE FOR BACKUP is not a version fact', () => {
    const a = analyze(
      "-- crdb: target-version=23.2\nCREATE SCHEDULE s FOR BACKUP INTO 'gs://b' RECURRING '@daily';\n-- crdb: target-version=24.3\nRESTORE FROM LATEST IN 'gs://b';",
    );
    assert.deepStrictEqual(briefs(a), ['4:1 information missing-version']);
  });

  it('a directive trailing on the statement line, or inside it, belongs to that statement (docs/behaviour.md#which-statement-a-directive-belongs-to)', () => {
    const a = analyze("-- crdb: backup-version=23.2\nRESTORE FROM LATEST IN 'x'; -- crdb: target-version=24.1");
    assert.deepStrictEqual(briefs(a), []);
    const b = analyze("-- crdb: backup-version=23.2\nRESTORE FROM LATEST\n  /* crdb: target-version=24.3 */ IN 'x';");
    assert.deepStrictEqual(briefs(b), ['2:1 error restore-skips-release']);
  });

  it('ignore= silences the next RESTORE/BACKUP only, and findings on its own directive', () => {
    const a = analyze(
      [
        '-- crdb: backup-version=23.2 target-version=24.3 ignore=restore-skips-release',
        'SELECT 1;',
        "RESTORE FROM LATEST IN 'x';",
        "RESTORE FROM LATEST IN 'x';",
      ].join('\n'),
    );
    assert.deepStrictEqual(briefs(a), ['4:1 error restore-skips-release']);
    assert.deepStrictEqual(briefs(analyze('-- crdb: target-version=42.1 ignore=unknown-version')), []);
    const trailing = analyze("-- crdb: backup-version=23.2 target-version=24.3\nRESTORE FROM LATEST IN 'x'; -- crdb: ignore=restore-skips-release");
    assert.deepStrictEqual(briefs(trailing), []);
  });

  it('rule severities from settings, and off', () => {
    const sql = "-- crdb: backup-version=23.2 target-version=24.3\nRESTORE FROM LATEST IN 'x';";
    assert.deepStrictEqual(briefs(analyze(sql, 'sql', { rules: { 'restore-skips-release': 'hint' } })), ['2:1 hint restore-skips-release']);
    assert.deepStrictEqual(briefs(analyze(sql, 'sql', { rules: { 'restore-skips-release': 'off' } })), []);
  });

  it('front matter counts as the start of the document; values are read as written (docs/behaviour.md#front-matter)', () => {
    const md = [
      '---',
      'title: DR',
      'crdb:',
      '  target-version: "24.3"',
      '  backup-version: 24.10',
      '---',
      '```sql',
      "RESTORE FROM LATEST IN 'x';",
      '```',
      '<!-- crdb: backup-version=24.1 -->',
      '```sql',
      "RESTORE FROM LATEST IN 'x';",
      '```',
    ].join('\n');
    const a = analyze(md, 'markdown');
    assert.deepStrictEqual(briefs(a), ['5:19 warning unknown-version', '8:1 error restore-to-older-version']);
    assert.match(a.findings[1].message, /24\.10/);
  });
});

describe('quick fixes change the plan or ask for facts; no other statement’s finding changes', () => {
  const cases: [string, 'sql' | 'markdown', string][] = [
    ['restore-skips-release', 'sql', "-- crdb: backup-version=23.2 target-version=24.3\nRESTORE FROM LATEST IN 'x';"],
    ['restore-skips-release', 'sql', "-- crdb: backup-version=23.2\n-- crdb: target-version=24.3\n\nRESTORE FROM LATEST IN 'x';"],
    ['restore-to-older-version', 'sql', "-- crdb: backup-version=25.2 target-version=24.3\nRESTORE TABLE a.b FROM LATEST IN 'gs://b/c';"],
    ['full-restore-mixed-version', 'sql', "-- crdb: backup-version=24.3 target-version=24.3 mixed-version\nRESTORE FROM LATEST IN 'x';"],
    ['missing-version', 'sql', "RESTORE FROM LATEST IN 'x';"],
    ['missing-version', 'sql', "-- crdb: target-version=24.3\n  RESTORE FROM LATEST IN 'x';"],
    ['unknown-directive-key', 'sql', "-- crdb: backup-version=24.1 traget-version=24.3\nRESTORE FROM LATEST IN 'x';"],
    ['invalid-directive-value', 'sql', '-- crdb: mixed-version=yes'],
    ['invalid-directive-value', 'sql', '-- crdb: ignore=missing-versoin'],
    ['restore-skips-release', 'markdown', "<!-- crdb: backup-version=23.2 target-version=24.3 -->\n1. Restore:\n   ```sql\n   RESTORE FROM LATEST IN 'x';\n   ```\n"],
    ['restore-skips-release', 'markdown', "<!-- crdb: backup-version=23.2 target-version=24.3 -->\n> ```sql\n> > RESTORE FROM LATEST IN 'x';\n> ```\n"],
    ['restore-skips-release', 'markdown', '<!-- crdb: backup-version=23.2 target-version=24.3 -->\n```sh\ncockroach sql --insecure \\\n  -e "RESTORE FROM LATEST IN \'x\';"\n```\n'],
    ['version-end-of-support', 'markdown', '---\ncrdb:\n  target-version: "19.1"\n---\ntext\n'],
  ];
  /** A RESTORE after the case: its verdict depends only on the scope the case leaves in force. */
  const SENTINEL = "RESTORE TABLE s.t FROM LATEST IN 's3://sentinel';";
  const withSentinel = (text: string, lang: 'sql' | 'markdown') =>
    lang === 'sql' ? `${text}\n${SENTINEL}\n` : `${text.endsWith('\n') ? text : text + '\n'}\n\`\`\`sql\n${SENTINEL}\n\`\`\`\n`;
  const sentinelFindings = (text: string, lang: 'sql' | 'markdown') => {
    const a = analyze(text, lang);
    const i = a.statements.findIndex((st) => text.slice(st.span.start, st.span.end) === SENTINEL);
    return a.findings.filter((f) => f.statement === i).map((f) => `${f.rule}: ${f.message}`);
  };
  const asksForFacts = (title: string) => title.startsWith('Add a version directive');

  for (const [rule, lang, base] of cases) {
    it(`${rule} (${lang}): every fix, applied and re-analysed: its finding goes only when the plan changed; the statement after keeps its findings`, () => {
      const statementRule = !['unknown-directive-key', 'invalid-directive-value', 'version-end-of-support'].includes(rule);
      const text = statementRule ? withSentinel(base, lang) : base;
      const before = analyze(text, lang);
      const finding = before.findings.find((f) => f.rule === rule);
      assert.ok(finding, `expected ${rule} in ${JSON.stringify(briefs(before))}`);
      assert.ok(finding.fixes.length >= 1);
      const sentinelBefore = statementRule ? sentinelFindings(text, lang) : [];
      for (const fix of finding.fixes) {
        const after = applyEdits(text, fix.edits);
        const again = analyze(after, lang);
        const stmtText: string | undefined = finding.statement === undefined ? undefined : text.slice(before.statements[finding.statement].keyword.start, before.statements[finding.statement].span.end);
        const own: Finding[] = again.findings.filter((f: Finding) =>
          f.rule === rule && (stmtText === undefined ? f.range.start.line === finding.range.start.line + (after.split('\n').length - text.split('\n').length) : f.statement !== undefined && after.slice(again.statements[f.statement].keyword.start, again.statements[f.statement].span.end) === stmtText),
        );
        if (asksForFacts(fix.title)) {
          // No fact was given: the finding stays, and the placeholders are reported until filled in.
          assert.strictEqual(own.length, 1, `fix "${fix.title}":\n${after}`);
          assert.ok(again.findings.some((f) => f.rule === 'invalid-version' && /=\? is a placeholder/.test(f.message)), after);
        } else {
          assert.deepStrictEqual(own.map((f: Finding) => f.message), [], `fix "${fix.title}" left ${rule}:\n${after}`);
        }
        if (statementRule) assert.deepStrictEqual(sentinelFindings(after, lang), sentinelBefore, `fix "${fix.title}" changed the statement after it:\n${after}`);
      }
    });
  }

  it('the retarget fix edits the attached directive in place, keeping list indentation elsewhere', () => {
    const a = analyze("-- crdb: backup-version=23.2 target-version=24.3\nRESTORE FROM LATEST IN 'x';");
    const fix = a.findings[0].fixes.find((f) => f.title === 'Run this RESTORE on a 24.1 cluster')!;
    assert.strictEqual(applyEdits("-- crdb: backup-version=23.2 target-version=24.3\nRESTORE FROM LATEST IN 'x';", fix.edits),
      "-- crdb: backup-version=23.2 target-version=24.1\nRESTORE FROM LATEST IN 'x';\n-- crdb: target-version=24.3\n");
    const md = "<!-- crdb: backup-version=23.2 target-version=24.3 -->\n1. Restore:\n   ```sql\n   RESTORE FROM LATEST IN 'x';\n   ```\n";
    const m = analyze(md, 'markdown');
    const f2 = m.findings[0].fixes.find((f) => f.title === 'Run this RESTORE on a 24.1 cluster')!;
    assert.strictEqual(applyEdits(md, f2.edits), "<!-- crdb: backup-version=23.2 target-version=24.3 -->\n1. Restore:\n   ```sql\n   -- crdb: target-version=24.1\n   RESTORE FROM LATEST IN 'x';\n   -- crdb: target-version=24.3\n   ```\n");
  });

  it('"Restore through 24.1" inserts the real hop (RESTORE on 24.1, BACKUP into a placeholder collection) and the RESTORE reads from it', () => {
    const md = "<!-- crdb: backup-version=23.2 target-version=24.3 -->\n> ```sql\n> RESTORE DATABASE bank FROM LATEST IN 's3://b/bank';\n> ```\n";
    const a = analyze(md, 'markdown');
    const fix = a.findings[0].fixes[0];
    assert.strictEqual(fix.title, 'Restore through 24.1 (upgrade path 23.2 → 24.1 → 24.3)');
    const after = applyEdits(md, fix.edits);
    assert.strictEqual(
      after,
      [
        '<!-- crdb: backup-version=23.2 target-version=24.3 -->',
        '> ```sql',
        '> -- crdb: target-version=24.1',
        "> RESTORE DATABASE bank FROM LATEST IN 's3://b/bank';",
        "> BACKUP DATABASE bank INTO '<collection for the 24.1 backup>';",
        '> -- crdb: target-version=24.3',
        "> RESTORE DATABASE bank FROM LATEST IN '<collection for the 24.1 backup>';",
        '> ```',
        '',
      ].join('\n'),
    );
    // Every hop checks as supported; the placeholders are reported until named.
    assert.deepStrictEqual(briefs(analyze(after, 'markdown')), ['5:3 warning placeholder-collection', '7:3 warning placeholder-collection']);
  });

  it('inside -e "…" the fix inserts an inline block comment', () => {
    const md = '<!-- crdb: backup-version=23.2 target-version=24.3 -->\n```sh\ncockroach sql -e "RESTORE FROM LATEST IN \'x\';"\n```\n';
    const a = analyze(md, 'markdown');
    assert.deepStrictEqual(briefs(a), ['3:19 error restore-skips-release']);
    const fix = a.findings[0].fixes.find((f) => f.title === 'Ignore restore-skips-release for this statement')!;
    assert.strictEqual(
      applyEdits(md, fix.edits),
      '<!-- crdb: backup-version=23.2 target-version=24.3 -->\n```sh\ncockroach sql -e "/* crdb: ignore=restore-skips-release */ RESTORE FROM LATEST IN \'x\';"\n```\n',
    );
  });
});

describe('messages about uncatalogued targets and preferred fixes', () => {
  it('an uncatalogued target says nothing about the engine', () => {
    const a = analyze("-- crdb: backup-version=25.2 target-version=27.1\nRESTORE DATABASE a FROM LATEST IN 's3://b/a';");
    const f = a.findings.find((x) => x.rule === 'restore-skips-release')!;
    assert.doesNotMatch(f.message, /undefined|minimum restorable|raises/);
    assert.match(f.message, /skips regular releases 25\.4, 26\.2/);
  });
  // Defect: VS Code lists a preferred fix first, so the version choices were out of order.
  it('version choices are in version order and none is preferred (which cluster to run on is the user’s choice)', () => {
    const a = analyze("-- crdb: backup-version=26.2 target-version=25.4\nRESTORE DATABASE a FROM LATEST IN 's3://b/a';", 'sql', { today: '2026-11-26' });
    const f = a.findings.find((x) => x.rule === 'restore-to-older-version')!;
    assert.deepStrictEqual(f.fixes.filter((x) => x.preferred).map((x) => x.title), []);
    assert.deepStrictEqual(f.fixes.map((x) => x.title), ['Run this RESTORE on a 26.2 cluster', 'Run this RESTORE on a 26.3 cluster', 'Ignore restore-to-older-version for this statement']);
  });
});

describe('directive keys', () => {
  it('isDirectiveKey accepts exactly the keys of DIRECTIVE_KEYS (case-sensitive)', () => {
    for (const k of DIRECTIVE_KEYS) assert.ok(isDirectiveKey(k), k);
    for (const k of ['Target-Version', 'target', 'targetversion', 'ignore ', '', 'mixed_version', 'includes']) assert.ok(!isDirectiveKey(k), k);
  });
});

describe('directive-lookalike: text meant as a directive that is not read (docs/rules/directive-lookalike.md)', () => {
  const R = "RESTORE DATABASE bank FROM LATEST IN 's3://b';";

  /** The look-alike findings of a document: `line:col` (1-based), the text they sit on, the message and the one fix's result. */
  function lookalikes(text: string, lang: 'sql' | 'markdown') {
    return analyze(text, lang)
      .findings.filter((f) => f.rule === 'directive-lookalike')
      .map((f) => {
        assert.strictEqual(f.severity, 'information');
        assert.strictEqual(f.fixes.length, 1, 'one fix, no "ignore for this statement"');
        assert.ok(f.fixes[0].unambiguous && f.fixes[0].preferred);
        return { at: `${f.range.start.line + 1}:${f.range.start.character + 1}`, on: text.slice(f.start, f.end), message: f.message, fixed: applyEdits(text, f.fixes[0].edits) };
      });
  }

  // Each: the document, the text the finding sits on, the form the message and the fix give.
  const POSITIVE: { name: string; lang: 'sql' | 'markdown'; line: string; form: string; lead: string }[] = [
    { name: 'SQL: no colon', lang: 'sql', line: '-- crdb backup-version=24.1 target-version=24.3', form: '-- crdb: backup-version=24.1 target-version=24.3', lead: 'crdb needs a colon' },
    { name: 'SQL: a space before the colon', lang: 'sql', line: '-- crdb : backup-version=24.1 target-version=24.3', form: '-- crdb: backup-version=24.1 target-version=24.3', lead: 'crdb needs a colon' },
    { name: 'SQL: block comment, no colon', lang: 'sql', line: '/* CRDB backup-version=24.1 target-version="24.3" */', form: '/* crdb: backup-version=24.1 target-version="24.3" */', lead: 'crdb needs a colon' },
    { name: 'SQL: no crdb: at all', lang: 'sql', line: '-- backup-version=24.1 target-version=24.3', form: '-- crdb: backup-version=24.1 target-version=24.3', lead: 'a directive starts with crdb:' },
    { name: 'SQL: # is no comment', lang: 'sql', line: '# crdb: backup-version=24.1 target-version=24.3', form: '-- crdb: backup-version=24.1 target-version=24.3', lead: '# is no SQL comment and hides the statement after it' },
    { name: 'SQL: // is no comment', lang: 'sql', line: '// crdb: backup-version=24.1 target-version=24.3', form: '-- crdb: backup-version=24.1 target-version=24.3', lead: '// is no SQL comment and hides the statement after it' },
    { name: 'SQL fence: no colon', lang: 'markdown', line: '```sql\n-- crdb backup-version=24.1 target-version=24.3', form: '-- crdb: backup-version=24.1 target-version=24.3', lead: 'crdb needs a colon' },
    { name: 'SQL fence: # line', lang: 'markdown', line: '```sql\n# crdb: backup-version=24.1 target-version=24.3', form: '-- crdb: backup-version=24.1 target-version=24.3', lead: '# is no SQL comment and hides' },
    { name: 'markdown: a crdb: paragraph', lang: 'markdown', line: 'crdb: backup-version=24.1 target-version=24.3\n\n```sql', form: '<!-- crdb: backup-version=24.1 target-version=24.3 -->', lead: 'a directive in markdown goes in an HTML comment' },
    { name: 'markdown: a crdb: line ending a paragraph', lang: 'markdown', line: 'On the new cluster:\ncrdb: backup-version=24.1 target-version=24.3\n\n```sql', form: '<!-- crdb: backup-version=24.1 target-version=24.3 -->', lead: 'HTML comment' },
    { name: 'markdown: -- crdb: in prose', lang: 'markdown', line: '-- crdb: backup-version=24.1 target-version=24.3\n\n```sql', form: '<!-- crdb: backup-version=24.1 target-version=24.3 -->', lead: 'HTML comment' },
    { name: 'markdown: -- crdb without colon in prose', lang: 'markdown', line: '-- crdb backup-version=24.1 target-version=24.3\n\n```sql', form: '<!-- crdb: backup-version=24.1 target-version=24.3 -->', lead: 'HTML comment' },
    { name: 'markdown: /* crdb: */ in prose', lang: 'markdown', line: '/* crdb: backup-version=24.1 target-version=24.3 */\n\n```sql', form: '<!-- crdb: backup-version=24.1 target-version=24.3 -->', lead: 'HTML comment' },
    { name: 'markdown: a # crdb: heading', lang: 'markdown', line: '# crdb: backup-version=24.1 target-version=24.3\n\n```sql', form: '<!-- crdb: backup-version=24.1 target-version=24.3 -->', lead: 'HTML comment' },
    { name: 'markdown: a list item', lang: 'markdown', line: '- crdb: backup-version=24.1 target-version=24.3\n\n```sql', form: '<!-- crdb: backup-version=24.1 target-version=24.3 -->', lead: 'HTML comment' },
    { name: 'markdown: a block quote', lang: 'markdown', line: '> crdb: backup-version=24.1 target-version=24.3\n\n```sql', form: '<!-- crdb: backup-version=24.1 target-version=24.3 -->', lead: 'HTML comment' },
    { name: 'markdown: HTML comment, no colon', lang: 'markdown', line: '<!-- crdb backup-version=24.1 target-version=24.3 -->\n```sql', form: '<!-- crdb: backup-version=24.1 target-version=24.3 -->', lead: 'crdb needs a colon' },
    { name: 'markdown: HTML comment, no crdb:', lang: 'markdown', line: '<!-- backup-version=24.1 target-version=24.3 -->\n```sql', form: '<!-- crdb: backup-version=24.1 target-version=24.3 -->', lead: 'a directive starts with crdb:' },
    { name: 'markdown: HTML comment with three dashes', lang: 'markdown', line: '<!--- crdb: backup-version=24.1 target-version=24.3 --->\n```sql', form: '<!-- crdb: backup-version=24.1 target-version=24.3 -->', lead: 'no extra dash' },
    { name: 'markdown: HTML comment in a paragraph', lang: 'markdown', line: 'Then <!-- crdb backup-version=24.1 target-version=24.3 --> restore:\n\n```sql', form: '<!-- crdb: backup-version=24.1 target-version=24.3 -->', lead: 'crdb needs a colon' },
    { name: 'shell block: no colon', lang: 'markdown', line: '```sh\n# crdb backup-version=24.1 target-version=24.3\ncockroach sql -e "' + R + '"', form: '# crdb: backup-version=24.1 target-version=24.3', lead: 'crdb needs a colon' },
  ];

  for (const c of POSITIVE) {
    it(`${c.name}: reported with the form to write; the fix writes it and the directive then counts`, () => {
      // SQL: the RESTORE follows; markdown: it closes the ```sql fence the case opens (a shell case holds its own).
      const text = c.lang === 'sql' ? `${c.line}\n${R}\n` : c.line.startsWith('```sh') ? `${c.line}\n\`\`\`\n` : `${c.line}\n${R}\n\`\`\`\n`;
      const found = lookalikes(text, c.lang);
      assert.strictEqual(found.length, 1, JSON.stringify(found));
      const [f] = found;
      assert.ok(c.line.includes(f.on), `sits on the look-alike: ${f.on}`);
      assert.ok(f.message.startsWith('Ignored: ') && f.message.includes(c.lead) && f.message.endsWith(c.form), f.message);
      assert.ok(f.message.length <= 120 && !f.message.includes('`') && !f.message.includes('\n'), f.message);
      assert.strictEqual(f.fixed, text.replace(f.on, c.form));
      // Re-analysed: no look-alike left, and the versions it states judge the RESTORE (24.1 → 24.3 is supported).
      const after = analyze(f.fixed, c.lang);
      assert.deepStrictEqual(briefs(after), [], f.fixed);
      assert.strictEqual(after.statements.find((s) => s.kind === 'restore')!.verdict?.kind, 'supported', f.fixed);
    });
  }

  it('before the fix the RESTORE is judged without the versions (missing-version), or not read at all behind a # line', () => {
    assert.deepStrictEqual(briefs(analyze(`-- crdb backup-version=24.1 target-version=24.3\n${R}\n`)), ['1:1 information directive-lookalike', '2:1 information missing-version']);
    const hidden = analyze(`# crdb: backup-version=24.1\n${R}\n`);
    assert.deepStrictEqual(briefs(hidden), ['1:1 information directive-lookalike']);
    assert.deepStrictEqual(hidden.statements, [], 'the RESTORE is part of the statement the # line starts');
    // A # line with nothing after it hides nothing, and says only what is wrong.
    assert.strictEqual(analyze('# crdb: target-version=24.3\n').findings[0].message, 'Ignored: # is no SQL comment; write -- crdb: target-version=24.3');
  });

  it('real directives, in every spelling the parser reads, stay silent', () => {
    const sql = ['--crdb:backup-version=24.1', '-- CRDB: target-version=24.3', '/*crdb: mixed-version=false*/', '--   crdb:   infer=true', `${R} -- crdb: ignore=missing-version`].join('\n');
    assert.deepStrictEqual(lookalikes(sql, 'sql'), []);
    const md = ['<!--crdb:backup-version=24.1-->', '<!--   CRDB: target-version=24.3 -->', '```sql', '-- crdb: mixed-version=false', R, '```', '```sh', '#crdb: infer=true', '  # crdb: ignore=missing-version', '```', '---'].join('\n');
    assert.deepStrictEqual(lookalikes(md, 'markdown'), []);
    assert.deepStrictEqual(lookalikes('---\ncrdb:\n  target-version: "24.3"\n---\nText.\n', 'markdown'), []);
  });

  it('ordinary prose and comments that mention crdb stay silent', () => {
    const sql = [
      '-- crdb is the CLI name here',
      '-- crdb the tool',
      '-- see crdb: target-version=24.3 for the syntax',
      '-- crdbx target-version=24.3',
      '-- backup-version is written in the runbook header',
      '-- mixed-version upgrade ahead',
      '-- crdb backup-version=24.1 (after the upgrade)',
      "SELECT '\n# crdb: target-version=24.3\n';",
      "SELECT 1 /* # crdb: target-version=24.3 */;",
      R,
    ].join('\n');
    assert.deepStrictEqual(lookalikes(sql, 'sql'), []);
    const md = [
      'The crdb: prefix starts every directive.',
      '',
      'crdb: the tool we use',
      '',
      '`crdb: backup-version=24.1`',
      '',
      'crdb: backup-version=24.1 is written in a comment (see `<!-- -->`).',
      '',
      '[crdb: backup-version=24.1](https://example.invalid/x)',
      '',
      'Write crdb: backup-version=24.1 in a comment.',
      '',
      'Use `<!-- crdb backup-version=24.1 -->` with the colon.',
      '',
      '```text',
      'crdb: backup-version=24.1',
      '-- crdb backup-version=24.1',
      '```',
      '',
      '    crdb: backup-version=24.1',
      '',
      '```yaml',
      'crdb:',
      '  target-version: 24.3',
      '```',
      '',
      '<!-- a plain comment -->',
      '<!-- crdb is mentioned here -->',
      '- crd: backup-version=24.1',
      '# Restore with crdb: notes',
    ].join('\n');
    assert.deepStrictEqual(lookalikes(md, 'markdown'), []);
  });

  it('the message stays within 120 characters: whole entries while they fit, then …', () => {
    const many = `-- crdb backup-version=24.1 target-version=24.3 ignore=${'missing-version,'.repeat(10)}removed-syntax`;
    const [f] = lookalikes(`${many}\n${R}\n`, 'sql');
    assert.strictEqual(f.message, 'Ignored: crdb needs a colon after it to start a directive: -- crdb: backup-version=24.1 target-version=24.3 …');
    assert.strictEqual(f.fixed, `${many.replace('-- crdb ', '-- crdb: ')}\n${R}\n`, 'the fix keeps every entry');
    const [g] = lookalikes(`-- crdb backup-version="${'9'.repeat(300)}"\n`, 'sql');
    assert.ok(g.message.length <= 120 && g.message.endsWith(' …'), g.message);
  });

  it('turned off by the rules setting; its severity set there', () => {
    const text = `crdb: target-version=24.3\n`;
    assert.deepStrictEqual(briefs(analyze(text, 'markdown', { rules: { 'directive-lookalike': 'off' } })), []);
    assert.deepStrictEqual(briefs(analyze(text, 'markdown', { rules: { 'directive-lookalike': 'hint' } })), ['1:1 hint directive-lookalike']);
  });
});

describe('directive-lookalike and the keystroke path (core/proseEdit.ts)', () => {
  const OPTS = analyzeOptions({ today: '2025-06-01' }, 'markdown');
  const derive = (before: string, after: string) => analyzeProseEdit(analyzeDocument(before, OPTS), after, () => analyzeDocument(after, OPTS));

  it('a plain edit that makes, changes or unmakes a look-alike line is analysed in full', () => {
    const tail = '\n\nSome prose here.\n';
    assert.strictEqual(derive(`crd: target-version=24.3${tail}`, `crdb: target-version=24.3${tail}`), undefined, 'made');
    assert.strictEqual(derive(`crdb: target-version=24.3${tail}`, `crdb: target-version=24.31${tail}`), undefined, 'changed');
    assert.strictEqual(derive(`crdb: target-version=24.3${tail}`, `crdbx: target-version=24.3${tail}`), undefined, 'unmade');
  });

  it('other prose lines keep the shortcut', () => {
    const before = 'crdb: target-version=24.3\n\nSome prose here.\n';
    const derived = derive(before, 'crdb: target-version=24.3\n\nSome more prose here.\n');
    assert.ok(derived, 'the shortcut was taken');
    assert.deepStrictEqual(briefs(derived), ['1:1 information directive-lookalike']);
  });
});
