// The workspace index of collection facts (core/workspace/): what one file says about
// collections, the index kept per file, and the other-files answer of the lookup order.
import * as assert from 'assert';
import { LineIndex } from '../../server/src/core/lineIndex';
import { analyzeDocument } from '../../server/src/core/analyze';
import { analyzeOptions, validateSettings } from '../../server/src/core/settings';
import { fileFactsOf, OLD_SYNTAX_PREFIX, type FileFacts } from '../../server/src/core/workspace/fileFacts';
import { WorkspaceFacts } from '../../server/src/core/workspace/workspaceFacts';
import { factsFromColumns, factsToColumns } from '../../server/src/core/workspace/factColumns';
import { NO_FACTS } from '../../server/src/core/workspace/fileFacts';
import { mayHaveFindings, mayNameCollection } from '../../server/src/core/workspace/quickCheck';
import { analyze, briefs, PINNED_TODAY } from '../helpers/analyze';

function factsOf(text: string, lang: 'sql' | 'markdown' = 'sql', defaultTargetVersion?: string): FileFacts {
  return fileFactsOf(analyze(text, lang, defaultTargetVersion ? { defaultTargetVersion } : {}), new LineIndex(text));
}

/** `role line version key` per use. */
function brief(f: FileFacts): string[] {
  return f.uses.map((u) => `${u.role} ${u.line + 1} ${u.version ?? '?'} ${u.key}`);
}

describe('workspace facts: what one file says about collections', () => {
  it('BACKUP, CREATE SCHEDULE and RESTORE, each with its collection identity and version as known in the file', () => {
    const sql = [
      "BACKUP INTO 's3://Acme/prod/?AUTH=implicit';", // no target in force: unknown version
      '-- crdb: target-version=24.3',
      "BACKUP DATABASE bank INTO 'S3://ACME/prod';",
      "CREATE SCHEDULE nightly FOR BACKUP INTO 's3://acme/prod' RECURRING '@daily';",
      "RESTORE DATABASE bank FROM LATEST IN 's3://acme/prod?AUTH=specified';",
      "RESTORE FROM '2024/01/02-000000.00' IN 's3://acme/prod';",
      "BACKUP TO 'gs://old/one';",
      'RESTORE FROM $1 IN $2;',
    ].join('\n');
    const f = factsOf(sql);
    assert.deepStrictEqual(brief(f), [
      'backup 1 ? s3://acme/prod',
      'backup 3 24.3 s3://acme/prod',
      'schedule 4 24.3 s3://acme/prod',
      'restore 5 24.3 s3://acme/prod',
      'restore 6 ? s3://acme/prod', // a named backup: the BACKUPs before it do not agree
      `backup 7 24.3 ${OLD_SYNTAX_PREFIX}gs://old/one`,
    ]);
    // The literal's range, and the display without the query string (credentials stay out).
    assert.deepStrictEqual(f.uses[0].range, { start: { line: 0, character: 12 }, end: { line: 0, character: 43 } });
    assert.strictEqual(f.uses[0].display, 's3://Acme/prod/');
    assert.strictEqual(f.uses[4].explicitSubdir, true);
    assert.strictEqual(f.uses[3].explicitSubdir, undefined);
    assert.strictEqual(f.uses[3].target, '24.3');
  });

  it('in markdown, the directive scope of the runbook decides the version; the defaultTargetVersion setting counts where none is in force', () => {
    const md = ['```sql', "BACKUP INTO 's3://a/b';", '```', '<!-- crdb: target-version=25.2 -->', '```sql', "BACKUP INTO 's3://a/b';", '```'].join('\n');
    assert.deepStrictEqual(brief(factsOf(md, 'markdown')), ['backup 2 ? s3://a/b', 'backup 6 25.2 s3://a/b']);
    assert.deepStrictEqual(brief(factsOf(md, 'markdown', '24.1')), ['backup 2 24.1 s3://a/b', 'backup 6 25.2 s3://a/b']);
  });
});

describe('workspace facts: the index', () => {
  const backup = (version: string | undefined, line = 0, key = 's3://acme/prod', role: 'backup' | 'schedule' = 'backup'): FileFacts => ({
    uses: [{ key, display: key, role, line, range: { start: { line, character: 0 }, end: { line, character: 1 } }, version }],
  });

  it('the highest known version among other files wins; the asking file itself is never one of them', () => {
    const w = new WorkspaceFacts();
    w.setFile('a', 'ops/a.sql', backup('24.1', 3));
    w.setFile('b', 'ops/b.md', backup('24.3', 9));
    w.setFile('c', 'c.sql', backup('23.2'));
    const fact = w.backupFact('s3://acme/prod', 'x', false)!;
    assert.deepStrictEqual({ v: fact.version?.major, file: fact.file, line: fact.line, source: fact.source }, { v: '24.3', file: 'ops/b.md', line: 9, source: 'workspace-backup' });
    assert.strictEqual(w.backupFact('s3://acme/prod', 'b', false)!.version?.major, '24.1');
    assert.strictEqual(w.backupFact('s3://other', 'x', false), undefined);
  });

  it('writers of unknown version neither block nor win; alone, they give an unknown version that names them', () => {
    const w = new WorkspaceFacts();
    w.setFile('a', 'a.sql', backup(undefined, 1));
    const alone = w.backupFact('s3://acme/prod', 'x', false)!;
    assert.strictEqual(alone.version, undefined);
    assert.match(alone.reason!, /BACKUPs into it in other files \(a\.sql line 2\) were taken with no known version/);
    w.setFile('b', 'b.sql', backup('24.1'));
    assert.strictEqual(w.backupFact('s3://acme/prod', 'x', false)!.version?.major, '24.1');
    assert.strictEqual(w.backupFact('s3://acme/prod', 'x', true)!.version?.major, '24.1', 'an unknown writer does not block a named backup either');
  });

  it('a restore of one named backup takes other files\' facts only when all known writers agree', () => {
    const w = new WorkspaceFacts();
    w.setFile('a', 'a.sql', backup('24.1'));
    w.setFile('b', 'b.sql', backup('24.1', 5));
    assert.strictEqual(w.backupFact('s3://acme/prod', 'x', true)!.version?.major, '24.1');
    w.setFile('c', 'c.sql', backup('24.3'));
    const conflict = w.backupFact('s3://acme/prod', 'x', true)!;
    assert.strictEqual(conflict.version, undefined);
    assert.match(conflict.reason!, /do not agree \(a\.sql line 1: 24\.1, b\.sql line 6: 24\.1, c\.sql line 1: 24\.3\)/);
    assert.strictEqual(w.backupFact('s3://acme/prod', 'x', false)!.version?.major, '24.3', 'LATEST: the newest wins');
  });

  it('a collection written only by a schedule has no version fact (the schedule runs later)', () => {
    const w = new WorkspaceFacts();
    w.setFile('a', 'a.sql', backup('24.3', 0, 's3://acme/prod', 'schedule'));
    assert.strictEqual(w.backupFact('s3://acme/prod', 'x', false), undefined);
    assert.deepStrictEqual(w.writersOf('s3://acme/prod').map((u) => u.use.role), ['schedule'], 'still a writer for navigation');
  });

  it('updates one file at a time and says which collections\' writers changed; deleting a file drops its facts', () => {
    const w = new WorkspaceFacts();
    assert.deepStrictEqual(w.setFile('a', 'a.sql', backup('24.1')), ['s3://acme/prod']);
    assert.deepStrictEqual(w.setFile('a', 'a.sql', backup('24.1')), [], 'the same facts: nothing changed');
    assert.deepStrictEqual(w.setFile('a', 'a.sql', backup('24.3')), ['s3://acme/prod']);
    assert.deepStrictEqual(w.setFile('a', 'a.sql', backup('24.3', 0, 's3://b')).sort(), ['s3://acme/prod', 's3://b']);
    assert.deepStrictEqual(w.keys(), ['s3://b']);
    assert.deepStrictEqual(w.deleteFile('a'), ['s3://b']);
    assert.deepStrictEqual(w.keys(), []);
    assert.strictEqual(w.fileCount, 0);
    assert.deepStrictEqual(w.setFile('n', 'n.sql', { uses: [] }), [], 'a file naming no collection keeps no entry');
    assert.strictEqual(w.fileCount, 0);
  });

  it('every answer for one file as data (for the worker thread): the same as asking key by key, both forms, and nothing else', () => {
    const w = new WorkspaceFacts();
    w.setFile('a', 'a.sql', backup('24.1', 0, 's3://agree'));
    w.setFile('b', 'b.sql', { uses: [...backup('24.3', 0, 's3://disagree').uses, ...backup('24.1', 1, 's3://agree').uses] });
    w.setFile('c', 'c.sql', { uses: [...backup('24.1', 0, 's3://disagree').uses, ...backup(undefined, 1, 's3://unknown').uses, ...backup('25.2', 2, 's3://own').uses] });
    w.setFile('d', 'd.sql', { uses: [...backup('24.3', 0, 's3://sched', 'schedule').uses, ...factsOf("-- crdb: target-version=24.3\nRESTORE FROM LATEST IN 's3://read';").uses] });
    for (const from of ['a', 'b', 'c', 'd', 'elsewhere']) {
      const answers = new Map(w.backupFactsFor(from));
      const expected = new Map<string, unknown>();
      for (const key of w.keys()) {
        for (const explicit of [false, true]) {
          const fact = w.backupFact(key, from, explicit);
          if (fact) expected.set(`${explicit}:${key}`, fact);
        }
      }
      assert.deepStrictEqual(answers, expected, `from ${from}`);
    }
    // The file's own BACKUPs, schedules and readers answer nothing; disagreeing writers differ by form.
    const fromC = new Map(w.backupFactsFor('c'));
    assert.ok(!fromC.has('false:s3://own') && !fromC.has('false:s3://sched') && !fromC.has('false:s3://read'));
    assert.strictEqual(new Map(w.backupFactsFor('elsewhere')).get('false:s3://disagree')?.version?.major, '24.3');
    assert.match(new Map(w.backupFactsFor('elsewhere')).get('true:s3://disagree')?.reason ?? '', /do not agree/);
  });

  it('a RESTORE is a reader: it changes no writer, and references list it', () => {
    const w = new WorkspaceFacts();
    const f = factsOf("-- crdb: target-version=24.3\nRESTORE FROM LATEST IN 's3://acme/prod';\nBACKUP INTO 's3://acme/prod';");
    assert.deepStrictEqual(w.setFile('r', 'r.sql', { uses: [f.uses[0]] }), []);
    assert.deepStrictEqual(w.usesOf('s3://acme/prod').map((u) => u.use.role), ['restore']);
    assert.deepStrictEqual(w.writersOf('s3://acme/prod'), []);
  });
});

describe('workspace facts: SHOW BACKUP reads a collection and is nothing else', () => {
  it('each form is a reader of its collection, with no version even where a target version is in force', () => {
    const sql = [
      '-- crdb: target-version=24.3',
      "SHOW BACKUP FROM LATEST IN 'S3://Acme/prod/?AUTH=implicit';",
      "SHOW BACKUPS IN 's3://acme/prod' NEWER THAN '-1w';",
      "SHOW BACKUP SCHEMAS '2024/01/02-000000.00' IN ('s3://us-west?COCKROACH_LOCALITY=region%3Dus-west', 's3://acme/prod?COCKROACH_LOCALITY=default');",
      "SHOW BACKUP 'gs://old/one';",
      "SHOW BACKUP CONNECTION 's3://acme/prod';",
      'SHOW BACKUP FROM LATEST IN $1;',
    ].join('\n');
    const f = factsOf(sql);
    assert.deepStrictEqual(brief(f), ['show 2 ? s3://acme/prod', 'show 3 ? s3://acme/prod', 'show 4 ? s3://acme/prod', `show 5 ? ${OLD_SYNTAX_PREFIX}gs://old/one`]);
    assert.deepStrictEqual(f.uses[0].range, { start: { line: 1, character: 27 }, end: { line: 1, character: 58 } });
    assert.strictEqual(f.uses[0].display, 'S3://Acme/prod/');
    assert.strictEqual(f.uses[2].display, 's3://acme/prod', 'a locality list: its default URI stands for it');
    assert.ok(f.uses.every((u) => u.target === undefined && u.explicitSubdir === undefined));
  });

  it('no findings of its own, no version fact, and ignore= passes it by to the next RESTORE', () => {
    // Old-syntax BACKUP TO on 25.1 is removed-syntax; the old SHOW BACKUP 'uri' gets nothing.
    assert.deepStrictEqual(briefs(analyze("-- crdb: target-version=25.1\nSHOW BACKUP 'gs://old/one' WITH privileges;\nSHOW BACKUPS IN 's3://a';")), []);
    assert.deepStrictEqual(briefs(analyze("-- crdb: target-version=25.1\nBACKUP TO 'gs://old/one';")), ['2:1 error removed-syntax']);
    // A SHOW BACKUP between the directive and the RESTORE neither takes its ignore= nor is a fact.
    const restore = "RESTORE FROM LATEST IN 's3://a';";
    const target = '-- crdb: target-version=24.3';
    assert.deepStrictEqual(briefs(analyze([target, restore].join('\n'))), ['2:1 information missing-version']);
    assert.deepStrictEqual(briefs(analyze([target, "SHOW BACKUP FROM LATEST IN 's3://a';", restore].join('\n'))), ['3:1 information missing-version']);
    assert.deepStrictEqual(briefs(analyze([target, '-- crdb: ignore=missing-version', "SHOW BACKUPS IN 's3://a';", restore].join('\n'))), []);
    // A directive trailing on a SHOW BACKUP line applies from there on, as after any other statement.
    const trailing = analyze([target, "SHOW BACKUPS IN 's3://a'; -- crdb: backup-version=24.1", restore].join('\n'));
    assert.deepStrictEqual(briefs(trailing), []);
    assert.strictEqual(trailing.statements.find((s) => s.kind === 'restore')?.backup?.version?.major, '24.1');
  });

  it('in the index: a reader beside the RESTOREs, never a writer, and changing it re-checks nobody', () => {
    const w = new WorkspaceFacts();
    const shows = factsOf("SHOW BACKUP FROM LATEST IN 's3://acme/prod';");
    assert.deepStrictEqual(w.setFile('s', 's.sql', shows), [], 'a reader changes no writer');
    assert.deepStrictEqual(w.setFile('s', 's.sql', factsOf("\n\nSHOW BACKUPS IN 's3://acme/prod';")), [], 'moving it changes no writer either');
    w.setFile('b', 'b.sql', factsOf("-- crdb: target-version=24.3\nBACKUP INTO 's3://acme/prod';"));
    w.setFile('r', 'r.sql', factsOf("RESTORE FROM LATEST IN 's3://acme/prod';"));
    assert.deepStrictEqual(w.usesOf('s3://acme/prod').map((u) => `${u.display} ${u.use.role}`), ['b.sql backup', 'r.sql restore', 's.sql show']);
    assert.deepStrictEqual(w.writersOf('s3://acme/prod').map((u) => u.display), ['b.sql']);
    assert.strictEqual(w.backupFact('s3://acme/prod', 'r', false)?.version?.major, '24.3');
    w.deleteFile('b');
    assert.strictEqual(w.backupFact('s3://acme/prod', 'r', false), undefined, 'a SHOW BACKUP is no writer to take a version from');
  });
});

describe('settings: collections', () => {
  it('accepts collection URI → version and reports anything else', () => {
    const v = validateSettings({ collections: { 's3://acme/prod': '24.3', 'external://dr': 'v25.2.1', 'gs://x': 'latest', '': '24.1' } }, 'f.json');
    assert.deepStrictEqual(v.settings.collections, { 's3://acme/prod': '24.3', 'external://dr': 'v25.2.1' });
    assert.deepStrictEqual(v.problems, ['f.json: collections.gs://x: expected a version such as "24.3", got "latest"', 'f.json: collections: a collection URI is empty']);
    assert.deepStrictEqual(validateSettings({ collections: ['s3://a'] }, 'f.json').problems, [
      'f.json: collections: expected an object of collection URI → version, e.g. { "s3://acme/prod": "24.3" }',
    ]);
  });
});

describe('quick checks before analysing a file', () => {
  it('a text without backup, restore or crdb has no finding and names no collection; the words in any case count', () => {
    const plain = '# Tables\n\n```sql\nSELECT 1;\nCREATE TABLE t (id INT);\n```\n<!-- a comment -->\n';
    assert.strictEqual(mayHaveFindings(plain), false);
    assert.deepStrictEqual(analyze(plain, 'markdown').findings, []);
    assert.strictEqual(mayNameCollection(plain), false);
    assert.strictEqual(mayNameCollection("Backup Into 's3://a';"), true);
    for (const t of ['RESTORE FROM LATEST IN $1;', "restore from latest in 's3://a';", '-- CRDB: target-version=x']) {
      assert.strictEqual(mayHaveFindings(t), true, t);
      assert.ok(analyze(t).findings.length > 0, `${t} has a finding, and the quick check lets it through`);
    }
  });
});

describe('lookup order of a RESTORE\'s backup version: the document, the collections setting, the other files', () => {
  const restore = "-- crdb: target-version=24.3\nRESTORE DATABASE bank FROM LATEST IN 's3://acme/prod';\n";
  function backupOf(text: string, collections?: Record<string, string>, others?: WorkspaceFacts) {
    const opts = analyzeOptions({ today: PINNED_TODAY, collections }, 'sql');
    const asked: string[] = [];
    if (others) {
      opts.otherFiles = (key, sub) => {
        asked.push(key);
        return others.backupFact(key, 'me', sub);
      };
    }
    const st = analyzeDocument(text, opts).statements.find((s) => s.kind === 'restore')!;
    return { fact: st.backup!, asked };
  }
  const others = new WorkspaceFacts();
  others.setFile('w', 'ops/w.sql', factsOf("-- crdb: target-version=24.1\nBACKUP INTO 's3://acme/prod';\n"));

  it('1. the document: its earlier BACKUP (even of unknown version) or backup-version directive; nothing else is asked', () => {
    const inDoc = backupOf(`-- crdb: target-version=23.2\nBACKUP INTO 's3://acme/prod';\n${restore}`, { 's3://acme/prod': '25.2' }, others);
    assert.deepStrictEqual([inDoc.fact.version?.major, inDoc.fact.source, inDoc.asked], ['23.2', 'backup-statement', []]);
    const unknown = backupOf(`BACKUP INTO 's3://acme/prod';\n${restore}`, { 's3://acme/prod': '25.2' }, others);
    assert.deepStrictEqual([unknown.fact.version, unknown.fact.source, unknown.asked], [undefined, 'backup-statement', []]);
    const directive = backupOf(`-- crdb: backup-version=23.2\n${restore}`, undefined, others);
    assert.deepStrictEqual([directive.fact.source, directive.asked], ['directive', []]);
  });

  it('2. the collections setting, keys compared as collections', () => {
    const r = backupOf(restore, { 'S3://ACME/prod/?x=1': '25.2' }, others);
    assert.deepStrictEqual([r.fact.version?.major, r.fact.source, r.fact.collection, r.asked], ['25.2', 'collections-setting', 'S3://ACME/prod/?x=1', []]);
  });

  it('3. the other files, named in the fact; nothing anywhere: the reason names the three places', () => {
    const r = backupOf(restore, undefined, others);
    assert.deepStrictEqual([r.fact.version?.major, r.fact.file, r.fact.line, r.asked], ['24.1', 'ops/w.sql', 1, ['s3://acme/prod']]);
    const none = backupOf(restore.replace('acme/prod', 'nobody/x'), undefined, others);
    assert.strictEqual(
      none.fact.reason,
      "no backup-version directive and no BACKUP into 's3://nobody/x' before it, not in the collections setting, and written by no other file of the workspace",
    );
  });

  it('a document alone (no workspace, no setting) reads as before', () => {
    assert.strictEqual(backupOf(restore).fact.reason, "no backup-version directive and no BACKUP into 's3://acme/prod' before it");
  });
});

describe('workspace facts: the same facts again', () => {
  it('setting a file\'s facts object again changes nothing and reports no key (typing in an open document\'s prose)', () => {
    const facts = factsOf("-- crdb: target-version=24.3\nBACKUP INTO 's3://acme/prod';\nRESTORE FROM LATEST IN 's3://acme/other';");
    const index = new WorkspaceFacts();
    assert.deepStrictEqual(index.setFile('a.sql', 'a.sql', facts), ['s3://acme/prod']);
    assert.deepStrictEqual(index.setFile('a.sql', 'a.sql', facts), []);
    assert.deepStrictEqual(index.keys(), ['s3://acme/other', 's3://acme/prod']);
    assert.strictEqual(index.usesOf('s3://acme/prod').length, 1);
    // An equal copy is compared by content, and still reports nothing.
    assert.deepStrictEqual(index.setFile('a.sql', 'a.sql', { uses: facts.uses.map((u) => ({ ...u })) }), []);
    // Renamed (another display): the same object is taken again.
    index.setFile('a.sql', 'moved/a.sql', facts);
    assert.strictEqual(index.usesOf('s3://acme/prod')[0].display, 'moved/a.sql');
  });
});

describe('workspace facts as columns (the analysis worker sends them so)', () => {
  it('every use reads back with the same members: roles, versions, targets, a named backup, a locality list, old syntax', () => {
    const sql = [
      '-- crdb: target-version=24.3',
      "BACKUP DATABASE bank INTO ('s3://us-west?COCKROACH_LOCALITY=region%3Dus-west', 's3://Acme/prod?COCKROACH_LOCALITY=default');",
      "CREATE SCHEDULE nightly FOR BACKUP INTO 's3://acme/prod' RECURRING '@daily';",
      '-- crdb: target-version=25.2',
      "RESTORE DATABASE bank FROM LATEST IN 's3://acme/prod?AUTH=specified';",
      "RESTORE FROM '2024/01/02-000000.00' IN 's3://acme/prod';",
      "SHOW BACKUP FROM LATEST IN 's3://acme/prod';",
      "BACKUP TO 'gs://old/one';",
      "RESTORE FROM 'gs://old/one';",
    ].join('\n');
    const facts = factsOf(sql);
    assert.deepStrictEqual(
      facts.uses.map((u) => u.role),
      ['backup', 'schedule', 'restore', 'restore', 'show', 'backup', 'restore'],
    );
    assert.ok(facts.uses.some((u) => u.explicitSubdir) && facts.uses.some((u) => u.target) && facts.uses.some((u) => u.version === undefined));
    // The locality list's display is its default entry, not the first.
    assert.strictEqual(facts.uses[0].display, 's3://Acme/prod');
    const columns = factsToColumns(facts);
    assert.deepStrictEqual(factsFromColumns(structuredClone(columns)), facts);
    // Each distinct string travels once.
    assert.strictEqual(new Set(columns.strings).size, columns.strings.length);
  });

  it('no uses read back as the shared empty facts', () => {
    assert.strictEqual(factsFromColumns(factsToColumns(NO_FACTS)), NO_FACTS);
    assert.strictEqual(factsFromColumns(factsToColumns(factsOf('SELECT 1;'))), NO_FACTS);
  });
});
