// The core's boundary check (scripts/check-core-boundary.mjs, run by `npm run build`) must fail
// when core/ imports the editor, the LSP packages or Node. Proved on a copy of the core, under
// out/, with bad modules added: each must be named, and no other file of the copy (so the
// failure comes from them; the build itself runs the check on the real core and passes).
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CORE = path.join(ROOT, 'server', 'src', 'core');
const CHECK = path.join(ROOT, 'scripts', 'check-core-boundary.mjs');

/** Runs the check on the copy with `modules` added to it; returns its exit status and stderr. */
function checkWith(copy: string, modules: Record<string, string>): { status: number | null; stderr: string; named: string[] } {
  const dir = path.join(copy, 'core');
  for (const [name, text] of Object.entries(modules)) fs.writeFileSync(path.join(dir, name), text);
  try {
    const r = spawnSync(process.execPath, [CHECK, path.join(dir, 'tsconfig.json')], { encoding: 'utf8' });
    // The copy's files the output names: only the added ones may be.
    const named = [...new Set([...r.stderr.matchAll(/core-boundary-[^/\\]+[/\\]core[/\\]([\w/\\.]+\.ts)/g)].map((m) => m[1]))].sort();
    return { status: r.status, stderr: r.stderr, named };
  } finally {
    for (const name of Object.keys(modules)) fs.rmSync(path.join(dir, name), { force: true });
  }
}

describe('core boundary: server/src/core compiles alone, with no editor, LSP or Node import', function () {
  // Compiling the core takes a few seconds of CPU; a loaded machine stretches it.
  this.timeout(180000);
  let copy: string;

  before(() => {
    copy = fs.mkdtempSync(path.join(ROOT, 'out', 'core-boundary-'));
    fs.cpSync(CORE, path.join(copy, 'core'), { recursive: true });
    // The copy's tsconfig is the real one, extending the root tsconfig from where the copy is.
    const config = ts.readConfigFile(path.join(CORE, 'tsconfig.json'), ts.sys.readFile).config;
    assert.ok(config, 'server/src/core/tsconfig.json reads');
    config.extends = path.join(ROOT, 'tsconfig.json');
    config.exclude = []; // the root's outDir (out/, where the copy is) is excluded by default
    fs.writeFileSync(path.join(copy, 'core', 'tsconfig.json'), JSON.stringify(config, null, 2));
  });

  after(() => fs.rmSync(copy, { recursive: true, force: true }));

  it('fails on an LSP, a vscode and a Node-only layer import, naming each importing module and its import', () => {
    const r = checkWith(copy, {
      'badLsp.ts': `import { createConnection } from 'vscode-languageserver/node';\nexport const connect = createConnection;\n`,
      'badEditor.ts': `import { window } from 'vscode';\nexport const show = () => window.showInformationMessage('hi');\n`,
      'badLayer.ts': `import { readConfigFile } from '../../../server/src/node/configFile';\nexport const read = readConfigFile;\n`,
    });
    assert.strictEqual(r.status, 1, r.stderr);
    assert.match(r.stderr, /badLsp\.ts: imports 'vscode-languageserver\/node'/);
    assert.match(r.stderr, /badEditor\.ts: imports 'vscode'/);
    assert.match(r.stderr, /badLayer\.ts: imports '\.\.\/\.\.\/\.\.\/server\/src\/node\/configFile'/);
    assert.deepStrictEqual(r.named, ['badEditor.ts', 'badLayer.ts', 'badLsp.ts']);
  });

  it('fails on a Node built-in module and a Node global', () => {
    const r = checkWith(copy, {
      'badNode.ts': `import { readFileSync } from 'fs';\nexport const read = () => readFileSync(process.argv[2], 'utf8');\n`,
    });
    assert.strictEqual(r.status, 1, r.stderr);
    assert.match(r.stderr, /badNode\.ts:1:\d+: Cannot find module 'fs'/);
    assert.match(r.stderr, /badNode\.ts:2:\d+: Cannot find name 'process'/);
    assert.deepStrictEqual(r.named, ['badNode.ts']);
  });
});
