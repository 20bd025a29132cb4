// VS Code for the Web runs the extension in a browser: dist/web/client.js in the web extension
// host and dist/web/server.js in a web worker. Neither may contain a Node built-in (the build
// uses platform 'browser', where one would not resolve; this reads what esbuild recorded).
// The Node bundles stay as they are. test/e2e/web/ runs the worker in Chromium.
import * as assert from 'assert';
import * as fs from 'fs';
import { builtinModules } from 'module';
import * as path from 'path';
import { REPO_ROOT } from '../protocol/lspClient';

interface Metafile {
  inputs: Record<string, { imports: { path: string; external?: boolean }[] }>;
  outputs: Record<string, { imports: { path: string; external?: boolean }[]; inputs: Record<string, unknown> }>;
}

const meta = (name: string) => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'out', 'bundle-meta', `${name}.json`), 'utf8')) as Metafile;
const isBuiltin = (m: string) => m.startsWith('node:') || builtinModules.includes(m) || builtinModules.includes(m.split('/')[0]);
const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));

describe('web: the browser bundles', () => {
  for (const name of ['web-server', 'web-client']) {
    it(`${name}: no Node built-in imported, inlined or left external`, () => {
      const m = meta(name);
      const imported = Object.values(m.inputs).flatMap((i) => i.imports.map((x) => x.path));
      assert.deepStrictEqual(imported.filter(isBuiltin), []);
      const external = [...new Set(Object.values(m.outputs).flatMap((o) => o.imports.map((x) => x.path)))];
      assert.deepStrictEqual(external, name === 'web-client' ? ['vscode'] : []);
      // Nothing from the Node side: no vscode-languageserver/node, no node/ modules of ours.
      const inputs = Object.keys(m.inputs);
      assert.deepStrictEqual(inputs.filter((i) => /\/lib\/node\/|^server\/src\/(node|cli)\//.test(i)), []);
    });
  }

  it('the worker bundle is the same server: every LSP handler module is in it', () => {
    const inputs = Object.keys(meta('web-server').inputs);
    const handlers = fs.readdirSync(path.join(REPO_ROOT, 'server', 'src', 'lsp')).filter((f) => /Handlers\.ts$/.test(f));
    assert.ok(handlers.length >= 5);
    for (const h of handlers) assert.ok(inputs.includes(`server/src/lsp/${h}`), h);
    assert.ok(inputs.includes('node_modules/vscode-languageserver/lib/browser/main.js'));
  });

  it('package.json: a browser entry that exists, virtual workspaces supported', () => {
    assert.strictEqual(pkg.browser, './dist/web/client.js');
    assert.ok(fs.existsSync(path.join(REPO_ROOT, pkg.browser)));
    assert.deepStrictEqual(pkg.capabilities.virtualWorkspaces, { supported: true });
    assert.strictEqual(fs.readFileSync(path.join(REPO_ROOT, 'dist', 'web', 'server.js'), 'utf8').includes('require("fs")'), false);
  });
});
