// Code comments and tests point to the behaviour they implement as `docs/behaviour.md#<anchor>`.
// A renamed heading would leave those pointers dangling: every one must name a heading of
// docs/behaviour.md (anchors as GitHub makes them from the heading text).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const DIRS = ['server/src', 'client/src', 'scripts', 'test'];

/** GitHub's heading anchor: lower case, punctuation other than `-` dropped, spaces to `-`. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== 'fixtures') out.push(...sourceFiles(p));
    } else if (/\.(ts|mjs|js)$/.test(e.name)) out.push(p);
  }
  return out;
}

describe('docs/behaviour.md: the pointers into it', () => {
  const doc = fs.readFileSync(path.join(ROOT, 'docs', 'behaviour.md'), 'utf8');
  const anchors = new Set([...doc.matchAll(/^#{2,4} (.+)$/gm)].map((m) => anchorOf(m[1])));

  it('anchors are made from headings as GitHub makes them', () => {
    assert.strictEqual(anchorOf('Backup and target of a RESTORE'), 'backup-and-target-of-a-restore');
    assert.ok(anchors.has('compatibility-rule') && anchors.has('directives') && anchors.has('sql-lexical-rules'));
  });

  it('every docs/behaviour.md#<anchor> in the code and tests names a heading', () => {
    const refs: string[] = [];
    for (const dir of DIRS) {
      for (const file of sourceFiles(path.join(ROOT, dir))) {
        for (const m of fs.readFileSync(file, 'utf8').matchAll(/docs\/behaviour\.md#([\w-]+)/g)) refs.push(`${path.relative(ROOT, file)}: #${m[1]}`);
      }
    }
    assert.ok(refs.length >= 30, `the code points to the behaviour (${refs.length} pointers)`);
    const dangling = refs.filter((r) => !anchors.has(r.slice(r.lastIndexOf('#') + 1)));
    assert.deepStrictEqual(dangling, []);
  });

  it('the table of contents links only to headings of the page', () => {
    const links = [...doc.matchAll(/\]\(#([\w-]+)\)/g)].map((m) => m[1]);
    assert.deepStrictEqual(links.filter((l) => !anchors.has(l)), []);
  });
});
