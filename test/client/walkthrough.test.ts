// The first hour: the VS Code walkthrough (package.json contributes.walkthroughs) and the
// getting-started page the missing-version hover links to.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const shipped: string[] = pkg.files;

/** Whether the package's `files` allow-list (the .vsix and the npm package) keeps `rel`: a listed file or folder. */
function isShipped(rel: string): boolean {
  return shipped.some((p) => !p.includes('*') && (p === rel || rel.startsWith(`${p}/`)));
}

describe('walkthrough and getting started', () => {
  const w = pkg.contributes.walkthroughs?.[0];

  it('one walkthrough: what it checks, how versions are known, a sample runbook to open, the CLI for CI', () => {
    assert.ok(w, 'contributes.walkthroughs');
    assert.deepStrictEqual(
      w.steps.map((s: { id: string }) => s.id),
      ['checks', 'versions', 'sample', 'ci'],
    );
    assert.match(fs.readFileSync(path.join(ROOT, w.steps[3].media.markdown), 'utf8'), /npx crdb-restore-guard/);
  });

  it('every step’s media exists and is shipped in the .vsix; its command links name commands that exist', () => {
    const contributed = new Set(pkg.contributes.commands.map((c: { command: string }) => c.command));
    const clientOnly = new Set(['crdbRestoreGuard.openDocumentation', 'workbench.action.openSettings']);
    for (const s of w.steps) {
      const media = s.media.markdown as string;
      assert.ok(fs.existsSync(path.join(ROOT, media)), media);
      assert.ok(isShipped(media), `${media} is in the .vsix`);
      for (const m of (s.description as string).matchAll(/\(command:([\w.]+)/g)) {
        assert.ok(contributed.has(m[1]) || clientOnly.has(m[1]), `${s.id}: command ${m[1]}`);
      }
    }
    const sample = path.join('docs', 'walkthrough', 'sample-runbook.md');
    assert.ok(fs.existsSync(path.join(ROOT, sample)) && isShipped(sample));
    assert.ok(contributed.has('crdbRestoreGuard.openSample'));
  });

  it('docs/getting-started.md exists, is shipped, and covers the directive forms, BACKUP facts, fixes and the CLI', () => {
    const rel = path.join('docs', 'getting-started.md');
    assert.ok(isShipped(rel));
    const text = fs.readFileSync(path.join(ROOT, rel), 'utf8');
    for (const needle of ['-- crdb: backup-version=', '<!-- crdb: target-version=', 'BACKUP earlier in the document', 'defaultTargetVersion', 'placeholders', 'npx crdb-restore-guard']) {
      assert.ok(text.includes(needle), needle);
    }
  });
});
