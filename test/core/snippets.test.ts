// The snippets (snippets/*.json, contributed in package.json): each one, expanded with its
// default values, is a runbook fragment the analyzer reads as intended: directives it knows,
// statements whose versions are all known and supported.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyze, briefs } from '../helpers/analyze';

const ROOT = path.resolve(__dirname, '..', '..', '..');

interface Snippet {
  prefix: string | string[];
  description: string;
  body: string[];
}

/** The text VS Code inserts when every placeholder keeps its default (choices: the first). */
export function expand(body: string[]): string {
  return body
    .join('\n')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
    .replace(/\$\d+/g, '');
}

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  contributes: { snippets: { language: string; path: string }[] };
  files: string[];
};

describe('snippets', () => {
  it('are contributed for sql and markdown, and shipped in the .vsix', () => {
    assert.deepStrictEqual(
      pkg.contributes.snippets.map((s) => `${s.language} ${s.path}`),
      ['sql ./snippets/sql.json', 'markdown ./snippets/markdown.json'],
    );
    // package.json's `files` allow-list is what vsce and npm package.
    assert.ok(pkg.files.includes('snippets'), 'package.json files includes snippets');
  });

  for (const { language, path: file } of pkg.contributes.snippets) {
    const snippets = JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, Snippet>;
    const lang = language as 'sql' | 'markdown';

    it(`${file}: a directive snippet, an annotated BACKUP/RESTORE pair and an annotated RESTORE, each with a prefix starting "crdb"`, () => {
      const names = Object.keys(snippets);
      assert.deepStrictEqual(names, [
        'CockroachDB Restore Guard: version directive',
        'CockroachDB Restore Guard: annotated BACKUP/RESTORE pair',
        'CockroachDB Restore Guard: annotated RESTORE',
      ]);
      for (const s of Object.values(snippets)) {
        const prefixes = Array.isArray(s.prefix) ? s.prefix : [s.prefix];
        assert.ok(prefixes[0].startsWith('crdb'), String(prefixes));
        assert.ok(s.description.length > 20);
      }
    });

    it(`${file}: the directive snippet expands to a directive with no finding`, () => {
      const text = expand(snippets['CockroachDB Restore Guard: version directive'].body);
      const a = analyze(text, lang);
      assert.strictEqual(a.directives.length, 1, text);
      assert.deepStrictEqual(a.directives[0].entries.map((e) => `${e.key}=${e.value}`), ['backup-version=24.1', 'target-version=24.3']);
      assert.deepStrictEqual(briefs(a), []);
    });

    it(`${file}: the BACKUP/RESTORE pair: the RESTORE takes its backup version from the BACKUP, supported, no finding`, () => {
      const text = expand(snippets['CockroachDB Restore Guard: annotated BACKUP/RESTORE pair'].body);
      const a = analyze(text, lang);
      assert.deepStrictEqual(briefs(a), []);
      const restore = a.statements.find((s) => s.kind === 'restore');
      assert.ok(restore, text);
      assert.strictEqual(restore.backup?.source, 'backup-statement');
      assert.strictEqual(`${restore.backup?.version?.major} → ${restore.target?.version?.major} ${restore.verdict?.kind}`, '24.1 → 24.3 supported');
    });

    it(`${file}: the annotated RESTORE: both versions from its directive, supported, no finding`, () => {
      const text = expand(snippets['CockroachDB Restore Guard: annotated RESTORE'].body);
      const a = analyze(text, lang);
      assert.deepStrictEqual(briefs(a), []);
      const restore = a.statements.find((s) => s.kind === 'restore');
      assert.strictEqual(`${restore?.backup?.version?.major} → ${restore?.target?.version?.major} ${restore?.verdict?.kind}`, '24.1 → 24.3 supported');
    });
  }
});
