// Mocha runner for the vscode-api suite, loaded by a VS Code extension host (through
// @vscode/test-electron's --extensionTestsPath, see ../runTests.ts, or by any other host that
// calls `run()`, e.g. code-server's). Self-contained on purpose: it finds the suite files next
// to this compiled file (`*.suite.js`, which the plain-Node `npm run test:unit` never loads),
// prints every test's result to the console with mocha's spec reporter, and rejects when any
// test fails or when no test ran at all, so a broken setup can never look like a pass.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

const SUITE_SUFFIX = '.suite.js';

function suiteFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...suiteFiles(full));
    else if (entry.isFile() && entry.name.endsWith(SUITE_SUFFIX)) out.push(full);
  }
  return out.sort();
}

export function run(): Promise<void> {
  const timeout = Number(process.env.CRDB_VSCODE_TEST_TIMEOUT_MS) || 60_000;
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout });
  const files = suiteFiles(__dirname);
  console.log(`vscode-api suite: ${files.length} suite file(s) in ${__dirname}`);
  if (files.length === 0) {
    return Promise.reject(new Error(`vscode-api suite: no *${SUITE_SUFFIX} files under ${__dirname}; was the suite compiled (npx tsc -p .)?`));
  }
  for (const f of files) mocha.addFile(f);

  return new Promise<void>((resolve, reject) => {
    let passed = 0;
    let pending = 0;
    try {
      const runner = mocha.run((failures) => {
        console.log(`vscode-api suite: ${passed} passing, ${failures} failing, ${pending} pending`);
        if (failures > 0) reject(new Error(`vscode-api suite: ${failures} test(s) failed`));
        else if (passed === 0) reject(new Error('vscode-api suite: no test ran'));
        else resolve();
      });
      runner.on('pass', () => passed++);
      runner.on('pending', () => pending++);
    } catch (e) {
      console.error('vscode-api suite: could not run mocha:', e);
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}
