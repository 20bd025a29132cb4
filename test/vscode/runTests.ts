// `npm run test:vscode`: runs the vscode-api suite (./suite) in a real VS Code through
// @vscode/test-electron, with the repository root as the extension under development and
// ./workspace as the opened folder.
//
// It needs a VS Code build, and never pretends to have one:
//   VSCODE_EXECUTABLE=/path/to/code     use that VS Code binary (the Electron executable, e.g.
//                                       /usr/share/code/code, or …/Visual Studio Code.app/Contents/MacOS/Electron)
//   CRDB_VSCODE_TESTS=download          let @vscode/test-electron download VS Code into .vscode-test/
//                                       (CRDB_VSCODE_VERSION picks the version, default: stable)
// With neither set it prints "vscode-api suite SKIPPED: …" and exits 0: nothing was tested, and
// the output says so. On Linux without a display run it under `xvfb-run -a`.
// Run `npm run build` (or `npx tsc -p . && node scripts/bundle.mjs`) first: the extension host
// loads dist/client.js, which starts dist/server.js.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

/** out/test/vscode → repository root. */
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const WORKSPACE = path.join(REPO_ROOT, 'test', 'vscode', 'workspace');
const SUITE_INDEX = path.join(__dirname, 'suite', 'index');

async function main(): Promise<number> {
  const executable = process.env.VSCODE_EXECUTABLE?.trim() || undefined;
  const mode = process.env.CRDB_VSCODE_TESTS?.trim() || undefined;

  if (mode !== undefined && mode !== 'download') {
    console.error(`vscode-api suite: CRDB_VSCODE_TESTS=${mode} is not understood; the only value is "download" (or set VSCODE_EXECUTABLE=/path/to/code).`);
    return 2;
  }
  if (!executable && mode !== 'download') {
    console.log(
      'vscode-api suite SKIPPED: no VS Code executable here (set VSCODE_EXECUTABLE=/path/to/code or CRDB_VSCODE_TESTS=download to run it)',
    );
    return 0;
  }
  if (executable && !fs.existsSync(executable)) {
    console.error(`vscode-api suite: VSCODE_EXECUTABLE=${executable} does not exist.`);
    return 2;
  }
  const missing = ['dist/client.js', 'dist/server.js', 'test/vscode/workspace/runbook.md']
    .map((f) => path.join(REPO_ROOT, f))
    .concat(`${SUITE_INDEX}.js`)
    .filter((f) => !fs.existsSync(f));
  if (missing.length > 0) {
    console.error(`vscode-api suite: missing ${missing.join(', ')}; run \`npm run build\` first.`);
    return 2;
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.warn('vscode-api suite: no DISPLAY is set; VS Code needs one on Linux (run under `xvfb-run -a npm run test:vscode`).');
  }

  // A throw-away profile: no user settings or extensions leak in, nothing is left behind.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'crdb-vscode-api-'));
  console.log(`vscode-api suite: running in ${executable ?? `a downloaded VS Code (${process.env.CRDB_VSCODE_VERSION || 'stable'})`}`);
  try {
    await runTests({
      vscodeExecutablePath: executable,
      version: executable ? undefined : process.env.CRDB_VSCODE_VERSION || undefined,
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: SUITE_INDEX,
      launchArgs: [
        WORKSPACE,
        '--disable-extensions',
        `--user-data-dir=${path.join(profile, 'user-data')}`,
        `--extensions-dir=${path.join(profile, 'extensions')}`,
      ],
    });
    console.log('vscode-api suite: passed');
    return 0;
  } catch (e) {
    console.error(`vscode-api suite FAILED: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error('vscode-api suite FAILED:', e);
    process.exitCode = 1;
  },
);
