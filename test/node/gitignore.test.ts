// .gitignore matching: git's semantics, the same verdicts as the `ignore` package on ordinary
// patterns, time linear in the path for patterns that made regex matchers backtrack (issue 15
// item 1), and one compilation per .gitignore version.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import ignore from 'ignore';
import { compileGitignore, gitignoreVerdict, matchSteps } from '../../server/src/node/gitignoreMatcher';
import { expandArguments, gitignoreStats, walkWorkspace } from '../../server/src/node/fileWalker';

function ignored(patterns: string, rel: string, isDir = false): boolean {
  return gitignoreVerdict(compileGitignore(patterns), rel, isDir) === true;
}

function tempTree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crdb-gitignore-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

describe('gitignore matcher: semantics', () => {
  const cases: [string, string, boolean, boolean][] = [
    // pattern, path, isDir, ignored
    ['*.sql', 'a.sql', false, true],
    ['*.sql', 'deep/er/a.sql', false, true],
    ['*.sql', 'a.sqlx', false, false],
    ['/build', 'build', true, true],
    ['/build', 'src/build', true, false],
    ['build/', 'build', false, false],
    ['build/', 'src/build', true, true],
    ['doc/frotz', 'doc/frotz', true, true],
    ['doc/frotz', 'a/doc/frotz', true, false],
    ['**/foo', 'x/y/foo', false, true],
    ['**/foo/bar', 'foo/bar', false, true],
    ['a/**/b', 'a/b', false, true],
    ['a/**/b', 'a/x/y/b', false, true],
    ['a/**/b', 'a/xb', false, false],
    ['abc/**', 'abc/x/y.sql', false, true],
    ['abc/**', 'abc', true, false], // git status walks into abc (a `!abc/x` re-includes x)
    ['?.sql', 'a.sql', false, true],
    ['?.sql', 'ab.sql', false, false],
    ['[ab].sql', 'b.sql', false, true],
    ['[!ab].sql', 'b.sql', false, false],
    ['[a-c]x.sql', 'cx.sql', false, true],
    ['\\#x.sql', '#x.sql', false, true],
    ['#x.sql', '#x.sql', false, false],
    ['\\!x.sql', '!x.sql', false, true],
    ['x.sql   ', 'x.sql', false, true],
    ['*.SQL', 'a.sql', false, true],
    ['a*', 'b/a', false, true],
    ['a*', 'ba', false, false],
    ['[a', '[a', false, true],
    ['**/**/a.md', 'a.md', false, true],
  ];
  for (const [pattern, rel, isDir, expected] of cases) {
    it(`${JSON.stringify(pattern)} ${expected ? 'ignores' : 'does not ignore'} ${rel}${isDir ? '/' : ''}`, () => {
      assert.strictEqual(ignored(pattern, rel, isDir), expected);
    });
  }

  it('the last matching line wins; `!` re-includes', () => {
    assert.strictEqual(ignored('*.sql\n!keep.sql', 'keep.sql'), false);
    assert.strictEqual(ignored('*.sql\n!keep.sql', 'drop.sql'), true);
    assert.strictEqual(ignored('!keep.sql\n*.sql', 'keep.sql'), true);
  });

  it('gives the verdicts of the `ignore` package on ordinary patterns (property)', () => {
    const seg = fc.constantFrom('a', 'b', 'ab', 'x.sql', 'a.md', '*', '*.sql', '?', 'a?', '[ab]', '**');
    const pattern = fc.tuple(fc.boolean(), fc.array(seg, { minLength: 1, maxLength: 3 }), fc.boolean(), fc.boolean()).map(
      ([lead, segs, trail, neg]) => `${neg ? '!' : ''}${lead ? '/' : ''}${segs.join('/')}${trail ? '/' : ''}`,
    );
    const name = fc.constantFrom('a', 'b', 'ab', 'x.sql', 'a.md', 'ba', 'abc.sql');
    fc.assert(
      fc.property(fc.array(pattern, { minLength: 1, maxLength: 4 }), fc.array(name, { minLength: 1, maxLength: 4 }), fc.boolean(), (patterns, names, isDir) => {
        // `ignore` rejects some shapes (a lone `!`, `**` in a segment with letters); compare on the rest.
        const text = patterns.join('\n');
        // `ignore` does not let `**/**/x` match `x`; git does (git check-ignore), and so do we.
        if (text.includes('**/**')) return;
        // Nor does it walk like git for a trailing `/**`: `git status` walks into `a` for `a/**`
        // (so `!a/keep.sql` re-includes), while `ignore` (like `git check-ignore`) matches `a/`.
        if (/\/\*\*\/?(\n|$)/.test(text)) return;
        const rel = names.join('/');
        let theirs: boolean;
        try {
          theirs = ignore().add(text).ignores(isDir ? `${rel}/` : rel);
        } catch {
          return;
        }
        // `ignore` also ignores a path whose parent folder matches; the walker never descends there, so compare on parents first.
        const parts = rel.split('/');
        for (let k = 1; k < parts.length; k++) if (ignored(text, parts.slice(0, k).join('/'), true)) return;
        assert.strictEqual(ignored(text, rel, isDir), theirs, `${JSON.stringify(text)} vs ${rel}${isDir ? '/' : ''}`);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('gitignore matcher: hostile patterns', () => {
  it('many wildcards against a long name: linear in the name (was 38–51 s with the ignore package)', () => {
    const pattern = `${'*a'.repeat(20)}*b`;
    const steps = compileGitignore(pattern).rules[0].steps;
    const time = (n: number) => {
      const name = `${'a'.repeat(n)}.sql`;
      const t0 = performance.now();
      for (let k = 0; k < 5; k++) assert.strictEqual(matchSteps(steps, name), false);
      return performance.now() - t0;
    };
    time(2000);
    const small = time(4000);
    const big = time(16000);
    // 4× the name: linear is ~4×; the backtracking matcher grows as n^20. Generous bound.
    assert.ok(big < Math.max(small, 5) * 16, `4x name took ${big.toFixed(1)} ms vs ${small.toFixed(1)} ms`);
  });

  it('a walk over a tree with a many-wildcard .gitignore and long names finishes, with the right files', function () {
    this.timeout(20000);
    const long = 'a'.repeat(60);
    const dir = tempTree({
      '.gitignore': `${'*a'.repeat(12)}*b\n${'*a'.repeat(12)}*.md\n`,
      [`${long}.sql`]: 'SELECT 1;',
      [`${long}.md`]: '# x',
      [`sub/${long}b`]: '',
    });
    const t0 = Date.now();
    const { files, warnings } = expandArguments(['.'], dir);
    assert.deepStrictEqual(files, [`${long}.sql`]);
    assert.deepStrictEqual(warnings, []);
    assert.ok(Date.now() - t0 < 10000);
  });

  it('a pattern line over 1,000 characters is skipped with a warning naming its line', () => {
    const c = compileGitignore(`a.sql\n${'x'.repeat(5000)}\n`, 'ws/.gitignore');
    assert.strictEqual(c.rules.length, 1);
    assert.deepStrictEqual(c.warnings, ['ws/.gitignore:2: pattern skipped: longer than 1000 characters']);
  });

  it('a .gitignore is compiled once per version, not on every walk', () => {
    const dir = tempTree({ '.gitignore': 'b.sql\n', 'a.sql': '', 'b.sql': '' });
    const before = gitignoreStats.compiled;
    assert.deepStrictEqual(expandArguments(['.'], dir).files, ['a.sql']);
    assert.deepStrictEqual(expandArguments(['.'], dir).files, ['a.sql']);
    assert.strictEqual(gitignoreStats.compiled - before, 1);
    fs.writeFileSync(path.join(dir, '.gitignore'), 'a.sql\n');
    assert.deepStrictEqual(expandArguments(['.'], dir).files, ['b.sql']);
    assert.strictEqual(gitignoreStats.compiled - before, 2);
  });

  it('a nested .gitignore can re-include what a parent one ignores', () => {
    const dir = tempTree({ '.gitignore': '*.sql\n', 'sub/.gitignore': '!keep.sql\n', 'sub/keep.sql': '', 'sub/drop.sql': '', 'top.sql': '' });
    assert.deepStrictEqual(expandArguments(['.'], dir).files, [path.join('sub', 'keep.sql')]);
  });
});

describe('workspace walk: asynchronous, capped, cancellable', () => {
  it('stops at maxFiles and says so', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`d${i % 3}/f${i}.sql`] = '';
    const dir = tempTree(files);
    const walk = await walkWorkspace(dir, { maxFiles: 10 });
    assert.strictEqual(walk.files.length, 10);
    assert.strictEqual(walk.truncated, true);
    const all = await walkWorkspace(dir, { maxFiles: 100 });
    assert.strictEqual(all.files.length, 30);
    assert.strictEqual(all.truncated, false);
  });

  it('yields to the event loop (a timer runs during the walk) and stops when cancelled', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`d${i}/f.sql`] = '';
    const dir = tempTree(files);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const walk = await walkWorkspace(dir, { maxFiles: 1000 });
    clearInterval(timer);
    assert.strictEqual(walk.files.length, 40);
    assert.ok(ticks > 0, 'timers ran during the walk');
    let calls = 0;
    const cancelled = await walkWorkspace(dir, { maxFiles: 1000, isCancelled: () => ++calls > 5 });
    assert.strictEqual(cancelled.cancelled, true);
    assert.ok(cancelled.files.length < 40);
  });
});
