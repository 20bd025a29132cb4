#!/usr/bin/env node
// Neovim and Emacs end to end: each editor, headless, starts the standalone language server
// (dist/server.js --stdio, the npm bin crdb-restore-guard-server) as its own LSP client,
// configured exactly as docs/editors.md shows (test/e2e/neovim/init.lua, test/e2e/emacs/init.el),
// opens a runbook and checks the pushed diagnostics against the CLI, a hover and a code action.
//
//   node test/e2e/editors.mjs [neovim] [emacs]      (default: both)
//
// Each editor runs in its own process group with a timeout (EDITOR_TIMEOUT_MS, 120000); the
// group is killed afterwards, server included. The editor writes a JSON result file; no file,
// a failed check, or a non-zero exit fails the run.
// Env: CRDB_RESTORE_GUARD_SERVER (server script; default dist/server.js), E2E_CACHE, KEEP_RUN_DIR=1.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const E = process.env;
const CACHE = path.resolve(E.E2E_CACHE || path.join(REPO, '.e2e'));
const SERVER = path.resolve(E.CRDB_RESTORE_GUARD_SERVER || path.join(REPO, 'dist/server.js'));
const EDITOR_TIMEOUT_MS = Number(E.EDITOR_TIMEOUT_MS || 120_000);
const TODAY = '2026-11-26';
const RUNBOOK = 'disaster-recovery.md';

const EDITORS = {
  neovim: {
    bin: 'nvim',
    args: (dir) => ['--headless', '-n', '-i', 'NONE', '-u', path.join(HERE, 'neovim/init.lua'), '-c', `luafile ${path.join(HERE, 'neovim/test.lua')}`],
    version: ['nvim', ['--version']],
  },
  emacs: {
    bin: 'emacs',
    args: () => ['--batch', '-q', '-l', path.join(HERE, 'emacs/init.el'), '-l', path.join(HERE, 'emacs/test.el')],
    version: ['emacs', ['--version']],
  },
};

const DRILL = 'dr-drill.sql';
const DRILL_TEXT = "-- The weekly DR drill: restore last night's DR backup beside production.\nRESTORE DATABASE bank FROM LATEST IN 's3://acme-crdb-backups/dr?AUTH=implicit'\n  WITH new_db_name = 'bank_drill';\n";

function cliFindings(ws) {
  try {
    return JSON.parse(execFileSync(process.execPath, [path.join(REPO, 'dist/cli.js'), '--format', 'json', RUNBOOK], { cwd: ws, encoding: 'utf8' }));
  } catch (e) {
    if (e.status === 1) return JSON.parse(e.stdout); // exit 1 = error findings
    throw new Error(`CLI failed (${e.status}): ${e.stderr}`);
  }
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

async function runEditor(name) {
  const spec = EDITORS[name];
  const t0 = Date.now();
  fs.mkdirSync(path.join(CACHE, 'runs'), { recursive: true });
  const dir = fs.mkdtempSync(path.join(CACHE, 'runs', `${name}-`));
  const ws = path.join(dir, 'ws');
  fs.mkdirSync(ws);
  fs.copyFileSync(path.join(REPO, 'examples', RUNBOOK), path.join(ws, RUNBOOK));
  fs.writeFileSync(path.join(ws, '.crdb-restore-guard.json'), JSON.stringify({ today: TODAY }, null, 2) + '\n');
  // A DR drill restoring from the collection the runbook's BACKUP on line 96 writes: definition
  // on its collection string jumps to that BACKUP in the runbook (docs/workspace.md).
  fs.writeFileSync(path.join(ws, DRILL), DRILL_TEXT);

  const findings = cliFindings(ws);
  const flagged = findings.find((f) => f.rule === 'restore-skips-release' && f.severity === 'error');
  if (!flagged) throw new Error(`the CLI reports no restore-skips-release error in ${RUNBOOK}; update this test`);
  const settingsCheck = findings.find((f) => f.rule === 'missing-version');
  if (!settingsCheck) throw new Error(`the CLI reports no missing-version finding in ${RUNBOOK}; update this test`);
  const casePath = path.join(dir, 'case.json');
  const resultPath = path.join(dir, 'result.json');
  fs.writeFileSync(
    casePath,
    JSON.stringify(
      {
        file: path.join(ws, RUNBOOK),
        filetype: 'markdown',
        timeoutMs: Math.floor(EDITOR_TIMEOUT_MS / 4),
        findings: findings.map((f) => ({ line: f.line, rule: f.rule, severity: f.severity })),
        // init.lua / init.el turn missing-version (information) into a warning through settings.
        settingsCheck: { rule: 'missing-version', line: settingsCheck.line },
        hover: { line: flagged.line, column: flagged.column, expect: 'innovation releases may be skipped, a regular release never' },
        definition: { file: path.join(ws, DRILL), line: 2, column: DRILL_TEXT.split('\n')[1].indexOf('s3://') + 3, expectFile: RUNBOOK, expectLine: 96 },
        fix: {
          line: flagged.line,
          column: flagged.column,
          rule: flagged.rule,
          title: 'Run this RESTORE on a 25.4 cluster',
          expectText: '/* crdb: target-version=25.4 */ RESTORE',
        },
      },
      null,
      2,
    ),
  );

  const env = {
    ...process.env,
    CRDB_RESTORE_GUARD_SERVER: SERVER,
    CRDB_E2E_CASE: casePath,
    CRDB_E2E_RESULT: resultPath,
    HOME: dir, // neither editor reads or writes the user's own files
    XDG_CONFIG_HOME: path.join(dir, 'xdg/config'),
    XDG_DATA_HOME: path.join(dir, 'xdg/data'),
    XDG_STATE_HOME: path.join(dir, 'xdg/state'),
    XDG_CACHE_HOME: path.join(dir, 'xdg/cache'),
    TERM: 'dumb',
  };
  const version = execFileSync(spec.version[0], spec.version[1], { encoding: 'utf8' }).split('\n')[0];
  console.log(`[${name}] ${version}; server ${path.relative(REPO, SERVER) || SERVER}; run dir ${path.relative(REPO, dir)}`);
  const child = spawn(spec.bin, spec.args(dir), { cwd: ws, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  // Echo the editor's output line by line; the test's own lines start with [neovim]/[emacs].
  for (const stream of [child.stdout, child.stderr]) {
    let pending = '';
    stream.on('data', (chunk) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop();
      for (const line of lines) if (line.trim()) console.log(/^\[(neovim|emacs)\]/.test(line) ? line : `  | ${line}`);
    });
    stream.on('end', () => pending.trim() && console.log(`  | ${pending}`));
  }
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {}
  }, EDITOR_TIMEOUT_MS);
  const code = await new Promise((resolve) => child.on('close', (c, sig) => resolve(c ?? sig)));
  clearTimeout(timer);
  // The language server and anything else the editor started.
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {}
  for (let end = Date.now() + 3000; Date.now() < end && groupAlive(child.pid); ) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(child.pid)) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {}
  }

  const result = fs.existsSync(resultPath) ? JSON.parse(fs.readFileSync(resultPath, 'utf8')) : undefined;
  const checks = result?.results ?? [];
  const failed = checks.filter((r) => r.ok !== true);
  const ok = !timedOut && code === 0 && result?.ok === true && checks.length > 0 && failed.length === 0;
  const ms = Date.now() - t0;
  if (ok && E.KEEP_RUN_DIR !== '1') fs.rmSync(dir, { recursive: true, force: true });
  const why = timedOut ? `timed out after ${EDITOR_TIMEOUT_MS} ms` : !result ? `no result file (exit ${code})` : `exit ${code}, ${failed.length} failed check(s)`;
  console.log(`[${name}] ${ok ? 'PASS' : `FAIL (${why}; run dir kept: ${dir})`}: ${checks.length - failed.length}/${checks.length} checks in ${ms} ms`);
  return { name, ok, ms, checks: checks.length, failed: failed.length };
}

/** docs/editors.md shows the editor configurations verbatim: fail when it drifts from the tested files. */
function checkDocs() {
  const doc = fs.readFileSync(path.join(REPO, 'docs/editors.md'), 'utf8');
  for (const f of ['neovim/init.lua', 'emacs/init.el']) {
    if (!doc.includes(fs.readFileSync(path.join(HERE, f), 'utf8').trimEnd())) {
      throw new Error(`docs/editors.md does not show test/e2e/${f} verbatim; copy the file into it`);
    }
  }
  console.log('[docs] docs/editors.md shows test/e2e/neovim/init.lua and test/e2e/emacs/init.el verbatim');
}

const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(EDITORS);
for (const w of wanted) if (!EDITORS[w]) throw new Error(`unknown editor "${w}" (expected: ${Object.keys(EDITORS).join(', ')})`);
if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} not found: run \`npm run build\``);
const results = [];
try {
  checkDocs();
  results.push({ name: 'docs', ok: true });
} catch (e) {
  results.push({ name: 'docs', ok: false, error: e.message });
}
for (const w of wanted) results.push(await runEditor(w).catch((e) => ({ name: w, ok: false, error: String(e.stack || e) })));
for (const r of results) if (r.error) console.error(`[${r.name}] FAIL: ${r.error}`);
console.log(JSON.stringify({ test: 'editors', ok: results.every((r) => r.ok), results }, null, 2));
process.exit(results.every((r) => r.ok) ? 0 : 1);
