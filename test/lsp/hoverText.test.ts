// Hover text under hostile input (issue 15 items 5 and 13, hover half): document text in a
// hover is escaped (no image, HTML or table break from a collection URI; control characters
// visible), and the plain-text conversion is linear.
import * as assert from 'assert';
import MarkdownIt from 'markdown-it';
import { analyzeDocument } from '../../server/src/core/analyze';
import { analyzeOptions } from '../../server/src/core/settings';
import { hoverAt } from '../../server/src/lsp/hover';
import { escapeMarkdown, toPlainText } from '../../server/src/lsp/markdownText';

const options = analyzeOptions({ today: '2025-06-01' }, 'sql');

function restoreHover(collection: string) {
  const text = `-- crdb: target-version=24.3\nRESTORE DATABASE d FROM LATEST IN '${collection}';\n`;
  const analysis = analyzeDocument(text, options);
  const h = hoverAt(analysis, text.indexOf('RESTORE') + 1, options.catalog, options.today);
  assert.ok(h);
  return h.markdown;
}

describe('hover: document text is escaped', () => {
  const hostile = "s3://b/![x](https://evil.example/pixel.png)<img src=https://evil.example/a.png>|col|\u001b]0;title\u0007";

  it('a collection URI with an image, HTML, a pipe and escape sequences renders as text', () => {
    const md = restoreHover(hostile);
    const html = new MarkdownIt({ html: true }).render(md);
    assert.doesNotMatch(html, /<img/, 'no image or HTML element rendered');
    assert.ok(html.includes('evil.example/pixel.png'), 'the URI is still shown');
    assert.doesNotMatch(md, /[\u0000-\u0008\u000b-\u001f\u007f]/, 'no raw control character');
    assert.match(md, /\\u001b/);
    // The table keeps its three columns: the URI's pipe is escaped.
    const row = md.split('\n').find((l) => l.startsWith('| backup |'))!;
    assert.strictEqual(row.split(/(?<!\\)\|/).length, 5, row);
  });

  it('plain text shows the URI as written (escapes undone), without markdown syntax', () => {
    const plain = toPlainText(restoreHover(hostile));
    assert.ok(plain.includes("'s3://b/![x](https://evil.example/pixel.png)<img src=https://evil.example/a.png>|col|\\u001b]0;title\\u0007'"), plain);
    assert.doesNotMatch(plain, /\*\*/);
  });

  it('escaped text renders as exactly itself (markdown-it, property over punctuation)', () => {
    const md = new MarkdownIt();
    for (const s of ['a*b*c', '__x__', '[a](b)', '![i](u)', '`code`', '<b>x</b>', 'a\\b', 'x | y', '~~s~~', '&amp;']) {
      const html = md.renderInline(`before ${escapeMarkdown(s)} after`);
      const expected = `before ${s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')} after`;
      assert.strictEqual(html, expected, s);
    }
  });
});

describe('hover: plain text conversion is linear', () => {
  it('100,000 `[` (was 4–7 s per hover): growth ratio, not seconds', () => {
    const time = (n: number) => {
      const md = `| backup | ? | ${escapeMarkdown(`no BACKUP into '${'['.repeat(n)}'`)} |\n${'['.repeat(n)}`;
      const t0 = performance.now();
      toPlainText(md);
      return performance.now() - t0;
    };
    time(10000);
    const small = time(50000);
    const big = time(200000);
    assert.ok(big < Math.max(small, 5) * 12, `4× the brackets: ${big.toFixed(1)} ms vs ${small.toFixed(1)} ms`);
  });

  it('keeps the conversions of the hover\'s own markdown', () => {
    assert.strictEqual(toPlainText('**CockroachDB** — `x`\n| | version |\n|---|---|\n| backup | 23.2 |\n[Docs](https://x.example/a)'), 'CockroachDB — x\nversion\nbackup  23.2\nDocs: https://x.example/a');
  });
});
