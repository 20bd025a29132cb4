#!/usr/bin/env node
// The analysis core (server/src/core) runs in the Node server, the CLI and the browser worker:
// it must not import the editor (`vscode`), the language server protocol packages or Node's
// built-ins, directly or through another module. This compiles the core alone, under its own
// tsconfig (no ambient types: `process`, `Buffer` and Node's modules do not exist there), and
// fails when
// - the compile reports an error (e.g. `Cannot find module 'fs'`, `Cannot find name 'process'`);
// - the program holds a file outside the core other than TypeScript's own libraries and the
//   pure packages allowed below (an import of `vscode-languageserver`, `vscode`, `../lsp/…` or
//   `../node/…` brings one in, and with it, usually, the Node types).
// `npm run build` runs it; test/core/coreBoundary.test.ts runs it on a copy of the core with a
// bad import to prove it fails. Usage: node scripts/check-core-boundary.mjs [tsconfig.json]
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** Packages the core may use: markdown-it (block parse) and the packages its types reference. */
const ALLOWED_PACKAGES = ['markdown-it', '@types/markdown-it', 'linkify-it', '@types/linkify-it', 'mdurl', '@types/mdurl', 'uc.micro', '@types/uc.micro', 'entities', 'punycode.js'];

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const configPath = resolve(process.argv[2] ?? join(root, 'server', 'src', 'core', 'tsconfig.json'));
const coreDir = dirname(configPath);

const problems = [];
const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => problems.push(format(d)) };
const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, host);
if (!parsed) fail();
parsed.errors.forEach((d) => problems.push(format(d)));
const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, projectReferences: parsed.projectReferences });
ts.getPreEmitDiagnostics(program).forEach((d) => problems.push(format(d)));

const tsLib = dirname(ts.getDefaultLibFilePath(parsed.options));
const allowed = (file) => isInside(file, coreDir) || isInside(file, tsLib) || ALLOWED_PACKAGES.includes(packageOf(file));
const outside = program.getSourceFiles().map((sf) => resolve(sf.fileName)).filter((f) => !allowed(f));
if (outside.length) {
  // Name the core's imports that lead out first: the rest (their own imports) follow from them.
  for (const name of parsed.fileNames) {
    for (const imp of ts.preProcessFile(ts.sys.readFile(name) ?? '', true, true).importedFiles) {
      const r = ts.resolveModuleName(imp.fileName, name, parsed.options, ts.sys).resolvedModule;
      if (r && !allowed(resolve(r.resolvedFileName))) problems.push(`${relative(root, name)}: imports '${imp.fileName}' (${relative(root, r.resolvedFileName)}), outside the core`);
    }
  }
  const shown = outside.slice(0, 5).map((f) => relative(root, f));
  problems.push(`the core's program holds ${outside.length} files from outside it: ${shown.join(', ')}${outside.length > 5 ? ', …' : ''}`);
}
if (problems.length) fail();
console.log(`core boundary: ${parsed.fileNames.length} files compile alone, with no editor, LSP or Node import`);

function fail() {
  console.error(`core boundary: server/src/core must not use vscode, the LSP packages or Node (it also runs in the browser):\n${problems.map((p) => `  ${p}`).join('\n')}`);
  process.exit(1);
}

function format(d) {
  const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
  if (!d.file || d.start === undefined) return text;
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  return `${relative(root, d.file.fileName)}:${line + 1}:${character + 1}: ${text}`;
}

function isInside(file, dir) {
  const rel = relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel);
}

/** `vscode-languageserver`, `@types/node` for a file under node_modules; undefined otherwise. */
function packageOf(file) {
  const parts = file.split(sep);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return undefined;
  return parts[at + 1]?.startsWith('@') ? `${parts[at + 1]}/${parts[at + 2]}` : parts[at + 1];
}
