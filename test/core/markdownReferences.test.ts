// Link reference definitions are paragraph text to the extraction (markdown/blockTokens.ts
// turns the parser's `reference` rule off): adding them to a runbook changes nothing it finds
// but the definitions' own lines, and definitions left open (the shapes that made the rule
// take seconds) extract in bounded time.
import * as assert from 'assert';
import { extractMarkdownUnguarded } from '../../server/src/core/markdown';
import type { MarkdownExtraction } from '../../server/src/core/types';

const RUNBOOK = [
  '---',
  'crdb:',
  '  target-version: "24.3"',
  '---',
  '# Restore the bank',
  '',
  'Stop the writers first. <!-- crdb: backup-version=23.2 -->',
  '',
  '```sql',
  "RESTORE DATABASE bank FROM LATEST IN 's3://b/bank';",
  '```',
  '',
  '1. Check the jobs:',
  '',
  '   ```sql',
  '   SHOW JOBS;',
  '   ```',
  '',
  '2. Then the data.',
  '',
  '> ```sql',
  '> RESTORE TABLE bank.accounts FROM LATEST IN $1;',
  '> ```',
  '',
  '<!--',
  'crdb: target-version=24.1',
  '-->',
  '',
  '```bash',
  '# crdb: backup-version=24.1',
  'cockroach sql -e "RESTORE DATABASE d FROM LATEST IN \'s3://x\'"',
  '```',
  '',
  'Heading',
  '=======',
  '',
  '    indented code',
  '',
  'Last words.',
  '',
].join('\n');

/** Reference definitions as runbooks have them, and left open; each is followed by a blank line. */
const DEFINITIONS = [
  '[docs]: https://example.invalid/restore',
  '[a]: <https://example.invalid/a b> "A title"',
  "[multi]:\n  https://example.invalid/m\n  'a title\n  over lines'",
  '[open]: /u "never closed\nmore text\neven more',
  '[x]: /u\n===',
  '[',
  '[{"id": 1,\n  "name": "n"}',
];

interface Found {
  regions: { text: string; docStarts: number[] }[];
  directives: { body: string; start: number }[];
  prose: [number, number][];
}

/** What the extraction found, in terms of the document without the inserted lines. */
function found(x: MarkdownExtraction, toOriginalOffset: (o: number) => number, toOriginalLine: (l: number) => number | undefined): Found {
  const prose: [number, number][] = [];
  const p = x.proseLines ?? new Int32Array(0);
  for (let i = 0; i < p.length; i += 2) {
    const start = toOriginalLine(p[i]);
    const end = toOriginalLine(p[i + 1] - 1);
    if (start === undefined || end === undefined) continue; // a definition's own lines
    prose.push([start, end + 1]);
  }
  return {
    regions: x.regions.map((r) => ({ text: r.text, docStarts: r.segments.map((s) => toOriginalOffset(s.docStart)) })),
    directives: x.directiveComments.map((c) => ({ body: c.body, start: toOriginalOffset(c.start) })),
    prose,
  };
}

/** `RUNBOOK` with `block` (and a blank line) inserted before line `at`. */
function withDefinition(block: string, at: number): { doc: string; found: Found } {
  const lines = RUNBOOK.split('\n');
  const added = `${block}\n`.split('\n');
  const offset = lines.slice(0, at).join('\n').length + (at > 0 ? 1 : 0);
  const length = added.join('\n').length + 1;
  const doc = [...lines.slice(0, at), ...added, ...lines.slice(at)].join('\n');
  const x = extractMarkdownUnguarded(doc);
  const toOffset = (o: number): number => {
    assert.ok(o < offset || o >= offset + length, `offset ${o} lies in the inserted definition`);
    return o < offset ? o : o - length;
  };
  const toLine = (l: number): number | undefined => (l < at ? l : l >= at + added.length ? l - added.length : undefined);
  return { doc, found: found(x, toOffset, toLine) };
}

describe('markdown extraction and link reference definitions', () => {
  it('finds the same fences, prose lines and directives with and without definitions in the document', () => {
    const plain = extractMarkdownUnguarded(RUNBOOK);
    const expected = found(plain, (o) => o, (l) => l);
    assert.strictEqual(expected.regions.length, 4, 'the runbook has SQL to find');
    assert.strictEqual(expected.directives.length, 3, 'the runbook has directives to find');
    const lines = RUNBOOK.split('\n');
    let tried = 0;
    for (let at = 5; at < lines.length; at++) {
      // Before a block that starts at the left margin after a blank line: a definition there
      // ends the block before it, as any paragraph does, and leaves the next one alone.
      if (lines[at - 1] !== '' || lines[at] === '' || /^\s/.test(lines[at])) continue;
      for (const block of DEFINITIONS) {
        const got = withDefinition(block, at);
        assert.deepStrictEqual(got.found, expected, `definition ${JSON.stringify(block)} before line ${at}:\n${got.doc}`);
        tried++;
      }
    }
    assert.ok(tried >= DEFINITIONS.length * 8, `${tried} placements tried`);
  });

  it('extracts definitions left open in bounded time (an unfenced JSON array of 600 KB, `[a]: /u "` and 150k lines)', () => {
    const json = JSON.stringify(
      Array.from({ length: 10000 }, (_, i) => ({ id: i, name: `n${i}`, ok: true })),
      null,
      2,
    );
    assert.ok(json.length > 590_000, `${json.length} characters`);
    const openTitle = `[a]: /u "\n${'x\n'.repeat(150_000)}`;
    const sql = "\n\n```sql\nRESTORE DATABASE bank FROM LATEST IN 's3://b';\n```\n";
    for (const [name, text] of [
      ['JSON array', json],
      ['open title', openTitle],
    ]) {
      const doc = text + sql;
      const t0 = Date.now();
      const x = extractMarkdownUnguarded(doc);
      const ms = Date.now() - t0;
      // About 0.1 s here; the parser's reference rule took 10–20 s on each (quadratic).
      assert.ok(ms < 3000, `${name}: ${ms} ms`);
      assert.deepStrictEqual(
        x.regions.map((r) => r.text),
        ["RESTORE DATABASE bank FROM LATEST IN 's3://b';"],
        `${name}: the fence after it is found`,
      );
    }
  });
});
