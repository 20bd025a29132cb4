// The keystroke path's prose shortcut (core/proseEdit.ts) must give exactly the full analysis
// whenever it gives anything: findings (with their fixes), statements, directives, regions.
// Random runbooks get random plain edits (the kind the shortcut takes) anywhere, then more
// edits on top of the derived analysis; the test also counts how often the shortcut was taken,
// so that it cannot pass by never taking it.
import * as assert from 'assert';
import * as fc from 'fast-check';
import { analyzeDocument } from '../../server/src/core/analyze';
import type { Analysis } from '../../server/src/core/analysisTypes';
import { analyzeProseEdit, singleChange } from '../../server/src/core/proseEdit';
import { analyzeOptions } from '../../server/src/core/settings';
import { markdownDoc, build } from './arbitraries';

const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : 20250601;
const OPTS = analyzeOptions({ today: '2025-06-01' }, 'markdown');

/** Everything a user or a feature sees of an analysis, in a fixed key order. */
function view(a: Analysis): string {
  return JSON.stringify({
    findings: a.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      range: f.range,
      start: f.start,
      end: f.end,
      statement: f.statement,
      docsPath: f.docsPath,
      fixes: f.fixes,
    })),
    statements: a.statements,
    directives: a.directives,
    regions: a.regions,
    notes: a.notes,
  });
}

/** Prose around directives and SQL, as runbooks have it: lists, quotes, links, code spans, comments. */
const PROSE = [
  'Restore the bank database on the new cluster before the window closes.',
  '1. Stop the writers and check the replication lag, then continue.',
  '- Take a final backup <!-- crdb: target-version=24.1 --> of the cluster.',
  '> Note that the restore may take an hour; watch the job.',
  'See [the docs](https://example.invalid/restore) and `SHOW JOBS` for the progress.',
  '[ref]: https://example.invalid/ref',
  'Then run <!-- a plain comment --> the checks.',
  '<details>',
  '</details>',
  'Heading',
  '=======',
  '## Verify the restore',
  '    indented code line',
  'A line with <!-- crdb: backup-version=23.2',
  'target-version=24.3 --> spanning two lines.',
  // Directive look-alikes, and lines a plain edit turns into one or out of one.
  'crdb: backup-version=23.2 target-version=24.3',
  'crd: target-version=24.3',
  'crdbx: backup-version=24.1 and more',
  '- crdb: xbackup-version=24.1',
  'Note: crdb backup-version=24.1 mixed-version',
  '<!-- crdb target-version=24.3 -->',
];

const SQL = [
  "```sql\n-- crdb: backup-version=23.2 target-version=24.3\nRESTORE DATABASE bank FROM LATEST IN 's3://b/bank';\n```",
  "```sql\nBACKUP INTO 's3://b/c';\nRESTORE FROM LATEST IN 's3://b/c';\n```",
  "```sh\ncockroach sql -e \"RESTORE DATABASE d FROM LATEST IN 's3://x'\"\n```",
  "- In a list:\n\n  ```sql\n  RESTORE TABLE t FROM LATEST IN 'gs://b/t';\n  ```",
];

const runbook = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...PROSE) }, { weight: 1, arbitrary: fc.constantFrom(...SQL) }), { minLength: 2, maxLength: 14 })
  .chain((parts) => fc.constantFrom('\n', '\n\n', '\n\n', '\n\n').map((sep) => parts.join(sep) + '\n'));

const anyRunbook = fc.oneof({ weight: 3, arbitrary: runbook }, { weight: 1, arbitrary: markdownDoc().map((p) => build('markdown', p).text) });

/** A plain edit (letters, digits, spaces, `.,;?`) at a relative position; sometimes a non-plain one. */
const edit = fc.record({
  at: fc.integer({ min: 0, max: 10000 }).map((n) => n / 10000), // not fc.double: it favours values near 0
  remove: fc.integer({ min: 0, max: 3 }),
  insert: fc.oneof({ weight: 6, arbitrary: fc.stringMatching(/^[a-zA-Z0-9 .,;?]{0,4}$/) }, { weight: 1, arbitrary: fc.constantFrom('[', '<', '>', '-', '`', '\n', '=', '#', '*', '|', '!--') }),
});

/** `doc` with `insert` in place of `remove` characters at the first `needle`, and what `analyzeProseEdit` derives for it from `prev`. */
function deriveAt(prev: Analysis, doc: string, needle: string, insert: string, remove = 0): { next: string; derived: Analysis | undefined } {
  const p = doc.indexOf(needle);
  assert.ok(p >= 0, needle);
  const next = doc.slice(0, p) + insert + doc.slice(p + remove);
  return { next, derived: analyzeProseEdit(prev, next, () => analyzeDocument(next, OPTS)) };
}

function applyEdit(text: string, e: { at: number; remove: number; insert: string }): string {
  const p = Math.min(text.length, Math.floor(e.at * (text.length + 1)));
  return text.slice(0, p) + e.insert + text.slice(p + e.remove);
}

describe('prose edits: the derived analysis is the full analysis', function () {
  this.timeout(120000);

  it(`random runbooks, each edited up to 12 times (seed ${SEED})`, () => {
    let taken = 0;
    let asked = 0;
    fc.assert(
      fc.property(anyRunbook, fc.array(edit, { minLength: 1, maxLength: 12 }), (doc, edits) => {
        let text = doc;
        let prev = analyzeDocument(text, OPTS);
        for (const e of edits) {
          const next = applyEdit(text, e);
          asked++;
          const derived = analyzeProseEdit(prev, next, () => analyzeDocument(next, OPTS));
          const full = analyzeDocument(next, OPTS);
          if (derived) {
            taken++;
            assert.strictEqual(view(derived), view(full), `edit ${JSON.stringify(e)} of ${JSON.stringify(text)}`);
          }
          text = next;
          prev = derived ?? full; // keep deriving from derived analyses, as the server does
        }
      }),
      { seed: SEED, numRuns: Math.max(1, Math.round(400 * Number(process.env.FUZZ_SCALE ?? 1))) },
    );
    // The shortcut must actually be exercised, or this test would prove nothing.
    assert.ok(taken >= 200, `the shortcut was taken for ${taken} of ${asked} edits`);
    if (process.env.FUZZ_VERBOSE) console.log(`      shortcut taken for ${taken} of ${asked} edits`);
  });

  it('typing in a prose line is derived; edits in SQL, comments, markers, links at a paragraph start, or with a line break are not', () => {
    const doc = [
      '# Runbook',
      '',
      'Restore the bank database <!-- crdb: target-version=24.3 --> now.',
      '',
      '1. Stop the writers.',
      '',
      '[ref]: https://example.invalid/x',
      '',
      '```sql',
      '-- crdb: backup-version=23.2',
      "RESTORE DATABASE bank FROM LATEST IN 's3://b/bank';",
      '```',
      '',
    ].join('\n');
    const prev = analyzeDocument(doc, OPTS);
    assert.strictEqual(prev.findings.length, 1);
    const at = (needle: string, insert: string, remove = 0) => deriveAt(prev, doc, needle, insert, remove).derived;
    // Derived: a word typed before the comment (the comment and the finding move), a letter
    // deleted after it, a word in a list item's text.
    const typed = at(' the bank', ' all of');
    assert.ok(typed);
    assert.strictEqual(typed.directives[0].start, prev.directives[0].start + ' all of'.length);
    assert.strictEqual(typed.findings[0].start, prev.findings[0].start + ' all of'.length);
    assert.ok(at('now.', '', 1));
    assert.ok(at('the writers', 'all '));
    // Not derived.
    assert.strictEqual(at('target-version', 'x'), undefined, 'inside a comment');
    assert.strictEqual(at(' -->', 'x'), undefined, 'at the end of a comment');
    assert.strictEqual(at('bank FROM', 'x'), undefined, 'in SQL');
    assert.strictEqual(at('Stop', '2'), undefined, 'right after a list marker');
    assert.strictEqual(at('1. Stop', '2'), undefined, 'in a list marker');
    assert.strictEqual(at('https://example.invalid/x', 'y'), undefined, 'on a line whose text starts with `[` (a link reference definition)');
    assert.strictEqual(at('Restore the', 'x'), undefined, 'before the first letter of the line');
    assert.strictEqual(at(' now', '\n'), undefined, 'a line break');
    assert.strictEqual(at(' now', '`'), undefined, 'a backtick');
    assert.strictEqual(at('Runbook', 'x'), undefined, 'an ATX heading line');
  });

  it('what lies wholly before the edit is kept as the same object; what follows it is moved', () => {
    const doc = [
      '<!-- crdb: backup-version=23.2 target-version=24.3 -->',
      '',
      '```sql',
      "RESTORE DATABASE bank FROM LATEST IN 's3://b/bank';",
      '```',
      '',
      'Then check the job.',
      '',
      '<!-- crdb: backup-version=24.1 target-version=24.3 -->',
      '',
      '```sql',
      "RESTORE DATABASE shop FROM LATEST IN 's3://b/shop';",
      '```',
      '',
    ].join('\n');
    const prev = analyzeDocument(doc, OPTS);
    assert.strictEqual(prev.statements.length, 2);
    assert.strictEqual(prev.regions.length, 2);
    assert.strictEqual(prev.directives.length, 2);
    const { next, derived } = deriveAt(prev, doc, ' the job', ' on');
    assert.ok(derived, 'the shortcut was taken');
    assert.strictEqual(derived.statements[0], prev.statements[0]);
    assert.strictEqual(derived.regions[0], prev.regions[0]);
    assert.strictEqual(derived.directives[0], prev.directives[0]);
    assert.notStrictEqual(derived.statements[1], prev.statements[1]);
    assert.strictEqual(derived.statements[1].span.start, prev.statements[1].span.start + 3);
    assert.strictEqual(derived.regions[1].segments[0].docStart, prev.regions[1].segments[0].docStart + 3);
    assert.strictEqual(derived.directives[1].start, prev.directives[1].start + 3);
    assert.strictEqual(view(derived), view(analyzeDocument(next, OPTS)));
  });

  it('singleChange finds the changed span', () => {
    assert.deepStrictEqual(singleChange('abcdef', 'abXYdef'), { start: 2, oldEnd: 3, newEnd: 4 });
    assert.deepStrictEqual(singleChange('aaaa', 'aaaaa'), { start: 4, oldEnd: 4, newEnd: 5 });
    assert.deepStrictEqual(singleChange('abc', 'abc'), { start: 3, oldEnd: 3, newEnd: 3 });
    assert.deepStrictEqual(singleChange('', 'x'), { start: 0, oldEnd: 0, newEnd: 1 });
    assert.deepStrictEqual(singleChange('xay', 'xy'), { start: 1, oldEnd: 2, newEnd: 1 });
  });
});
