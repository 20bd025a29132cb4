#!/usr/bin/env node
// Failure injection for the end-to-end suites: writes a deliberately broken copy of the built
// language server (dist/server.js) into the git-ignored cache dir and prints its path. The
// sources and dist/ are never touched.
//
//   node test/e2e/mutate-server.mjs no-hover        hover handler not registered
//   node test/e2e/mutate-server.mjs no-code-action  code action handler not registered
//
// `E2E_MUTANT=no-hover npm run test:e2e` runs every suite against such a copy: the installed
// VS Code extension gets it in place of its dist/server.js (E2E_SERVER_JS), Neovim and Emacs
// start it (CRDB_RESTORE_GUARD_SERVER). Every suite that checks the broken feature must fail.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CACHE = path.resolve(process.env.E2E_CACHE || path.join(REPO, '.e2e'));
const MUTANTS = {
  // `void (handler)` evaluates the handler and registers nothing: the server answers
  // MethodNotFound, as a server without the feature would.
  'no-hover': ['connection.onHover(', 'void ('],
  'no-code-action': ['connection.onCodeAction(', 'void ('],
};

const name = process.argv[2];
if (!MUTANTS[name]) {
  console.error(`usage: mutate-server.mjs <${Object.keys(MUTANTS).join('|')}>`);
  process.exit(2);
}
const [from, to] = MUTANTS[name];
const source = fs.readFileSync(path.join(REPO, 'dist/server.js'), 'utf8');
const hits = source.split(from).length - 1;
if (hits !== 1) {
  console.error(`mutate-server: expected "${from}" once in dist/server.js, found it ${hits} times; update MUTANTS`);
  process.exit(2);
}
const out = path.join(CACHE, 'mutants', name, 'server.js');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, source.replace(from, to), { mode: 0o755 });
console.log(out);
