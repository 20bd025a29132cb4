// Differential test: our CommonMark block scanner (server/src/core/markdown/blocks.ts) against
// markdown-it, the parser it replaces on the analysis path. Over the CommonMark spec examples
// (the commonmark-spec package), the same examples inside list items and block quotes and
// with CRLF line breaks, and seeded generated documents, every fenced block must agree —
// info string, content lines (container prefixes cut, tab padding included) and start/end
// lines — and so must every other block the extraction or the outline reads (paragraph and
// heading text ranges, HTML blocks, indented code blocks, headings). The whole extraction
// (regions, directive comments) and the outline (headings with their text, code blocks) are
// also compared with the markdown-it based ones.
import * as assert from 'assert';
import { BlockKind, scanBlocks } from '../../server/src/core/markdown/blocks';
import {
  extractMarkdownUnguarded,
  extractMarkdownWithMarkdownIt,
  markdownOutline,
  markdownOutlineWithMarkdownIt,
} from '../../server/src/core/markdown';
import { markdownItBlocks } from '../../server/src/core/markdown/markdownItExtract';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const spec: { tests: { markdown: string; number: number; section: string }[] } = require('commonmark-spec');

/** The spec writes tabs as `→`. */
const EXAMPLES = spec.tests.map((t) => ({ name: `spec example ${t.number} (${t.section})`, text: t.markdown.replace(/→/g, '\t') }));

interface Blocks {
  fences: string[];
  others: string[];
}

/** markdown-it's view: one line per block, in token order. */
function viaMarkdownIt(text: string): Blocks {
  const { tokens } = markdownItBlocks(text);
  const fences: string[] = [];
  const others: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.map === null) continue;
    if (t.type === 'fence') fences.push(`fence ${t.map[0]}-${t.map[1]} info=${JSON.stringify(t.info)} content=${JSON.stringify(t.content)}`);
    else if (t.type === 'inline') others.push(`inline ${t.map[0]}-${t.map[1]}`);
    else if (t.type === 'html_block') others.push(`html ${t.map[0]}-${t.map[1]}`);
    else if (t.type === 'code_block') others.push(`code ${t.map[0]}-${t.map[1]}`);
    else if (t.type === 'heading_open') others.push(`heading ${t.map[0]}-${t.map[1]} level=${t.tag.slice(1)}`);
  }
  return { fences, others };
}

/** Our view of the same, with fence content rebuilt the way markdown-it's getLines writes it. */
function viaScanner(text: string): Blocks {
  const scan = scanBlocks(text, { fenceContent: () => true, outline: true, pads: true });
  const src = text.replace(/\0/g, '\uFFFD');
  const fences: string[] = [];
  const others: string[] = [];
  const b = scan.blocks;
  for (let i = 0; i < b.length; i += 4) {
    const [kind, line, end, extra] = [b[i], b[i + 1], b[i + 2], b[i + 3]];
    if (kind === BlockKind.Fence) {
      const f = scan.fences[extra];
      let content = '';
      for (let k = 0; k < f.starts.length; k++) {
        const lineEnd = f.starts[k] + f.lens[k];
        content += ' '.repeat(f.pads[k]) + src.slice(f.starts[k], lineEnd) + (lineEnd < text.length ? '\n' : '');
      }
      fences.push(`fence ${line}-${end} info=${JSON.stringify(f.info)} content=${JSON.stringify(content)}`);
    } else if (kind === BlockKind.Inline) others.push(`inline ${line}-${end}`);
    else if (kind === BlockKind.Html) others.push(`html ${line}-${end}`);
    else if (kind === BlockKind.Code) others.push(`code ${line}-${end}`);
    else if (kind === BlockKind.Heading) others.push(`heading ${line}-${end} level=${extra}`);
  }
  return { fences, others };
}

function agree(name: string, text: string): void {
  const theirs = viaMarkdownIt(text);
  const ours = viaScanner(text);
  assert.deepStrictEqual(ours.fences, theirs.fences, `${name}: fenced blocks differ for ${JSON.stringify(text)}`);
  assert.deepStrictEqual(ours.others, theirs.others, `${name}: blocks differ for ${JSON.stringify(text)}`);
  const a = extractMarkdownUnguarded(text);
  const b = extractMarkdownWithMarkdownIt(text);
  assert.deepStrictEqual(a, b, `${name}: extraction differs for ${JSON.stringify(text)}`);
  assert.deepStrictEqual(markdownOutline(text), markdownOutlineWithMarkdownIt(text), `${name}: outline differs for ${JSON.stringify(text)}`);
}

/** Each line of `text` behind a container prefix: the first line behind `first`, the rest behind `rest`. */
function contained(text: string, first: string, rest: string): string {
  return text
    .split('\n')
    .map((l, i) => (i === 0 ? first : rest) + l)
    .join('\n');
}

// ---------------------------------------------------------------------------------------------
// Generated documents: lines assembled from the block syntax that decides where fences are.

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INDENTS = ['', '', '', ' ', '  ', '   ', '    ', '\t', ' \t', '  \t', '     '];
const PREFIXES = ['', '', '', '', '> ', '>', '> > ', '- ', '* ', '+ ', '1. ', '2) ', '10. ', '-\t', '>\t', '- > ', '1. - ', '> 1. '];
const BODIES = [
  '```sql',
  '```',
  '````',
  '~~~',
  '~~~ sql',
  '``` sql title="x"',
  '```bash',
  '``` `x`',
  '~~~~~~',
  'RESTORE FROM LATEST IN \'s3://x\';',
  'SELECT 1; -- x',
  'text with `code` and <!-- crdb: target-version=24.3 -->',
  '<!-- crdb: backup-version=23.2 -->',
  '<!--',
  '-->',
  '<div>',
  '</div>',
  '<details open>',
  '<pre>',
  '</pre>',
  '<?php',
  '?>',
  '<!DOCTYPE html>',
  '<![CDATA[',
  ']]>',
  '<span a=b>',
  '<x>',
  '# heading',
  '###### h6',
  '####### not',
  '#',
  '===',
  '---',
  '- - -',
  '***',
  '___',
  '-',
  '*',
  '1.',
  '[foo]: /url "title"',
  '[foo]:',
  '/url',
  '"title"',
  "'multi",
  "line'",
  '[bar]: <x y>',
  '[a\\]b]: c',
  'paragraph text',
  'lazy continuation',
  '',
  '',
  '',
  '\t\tcode',
  'cockroach sql -e "RESTORE FROM LATEST IN \'s3://y\';"',
  'x\u0000y',
];

function generated(seed: number): string {
  const rnd = prng(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)];
  const n = 1 + Math.floor(rnd() * 24);
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    let line = pick(INDENTS) + pick(PREFIXES);
    if (rnd() < 0.3) line += pick(PREFIXES);
    line += pick(BODIES);
    if (rnd() < 0.1) line += ' ';
    lines.push(line);
  }
  const breaks = rnd();
  const eol = breaks < 0.8 ? '\n' : breaks < 0.9 ? '\r\n' : '\r';
  return lines.join(eol) + (rnd() < 0.7 ? eol : '');
}

describe('markdown block scanner agrees with markdown-it', () => {
  it(`on all ${EXAMPLES.length} CommonMark spec examples`, () => {
    for (const e of EXAMPLES) agree(e.name, e.text);
  });

  it('on the spec examples inside list items and block quotes', () => {
    const wrappers: [string, string][] = [
      ['- ', '  '],
      ['1. ', '   '],
      ['> ', '> '],
      ['- > ', '  > '],
      ['> 1) ', '>    '],
      ['  * ', '    '],
      ['-\t', '\t'],
    ];
    for (const e of EXAMPLES) {
      for (const [first, rest] of wrappers) agree(`${e.name} in ${JSON.stringify(first)}`, contained(e.text, first, rest));
    }
  });

  it('on the spec examples with CRLF and CR line breaks, and without the last line break', () => {
    for (const e of EXAMPLES) {
      agree(`${e.name} (CRLF)`, e.text.replace(/\n/g, '\r\n'));
      agree(`${e.name} (CR)`, e.text.replace(/\n/g, '\r'));
      agree(`${e.name} (no final break)`, e.text.replace(/\n$/, ''));
      agree(`${e.name} (trailing blanks)`, e.text.replace(/\n$/, '\n  \t'));
    }
  });

  it('on 5,000 generated documents', () => {
    for (let seed = 1; seed <= 5000; seed++) agree(`generated document ${seed}`, generated(seed));
  });

  it('past the nesting limit', () => {
    agree('deep quotes', `${'> '.repeat(80)}\`\`\`sql\n${'> '.repeat(80)}RESTORE FROM LATEST IN 'x';\n`);
    agree('deep lists', Array.from({ length: 50 }, (_, i) => `${'  '.repeat(i)}- item\n`).join('') + `${'  '.repeat(50)}\`\`\`sql\n`);
  });
});
