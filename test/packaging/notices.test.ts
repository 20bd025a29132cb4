// THIRD_PARTY_NOTICES.md lists every npm package the bundles inline (read from the bundler's
// metafiles in out/bundle-meta/, written by scripts/bundle.mjs), with its version, licence and
// the licence text from the package itself.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from '../protocol/lspClient';

const META_DIR = path.join(REPO_ROOT, 'out', 'bundle-meta');
const NOTICES = path.join(REPO_ROOT, 'THIRD_PARTY_NOTICES.md');

interface Metafile {
  inputs: Record<string, unknown>;
}

/** name@version of every package directory the bundles took code from. */
function bundledPackages(): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of fs.readdirSync(META_DIR)) {
    const meta = JSON.parse(fs.readFileSync(path.join(META_DIR, f), 'utf8')) as Metafile;
    for (const input of Object.keys(meta.inputs)) {
      const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
      if (!m) continue;
      const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, m[1], 'package.json'), 'utf8')) as { name: string; version: string };
      out.set(`${pkg.name}@${pkg.version}`, m[1]);
    }
  }
  return out;
}

describe('packaging: THIRD_PARTY_NOTICES.md', () => {
  it('the metafiles of all six bundles are there', () => {
    assert.deepStrictEqual(fs.readdirSync(META_DIR).sort(), ['analysisWorker.json', 'cli.json', 'client.json', 'server.json', 'web-client.json', 'web-server.json']);
  });

  it('lists every bundled package with its version, licence and licence text', () => {
    const notices = fs.readFileSync(NOTICES, 'utf8');
    const packages = bundledPackages();
    // The ones the issue names are among them (a check that the metafile reading works); `ignore`
    // is no longer bundled: .gitignore files are matched by our own linear matcher.
    for (const name of ['markdown-it', 'entities', 'linkify-it', 'mdurl', 'picomatch', 'vscode-languageserver', 'vscode-languageclient', 'vscode-jsonrpc']) {
      assert.ok([...packages.keys()].some((k) => k.startsWith(`${name}@`)), `${name} is bundled`);
    }
    for (const [key, dir] of packages) {
      const [name, version] = [key.slice(0, key.lastIndexOf('@')), key.slice(key.lastIndexOf('@') + 1)];
      const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, dir, 'package.json'), 'utf8')) as { license: string };
      assert.ok(notices.includes(`| ${name} | ${version} | ${pkg.license} |`), `${key} in the table`);
      const section = notices.split(`\n## ${name} ${version}\n`)[1]?.split('\n## ')[0];
      assert.ok(section, `${key} has a section`);
      const licenceFile = fs.readdirSync(path.join(REPO_ROOT, dir)).find((f) => /^licen[cs]e/i.test(f));
      assert.ok(licenceFile, `${key} ships a licence file`);
      const text = fs.readFileSync(path.join(REPO_ROOT, dir, licenceFile), 'utf8').trim();
      assert.ok(section.includes(text.split('\n')[0]) && section.includes(text.split('\n').pop()!), `${key}: licence text`);
    }
    // And nothing that is not bundled (devDependencies such as mocha or esbuild).
    for (const name of ['mocha', 'esbuild', 'typescript', 'fast-check']) assert.ok(!notices.includes(`\n## ${name} `), name);
  });
});
