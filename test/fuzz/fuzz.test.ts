// The seeded fuzz run of `npm test`: a few thousand random, mutated and noisy documents
// through the properties of properties.ts, plus the hand-built extremes (truncation at every
// offset, 100k nested comment openers, 1 MB lines, NUL, lone surrogates, line ends, a BOM).
// A failure prints fast-check's seed and path; FUZZ_SEED=<n> reruns with that seed, and
// `npm run fuzz -- --runs 100000` is the long run.
import * as assert from 'assert';
import * as fc from 'fast-check';
import { anyDoc, build, fuzzSettings, plainWords, structuredDoc, type Lang } from './arbitraries';
import { describeGrowth, growth } from '../helpers/growth';
import { analyze, checkDocument, DEFAULT_SETTINGS, insertionPoints, insertionProblem } from './properties';

const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : 20250601;
/** Scales the number of runs (FUZZ_SCALE=10 for a longer local run). */
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));

/** Per-document bound for the hand-built extremes (a generous multiple of their real cost). */
const HANG_MS = 2000;

/** A markdown SQL fence whose one line holds about `chars` characters of RESTORE statements. */
function fenceLine(chars: number): string {
  return `\`\`\`sql\n${"RESTORE FROM LATEST IN 's3://b'; ".repeat(Math.round(chars / 35))}\n\`\`\`\n`;
}

/**
 * The properties hold for `text`, and one analysis takes under `hangMs` (default HANG_MS); a
 * document whose real cost is near that bound is checked for growth instead (hangMs Infinity).
 */
function assertClean(text: string, lang: Lang, what: string, hangMs = HANG_MS): void {
  const started = performance.now();
  const problem = checkDocument(text, lang);
  const ms = performance.now() - started;
  assert.strictEqual(problem, undefined, `${what}: ${problem?.kind}: ${problem?.detail}`);
  // checkDocument analyses twice.
  assert.ok(ms / 2 < hangMs, `${what}: ${(ms / 2).toFixed(0)} ms per analysis`);
}

describe(`fuzz: seeded run (seed ${SEED}; rerun with FUZZ_SEED=${SEED})`, function () {
  this.timeout(120000);

  it('random, mutated and noise documents: never throws, ranges inside the document, deterministic', () => {
    fc.assert(
      fc.property(anyDoc, fc.option(fuzzSettings, { freq: 3 }), (doc, settings) => {
        const started = performance.now();
        const problem = checkDocument(doc.text, doc.lang, settings ?? DEFAULT_SETTINGS);
        if (problem) throw new Error(`${problem.kind}: ${problem.detail}`);
        // checkDocument analyses twice: over the bound per analysis is a hang.
        const ms = (performance.now() - started) / 2;
        if (ms > HANG_MS) throw new Error(`hang: ${ms.toFixed(0)} ms for one analysis`);
      }),
      { seed: SEED, numRuns: runs(10000) },
    );
  });

  it('inserting plain words inside a string literal or comment never changes the findings', () => {
    let exercised = 0;
    fc.assert(
      fc.property(structuredDoc, fc.nat(), fc.nat(), plainWords, (doc, slot, pick, words) => {
        if (doc.slots.length > 0 && insertionPoints(doc, slot % doc.slots.length).length > 0) exercised++;
        const problem = insertionProblem(doc, slot, pick, words);
        if (problem) throw new Error(problem);
      }),
      { seed: SEED + 1, numRuns: runs(5000) },
    );
    // The generators must actually produce bodies to insert into.
    assert.ok(exercised > runs(5000) / 2, `only ${exercised} documents had an insertion point`);
  });
});

// ---------------------------------------------------------------------------------------------
// Hand-built extremes

const SQL_EXAMPLE = `-- crdb: backup-version=24.1 target-version=24.3
RESTORE DATABASE bank FROM LATEST IN 's3://backups/bank?AUTH=implicit';   -- supported

/* crdb: backup-version=23.2 target-version=24.3 */
RESTORE DATABASE bank FROM LATEST IN 's3://backups/bank' WITH detached;
SELECT 'it''s', e'\\'', $$RESTORE FROM LATEST IN 'x'$$, $t$ /* $t$;
/* outer /* inner */ still */ BACKUP INTO 's3://b' AS OF SYSTEM TIME '-10s';
-- crdb: target-version=24.3 mixed-version ignore=restore-skips-release
RESTORE FROM LATEST IN ('s3://b?COCKROACH_LOCALITY=default', 's3://c?COCKROACH_LOCALITY=region%3Dus');
RESTORE TABLE t FROM 's3://old', 's3://old2' WITH incremental_location = 's3://inc';
`;

const MD_EXAMPLE = `---
crdb:
  target-version: "23.2"
---
<!-- crdb: target-version=23.2 -->
Take the backup on the old cluster:
\`\`\`sql
BACKUP INTO 's3://backups/prod?AUTH=implicit';
\`\`\`
<!-- crdb: target-version=24.3 mixed-version -->
1. Restore on the new cluster:
   ~~~SQL
   > RESTORE FROM LATEST IN 's3://backups/prod';
   -> -- continued
   ~~~
> \`\`\`psql
> RESTORE DATABASE d FROM LATEST IN 's3://backups/prod'; -- crdb: backup-versoin=24.1
> \`\`\`
`;

const SHELL_EXAMPLE = `Run it:

\`\`\`bash
# crdb: backup-version=23.2 target-version=24.3
$ cockroach sql --insecure -e "RESTORE DATABASE bank FROM LATEST IN 's3://b';" \\
    --execute='RESTORE TABLE t FROM LATEST IN $$s3://b$$;'
cockroach sql <<EOF
-- crdb: target-version=25.2
RESTORE FROM LATEST IN 's3://b';
EOF
\`\`\`
`;

describe('fuzz: truncation at every offset', function () {
  this.timeout(120000);
  const cases: [string, string, Lang][] = [
    ['the SQL example', SQL_EXAMPLE, 'sql'],
    ['the markdown example', MD_EXAMPLE, 'markdown'],
    ['the shell example', SHELL_EXAMPLE, 'markdown'],
  ];
  for (const [name, text, lang] of cases) {
    it(`${name} (${text.length + 1} prefixes), and the same with CRLF line ends`, () => {
      for (const t of [text, text.replace(/\n/g, '\r\n')]) {
        for (let i = 0; i <= t.length; i++) {
          const problem = checkDocument(t.slice(0, i), lang);
          if (problem) assert.fail(`prefix of length ${i}: ${problem.kind}: ${problem.detail}\n${JSON.stringify(t.slice(0, i))}`);
        }
      }
    });
  }
});

describe('fuzz: extremes', function () {
  this.timeout(60000);
  const MB = 1 << 20;

  it('100,000 nested /* (never closed, and closed), in SQL and in a markdown fence', () => {
    const open = '/*'.repeat(100000);
    assertClean(`SELECT 1; ${open} RESTORE FROM LATEST IN 'x';`, 'sql', 'unclosed nest');
    assertClean(`${open}${'*/'.repeat(100000)} RESTORE FROM LATEST IN 'x';`, 'sql', 'closed nest');
    assertClean(`\`\`\`sql\n${open}\n\`\`\`\n`, 'markdown', 'nest in a fence');
    assertClean(`\`\`\`sql\n${'/* '.repeat(50000)}\n${'*/\n'.repeat(50000)}\`\`\`\n`, 'markdown', 'nest over lines in a fence');
  });

  it('1 MB single lines: a string, a comment, a RESTORE, words, quotes, a paragraph, a fence line', () => {
    assertClean(`SELECT '${'x'.repeat(MB)}`, 'sql', 'unterminated 1 MB string');
    assertClean(`-- ${'y'.repeat(MB)}`, 'sql', '1 MB line comment');
    assertClean(`RESTORE DATABASE d FROM LATEST IN 's3://b' ${'x '.repeat(MB / 2)};`, 'sql', '1 MB RESTORE line');
    assertClean("'".repeat(MB), 'sql', '1 MB of quotes');
    assertClean('$'.repeat(MB), 'sql', '1 MB of dollars');
    assertClean('$a$'.repeat(MB / 3), 'sql', '1 MB of dollar tags');
    assertClean('<!-- '.repeat(MB / 5), 'markdown', '1 MB of comment openers');
    assertClean(`Text ${'`'.repeat(MB / 2)} <!-- crdb: target-version=24.3 --> ${'`'.repeat(MB / 2)}`, 'markdown', 'backticks around a comment');
    // 30,000 statements on one fence line cost about a second alone: checked for growth below.
    assertClean(fenceLine(MB), 'markdown', '1 MB fence line', Infinity);
    assertClean(`\`\`\`bash\ncockroach sql -e "${'x'.repeat(MB)}\n\`\`\`\n`, 'markdown', '1 MB shell argument');
  });

  it('a fence line of statements: 4× the line, about 4× the time (a per-statement rescan of the line is 16×)', () => {
    const g = growth(fenceLine, (text) => analyze(text, 'markdown'), MB / 4, { limit: 9 });
    assert.ok(g.ratio < 9, describeGrowth(g, MB / 4));
  });

  it('unterminated strings, comments, dollar quotes, fences and front matter at the end', () => {
    const stmt = "RESTORE FROM LATEST IN 's3://b';\n";
    for (const tail of ["'abc", "e'abc\\'", '"ident', '/* abc', '/* /* */', '$$abc', '$tag$abc$ta', '-- abc', "b'01", "x'ff", '$1', '\\']) {
      assertClean(stmt + tail, 'sql', `SQL ending in ${tail}`);
      assertClean(`\`\`\`sql\n${stmt}${tail}\n`, 'markdown', `unclosed fence ending in ${tail}`);
    }
    for (const tail of ['```sql\n', '~~~\n', '- ```sql\n  RESTORE', '> ```sql\n> RESTORE', '---\ncrdb:\n  target-version: 24.3', '<!-- crdb: target-version=24.3', '```bash\ncockroach sql -e "RESTORE', '```bash\ncockroach sql <<EOF\nRESTORE']) {
      assertClean(tail, 'markdown', `markdown ending in ${JSON.stringify(tail)}`);
    }
  });

  it('NUL bytes, lone surrogates, U+2028, and every line ending, with and without a BOM', () => {
    const variants = (t: string) => [t, t.replace(/\n/g, '\r\n'), t.replace(/\n/g, '\r'), t.replace(/\n/g, (_, i: number) => ['\n', '\r\n', '\r', '\n\r'][i % 4])];
    const odd = ['\0', '\uD800', '\uDC00', '\uDBFF\uDBFF', '\u2028', '\uFEFF', '\uFFFF'];
    for (const base of [SQL_EXAMPLE, MD_EXAMPLE, SHELL_EXAMPLE]) {
      const lang: Lang = base === SQL_EXAMPLE ? 'sql' : 'markdown';
      for (const t of variants(base)) {
        assertClean(t, lang, 'line ends');
        assertClean(`\uFEFF${t}`, lang, 'BOM + line ends');
        for (const c of odd) {
          // Inside every token: before each quote and after each keyword.
          assertClean(t.replace(/'/g, `${c}'`).replace(/RESTORE/g, `RESTORE${c}`), lang, `with ${JSON.stringify(c)}`);
        }
      }
    }
    assertClean('\0'.repeat(100000), 'sql', '100k NUL');
    assertClean('\0'.repeat(100000), 'markdown', '100k NUL (markdown)');
    assertClean('\uD800'.repeat(100000), 'markdown', '100k lone surrogates');
    assertClean('\r'.repeat(100000), 'markdown', '100k CR');
    assertClean('\r\n'.repeat(100000), 'sql', '100k CRLF');
  });

  it('the structured generator records real bodies (sanity check of the test itself)', () => {
    const doc = build('sql', ["SELECT '", { body: 'abc' }, "';"]);
    assert.deepStrictEqual(doc.slots, [{ start: 8, end: 11 }]);
    assert.deepStrictEqual(insertionPoints(doc, 0), [9, 10]);
    assert.strictEqual(insertionProblem(doc, 0, 0, 'RESTORE FROM LATEST IN x'), undefined);
    // And the property has teeth: words inserted into a collection URI (not inert) are caught.
    const semantic = build('sql', [
      "-- crdb: target-version=23.2\nBACKUP INTO 's3://",
      { body: 'backups' },
      "';\n-- crdb: target-version=24.3\nRESTORE FROM LATEST IN 's3://backups';\n",
    ]);
    assert.match(insertionProblem(semantic, 0, 0, 'x') ?? '', /changed the findings/);
  });
});
