import * as assert from 'assert';
import { extractMarkdown, extractMarkdownUnguarded } from '../../server/src/core/markdown';
import type { MarkdownExtraction, SqlRegion } from '../../server/src/core/types';

/** Document offset of region offset `off`; -1 when it falls outside every segment (a joining newline). */
function docOffset(r: SqlRegion, off: number): number {
  for (const s of r.segments) {
    if (off >= s.regionStart && off < s.regionStart + s.length) return s.docStart + (off - s.regionStart);
  }
  return -1;
}

/** Asserts that `needle` in the region maps, character by character, onto `needle` at `docIndex`. */
function assertMapsTo(r: SqlRegion, needle: string, docIndex: number, from = 0): void {
  const at = r.text.indexOf(needle, from);
  assert.ok(at >= 0, `${JSON.stringify(needle)} not in region ${JSON.stringify(r.text)}`);
  for (let i = 0; i < needle.length; i++) {
    assert.strictEqual(docOffset(r, at + i), docIndex + i, `char ${i} of ${JSON.stringify(needle)}`);
  }
}

/** Invariants every extraction must keep, whatever the input. */
function checkInvariants(doc: string, x: MarkdownExtraction): void {
  for (const r of x.regions) {
    let prevEnd = 0;
    let lastDoc = -1;
    for (const s of r.segments) {
      assert.ok(s.length > 0, 'empty segment');
      assert.ok(s.regionStart >= prevEnd, 'segments sorted and disjoint');
      assert.ok(s.docStart > lastDoc, 'segments go forward in the document');
      assert.ok(s.docStart >= 0 && s.docStart + s.length <= doc.length, 'segment inside the document');
      assert.strictEqual(r.text.substr(s.regionStart, s.length), doc.substr(s.docStart, s.length));
      for (let i = prevEnd; i < s.regionStart; i++) assert.strictEqual(r.text[i], '\n', 'gap chars are joining newlines');
      prevEnd = s.regionStart + s.length;
      lastDoc = s.docStart + s.length - 1;
    }
    for (let i = prevEnd; i < r.text.length; i++) assert.strictEqual(r.text[i], '\n');
    assert.ok(r.segments.length > 0, 'no empty regions');
    assert.ok(!r.text.includes('\r'), 'no CR in region text');
  }
  let prev = -1;
  for (const c of x.directiveComments) {
    assert.ok(c.start > prev, 'comments sorted by offset');
    assert.ok(c.start <= c.bodyStart && c.bodyStart + c.body.length <= c.end && c.end <= doc.length);
    assert.strictEqual(doc.substr(c.bodyStart, c.body.length), c.body);
    prev = c.start;
  }
  for (const e of x.frontMatter) {
    assert.strictEqual(doc.slice(e.keyStart, e.keyEnd), e.key);
    assert.strictEqual(doc.slice(e.valueStart, e.valueEnd), e.value);
  }
}

function extract(doc: string): MarkdownExtraction {
  const x = extractMarkdownUnguarded(doc);
  checkInvariants(doc, x);
  return x;
}

function texts(x: MarkdownExtraction): string[] {
  return x.regions.map((r) => r.text);
}

const RESTORE = "RESTORE FROM LATEST IN 's3://b';";

describe('markdown extraction', () => {
  describe('SQL fences', () => {
    it('extracts a top-level ```sql fence as one contiguous segment', () => {
      const doc = `# Runbook\n\n\`\`\`sql\nSELECT 1;\n${RESTORE}\n\`\`\`\n`;
      const x = extract(doc);
      assert.deepStrictEqual(texts(x), [`SELECT 1;\n${RESTORE}`]);
      const r = x.regions[0];
      assert.strictEqual(r.inline, false);
      assert.deepStrictEqual(r.segments, [{ regionStart: 0, docStart: doc.indexOf('SELECT'), length: r.text.length }]);
      assertMapsTo(r, 'RESTORE', doc.indexOf('RESTORE'));
    });

    it('accepts ~~~ fences and longer fences containing ```', () => {
      const doc = '~~~sql\nRESTORE a;\n~~~\n\n````sql\n```\nRESTORE b;\n````\n';
      const x = extract(doc);
      assert.deepStrictEqual(texts(x), ['RESTORE a;', '```\nRESTORE b;']);
      assertMapsTo(x.regions[1], 'RESTORE b', doc.indexOf('RESTORE b'));
    });

    it('runs an unclosed fence to the end of the document', () => {
      const doc = 'text\n\n```sql\nRESTORE a;\n\nRESTORE b;\n';
      const x = extract(doc);
      assert.deepStrictEqual(texts(x), ['RESTORE a;\n\nRESTORE b;']);
      assertMapsTo(x.regions[0], 'RESTORE b', doc.indexOf('RESTORE b'));
    });

    it('ends an unclosed fence with its container (block quote, list item)', () => {
      const doc = '> ```sql\n> RESTORE a;\n\nRESTORE outside;\n\n- ```sql\n  RESTORE b;\nnot in item\n';
      const x = extract(doc);
      assert.deepStrictEqual(texts(x), ['RESTORE a;', 'RESTORE b;']);
      assertMapsTo(x.regions[1], 'RESTORE b;', doc.indexOf('RESTORE b;'));
    });

    it('ignores indented code blocks and other languages', () => {
      const doc = [
        'Para.',
        '',
        '    RESTORE indented;',
        '',
        '```python',
        'RESTORE py',
        '```',
        '```js',
        'RESTORE js',
        '```',
        '```text',
        'RESTORE text',
        '```',
        '```',
        'RESTORE nolang',
        '```',
        '```sqlite',
        'RESTORE sqlite',
        '```',
        '```mysql',
        'RESTORE mysql',
        '```',
        '',
      ].join('\n');
      assert.deepStrictEqual(texts(extract(doc)), []);
    });

    it('recognizes SQL info strings case-insensitively, with attributes after the word', () => {
      const langs = ['SQL', 'sql title="x"', '{.sql}', '{ .sql .numberLines}', 'psql', 'crdb', 'cockroachdb', 'cockroach', 'Sql{1,3}', ' sql'];
      const doc = langs.map((l, i) => '```' + l + `\nRESTORE ${i};\n\`\`\`\n`).join('\n');
      const x = extract(doc);
      assert.deepStrictEqual(texts(x), langs.map((_, i) => `RESTORE ${i};`));
      x.regions.forEach((r, i) => assertMapsTo(r, `RESTORE ${i};`, doc.indexOf(`RESTORE ${i};`)));
    });

    it('strips list indentation (bullet, ordered, nested; indent 2 to 4)', () => {
      const doc = [
        '- step one',
        '  ```sql',
        '  RESTORE a;',
        '    WITH detached;',
        '  ```',
        '1. step',
        '   ```sql',
        '   RESTORE b;',
        '   ```',
        '10. step',
        '    ```sql',
        '    RESTORE c;',
        '    ```',
        '- outer',
        '  - inner',
        '    ```sql',
        '    RESTORE d;',
        '    ```',
        '    1. deeper',
        '       ```sql',
        '       RESTORE e;',
        '       ```',
        '',
      ].join('\n');
      const x = extract(doc);
      assert.deepStrictEqual(texts(x), ['RESTORE a;\n  WITH detached;', 'RESTORE b;', 'RESTORE c;', 'RESTORE d;', 'RESTORE e;']);
      for (const name of ['a', 'b', 'c', 'd', 'e']) {
        const r = x.regions.find((g) => g.text.includes(`RESTORE ${name};`));
        assert.ok(r);
        assertMapsTo(r, `RESTORE ${name};`, doc.indexOf(`RESTORE ${name};`));
      }
      assertMapsTo(x.regions[0], 'WITH detached', doc.indexOf('WITH detached'));
    });

    it('keeps the fence’s own indentation out of the content', () => {
      const doc = '  ```sql\n  RESTORE a;\n    RESTORE b;\nRESTORE c;\n  ```\n';
      const x = extract(doc);
      assert.deepStrictEqual(texts(x), ['RESTORE a;\n  RESTORE b;\nRESTORE c;']);
      assertMapsTo(x.regions[0], 'RESTORE b', doc.indexOf('RESTORE b'));
      assertMapsTo(x.regions[0], 'RESTORE c', doc.indexOf('RESTORE c'));
    });

    it('strips block-quote markers: "> ", ">" without space, nested "> >"', () => {
      const doc = [
        '> ```sql',
        '> RESTORE a;',
        '>RESTORE b;',
        '>',
        '> ```',
        '',
        '> > ```sql',
        '> > RESTORE c;',
        '> >   WITH detached;',
        '> > ```',
        '',
        '>> ```sql',
        '>>RESTORE d;',
        '>> ```',
        '',
      ].join('\n');
      const x = extract(doc);
      assert.deepStrictEqual(texts(x), ['RESTORE a;\nRESTORE b;\n', 'RESTORE c;\n  WITH detached;', 'RESTORE d;']);
      for (const n of ['a', 'b', 'c', 'd']) {
        const r = x.regions.find((g) => g.text.includes(`RESTORE ${n};`));
        assert.ok(r);
        assertMapsTo(r, `RESTORE ${n};`, doc.indexOf(`RESTORE ${n};`));
      }
    });

    it('handles a quote inside a list item and a list inside a quote', () => {
      const doc = [
        '1. Restore:',
        '   > ```sql',
        '   > RESTORE a;',
        '   > ```',
        '',
        '> - item',
        '>   ```sql',
        '>   RESTORE b;',
        '>   ```',
        '',
      ].join('\n');
      const x = extract(doc);
      assert.deepStrictEqual(texts(x), ['RESTORE a;', 'RESTORE b;']);
      assertMapsTo(x.regions[0], 'RESTORE a;', doc.indexOf('RESTORE a;'));
      assertMapsTo(x.regions[1], 'RESTORE b;', doc.indexOf('RESTORE b;'));
    });

    it('aligns on the real text when tabs are in the container prefix', () => {
      const doc = '-\t```sql\n\tRESTORE a;\n\t```\n\n>\t```sql\n>\t\tRESTORE b;\n>\t```\n';
      const x = extract(doc);
      assert.deepStrictEqual(texts(x), ['RESTORE a;', '\tRESTORE b;']);
      assertMapsTo(x.regions[0], 'RESTORE a;', doc.indexOf('RESTORE a;'));
      assertMapsTo(x.regions[1], '\tRESTORE b;', doc.indexOf('\tRESTORE b;'));
    });

    it('keeps offsets exact in CRLF and CR documents and leaves no \\r in region text', () => {
      for (const eol of ['\r\n', '\r']) {
        const doc = ['# T', '', '> ```sql', '> SELECT 1;', `> ${RESTORE}`, '> ```', '', '```sql', 'RESTORE b;', '```', ''].join(eol);
        const x = extract(doc);
        assert.deepStrictEqual(texts(x), [`SELECT 1;\n${RESTORE}`, 'RESTORE b;']);
        assertMapsTo(x.regions[0], RESTORE, doc.indexOf(RESTORE));
        assertMapsTo(x.regions[1], 'RESTORE b;', doc.indexOf('RESTORE b;'));
      }
    });

    it('keeps NUL characters as written (markdown-it sees U+FFFD)', () => {
      const doc = '```sql\nSELECT \0;\nRESTORE a;\n```\n';
      const x = extract(doc);
      assert.deepStrictEqual(texts(x), ['SELECT \0;\nRESTORE a;']);
    });
  });

  describe('shell fences', () => {
    it('extracts -e "…" with \\" and \\$ unescaped, mapping every char back', () => {
      const doc = '```bash\ncockroach sql --insecure -e "RESTORE TABLE \\"t\\" FROM \\$1 IN \'s3://b\'"\n```\n';
      const x = extract(doc);
      assert.deepStrictEqual(texts(x), ['RESTORE TABLE "t" FROM $1 IN \'s3://b\'']);
      const r = x.regions[0];
      assert.strictEqual(r.inline, true);
      assertMapsTo(r, 'RESTORE TABLE ', doc.indexOf('RESTORE'));
      // The unescaped quote maps to the document's quote character (after its backslash).
      const q = r.text.indexOf('"');
      assert.strictEqual(doc[docOffset(r, q)], '"');
      assert.strictEqual(docOffset(r, q), doc.indexOf('\\"t') + 1);
      assert.strictEqual(docOffset(r, r.text.indexOf('$1')), doc.indexOf('\\$1') + 1);
      assertMapsTo(r, "IN 's3://b'", doc.indexOf("IN 's3://b'"));
    });

    it('extracts --execute=\'…\', --execute="…", --execute VALUE and a bare word', () => {
      const doc = [
        '```sh',
        "cockroach sql --execute='RESTORE a;'",
        'cockroach sql --execute="RESTORE b;"',
        "cockroach sql --execute 'RESTORE c;'",
        'cockroach sql -e SHOW',
        '```',
        '',
      ].join('\n');
      const x = extract(doc);
      assert.deepStrictEqual(texts(x), ['RESTORE a;', 'RESTORE b;', 'RESTORE c;', 'SHOW']);
      for (const n of ['a', 'b', 'c']) {
        const r = x.regions.find((g) => g.text === `RESTORE ${n};`);
        assert.ok(r);
        assertMapsTo(r, `RESTORE ${n};`, doc.indexOf(`RESTORE ${n};`));
      }
      assertMapsTo(x.regions[3], 'SHOW', doc.indexOf('SHOW'));
    });

    it("extracts -e '…' spanning lines, and backslash continuations between arguments", () => {
      const doc = [
        '```shell',
        './cockroach sql \\',
        '  --certs-dir=certs \\',
        "  -e 'RESTORE DATABASE bank",
        "  FROM LATEST IN ''s3://b'';'",
        '```',
        '',
      ].join('\n');
      const x = extract(doc);
      assert.deepStrictEqual(texts(x), ["RESTORE DATABASE bank\n  FROM LATEST IN s3://b;"]);
      const r = x.regions[0];
      assertMapsTo(r, 'RESTORE DATABASE bank\n  FROM', doc.indexOf('RESTORE DATABASE'));
      assertMapsTo(r, 's3://b', doc.indexOf('s3://b'));
    });

    it('joins a multi-line single-quoted value inside a block quote without the "> " markers', () => {
      const doc = "> ```bash\n> cockroach sql -e 'RESTORE a\n>   WITH detached;'\n> ```\n";
      const x = extract(doc);
      assert.deepStrictEqual(texts(x), ['RESTORE a\n  WITH detached;']);
      assertMapsTo(x.regions[0], 'RESTORE a', doc.indexOf('RESTORE a'));
      assertMapsTo(x.regions[0], '  WITH detached;', doc.indexOf('  WITH detached;'));
      assert.strictEqual(docOffset(x.regions[0], x.regions[0].text.indexOf('\n')), -1);
    });

    it('removes backslash-newline inside double quotes', () => {
      const doc = '```bash\ncockroach sql -e "RESTORE a \\\nFROM LATEST IN \'x\'"\n```\n';
      const x = extract(doc);
      assert.deepStrictEqual(texts(x), ["RESTORE a FROM LATEST IN 'x'"]);
      assertMapsTo(x.regions[0], 'FROM LATEST', doc.indexOf('FROM LATEST'));
    });

    it('takes several -e values of one command in order', () => {
      const doc = '```bash\ncockroach sql -e "SET x = 1" -e \'RESTORE a;\' --execute="RESTORE b;"\n```\n';
      const x = extract(doc);
      assert.deepStrictEqual(texts(x), ['SET x = 1', 'RESTORE a;', 'RESTORE b;']);
      assertMapsTo(x.regions[2], 'RESTORE b;', doc.indexOf('RESTORE b;'));
    });

    it('strips $ prompts, paths to the binary, and skips output lines of a transcript', () => {
      const doc = [
        '```console',
        '$ /usr/local/bin/cockroach sql --insecure -e "RESTORE a;"',
        "it's output, cockroach sql -e \"RESTORE not;\"",
        '$ cockroach-sql -e "RESTORE b;"',
        '$ cockroach sql \\',
        '> -e "RESTORE c;"',
        '```',
        '',
      ].join('\n');
      const x = extract(doc);
      assert.deepStrictEqual(texts(x), ['RESTORE a;', 'RESTORE b;', 'RESTORE c;']);
      assertMapsTo(x.regions[0], 'RESTORE a;', doc.indexOf('RESTORE a;'));
      assertMapsTo(x.regions[2], 'RESTORE c;', doc.indexOf('RESTORE c;'));
    });

    it('ignores -e of other commands', () => {
      const doc = '```bash\necho -e "RESTORE no;"\ngrep -e RESTORE file\ncockroach start -e "x"\n```\n';
      assert.deepStrictEqual(texts(extract(doc)), []);
    });

    it('extracts heredoc bodies (<<EOF, <<\'EOF\', <<-EOF) as non-inline regions', () => {
      const doc = [
        '```bash',
        'cockroach sql --insecure <<EOF',
        'RESTORE a;',
        'SELECT 1;',
        'EOF',
        "cockroach sql <<'SQL' | tee out.txt",
        'RESTORE b;',
        'SQL',
        'cat <<EOF',
        'RESTORE not;',
        'EOF',
        'cockroach sql <<-END',
        '\t\tRESTORE c;',
        '\tEND',
        'cockroach sql -e "RESTORE d;"',
        '```',
        '',
      ].join('\n');
      const x = extract(doc);
      assert.deepStrictEqual(texts(x), ['RESTORE a;\nSELECT 1;', 'RESTORE b;', 'RESTORE c;', 'RESTORE d;']);
      assert.deepStrictEqual(x.regions.map((r) => r.inline), [false, false, false, true]);
      assertMapsTo(x.regions[0], 'SELECT 1;', doc.indexOf('SELECT 1;'));
      assertMapsTo(x.regions[2], 'RESTORE c;', doc.indexOf('RESTORE c;'));
      assertMapsTo(x.regions[3], 'RESTORE d;', doc.indexOf('RESTORE d;'));
    });

    it('reports # comment lines (crdb: directives) with document offsets', () => {
      const doc = [
        '- step',
        '  ```bash',
        '  # crdb: target-version=24.3',
        '    # plain comment',
        '  cockroach sql -e "RESTORE a;" # trailing, not a line comment',
        '  cockroach sql -e "SELECT 1',
        '  # inside a string"',
        '  ```',
        '',
      ].join('\n');
      const x = extract(doc);
      assert.deepStrictEqual(
        x.directiveComments.map((c) => c.body),
        [' crdb: target-version=24.3', ' plain comment'],
      );
      const c = x.directiveComments[0];
      assert.strictEqual(c.start, doc.indexOf('# crdb'));
      assert.strictEqual(c.bodyStart, doc.indexOf(' crdb:'));
      assert.strictEqual(c.end, doc.indexOf('24.3') + 4);
      assert.deepStrictEqual(texts(x), ['RESTORE a;', 'SELECT 1\n# inside a string']);
    });

    it('keeps a quote that never closes to its own line', () => {
      const doc = '```bash\ncockroach sql -e "RESTORE a"\ncockroach sql -e \'RESTORE b\ncockroach sql -e "RESTORE c\ncockroach sql -e RESTORE_d\n```\n';
      const x = extract(doc);
      assert.deepStrictEqual(texts(x), ['RESTORE a', 'RESTORE b', 'RESTORE c', 'RESTORE_d']);
      assertMapsTo(x.regions[2], 'RESTORE c', doc.indexOf('RESTORE c'));
      assertMapsTo(x.regions[3], 'RESTORE_d', doc.indexOf('RESTORE_d'));
    });
  });

  describe('HTML comments', () => {
    it('finds comments in prose, mid-line, spanning lines, in html blocks, quotes and list items', () => {
      const doc = [
        '<!-- crdb: target-version=24.3 -->',
        'Text <!-- crdb: backup-version=24.1 --> more <!-- two --> end.',
        'Para <!-- spans',
        'lines -->',
        '',
        '<!--',
        'crdb: mixed-version',
        '-->',
        '',
        '> quoted <!-- q -->',
        '- item <!-- li -->',
        '',
        '# Heading <!-- h -->',
        '',
      ].join('\n');
      const x = extract(doc);
      assert.deepStrictEqual(
        x.directiveComments.map((c) => c.body),
        [' crdb: target-version=24.3 ', ' crdb: backup-version=24.1 ', ' two ', ' spans\nlines ', '\ncrdb: mixed-version\n', ' q ', ' li ', ' h '],
      );
      const c = x.directiveComments[1];
      assert.strictEqual(c.start, doc.indexOf('<!-- crdb: backup'));
      assert.strictEqual(c.bodyStart, c.start + 4);
      assert.strictEqual(c.end, doc.indexOf('24.1 -->') + 8);
    });

    it('ignores comments inside code spans, fences, indented code and escaped openers', () => {
      const doc = [
        'Use `<!-- not -->` or ``a ` <!-- no --> `` but <!-- yes -->.',
        'A lone ` tick <!-- yes2 -->',
        '\\<!-- escaped -->',
        '',
        '```sql',
        '<!-- in fence -->',
        '```',
        '',
        '    <!-- indented code -->',
        '',
      ].join('\n');
      const x = extract(doc);
      assert.deepStrictEqual(x.directiveComments.map((c) => c.body), [' yes ', ' yes2 ']);
      assert.strictEqual(x.directiveComments[0].start, doc.indexOf('<!-- yes -->'));
    });

    it('reads a link reference definition as paragraph text (a comment in its title counts)', () => {
      // Definitions are not parsed (markdown/blockTokens.ts says why): to the extraction they
      // are prose like any other paragraph.
      const doc = '[ref]: /url "<!-- crdb: target-version=24.3 -->"\n';
      const x = extract(doc);
      assert.deepStrictEqual(x.directiveComments.map((c) => c.body), [' crdb: target-version=24.3 ']);
      assert.deepStrictEqual(Array.from(x.proseLines ?? []), [0, 1]);
    });

    it('treats <!--> and <!---> as empty comments and skips unclosed ones', () => {
      const doc = 'a <!--> b <!---> c\n\nd <!-- never closed\n';
      const x = extract(doc);
      assert.deepStrictEqual(x.directiveComments.map((c) => [c.body, c.start, c.end]), [
        ['', 2, 7],
        ['', 10, 16],
      ]);
    });

    it('sorts html and shell comments together by offset', () => {
      const doc = '<!-- a -->\n```bash\n# b\n```\n<!-- c -->\n';
      const x = extract(doc);
      assert.deepStrictEqual(x.directiveComments.map((c) => c.body), [' a ', ' b', ' c ']);
      assert.deepStrictEqual(x.directiveComments.map((c) => c.start), [0, doc.indexOf('# b'), doc.indexOf('<!-- c')]);
    });

    it('keeps comment offsets exact in CRLF documents', () => {
      const doc = 'x\r\n\r\n> a <!-- crdb: t=1 -->\r\n<!--\r\nb\r\n-->\r\n';
      const x = extract(doc);
      assert.deepStrictEqual(x.directiveComments.map((c) => [c.body, c.start]), [
        [' crdb: t=1 ', doc.indexOf('<!-- crdb')],
        ['\r\nb\r\n', doc.lastIndexOf('<!--')],
      ]);
    });
  });

  describe('front matter', () => {
    it('reads the block form, values as written', () => {
      const doc = [
        '---',
        'title: "Runbook"',
        'crdb:',
        '  target-version: "24.3"',
        "  backup-version: '24.1'",
        '  other-version: 24.10   # a comment',
        '  mixed-version: true',
        '  nested:',
        '    deep: 1',
        'tags: [a]',
        '---',
        '',
        '```sql',
        RESTORE,
        '```',
        '',
      ].join('\n');
      const x = extract(doc);
      assert.deepStrictEqual(
        x.frontMatter.map((e) => [e.key, e.value]),
        [
          ['target-version', '24.3'],
          ['backup-version', '24.1'],
          ['other-version', '24.10'],
          ['mixed-version', 'true'],
          ['nested', ''],
        ],
      );
      const t = x.frontMatter[0];
      assert.strictEqual(t.keyStart, doc.indexOf('target-version'));
      assert.strictEqual(t.keyEnd, t.keyStart + 'target-version'.length);
      assert.strictEqual(t.valueStart, doc.indexOf('24.3'));
      assert.strictEqual(t.valueEnd, t.valueStart + 4);
      assert.strictEqual(x.frontMatter[2].valueStart, doc.indexOf('24.10'));
      assert.deepStrictEqual(x.frontMatterSpan, { start: 0, end: doc.indexOf('\n---\n') + 4 });
      assert.deepStrictEqual(texts(x), [RESTORE]);
      assertMapsTo(x.regions[0], RESTORE, doc.indexOf(RESTORE));
    });

    it('reads the flow form', () => {
      const doc = '---\ncrdb: { target-version: "24.3", mixed-version: true, backup-version: 24.10 }\n---\ntext\n';
      const x = extract(doc);
      assert.deepStrictEqual(
        x.frontMatter.map((e) => [e.key, e.value, e.valueStart]),
        [
          ['target-version', '24.3', doc.indexOf('24.3')],
          ['mixed-version', 'true', doc.indexOf('true')],
          ['backup-version', '24.10', doc.indexOf('24.10')],
        ],
      );
    });

    it('reads a flow form over several lines, closing with ...', () => {
      const doc = '---\ncrdb: {\n  target-version: 25.2,\n  "ignore": restore-skips-release\n}\n...\n<!-- c -->\n';
      const x = extract(doc);
      assert.deepStrictEqual(x.frontMatter.map((e) => [e.key, e.value]), [
        ['target-version', '25.2'],
        ['ignore', 'restore-skips-release'],
      ]);
      assert.deepStrictEqual(x.directiveComments.map((c) => c.body), [' c ']);
    });

    it('ignores keys outside crdb: and a crdb: scalar', () => {
      const doc = '---\ntarget-version: 24.3\ncrdb: target-version=24.3\n---\n';
      const x = extract(doc);
      assert.deepStrictEqual(x.frontMatter, []);
      assert.deepStrictEqual(x.frontMatterSpan, { start: 0, end: doc.length - 1 });
    });

    it('has no front matter unless --- is on line 1 and closed', () => {
      for (const doc of ['\n---\ncrdb:\n  target-version: 24.3\n---\n', '---\ncrdb:\n  target-version: 24.3\n', 'text\n---\n']) {
        const x = extract(doc);
        assert.deepStrictEqual(x.frontMatter, []);
        assert.strictEqual(x.frontMatterSpan, undefined);
      }
    });

    it('handles CRLF front matter and the fence right after it', () => {
      const doc = '---\r\ncrdb:\r\n  target-version: "24.10"\r\n---\r\n```sql\r\nRESTORE a;\r\n```\r\n';
      const x = extract(doc);
      assert.deepStrictEqual(x.frontMatter.map((e) => [e.value, e.valueStart]), [['24.10', doc.indexOf('24.10')]]);
      assert.deepStrictEqual(x.frontMatterSpan, { start: 0, end: doc.indexOf('\r\n```') });
      assert.deepStrictEqual(texts(x), ['RESTORE a;']);
      assertMapsTo(x.regions[0], 'RESTORE a;', doc.indexOf('RESTORE a;'));
    });
  });

  describe('robustness', () => {
    it('never throws and falls back to an empty extraction on odd input', () => {
      for (const doc of ['', '\n', '```', '```sql', '---', '---\n---', '<!--', '> ', '\r', '\0', '`'.repeat(100)]) {
        extract(doc);
        extractMarkdown(doc);
      }
    });

    it('gives the same result whatever was extracted before', () => {
      const docs = [
        '> ```sql\n> RESTORE a;\n> ```\n\n<!-- crdb: target-version=24.3 -->\n',
        '---\ncrdb: { a: 1 }\n---\n1. step\n\n   ```bash\n   cockroach sql -e "RESTORE \\"b\\";"\n   ```\n',
        ('para <!-- x -->\n\n- item\n  ```sql\n  SELECT 1;\n  ```\n\n> > quote\n> lazy\n'.repeat(400)).replace(/\n/g, '\r\n'),
        '```sql\nunclosed',
        '',
      ];
      const alone = docs.map((d) => JSON.stringify(extractMarkdownUnguarded(d)));
      for (const order of [[2, 0, 1, 3, 4], [4, 3, 2, 1, 0], [0, 2, 0, 2, 1]]) {
        for (const i of order) assert.strictEqual(JSON.stringify(extractMarkdownUnguarded(docs[i])), alone[i], `doc ${i} after others`);
      }
    });

    it('stays linear on pathological input', () => {
      const big = [
        '```bash\n' + "echo it's\n".repeat(20000) + '```\n',
        '```bash\n' + 'echo "x\n'.repeat(20000) + '```\n',
        ('a `` b ` c ```' + ' <!--').repeat(20000) + '\n',
        '---\n' + 'crdb: {\n'.repeat(20000),
        '<!--\n'.repeat(20000),
      ];
      for (const doc of big) {
        const t0 = Date.now();
        extract(doc);
        assert.ok(Date.now() - t0 < 3000, 'took too long');
      }
    });

    it('keeps every invariant on thousands of random documents', () => {
      let seed = 12345;
      const rand = (n: number): number => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return seed % n;
      };
      const fragments = [
        '```sql\nRESTORE FROM LATEST IN \'s3://b\';\n```\n',
        '~~~psql\nSELECT 1;\n~~~\n',
        '````sql\n```\nRESTORE a;\n````\n',
        '```sql\nunclosed RESTORE\n',
        '```bash\ncockroach sql -e "RESTORE \\"x\\" \\$1" \\\n  --execute=\'SELECT\n2\'\n```\n',
        '```console\n$ cockroach sql <<EOF\nRESTORE b;\nEOF\noutput\n```\n',
        '```sh\n# crdb: target-version=24.3\ncockroach sql -e\n```\n',
        '<!-- crdb: target-version=24.3 -->\n',
        'Text `code <!-- x -->` and <!-- y --> tail\n',
        '<!--\nmulti\n-->\n',
        '    indented code\n',
        '- item\n  ```sql\n  RESTORE c;\n  ```\n',
        '1. item\n   > ```sql\n   > RESTORE d;\n   > ```\n',
        '> > ```crdb\n> > RESTORE e;\n> > ```\n',
        '-\t```sql\n\tRESTORE f;\n\t```\n',
        '# Heading\n',
        '\n',
        'para line\n',
        '---\n',
        '***\n',
        '<div>\n<!-- z -->\n</div>\n',
        '"\'`\\\n',
      ];
      const front = ['', '---\ncrdb:\n  target-version: "24.3"\n---\n', '---\ncrdb: { a: 1 }\n...\n'];
      const noise = ['`', '>', ' ', '\t', '\n', '\r', '\r\n', '"', "'", '\\', '<!--', '-->', '```', '~~~', '-', '#', '$ ', '\0', 'é', '\uD83D\uDE00'];
      for (let n = 0; n < 3000; n++) {
        const parts = [front[rand(front.length)]];
        const count = 1 + rand(8);
        for (let i = 0; i < count; i++) {
          let f = fragments[rand(fragments.length)];
          const prefix = ['', '> ', '- ', '  ', '1. ', '>', '\t'][rand(7)];
          if (prefix) f = f.split('\n').map((l) => (l ? prefix + l : l)).join('\n');
          parts.push(f);
        }
        let doc = parts.join(rand(2) ? '' : '\n');
        if (rand(4) === 0) doc = doc.replace(/\n/g, rand(2) ? '\r\n' : '\r');
        const mutations = rand(4);
        for (let m = 0; m < mutations; m++) {
          const at = rand(doc.length + 1);
          if (rand(2)) doc = doc.slice(0, at) + noise[rand(noise.length)] + doc.slice(at);
          else doc = doc.slice(0, at) + doc.slice(at + 1 + rand(3));
        }
        try {
          extract(doc);
        } catch (e) {
          throw new Error(`document ${n} ${JSON.stringify(doc)}: ${(e as Error).message}`);
        }
      }
    });
  });
});
