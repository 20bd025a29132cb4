#!/usr/bin/env node
// Bundles the extension client, the language server and the CLI with esbuild into dist/, and
// the client and the same server a second time for VS Code for the Web (dist/web/: a browser
// extension host and a web worker). Each bundle is self-contained (no node_modules at run
// time), so the .vsix and the npm bins cannot hit "Cannot find module" at run time.
// Each build's metafile (what it inlined) is kept in out/bundle-meta/ for the tests, and
// THIRD_PARTY_NOTICES.md is generated from them (scripts/notices.mjs).
import { build } from 'esbuild';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NOTICES_FILE, thirdPartyNotices } from './notices.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  sourcemap: false,
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
  define: { PACKAGE_VERSION: JSON.stringify(pkg.version), PACKAGE_HOMEPAGE: JSON.stringify(pkg.homepage ?? '') },
};
const shebang = { js: '#!/usr/bin/env node' };

// Node modules the server and the CLI never use: they start no process, open no network
// connection and evaluate no code (docs/behaviour.md#configuration). vscode-languageserver still requires two of them
// at load time for code paths this product never takes: `net` for the `--socket`/`--pipe`
// transports (vscode-jsonrpc/node) and `child_process` for `Files.resolveGlobalNodePath` &
// co. (vscode-languageserver/node/files.js). Those requires get a stub that loads, and
// throws with a clear message if anything is ever called on it; the stdio and node-ipc
// transports are unaffected. test/security/imports.test.ts checks the bundles.
const UNAVAILABLE_MODULES = ['child_process', 'net', 'http', 'https', 'http2', 'tls', 'dgram', 'vm', 'worker_threads', 'cluster'];
const unavailableModules = {
  name: 'unavailable-modules',
  setup(b) {
    const filter = new RegExp(`^(node:)?(${UNAVAILABLE_MODULES.join('|')})$`);
    b.onResolve({ filter }, (args) => ({ path: args.path.replace(/^node:/, ''), namespace: 'unavailable-module' }));
    b.onLoad({ filter: /.*/, namespace: 'unavailable-module' }, (args) => unavailableModuleSource(args.path));
  },
};
function unavailableModuleSource(name) {
  return {
      loader: 'js',
      contents: `const name = ${JSON.stringify(name)};
const unavailable = (what) => () => {
  throw new Error('crdb-restore-guard: ' + name + '.' + what + '() is not available: the server and the CLI start no process and open no network connection (use --stdio or --node-ipc)');
};
module.exports = new Proxy({}, { get: (_, key) => (typeof key === 'string' && key !== '__esModule' && key !== 'then' ? unavailable(key) : undefined) });
`,
  };
}
// The server analyses large documents on a worker thread running dist/analysisWorker.js (our
// own bundle, named by a literal path; see server/src/lsp/backgroundAnalyzer.ts): the server
// bundle gets the real worker_threads, the CLI does not.
const serverUnavailable = { ...unavailableModules, name: 'unavailable-modules-server', setup(b) {
  const filter = new RegExp(`^(node:)?(${UNAVAILABLE_MODULES.filter((m) => m !== 'worker_threads').join('|')})$`);
  b.onResolve({ filter }, (args) => ({ path: args.path.replace(/^node:/, ''), namespace: 'unavailable-module' }));
  b.onLoad({ filter: /.*/, namespace: 'unavailable-module' }, (args) => unavailableModuleSource(args.path));
} };
// The web builds: platform 'browser' makes any Node built-in an unresolvable import (the build
// fails), and test/web/browserBundles.test.ts reads their metafiles to prove none is inlined.
// The LSP handlers import vscode-languageserver's node entry for the protocol's common API
// (kinds, types, the connection interface); in the worker build that import is its browser
// entry, which exports the same API over a worker's message port.
// Node-only modules of the server with a browser counterpart of the same exports in
// server/src/browser/ (what a package.json "browser" map does for a package).
const browserCounterparts = {
  name: 'browser-counterparts',
  setup(b) {
    b.onResolve({ filter: /^\.\/collectionsFix$/ }, (args) =>
      args.importer.includes(join('server', 'src', 'lsp')) ? { path: join(root, 'server', 'src', 'browser', 'collectionsFix.ts') } : undefined,
    );
  },
};
const web = {
  platform: 'browser',
  target: 'es2022',
  mainFields: ['browser', 'module', 'main'],
  alias: { 'vscode-languageserver/node': 'vscode-languageserver/browser', 'vscode-languageclient/node': 'vscode-languageclient/browser' },
};
const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', banner: shebang, plugins: [serverUnavailable] },
  { entryPoints: ['server/src/analysisWorker.ts'], outfile: 'dist/analysisWorker.js', plugins: [serverUnavailable] },
  { entryPoints: ['server/src/cli/index.ts'], outfile: 'dist/cli.js', banner: shebang, plugins: [unavailableModules] },
  { entryPoints: ['client/src/browserExtension.ts'], outfile: 'dist/web/client.js', external: ['vscode'], ...web, format: 'cjs' },
  { entryPoints: ['server/src/browserServer.ts'], outfile: 'dist/web/server.js', ...web, format: 'iife', plugins: [browserCounterparts] },
];
const metaDir = join(root, 'out', 'bundle-meta');
mkdirSync(metaDir, { recursive: true });
const metafiles = [];
for (const e of entries) {
  if (!existsSync(join(root, e.entryPoints[0]))) continue;
  const result = await build({ ...common, ...e, absWorkingDir: root, metafile: true });
  if (e.banner) chmodSync(join(root, e.outfile), 0o755);
  const metaName = e.outfile.replace(/^dist\//, '').split('/').join('-').replace(/\.js$/, '.json');
  writeFileSync(join(metaDir, metaName), JSON.stringify(result.metafile));
  metafiles.push(result.metafile);
}
writeFileSync(join(root, NOTICES_FILE), thirdPartyNotices(root, metafiles));
