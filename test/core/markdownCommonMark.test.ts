// The extraction on the CommonMark spec examples (the commonmark-spec package), with the
// spec's own HTML as the expected answer: every example's code blocks are found (the block
// tokens and the outline count as many as the HTML has `<pre><code>`), and each fenced block,
// once its info
// string says `sql`, becomes an SQL region whose text is exactly the block's content as the
// spec renders it. The same holds with every example put inside list items and block quotes
// (nested too), and with CRLF and CR line breaks; every region's segments map back onto the
// document text (checkRegions).
import * as assert from 'assert';
import { extractMarkdownUnguarded, markdownOutline } from '../../server/src/core/markdown';
import { blockTokens } from '../../server/src/core/markdown/blockTokens';
import type { MarkdownExtraction } from '../../server/src/core/types';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const spec: { tests: { markdown: string; html: string; number: number; section: string }[] } = require('commonmark-spec');

interface Example {
  name: string;
  text: string;
  /** Content of each `<pre><code>` block of the spec's HTML, in order, HTML entities decoded. */
  codeBlocks: string[];
}

function decodeHtml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

/** The spec writes tabs as `→`. */
const EXAMPLES: Example[] = spec.tests.map((t) => ({
  name: `spec example ${t.number} (${t.section})`,
  text: t.markdown.replace(/→/g, '\t'),
  codeBlocks: [...t.html.matchAll(/<pre><code[^>]*>([\s\S]*?)<\/code><\/pre>/g)].map((m) => decodeHtml(m[1])),
}));

/** Every region's segments are document text and the region text is those segments joined by `\n`. */
function checkRegions(doc: string, x: MarkdownExtraction, name: string): void {
  for (const r of x.regions) {
    let pos = 0;
    for (const s of r.segments) {
      assert.ok(s.regionStart >= pos && s.length > 0, `${name}: segments sorted, disjoint, not empty`);
      for (let i = pos; i < s.regionStart; i++) assert.strictEqual(r.text[i], '\n', `${name}: a gap is a joining newline`);
      assert.strictEqual(r.text.substr(s.regionStart, s.length), doc.substr(s.docStart, s.length), `${name}: segment is document text`);
      pos = s.regionStart + s.length;
    }
  }
}

/** The example with the info string of the fence opened on `line` replaced by `sql`. */
function withSqlInfo(text: string, eol: string, line: number): string {
  const lines = text.split(eol);
  lines[line] = lines[line].replace(/(`{3,}|~{3,})(.*)$/, '$1sql');
  return lines.join(eol);
}

/**
 * Checks `text` (an example, maybe wrapped in containers or with other line breaks) against
 * the spec's code blocks: as many code blocks in the outline, and each fenced one, made an
 * SQL fence, extracted with exactly the spec's content (its last line break is the fence's,
 * not the region's). Returns how many fenced blocks were checked.
 */
function checkExample(name: string, text: string, eol: string, expected: string[]): number {
  assert.strictEqual(markdownOutline(text).codeBlocks.length, expected.length, `${name}: code blocks in the outline of ${JSON.stringify(text)}`);
  const blocks = blockTokens(text).tokens.filter((t) => t.type === 'fence' || t.type === 'code_block');
  assert.strictEqual(blocks.length, expected.length, `${name}: code blocks of ${JSON.stringify(text)}`);
  let fenced = 0;
  blocks.forEach((block, k) => {
    if (block.type !== 'fence' || block.map === null) return;
    fenced++;
    const variant = withSqlInfo(text, eol, block.map[0]);
    const x = extractMarkdownUnguarded(variant);
    checkRegions(variant, x, name);
    const want = expected[k].replace(/\n$/, '');
    if (x.regions.length === 0) {
      // Only a fence holding nothing but line breaks gives no region (there is nothing to scan).
      assert.match(want, /^\n*$/, `${name}: no region for block ${k} of ${JSON.stringify(variant)}`);
      return;
    }
    assert.strictEqual(x.regions.length, 1, `${name}: regions of ${JSON.stringify(variant)}`);
    assert.strictEqual(x.regions[0].text, want, `${name}: text of block ${k} of ${JSON.stringify(variant)}`);
  });
  return fenced;
}

/** Each line of `text` behind a container prefix: the first line behind `first`, the rest behind `rest`. */
function contained(text: string, first: string, rest: string): string {
  return text
    .split('\n')
    .map((l, i) => (i === 0 ? first : rest) + l)
    .join('\n');
}

/**
 * Container prefixes: the first line's and the others'. `list`: the example's text follows a
 * list marker directly, where CommonMark reads it differently when its first line starts with
 * a blank (the item's content column moves) or with `*`, `-`, `_`, `+` (`- ---` is a
 * thematic break, `* - a` two lists); those examples are left out there.
 */
const CONTAINERS: { first: string; rest: string; list: boolean }[] = [
  { first: '- ', rest: '  ', list: true },
  { first: '1. ', rest: '   ', list: true },
  { first: '> ', rest: '> ', list: false },
  { first: '- > ', rest: '  > ', list: false },
  { first: '> 1) ', rest: '>    ', list: true },
  { first: '  * ', rest: '    ', list: true },
  { first: '> > ', rest: '> > ', list: false },
];

const listSafe = (text: string): boolean => /^[^\s*\-_+]/.test(text);

describe('markdown extraction on the CommonMark spec examples', () => {
  it('finds every code block, and every fenced one as an SQL region with the spec text', () => {
    let fenced = 0;
    for (const e of EXAMPLES) fenced += checkExample(e.name, e.text, '\n', e.codeBlocks);
    // The examples hold a few dozen fenced blocks; make sure they were all looked at.
    assert.ok(fenced >= 30, `${fenced} fenced blocks checked`);
  });

  it('the same inside list items and block quotes, nested too', () => {
    // Tabs are expanded by column, which a container prefix moves: those examples test tabs, not containers.
    const examples = EXAMPLES.filter((x) => !x.text.includes('\t'));
    for (const { first, rest, list } of CONTAINERS) {
      let fenced = 0;
      for (const e of examples) {
        if (list && !listSafe(e.text)) continue;
        fenced += checkExample(`${e.name} in ${JSON.stringify(first)}`, contained(e.text, first, rest), '\n', e.codeBlocks);
      }
      assert.ok(fenced >= 20, `${fenced} fenced blocks checked in ${JSON.stringify(first)}`);
    }
  });

  it('the same with CRLF and CR line breaks', () => {
    for (const e of EXAMPLES) {
      for (const eol of ['\r\n', '\r']) {
        checkExample(`${e.name} (${JSON.stringify(eol)})`, e.text.replace(/\n/g, eol), eol, e.codeBlocks);
      }
    }
  });
});
