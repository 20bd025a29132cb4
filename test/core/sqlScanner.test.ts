import * as assert from 'assert';
import { scanSql } from '../../server/src/core/sql';
import { SqlComment, SqlScan, SqlStatement, Span } from '../../server/src/core/types';

/** Span of the `nth` occurrence (0-based) of `needle` in `text`; fails when there is none. */
function span(text: string, needle: string, nth = 0): Span {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `'${needle}' #${nth} not in the test text`);
  }
  return { start: at, end: at + needle.length };
}

/** The only statement of `text`. */
function only(text: string): SqlStatement {
  const scan = scanSql(text);
  assert.strictEqual(scan.statements.length, 1, `expected one statement, got ${JSON.stringify(scan.statements)}`);
  return scan.statements[0];
}

function values(s: SqlStatement): (string | undefined)[] {
  return s.collections.map((c) => c.value);
}

function optionNames(s: SqlStatement): string[] {
  return s.options.map((o) => o.name);
}

function kinds(scan: SqlScan): string[] {
  return scan.statements.map((s) => s.kind);
}

function comment(text: string, needle: string, kind: 'line' | 'block', nth = 0): SqlComment {
  const { start, end } = span(text, needle, nth);
  const open = 2;
  const close = kind === 'block' && needle.endsWith('*/') ? 2 : 0;
  return { kind, start, end, body: needle.slice(open, needle.length - close), bodyStart: start + open };
}

describe('sql scanner: documentation examples (cockroachdb-facts §4)', () => {
  it('1. full-cluster restore from LATEST', () => {
    const text = "RESTORE FROM LATEST IN 'external://backup_s3';";
    const s = only(text);
    assert.strictEqual(s.kind, 'restore');
    assert.strictEqual(s.restoreTarget, 'cluster');
    assert.deepStrictEqual(s.keyword, { start: 0, end: 7 });
    assert.deepStrictEqual(s.locator, { kind: 'latest', start: 13, end: 19 });
    assert.deepStrictEqual(s.collections, [{ value: 'external://backup_s3', start: 23, end: 45 }]);
    assert.strictEqual(s.oldSyntax, false);
    assert.deepStrictEqual(s.options, []);
    assert.strictEqual(s.terminated, true);
    assert.strictEqual(s.start, 0);
    assert.strictEqual(s.end, text.length);
  });

  it('2. full-cluster restore of a subdirectory', () => {
    const text = "RESTORE FROM '2023/03/23-213101.37' IN 's3://bucket/path?AUTH=implicit';";
    const s = only(text);
    assert.strictEqual(s.restoreTarget, 'cluster');
    assert.deepStrictEqual(s.locator, { kind: 'subdir', value: '2023/03/23-213101.37', ...span(text, "'2023/03/23-213101.37'") });
    assert.deepStrictEqual(s.collections, [
      { value: 's3://bucket/path?AUTH=implicit', ...span(text, "'s3://bucket/path?AUTH=implicit'") },
    ]);
    assert.strictEqual(s.oldSyntax, false);
  });

  it('3. table restore with TABLE and two tables', () => {
    const s = only("RESTORE TABLE bank.customers, bank.accounts FROM LATEST IN 'external://backup_s3';");
    assert.strictEqual(s.kind, 'restore');
    assert.strictEqual(s.restoreTarget, 'table');
    assert.strictEqual(s.locator?.kind, 'latest');
    assert.deepStrictEqual(values(s), ['external://backup_s3']);
  });

  it('4. database restore with AS OF SYSTEM TIME', () => {
    const text =
      "RESTORE DATABASE movr FROM '2023/01/23-185448.11' IN 'external://backup_s3' AS OF SYSTEM TIME '2023-01-23 18:56:48';";
    const s = only(text);
    assert.strictEqual(s.restoreTarget, 'database');
    assert.deepStrictEqual(s.locator, { kind: 'subdir', value: '2023/01/23-185448.11', ...span(text, "'2023/01/23-185448.11'") });
    assert.deepStrictEqual(values(s), ['external://backup_s3']);
    assert.deepStrictEqual(s.options, []);
    assert.strictEqual(s.terminated, true);
  });

  it('5. backup id as subdirectory and WITH on the next line', () => {
    const text = "RESTORE TABLE movr.users FROM 'osDlrp0B' IN 'external://backup_s3'\nWITH EXPERIMENTAL COPY, DETACHED;";
    const s = only(text);
    assert.strictEqual(s.restoreTarget, 'table');
    assert.deepStrictEqual(s.locator, { kind: 'subdir', value: 'osDlrp0B', ...span(text, "'osDlrp0B'") });
    assert.deepStrictEqual(s.options, [
      { name: 'experimental', ...span(text, 'EXPERIMENTAL') },
      { name: 'detached', ...span(text, 'DETACHED') },
    ]);
  });

  it('6. docs `> ` prompt', () => {
    const text = "> RESTORE FROM LATEST IN 'external://backup_s3'\nWITH DETACHED;";
    const s = only(text);
    assert.strictEqual(s.restoreTarget, 'cluster');
    assert.deepStrictEqual(s.keyword, { start: 2, end: 9 });
    assert.strictEqual(s.start, 2);
    assert.strictEqual(s.end, text.length);
    assert.deepStrictEqual(optionNames(s), ['detached']);
  });

  it('7. indented prompt and a bare table pattern (not a cluster restore)', () => {
    const text = "    > RESTORE bank.customers FROM LATEST IN 'external://backup_s3'\n    WITH into_db = 'newdb';";
    const s = only(text);
    assert.strictEqual(s.restoreTarget, 'table');
    assert.deepStrictEqual(s.keyword, { start: 6, end: 13 });
    assert.deepStrictEqual(values(s), ['external://backup_s3']);
    assert.deepStrictEqual(s.options, [{ name: 'into_db', ...span(text, 'into_db') }]);
  });

  it('8. new_db_name option', () => {
    const s = only("RESTORE DATABASE bank FROM LATEST IN 'external://backup_s3'\nWITH new_db_name = 'new_bank';");
    assert.strictEqual(s.restoreTarget, 'database');
    assert.deepStrictEqual(optionNames(s), ['new_db_name']);
  });

  it('9. locality-aware collection list', () => {
    const text = "RESTORE FROM LATEST IN ('s3://us-east-bucket/', 's3://us-west-bucket/');";
    const s = only(text);
    assert.strictEqual(s.restoreTarget, 'cluster');
    assert.deepStrictEqual(s.collections, [
      { value: 's3://us-east-bucket/', ...span(text, "'s3://us-east-bucket/'") },
      { value: 's3://us-west-bucket/', ...span(text, "'s3://us-west-bucket/'") },
    ]);
    assert.strictEqual(s.oldSyntax, false);
  });

  it('10. incremental_location', () => {
    const text =
      "RESTORE TABLE movr.users FROM LATEST IN 'external://backup_s3' WITH incremental_location = '{incremental_backup_URI}';";
    const s = only(text);
    assert.deepStrictEqual(s.options, [{ name: 'incremental_location', ...span(text, 'incremental_location') }]);
  });

  it('11. BACKUP INTO a locality list, no trailing semicolon', () => {
    const text =
      "BACKUP INTO\n\t('s3://us-east-bucket?COCKROACH_LOCALITY=default', 's3://us-west-bucket?COCKROACH_LOCALITY=region%3Dus-west')";
    const s = only(text);
    assert.strictEqual(s.kind, 'backup');
    assert.strictEqual(s.terminated, false);
    assert.strictEqual(s.end, text.length); // end of the last token, the `)`
    assert.strictEqual(s.locator, undefined);
    assert.deepStrictEqual(values(s), [
      's3://us-east-bucket?COCKROACH_LOCALITY=default',
      's3://us-west-bucket?COCKROACH_LOCALITY=region%3Dus-west',
    ]);
    assert.deepStrictEqual(s.collections[1], {
      value: 's3://us-west-bucket?COCKROACH_LOCALITY=region%3Dus-west',
      ...span(text, "'s3://us-west-bucket?COCKROACH_LOCALITY=region%3Dus-west'"),
    });
  });

  it('12. brace template as subdirectory', () => {
    const text = "BACKUP INTO {'subdirectory'} IN 'external://backup_s3' AS OF SYSTEM TIME '-10s';";
    const s = only(text);
    assert.strictEqual(s.kind, 'backup');
    assert.deepStrictEqual(s.locator, { kind: 'subdir', ...span(text, "{'subdirectory'}") });
    assert.deepStrictEqual(values(s), ['external://backup_s3']);
  });

  it('12b. brace template as the collection', () => {
    const text = 'RESTORE FROM LATEST IN {collectionURI};';
    const s = only(text);
    assert.deepStrictEqual(s.collections, [span(text, '{collectionURI}')]);
  });

  it('13. backup of a schema pattern', () => {
    const s = only("BACKUP test_schema.* INTO 'external://backup_s3' AS OF SYSTEM TIME '-10s';");
    assert.strictEqual(s.kind, 'backup');
    assert.strictEqual(s.oldSyntax, false);
    assert.deepStrictEqual(values(s), ['external://backup_s3']);
  });

  it('14. template braces inside the URI are just text', () => {
    const uri =
      's3://{BUCKET NAME}?AWS_ACCESS_KEY_ID={KEY ID}&AWS_SECRET_ACCESS_KEY={SECRET ACCESS KEY}&S3_STORAGE_CLASS=INTELLIGENT_TIERING';
    const s = only(`BACKUP DATABASE movr INTO '${uri}' AS OF SYSTEM TIME '-10s';`);
    assert.strictEqual(s.kind, 'backup');
    assert.deepStrictEqual(values(s), [uri]);
  });

  it('15. SET CLUSTER SETTING then CREATE SCHEDULE', () => {
    const text =
      'SET CLUSTER SETTING backup.compaction.threshold = 4;\n\n' +
      'CREATE SCHEDULE hourly_backups\n' +
      "FOR BACKUP DATABASE movr INTO 'external://backup_s3'\n" +
      "RECURRING '@hourly'\n" +
      "FULL BACKUP '@weekly';";
    const scan = scanSql(text);
    assert.deepStrictEqual(kinds(scan), ['other', 'schedule']);
    const [set, sched] = scan.statements;
    assert.deepStrictEqual(set.keyword, { start: 0, end: 3 });
    assert.strictEqual(set.end, text.indexOf(';') + 1);
    assert.deepStrictEqual(sched.keyword, span(text, 'CREATE'));
    assert.deepStrictEqual(sched.collections, [{ value: 'external://backup_s3', ...span(text, "'external://backup_s3'") }]);
    assert.deepStrictEqual(sched.options, []);
    assert.strictEqual(sched.end, text.length);
  });

  it('16. prompted CREATE SCHEDULE: schedule options are not backup options', () => {
    const text =
      '> CREATE SCHEDULE core_schedule_label\n' +
      "  FOR BACKUP INTO 's3://test/schedule-test-core?AWS_ACCESS_KEY_ID=x&AWS_SECRET_ACCESS_KEY=x'\n" +
      "    RECURRING '@daily'\n" +
      '    FULL BACKUP ALWAYS\n' +
      "    WITH SCHEDULE OPTIONS first_run = 'now';";
    const s = only(text);
    assert.strictEqual(s.kind, 'schedule');
    assert.deepStrictEqual(s.keyword, { start: 2, end: 8 });
    assert.deepStrictEqual(values(s), ['s3://test/schedule-test-core?AWS_ACCESS_KEY_ID=x&AWS_SECRET_ACCESS_KEY=x']);
    assert.deepStrictEqual(s.options, []);
    assert.strictEqual(s.terminated, true);
  });

  it('17. comments between SHOW BACKUPS statements', () => {
    const text =
      '-- Backups from the last week\n' +
      "SHOW BACKUPS IN 'external://backup_s3' NEWER THAN '-1w';\n\n" +
      '-- Backups between 1 and 2 weeks old\n' +
      "SHOW BACKUPS IN 'external://backup_s3' NEWER THAN '-2w' OLDER THAN '-1w';";
    const scan = scanSql(text);
    assert.deepStrictEqual(kinds(scan), ['show', 'show']);
    assert.deepStrictEqual(scan.statements[0].keyword, span(text, 'SHOW', 0));
    assert.deepStrictEqual(scan.statements[1].keyword, span(text, 'SHOW', 1));
    // The collection only: NEWER THAN / OLDER THAN strings are not collections.
    assert.deepStrictEqual(values(scan.statements[1]), ['external://backup_s3']);
    assert.deepStrictEqual(scan.statements[1].collections[0], { value: 'external://backup_s3', ...span(text, "'external://backup_s3'", 1) });
    assert.deepStrictEqual(scan.comments, [
      comment(text, '-- Backups from the last week', 'line'),
      comment(text, '-- Backups between 1 and 2 weeks old', 'line'),
    ]);
  });

  it('18. WITH … AS (SHOW BACKUP …) SELECT is one other statement', () => {
    const text =
      "WITH x AS (SHOW BACKUP FROM '/2021/11/15-150703.21' IN 'external://backup_s3' with as_json) SELECT jsonb_pretty(manifest->'entryCounts') AS f FROM x;";
    const s = only(text);
    assert.strictEqual(s.kind, 'other');
    assert.deepStrictEqual(s.keyword, { start: 0, end: 4 });
    assert.deepStrictEqual(s.options, []);
    assert.strictEqual(s.end, text.length);
  });

  it('19. SHOW BACKUP FROM subdir IN collection WITH kms: the collection, not the kms URI', () => {
    const text =
      "SHOW BACKUP FROM '2020/09/24-190540.54' IN 's3://test/backups/test_explicit_kms?AWS_ACCESS_KEY_ID=123&AWS_SECRET_ACCESS_KEY=123'\n" +
      "      WITH kms = 'aws:///arn:aws:kms:us-east-1:123456789:key/1234-abcd-5678-efgh-90ij?AWS_ACCESS_KEY_ID=123456&AWS_SECRET_ACCESS_KEY=123456&REGION=us-east-1';";
    const s = only(text);
    assert.strictEqual(s.kind, 'show');
    assert.deepStrictEqual(values(s), ['s3://test/backups/test_explicit_kms?AWS_ACCESS_KEY_ID=123&AWS_SECRET_ACCESS_KEY=123']);
    assert.deepStrictEqual(s.locator, { kind: 'subdir', value: '2020/09/24-190540.54', ...span(text, "'2020/09/24-190540.54'") });
    assert.deepStrictEqual(optionNames(s), ['kms']);
    assert.strictEqual(s.oldSyntax, false);
    assert.strictEqual(s.restoreTarget, undefined);
  });

  it('20. deprecated RESTORE … FROM several URIs with backslash continuations', () => {
    const text =
      '> RESTORE bank.customers \\\n' +
      "FROM 'gs://acme-co-backup/database-bank-2017-03-27-weekly', 'gs://acme-co-backup/database-bank-2017-03-28-nightly', 'gs://acme-co-backup/database-bank-2017-03-29-nightly';";
    const s = only(text);
    assert.strictEqual(s.kind, 'restore');
    assert.strictEqual(s.restoreTarget, 'table');
    assert.strictEqual(s.oldSyntax, true);
    assert.strictEqual(s.locator, undefined);
    assert.deepStrictEqual(s.keyword, { start: 2, end: 9 });
    assert.deepStrictEqual(values(s), [
      'gs://acme-co-backup/database-bank-2017-03-27-weekly',
      'gs://acme-co-backup/database-bank-2017-03-28-nightly',
      'gs://acme-co-backup/database-bank-2017-03-29-nightly',
    ]);
    assert.deepStrictEqual(s.collections[2].start, text.indexOf("'gs://acme-co-backup/database-bank-2017-03-29-nightly'"));
  });

  it('21. deprecated BACKUP TO with continuations, AS OF and WITH', () => {
    const text = "> BACKUP TO \\\n'gs://acme-co-backup/test-cluster' \\\nAS OF SYSTEM TIME '-10s'\nWITH DETACHED;";
    const s = only(text);
    assert.strictEqual(s.kind, 'backup');
    assert.strictEqual(s.oldSyntax, true);
    assert.deepStrictEqual(s.collections, [
      { value: 'gs://acme-co-backup/test-cluster', ...span(text, "'gs://acme-co-backup/test-cluster'") },
    ]);
    assert.deepStrictEqual(s.options, [{ name: 'detached', ...span(text, 'DETACHED') }]);
    assert.strictEqual(s.terminated, true);
  });

  it("22. '' escapes and dollar-quoted bodies hide ; and RESTORE", () => {
    const text =
      "SELECT 'hello' as a, 'it''s a beautiful day' as b;\n" +
      'SELECT char_length($MyCoolString$\n' +
      "You can put anything you want here; a path: 'C:\\Users\\foo\\Downloads\\file.zip'\n" +
      'A nested one: $myRegex$[foo\\tbar]$myRegex$ and RESTORE FROM LATEST IN \'x\';\n' +
      '$MyCoolString$);';
    const scan = scanSql(text);
    assert.deepStrictEqual(kinds(scan), ['other', 'other']);
    assert.strictEqual(scan.statements[0].end, text.indexOf(';') + 1);
    assert.deepStrictEqual(scan.statements[1].keyword, span(text, 'SELECT', 1));
    assert.strictEqual(scan.statements[1].end, text.length);
    assert.deepStrictEqual(scan.comments, []);
  });

  it('23. Liquid template inside a string', () => {
    const text = "SET CLUSTER SETTING cluster.preserve_downgrade_option = '{{ previous_version | slice: 1, 4 }}';";
    const s = only(text);
    assert.strictEqual(s.kind, 'other');
    assert.strictEqual(s.end, text.length);
  });
});

describe('sql scanner: SHOW BACKUP, kept for the collection it reads (docs/workspace.md)', () => {
  /** kind, locator kind/value, collection values, old syntax, option names of the only statement. */
  function shape(text: string): string {
    const s = only(text);
    const loc = s.locator ? ` ${s.locator.kind}${s.locator.value === undefined ? '' : `=${s.locator.value}`}` : '';
    return `${s.kind}${loc} [${values(s).join(' | ')}]${s.oldSyntax ? ' old' : ''}${s.options.length ? ` with ${optionNames(s).join(',')}` : ''}`;
  }

  it('every form names its collection: FROM LATEST IN, subdir IN, SHOW BACKUPS IN, details, deprecated IN, old URI', () => {
    const cases: [string, string][] = [
      ["SHOW BACKUP FROM LATEST IN 'external://backup_s3';", 'show latest [external://backup_s3]'],
      ["SHOW BACKUP FROM '2023/03/23-213101.37' IN 's3://bucket/path?AUTH=implicit'", 'show subdir=2023/03/23-213101.37 [s3://bucket/path?AUTH=implicit]'],
      ["SHOW BACKUP '2023/03/23-213101.37' IN 's3://bucket/path'", 'show subdir=2023/03/23-213101.37 [s3://bucket/path]'],
      ["SHOW BACKUP LATEST IN 's3://bucket/path'", 'show latest [s3://bucket/path]'],
      ["SHOW BACKUPS IN 's3://b/p' NEWER THAN '-1w' OLDER THAN '-2w' WITH REVISION START TIME", 'show [s3://b/p] with revision'],
      ["show backups in 's3://b/p'", 'show [s3://b/p]'],
      ["SHOW BACKUP SCHEMAS FROM LATEST IN 's3://b/p' WITH privileges", 'show latest [s3://b/p] with privileges'],
      ["SHOW BACKUP FILES FROM 'sub' IN 's3://b/p'", 'show subdir=sub [s3://b/p]'],
      ["SHOW BACKUP RANGES 'sub' IN 's3://b/p' WITH debug_ids, as_json", 'show subdir=sub [s3://b/p] with debug_ids,as_json'],
      ["SHOW BACKUP VALIDATE FROM LATEST IN 's3://b/p'", 'show latest [s3://b/p]'],
      ["SHOW BACKUP IN 's3://b/p'", 'show [s3://b/p]'], // deprecated: lists the collection's backups
      ["SHOW BACKUP 's3://old/full-2017'", 'show [s3://old/full-2017] old'], // old syntax: a backup written by BACKUP … TO
      ["SHOW BACKUP 's3://old/full' WITH encryption_passphrase = 'x'", 'show [s3://old/full] old with encryption_passphrase'],
      ["SHOW BACKUP FROM LATEST IN $1", 'show latest []'],
    ];
    for (const [text, want] of cases) assert.strictEqual(shape(text), want, text);
    // A placeholder is an entry without a value (no key), like in RESTORE.
    assert.deepStrictEqual(only('SHOW BACKUP FROM LATEST IN $1').collections, [{ start: 27, end: 29, placeholder: '$1' }]);
  });

  it('a locality list: every URI, each with its span', () => {
    const text = "SHOW BACKUP FROM LATEST IN ('s3://us-east?COCKROACH_LOCALITY=default', 's3://us-west?COCKROACH_LOCALITY=region%3Dus-west') WITH as_json";
    const s = only(text);
    assert.strictEqual(shape(text), 'show latest [s3://us-east?COCKROACH_LOCALITY=default | s3://us-west?COCKROACH_LOCALITY=region%3Dus-west] with as_json');
    assert.deepStrictEqual(
      s.collections.map((c) => ({ start: c.start, end: c.end })),
      [span(text, "'s3://us-east?COCKROACH_LOCALITY=default'"), span(text, "'s3://us-west?COCKROACH_LOCALITY=region%3Dus-west'")],
    );
  });

  it('comments, quoting and prompts: the collection is the decoded literal; SHOW BACKUP in a string or comment is no statement', () => {
    assert.strictEqual(shape("SHOW /* a */ BACKUP -- b\n FROM LATEST IN e's3://b/\\x70'"), 'show latest [s3://b/p]');
    assert.strictEqual(shape('SHOW BACKUPS IN $tag$s3://b/p$tag$'), 'show [s3://b/p]');
    assert.strictEqual(shape("SHOW BACKUP FROM LATEST IN 's3://b/it''s'"), "show latest [s3://b/it's]");
    assert.strictEqual(shape("SHOW BACKUP FROM LATEST IN 's3://b/'\n  'p'"), 'show latest [s3://b/p]'); // joined across the newline
    const quoted = "SELECT 'SHOW BACKUP FROM LATEST IN ''s3://x'''; -- SHOW BACKUPS IN 's3://y'\n/* SHOW BACKUP 's3://z' */";
    assert.deepStrictEqual(kinds(scanSql(quoted)), ['other']);
    const prompted = "root@:26257/defaultdb> SHOW BACKUP FROM LATEST IN 's3://b/p';\n        start_time | end_time\n-------\n(1 row)\n";
    const scan = scanSql(prompted);
    assert.deepStrictEqual(kinds(scan), ['show']);
    assert.deepStrictEqual(scan.statements[0].collections.map((c) => c.value), ['s3://b/p']);
  });

  it('what reads no collection stays other or names none: SHOW BACKUP CONNECTION, SHOW JOBS, the CTE form, half-typed', () => {
    assert.strictEqual(only("SHOW BACKUP CONNECTION 's3://b/p'").kind, 'other');
    assert.strictEqual(only('SHOW JOBS').kind, 'other');
    assert.strictEqual(only("SHOW CLUSTER SETTING version").kind, 'other');
    assert.strictEqual(only("WITH x AS (SHOW BACKUP FROM LATEST IN 's3://b/p') SELECT * FROM x").kind, 'other');
    for (const half of ['SHOW', 'SHOW BACKUP', 'SHOW BACKUPS', 'SHOW BACKUP FROM', 'SHOW BACKUP FROM LATEST IN', 'SHOW BACKUPS IN']) {
      const s = only(half);
      assert.deepStrictEqual(s.collections, [], half);
      assert.strictEqual(s.kind, half === 'SHOW' ? 'other' : 'show', half);
    }
  });
});

describe('sql scanner: lexical rules', () => {
  it('a RESTORE or ; inside a string is not a statement', () => {
    const text = "SELECT 'RESTORE FROM LATEST IN ''x''; still a string'; RESTORE FROM LATEST IN 'y';";
    const scan = scanSql(text);
    assert.deepStrictEqual(kinds(scan), ['other', 'restore']);
    assert.deepStrictEqual(scan.statements[1].keyword, span(text, 'RESTORE', 1));
    assert.deepStrictEqual(values(scan.statements[1]), ['y']);
  });

  it("'' inside a plain string is a quote in the value; a backslash is literal", () => {
    const s = only("RESTORE FROM LATEST IN 's3://b/it''s\\n';");
    assert.deepStrictEqual(values(s), ["s3://b/it's\\n"]);
  });

  it("e'\\'' does not end the string", () => {
    const text = "RESTORE FROM LATEST IN e'a\\'; RESTORE b'; SELECT 1;";
    const scan = scanSql(text);
    assert.deepStrictEqual(kinds(scan), ['restore', 'other']);
    assert.deepStrictEqual(values(scan.statements[0]), ["a'; RESTORE b"]);
    assert.deepStrictEqual(scan.statements[0].collections[0], { value: "a'; RESTORE b", ...span(text, "e'a\\'; RESTORE b'") });
  });

  it("E'…\\\\' ends at the quote after an escaped backslash", () => {
    const text = "RESTORE FROM LATEST IN E'dir\\\\'; SELECT ';';";
    const scan = scanSql(text);
    assert.deepStrictEqual(kinds(scan), ['restore', 'other']);
    assert.deepStrictEqual(values(scan.statements[0]), ['dir\\']);
    assert.strictEqual(scan.statements[0].end, text.indexOf(';') + 1);
  });

  it('escape sequences in e strings', () => {
    const s = only("RESTORE FROM LATEST IN e'\\x41\\u00e9\\t\\101\\q''';");
    assert.deepStrictEqual(values(s), ["A\u00e9\tAq'"]);
  });

  it("b'…' allows escapes; B'…' and x'…' end at the next quote", () => {
    const text = "SELECT b'\\'; x'; SELECT B'01'; SELECT x'ff'; SELECT X'00';";
    const scan = scanSql(text);
    assert.deepStrictEqual(kinds(scan), ['other', 'other', 'other', 'other']);
    assert.deepStrictEqual(
      scan.statements.map((s) => s.keyword),
      [0, 1, 2, 3].map((nth) => span(text, 'SELECT', nth)),
    );
    assert.strictEqual(scan.statements[0].end, text.indexOf("x';") + 3);
  });

  it("r'…' is an identifier then a plain string (no raw strings)", () => {
    const text = "SELECT r'a\\'; RESTORE FROM LATEST IN 'x';";
    const scan = scanSql(text);
    assert.deepStrictEqual(kinds(scan), ['other', 'restore']);
  });

  it('nested block comments hide RESTORE', () => {
    const text = '/* outer /* inner */ RESTORE FROM LATEST IN \'x\'; */ SELECT 1;';
    const scan = scanSql(text);
    assert.deepStrictEqual(kinds(scan), ['other']);
    assert.deepStrictEqual(scan.statements[0].keyword, span(text, 'SELECT'));
    assert.deepStrictEqual(scan.comments, [
      {
        kind: 'block',
        start: 0,
        end: text.indexOf(' SELECT'),
        body: " outer /* inner */ RESTORE FROM LATEST IN 'x'; ",
        bodyStart: 2,
      },
    ]);
  });

  it('# is not a comment', () => {
    const scan = scanSql("SELECT 1 # 2; RESTORE FROM LATEST IN 'x';");
    assert.deepStrictEqual(kinds(scan), ['other', 'restore']);
    assert.deepStrictEqual(scan.comments, []);
  });

  it('line comments end at \\n or \\r and hide RESTORE', () => {
    const text = "-- RESTORE FROM LATEST IN 'x';\rSELECT 1; -- tail\nBACKUP INTO 'y';";
    const scan = scanSql(text);
    assert.deepStrictEqual(kinds(scan), ['other', 'backup']);
    assert.deepStrictEqual(scan.comments, [
      { kind: 'line', start: 0, end: 30, body: " RESTORE FROM LATEST IN 'x';", bodyStart: 2 },
      comment(text, '-- tail', 'line'),
    ]);
  });

  it('$$ and $tag$ bodies; a different tag inside does not end them', () => {
    const text =
      "CREATE FUNCTION f() RETURNS INT AS $fn$ SELECT 1; $x$ ; $fn $ RESTORE $x$ $fn$ LANGUAGE SQL; SELECT $$a;b$$; RESTORE FROM LATEST IN $$s3://d$$;";
    const scan = scanSql(text);
    assert.deepStrictEqual(kinds(scan), ['other', 'other', 'restore']);
    assert.deepStrictEqual(scan.statements[1].keyword, span(text, 'SELECT', 1));
    assert.deepStrictEqual(scan.statements[2].collections, [{ value: 's3://d', ...span(text, '$$s3://d$$') }]);
  });

  it('$1 is a placeholder, not a dollar quote', () => {
    const text = 'RESTORE FROM $1 IN $2; SELECT $1$;';
    const scan = scanSql(text);
    assert.deepStrictEqual(kinds(scan), ['restore', 'other']);
    const s = scan.statements[0];
    assert.deepStrictEqual(s.locator, { kind: 'placeholder', start: 13, end: 15 });
    assert.deepStrictEqual(s.collections, [{ placeholder: '$2', start: 19, end: 21 }]);
    // `$1` then `$;` — `$` not followed by a tag and `$` is a plain character.
    assert.strictEqual(scan.statements[1].end, text.length);
    // `$1` then a `$$…$$` body right after it.
    assert.deepStrictEqual(kinds(scanSql("SELECT $1$$a;b$$; RESTORE FROM LATEST IN 'x';")), ['other', 'restore']);
  });

  it('identifiers may contain $ (a$b$ is not a dollar quote)', () => {
    const scan = scanSql("SELECT a$b$; RESTORE FROM LATEST IN 'x';");
    assert.deepStrictEqual(kinds(scan), ['other', 'restore']);
  });

  it('the same rules hold inside statements that are not parsed', () => {
    const text =
      "SELECT a$b$, 1$$;$$, $1e'\\';', x'; ', B'0;', \"q;\" -- ;\n /* ; */ FROM t\n; RESTORE FROM LATEST IN 'x';";
    const scan = scanSql(text);
    assert.deepStrictEqual(kinds(scan), ['other', 'restore']);
    assert.strictEqual(scan.statements[0].end, text.indexOf('\n;') + 2);
    assert.deepStrictEqual(scan.comments, [comment(text, '-- ;', 'line'), comment(text, '/* ; */', 'block')]);
  });

  it('quoted identifiers with ; and "" inside', () => {
    const text = 'SELECT "a;b", "c"";RESTORE" FROM t; RESTORE TABLE "x;y" FROM LATEST IN \'z\';';
    const scan = scanSql(text);
    assert.deepStrictEqual(kinds(scan), ['other', 'restore']);
    assert.strictEqual(scan.statements[1].restoreTarget, 'table');
    assert.deepStrictEqual(values(scan.statements[1]), ['z']);
  });

  it('adjacent string literals separated by a newline are one literal', () => {
    const text = "RESTORE FROM LATEST IN 's3://bucket'\n  '/path';";
    const s = only(text);
    assert.deepStrictEqual(s.collections, [{ value: 's3://bucket/path', start: 23, end: text.length - 1 }]);
  });

  it('keywords are case-insensitive', () => {
    const text = "restore database bank from latest in 's3://b' with Detached;\nBackup Into Latest In 's3://b';";
    const scan = scanSql(text);
    assert.deepStrictEqual(kinds(scan), ['restore', 'backup']);
    assert.strictEqual(scan.statements[0].restoreTarget, 'database');
    assert.strictEqual(scan.statements[0].locator?.kind, 'latest');
    assert.deepStrictEqual(optionNames(scan.statements[0]), ['detached']);
    assert.deepStrictEqual(scan.statements[1].locator, { kind: 'latest', ...span(text, 'Latest') });
    assert.deepStrictEqual(values(scan.statements[1]), ['s3://b']);
  });

  it("the string 'LATEST' is the latest backup", () => {
    const s = only("RESTORE FROM 'latest' IN 's3://b';");
    assert.deepStrictEqual(s.locator, { kind: 'latest', start: 13, end: 21 });
  });

  it('several statements on one line', () => {
    const text = "BACKUP INTO 'a'; RESTORE FROM LATEST IN 'a';SELECT 1 ;  ; RESTORE DATABASE d FROM LATEST IN 'b'";
    const scan = scanSql(text);
    assert.deepStrictEqual(kinds(scan), ['backup', 'restore', 'other', 'restore']);
    assert.deepStrictEqual(
      scan.statements.map((s) => [s.start, s.end, s.terminated]),
      [
        [0, 16, true],
        [17, 44, true],
        [44, 54, true],
        [58, text.length, false],
      ],
    );
  });

  it('a byte order mark before the first keyword is skipped', () => {
    const s = only("\ufeffRESTORE FROM LATEST IN 'x';");
    assert.deepStrictEqual(s.keyword, { start: 1, end: 8 });
  });
});

describe('sql scanner: statement shapes', () => {
  it('RESTORE FROM with nothing between is the cluster; anything between is not', () => {
    const text =
      "RESTORE FROM LATEST IN 'c';\n" +
      "RESTORE bank.customers FROM LATEST IN 'c';\n" +
      "RESTORE db.* FROM LATEST IN 'c';\n" +
      "RESTORE SYSTEM USERS FROM LATEST IN 'c';\n" +
      "RESTORE VIRTUAL CLUSTER app FROM LATEST IN 'c';\n" +
      "RESTORE TENANT 5 FROM LATEST IN 'c';\n" +
      "RESTORE DATABASE a, b FROM LATEST IN 'c';";
    const scan = scanSql(text);
    assert.deepStrictEqual(
      scan.statements.map((s) => s.restoreTarget),
      ['cluster', 'table', 'table', 'system-users', 'virtual-cluster', 'virtual-cluster', 'database'],
    );
    for (const s of scan.statements) assert.deepStrictEqual(values(s), ['c']);
  });

  it('WITH OPTIONS ( … ) and plain WITH lists', () => {
    const text =
      "RESTORE DATABASE bank FROM LATEST IN 'c' WITH OPTIONS (into_db = 'x', skip_missing_foreign_keys, kms = ('a', 'b'), detached);";
    const s = only(text);
    assert.deepStrictEqual(s.options, [
      { name: 'into_db', ...span(text, 'into_db') },
      { name: 'skip_missing_foreign_keys', ...span(text, 'skip_missing_foreign_keys') },
      { name: 'kms', ...span(text, 'kms') },
      { name: 'detached', ...span(text, 'detached') },
    ]);
    const t2 = "RESTORE FROM LATEST IN 'c' WITH UNSAFE_RESTORE_INCOMPATIBLE_VERSION, EXECUTION LOCALITY = 'region=us'";
    assert.deepStrictEqual(optionNames(only(t2)), ['unsafe_restore_incompatible_version', 'execution']);
  });

  it('old-syntax RESTORE with a parenthesised locality list', () => {
    const s = only("RESTORE FROM ('gs://a?COCKROACH_LOCALITY=default', 'gs://b'), 'gs://c';");
    assert.strictEqual(s.oldSyntax, true);
    assert.deepStrictEqual(values(s), ['gs://a?COCKROACH_LOCALITY=default', 'gs://b', 'gs://c']);
  });

  it('old-syntax BACKUP TO a list, with INCREMENTAL FROM not counted', () => {
    const s = only("BACKUP DATABASE d TO ('gs://a', 'gs://b') INCREMENTAL FROM 'gs://full' WITH revision_history;");
    assert.strictEqual(s.oldSyntax, true);
    assert.deepStrictEqual(values(s), ['gs://a', 'gs://b']);
    assert.deepStrictEqual(optionNames(s), ['revision_history']);
  });

  it('BACKUP INTO subdir IN and INTO LATEST IN', () => {
    const text = "BACKUP INTO '2024/01/01-000000.00' IN 's3://b'; BACKUP TABLE t INTO LATEST IN ('s3://b', 's3://c');";
    const scan = scanSql(text);
    assert.deepStrictEqual(scan.statements[0].locator, {
      kind: 'subdir',
      value: '2024/01/01-000000.00',
      ...span(text, "'2024/01/01-000000.00'"),
    });
    assert.deepStrictEqual(values(scan.statements[0]), ['s3://b']);
    assert.strictEqual(scan.statements[1].locator?.kind, 'latest');
    assert.deepStrictEqual(values(scan.statements[1]), ['s3://b', 's3://c']);
  });

  it('CREATE SCHEDULE IF NOT EXISTS with backup options before RECURRING', () => {
    const text =
      "CREATE SCHEDULE IF NOT EXISTS 'nightly' FOR BACKUP INTO 's3://b' WITH revision_history, detached RECURRING '@daily' WITH SCHEDULE OPTIONS first_run = 'now', on_execution_failure = 'pause';";
    const s = only(text);
    assert.strictEqual(s.kind, 'schedule');
    assert.deepStrictEqual(values(s), ['s3://b']);
    assert.deepStrictEqual(s.options, [
      { name: 'revision_history', ...span(text, 'revision_history') },
      { name: 'detached', ...span(text, 'detached') },
    ]);
  });

  it('other CREATE statements, including a schedule for a changefeed, are other', () => {
    const scan = scanSql(
      "CREATE TABLE t (a INT); CREATE SCHEDULE s FOR CHANGEFEED t INTO 'kafka://x' RECURRING '@daily'; CREATE DATABASE d;",
    );
    assert.deepStrictEqual(kinds(scan), ['other', 'other', 'other']);
    for (const s of scan.statements) assert.deepStrictEqual(s.collections, []);
  });

  it('BEGIN ATOMIC function bodies keep their ; inside the CREATE', () => {
    const text =
      "CREATE FUNCTION f() RETURNS INT LANGUAGE SQL BEGIN ATOMIC SELECT 1; SELECT 2; END; RESTORE FROM LATEST IN 'x';";
    const scan = scanSql(text);
    assert.deepStrictEqual(kinds(scan), ['other', 'restore']);
    assert.strictEqual(scan.statements[0].end, text.indexOf('END;') + 4);
  });

  it('other statements: keyword is the first token, lists are empty', () => {
    const text = '  (SELECT 1);';
    const s = only(text);
    assert.deepStrictEqual(s, {
      kind: 'other',
      start: 2,
      end: 13,
      keyword: { start: 2, end: 3 },
      collections: [],
      oldSyntax: false,
      options: [],
      terminated: true,
    });
    // Empty lists are one shared array, frozen so that mutating it fails loudly.
    assert.ok(Object.isFrozen(s.collections) && Object.isFrozen(s.options));
  });
});

describe('sql scanner: prompts and terminal output (docs/behaviour.md#prompts-and-transcripts)', () => {
  it('terminal prompts, output lines with stray quotes, and directive comments between statements', () => {
    const text =
      'root@localhost:26257/defaultdb> SHOW JOBS;\n' +
      '  job_id | status\n' +
      "  it's  | running\n" +
      '(1 row)\n' +
      '-- crdb: target-version=24.3\n' +
      "demo@127.0.0.1:26257/movr> RESTORE FROM LATEST IN 'external://b';\n" +
      'RESTORE FROM LATEST IN output, not a statement\n' +
      "root@:26257/movr> RESTORE DATABASE movr FROM LATEST IN 'external://c';";
    const scan = scanSql(text);
    assert.deepStrictEqual(kinds(scan), ['other', 'restore', 'restore']);
    assert.deepStrictEqual(scan.statements[0].keyword, span(text, 'SHOW'));
    assert.deepStrictEqual(scan.statements[1].keyword, span(text, 'RESTORE', 0));
    assert.strictEqual(scan.statements[1].restoreTarget, 'cluster');
    assert.deepStrictEqual(values(scan.statements[1]), ['external://b']);
    assert.deepStrictEqual(scan.statements[2].keyword, span(text, 'RESTORE', 2));
    assert.strictEqual(scan.statements[2].restoreTarget, 'database');
    assert.deepStrictEqual(scan.comments, [comment(text, '-- crdb: target-version=24.3', 'line')]);
  });

  it('docs prompts: unprompted lines after a finished statement are output', () => {
    const text =
      "> RESTORE FROM LATEST IN 'a';\n" +
      "  job_id | status  |   it's\n" +
      '/* crdb: backup-version=24.1 */\n' +
      '> RESTORE TABLE t\n' +
      "  FROM LATEST IN 'b';";
    const scan = scanSql(text);
    assert.deepStrictEqual(kinds(scan), ['restore', 'restore']);
    assert.deepStrictEqual(scan.statements[1].keyword, span(text, 'RESTORE', 1));
    assert.deepStrictEqual(values(scan.statements[1]), ['b']);
    assert.strictEqual(scan.statements[1].restoreTarget, 'table');
    assert.deepStrictEqual(scan.comments, [comment(text, '/* crdb: backup-version=24.1 */', 'block')]);
  });

  it('-> continuation prompts are stripped', () => {
    const text =
      'root@:26257/defaultdb> RESTORE DATABASE bank\n' +
      "                    -> FROM LATEST IN 's3://b'\n" +
      '                    -> WITH detached;';
    const s = only(text);
    assert.strictEqual(s.restoreTarget, 'database');
    assert.deepStrictEqual(values(s), ['s3://b']);
    assert.deepStrictEqual(optionNames(s), ['detached']);
    assert.strictEqual(s.end, text.length);
  });

  it('a prompt line ends an unfinished statement, even an unterminated string', () => {
    const text = "> RESTORE FROM LATEST IN 's3://a\n> RESTORE DATABASE d FROM LATEST IN 's3://b';";
    const scan = scanSql(text);
    assert.deepStrictEqual(kinds(scan), ['restore', 'restore']);
    assert.strictEqual(scan.statements[0].terminated, false);
    assert.strictEqual(scan.statements[0].end, text.indexOf('\n'));
    assert.deepStrictEqual(values(scan.statements[0]), ['s3://a']);
    assert.deepStrictEqual(values(scan.statements[1]), ['s3://b']);
    assert.deepStrictEqual(scan.statements[1].keyword, span(text, 'RESTORE', 1));
  });

  it('SQL before the first prompt is still SQL', () => {
    const text = "RESTORE FROM LATEST IN 'a';\nSELECT 1;\n> RESTORE FROM LATEST IN 'b';\noutput";
    assert.deepStrictEqual(kinds(scanSql(text)), ['restore', 'other', 'restore']);
  });

  it('without prompts, > at a line start inside a statement is an operator', () => {
    const text = "SELECT a\nFROM t\nWHERE b\n> 5;\n  it's text';\nRESTORE FROM LATEST IN 'x';";
    const scan = scanSql(text);
    assert.deepStrictEqual(kinds(scan), ['other', 'other', 'restore']);
    assert.deepStrictEqual(scan.statements[2].keyword, span(text, 'RESTORE'));
  });

  it('a terminal prompt line ends an ordinary statement skipped without tokens, even with `--` in the user name', () => {
    const text = "SELECT a, 'x' -- note\n  FROM t \\ \n  ab--c@localhost:26257/db> RESTORE FROM LATEST IN 'y';";
    const scan = scanSql(text);
    assert.deepStrictEqual(kinds(scan), ['other', 'restore']);
    assert.strictEqual(scan.statements[0].terminated, false);
    assert.strictEqual(scan.statements[0].end, text.indexOf('FROM t') + 6);
    assert.deepStrictEqual(scan.statements[1].keyword, span(text, 'RESTORE'));
    assert.deepStrictEqual(
      scan.comments.map((c) => c.body),
      [' note'],
    );
  });

  it('an ordinary statement open at the end of the text ends at its last token, not at a comment or blank after it', () => {
    const text = "UPDATE t SET a = $x$;$x$ /* c /* d */ ; */ -- e ;\n e'\\'' \t\n/* open";
    const scan = scanSql(text);
    assert.deepStrictEqual(kinds(scan), ['other']);
    assert.strictEqual(scan.statements[0].terminated, false);
    assert.strictEqual(scan.statements[0].end, text.indexOf("'' \t") + 2);
    assert.deepStrictEqual(
      scan.comments.map((c) => c.body),
      [' c /* d */ ; ', ' e ;', ' open'],
    );
  });

  it('JSON operators at a line start are not prompts', () => {
    const text = "SELECT j\n@> '{\"a\": 1}', k\n-> 'b';\nRESTORE FROM LATEST IN 'x';";
    assert.deepStrictEqual(kinds(scanSql(text)), ['other', 'restore']);
  });

  it('a backslash at the end of a line is whitespace; elsewhere it is a character', () => {
    const text = "RESTORE \\  \r\nFROM LATEST \\\rIN 'x' \\";
    const s = only(text);
    assert.strictEqual(s.restoreTarget, 'cluster');
    assert.deepStrictEqual(values(s), ['x']);
    assert.strictEqual(s.end, text.indexOf("'x'") + 3);
    assert.deepStrictEqual(kinds(scanSql('\\set x; SELECT 1;')), ['other', 'other']);
  });
});

describe('sql scanner: line endings and broken input', () => {
  it('CRLF line endings', () => {
    const text = "-- crdb: target-version=24.3\r\nRESTORE FROM LATEST\r\nIN 's3://b';\r\nSELECT 2;\r\n";
    const scan = scanSql(text);
    assert.deepStrictEqual(kinds(scan), ['restore', 'other']);
    assert.deepStrictEqual(scan.statements[0].keyword, { start: 30, end: 37 });
    assert.deepStrictEqual(scan.comments, [
      { kind: 'line', start: 0, end: 28, body: ' crdb: target-version=24.3', bodyStart: 2 },
    ]);
  });

  it('CR line endings, with prompts', () => {
    const text = "-- crdb: target-version=24.3\r> RESTORE FROM LATEST\rIN 's3://b';\rjob_id\r> BACKUP INTO 's3://c';";
    const scan = scanSql(text);
    assert.deepStrictEqual(kinds(scan), ['restore', 'backup']);
    assert.deepStrictEqual(scan.statements[0].keyword, { start: 31, end: 38 });
    assert.deepStrictEqual(scan.statements[1].keyword, span(text, 'BACKUP'));
    assert.deepStrictEqual(scan.comments, [
      { kind: 'line', start: 0, end: 28, body: ' crdb: target-version=24.3', bodyStart: 2 },
    ]);
  });

  it('unterminated string: the statement is still reported', () => {
    const text = "RESTORE FROM LATEST IN 's3://half";
    const s = only(text);
    assert.strictEqual(s.kind, 'restore');
    assert.strictEqual(s.terminated, false);
    assert.strictEqual(s.end, text.length);
    assert.deepStrictEqual(s.collections, [{ value: 's3://half', start: 23, end: text.length }]);
  });

  it("unterminated e'…\\ and quoted identifier", () => {
    assert.deepStrictEqual(values(only("RESTORE FROM LATEST IN e'abc\\")), ['abc\\']);
    const s = only('RESTORE TABLE "x FROM LATEST');
    assert.strictEqual(s.restoreTarget, 'table');
    assert.deepStrictEqual(s.collections, []);
  });

  it('unterminated block comment (nested) and dollar quote', () => {
    const text = "SELECT 1; /* a /* b */ RESTORE FROM LATEST IN 'x';";
    const scan = scanSql(text);
    assert.deepStrictEqual(kinds(scan), ['other']);
    assert.deepStrictEqual(scan.comments, [
      { kind: 'block', start: 10, end: text.length, body: text.slice(12), bodyStart: 12 },
    ]);
    const t2 = "RESTORE FROM LATEST IN $x$s3://b; RESTORE";
    const s = only(t2);
    assert.deepStrictEqual(s.collections, [{ value: 's3://b; RESTORE', start: 23, end: t2.length }]);
  });

  it('an unterminated statement ends at its last token', () => {
    for (const text of ['SELECT x', 'SELECT x   \t', 'SELECT x \\  \r\n', 'SELECT x -- c\n', 'SELECT x /* c */ \n\n']) {
      assert.strictEqual(only(text).end, 8, JSON.stringify(text));
    }
    assert.strictEqual(only("SELECT 'x").end, 9);
    assert.strictEqual(only('SELECT x \\ y').end, 12);
  });

  it('half-typed statements', () => {
    const cases: [string, Partial<SqlStatement>][] = [
      ['RESTORE', { kind: 'restore', oldSyntax: false }],
      ['RESTORE FROM', { kind: 'restore', restoreTarget: 'cluster', oldSyntax: false }],
      ['RESTORE FROM LATEST', { kind: 'restore', restoreTarget: 'cluster', oldSyntax: false }],
      ['RESTORE FROM LATEST IN', { kind: 'restore', restoreTarget: 'cluster', oldSyntax: false }],
      ["RESTORE FROM 's'", { kind: 'restore', restoreTarget: 'cluster', oldSyntax: true }],
      ['RESTORE FROM LATEST IN (', { kind: 'restore', restoreTarget: 'cluster', oldSyntax: false }],
      ["RESTORE FROM LATEST IN ('a', ", { kind: 'restore', restoreTarget: 'cluster', oldSyntax: false }],
      ["RESTORE FROM LATEST IN 'a' WITH", { kind: 'restore', options: [] }],
      ["RESTORE FROM LATEST IN 'a' WITH OPTIONS (", { kind: 'restore', options: [] }],
      ['BACKUP', { kind: 'backup' }],
      ['BACKUP INTO', { kind: 'backup', collections: [] }],
      ['BACKUP TO', { kind: 'backup', oldSyntax: true, collections: [] }],
      ['CREATE SCHEDULE', { kind: 'schedule' }],
      ['CREATE SCHEDULE x FOR', { kind: 'schedule' }],
      ['CREATE', { kind: 'other' }],
    ];
    for (const [text, expected] of cases) {
      const s = only(text);
      for (const [key, value] of Object.entries(expected)) {
        assert.deepStrictEqual((s as unknown as Record<string, unknown>)[key], value, `${text}: ${key}`);
      }
      assert.strictEqual(s.terminated, false, text);
    }
    assert.deepStrictEqual(values(only("RESTORE FROM LATEST IN ('a', ")), ['a']);
    assert.strictEqual(only('RESTORE').restoreTarget, undefined);
  });

  it('NUL bytes, lone surrogates and non-ASCII identifiers', () => {
    const text = "\u0000SELECT \ud800 FROM \udc00t; RESTORE\u0000 FROM LATEST IN 'é\ud83d'; ünïcode;";
    const scan = scanSql(text);
    assert.deepStrictEqual(kinds(scan), ['other', 'restore', 'other']);
    assert.deepStrictEqual(scan.statements[1].keyword, span(text, 'RESTORE'));
    assert.deepStrictEqual(values(scan.statements[1]), ['é\ud83d']);
    assert.deepStrictEqual(scan.statements[2].keyword, span(text, 'ünïcode'));
  });

  it('empty and blank input', () => {
    for (const text of ['', ' ', '\n\r\n', ';;;', '>', '> ', '->', '\\']) {
      const scan = scanSql(text);
      assert.deepStrictEqual(scan.comments, [], JSON.stringify(text));
      assert.ok(scan.statements.every((s) => s.kind === 'other'), JSON.stringify(text));
    }
    assert.deepStrictEqual(scanSql(';;;'), { statements: [], comments: [], settings: [] });
  });
});

describe('sql scanner: random garbage never breaks it', () => {
  const fragments = [
    'RESTORE', 'BACKUP', 'CREATE', 'SCHEDULE', 'FOR', 'FROM', 'INTO', 'TO', 'IN', 'LATEST', 'WITH', 'OPTIONS',
    'TABLE', 'DATABASE', 'SYSTEM', 'USERS', 'VIRTUAL', 'CLUSTER', 'AS OF SYSTEM TIME', 'BEGIN', 'ATOMIC', 'END',
    "'", "''", "'s3://b'", "e'", "E'\\", "\\'", "b'", "B'", "x'", 'r', '"', '""', '$', '$$', '$a$', '$1', '$tag',
    '--', '-', '/*', '*/', '/', '*', '#', ';', ',', '(', ')', '{', '}', '[', ']', '.', '=', '>', '> ', '-> ',
    'root@:26257/db> ', '@', ':', '\\', '\n', '\r', '\r\n', ' ', '\t', '\u0000', '\ud800', '\udfff', '\ufeff', 'é', 'x',
    '0', '12', 'kms', 'detached', 'incremental_location', '= ',
  ];

  // mulberry32: small, seeded, reproducible.
  function rng(seed: number): () => number {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function within(inner: Span, outer: Span, what: string): void {
    assert.ok(inner.start <= inner.end, `${what}: start after end`);
    assert.ok(inner.start >= outer.start && inner.end <= outer.end, `${what} ${JSON.stringify(inner)} outside ${JSON.stringify(outer)}`);
  }

  it('4000 seeded inputs: no throw, spans in bounds and ordered', () => {
    const random = rng(20240601);
    for (let round = 0; round < 4000; round++) {
      const parts: string[] = [];
      const count = 1 + Math.floor(random() * 24);
      for (let i = 0; i < count; i++) {
        parts.push(fragments[Math.floor(random() * fragments.length)]);
        if (random() < 0.5) parts.push(' ');
      }
      const text = parts.join('');
      let scan: SqlScan;
      try {
        scan = scanSql(text);
      } catch (e) {
        assert.fail(`threw on ${JSON.stringify(text)}: ${String(e)}`);
      }
      const all: Span = { start: 0, end: text.length };
      let prev = 0;
      for (const s of scan.statements) {
        const where = `${JSON.stringify(text)} statement ${JSON.stringify(s)}`;
        within(s, all, where);
        assert.ok(s.start >= prev, `statements overlap or are out of order: ${where}`);
        prev = s.end;
        assert.strictEqual(s.keyword.start, s.start, where);
        within(s.keyword, s, where);
        if (s.locator) within(s.locator, s, where);
        for (const c of s.collections) within(c, s, where);
        for (const o of s.options) {
          within(o, s, where);
          assert.strictEqual(o.name, text.slice(o.start, o.end).toLowerCase(), where);
        }
        if (s.terminated) assert.strictEqual(text[s.end - 1], ';', where);
        assert.ok(s.kind === 'other' || s.kind === 'restore' || s.kind === 'backup' || s.kind === 'schedule');
      }
      prev = 0;
      for (const c of scan.comments) {
        const where = `${JSON.stringify(text)} comment ${JSON.stringify(c)}`;
        within(c, all, where);
        assert.ok(c.start >= prev, `comments overlap or are out of order: ${where}`);
        prev = c.end;
        assert.strictEqual(c.bodyStart, c.start + 2, where);
        assert.strictEqual(c.body, text.slice(c.bodyStart, c.bodyStart + c.body.length), where);
        assert.ok(c.bodyStart + c.body.length <= c.end, where);
        assert.strictEqual(text.slice(c.start, c.start + 2), c.kind === 'line' ? '--' : '/*', where);
        for (const s of scan.statements) {
          assert.ok(c.end <= s.keyword.start || c.start >= s.keyword.end, `comment overlaps a keyword: ${where}`);
        }
      }
    }
  });

  it('long pathological inputs stay fast (linear)', () => {
    const inputs = [
      '/*'.repeat(50000),
      "'".repeat(100001),
      "e'\\".repeat(30000),
      '$a$'.repeat(30000) + '$b',
      Array.from({ length: 20000 }, (_, i) => `> $t${i}$ /* '`).join('\n'),
      Array.from({ length: 20000 }, () => "root@:26257/db> RESTORE FROM LATEST IN 'x").join('\n'),
      '\\\n'.repeat(50000),
      '('.repeat(50000) + 'RESTORE',
      'RESTORE FROM LATEST IN ' + '('.repeat(50000),
      'BACKUP INTO ' + "'a'\n".repeat(50000),
    ];
    for (const text of inputs) {
      const started = Date.now();
      scanSql(text);
      assert.ok(Date.now() - started < 2000, `slow on ${JSON.stringify(text.slice(0, 40))}…`);
    }
  });
});
