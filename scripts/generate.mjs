#!/usr/bin/env node
// Writes the files made from the rule table and the settings table (see
// tools/generate/surfaces.ts for the list): package.json's contributes.configuration, the config
// file's JSON schema, the grammar's rule ids, and the rules and settings tables of the READMEs.
//
//   npm run generate            compile (tsc), then write every file that changed
//   npm run generate -- --check compile, then only report stale files (exit status 1)
//
// It reads the compiled tables from out/ (hence the tsc in the npm script); the generated files
// are committed, so `npm run build` on a clean clone never needs this script.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
let surfaces;
try {
  surfaces = require(join(root, 'out/tools/generate/surfaces.js'));
} catch (e) {
  console.error(`generate: cannot load out/tools/generate/surfaces.js (run \`npx tsc -p .\` first): ${e.message}`);
  process.exit(2);
}

const check = process.argv.includes('--check');
const stale = [];
for (const file of surfaces.GENERATED_FILES) {
  const path = join(root, file.path);
  const current = readFileSync(path, 'utf8');
  let next;
  try {
    next = file.render(current);
  } catch (e) {
    console.error(`generate: ${file.path}: ${e.message}`);
    process.exit(1);
  }
  if (next === current) continue;
  stale.push(file.path);
  if (!check) writeFileSync(path, next);
}
if (check) {
  if (stale.length) {
    console.error(`generate: stale, run \`npm run generate\`: ${stale.join(', ')}`);
    process.exit(1);
  }
  console.log(`generate: ${surfaces.GENERATED_FILES.length} generated files are up to date`);
} else {
  console.log(stale.length ? `generate: wrote ${stale.join(', ')}` : 'generate: every generated file was up to date');
}
