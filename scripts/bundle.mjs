#!/usr/bin/env node
// Bundles the extension client, the language server and the CLI with esbuild into dist/.
// Each bundle is self-contained (no node_modules at run time), so the .vsix and the npm bins
// cannot hit "Cannot find module" at run time.
import { build } from 'esbuild';
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
  define: { PACKAGE_VERSION: JSON.stringify(pkg.version) },
};
const shebang = { js: '#!/usr/bin/env node' };
const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', banner: shebang },
  { entryPoints: ['server/src/cli/index.ts'], outfile: 'dist/cli.js', banner: shebang },
];
for (const e of entries) {
  if (!existsSync(join(root, e.entryPoints[0]))) continue;
  await build({ ...common, ...e, absWorkingDir: root });
  if (e.banner) chmodSync(join(root, e.outfile), 0o755);
}
