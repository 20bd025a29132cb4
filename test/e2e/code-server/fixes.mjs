#!/usr/bin/env node
// VS Code end to end: every kind of quick fix applied through the UI, the plan command with the
// caret in the middle of a line, and a file created after "Restart Server". Same set-up as
// ui.mjs (code-server with the .vsix, Debian's Chromium, no network).
//
// After each step the file is saved and checked on disk, and the CLI's findings of the saved
// workspace are compared with the status bar's counts. The rule of the plan (docs/quick-fixes.md):
// a fix removes its statement's finding only by changing the runbook's plan, and no other
// statement's finding changes — so the findings after a fix are the findings before, less the
// fixed one, keyed by rule and statement text.
//
//  1. the plan command (F1), caret mid-line in a RESTORE: whole lines go after that statement,
//     the statement's line is intact, every finding stays as it was
//  2. "Run this RESTORE on a 24.1 cluster"  3. "Restore through 24.1 …" (a snippet: the new
//     collection typed once, in both places)  4. "Ignore … for this statement"
//  5. "Finalize the upgrade …"
//  6. Restart Server, then a new file: its diagnostic arrives without reopening it; "Add a
//     version directive" (a snippet: the ? values typed) makes the RESTORE checkable
//  7. the Settings editor's group for the extension names the settings ("Default Target
//     Version"), without a category made from the key prefix ("Crdb Restore Guard: …")
//
// Env: as ui.mjs (VSIX, CODE_SERVER, CHROMIUM, SHOT_DIR, TOTAL_TIMEOUT_MS, STEP_TIMEOUT_MS, KEEP_RUN_DIR).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cliFindings, Run, severityCounts, STEP_TIMEOUT_MS, VSIX } from './harness.mjs';
import { chooseQuickFix, goToLine, openFile, pickItem, runCommand, squiggleOnLine, waitForCounts } from './workbench.mjs';

const E = process.env;
const TODAY = '2025-06-01';
const FILE = 'fixes.sql';
const FIXTURE = `-- One statement per kind of quick fix (the code-server fixes stage).
-- crdb: backup-version=23.2 target-version=24.3
RESTORE DATABASE one FROM LATEST IN 's3://acme/one?AUTH=implicit';

-- crdb: backup-version=23.2 target-version=24.3
RESTORE DATABASE two FROM LATEST IN 's3://acme/two?AUTH=implicit';

-- crdb: backup-version=23.2 target-version=24.3
RESTORE DATABASE three FROM LATEST IN 's3://acme/three?AUTH=implicit';

-- crdb: mixed-version=true backup-version=24.1 target-version=24.1
RESTORE FROM LATEST IN 's3://acme/cluster?AUTH=implicit';
`;
const NEW_FILE = 'orders.sql';
const NEW_TEXT = `-- Restore last night's backup of the orders database.
RESTORE DATABASE orders FROM LATEST IN 's3://acme/orders?AUTH=implicit';
`;

const run = new Run('vscode-fixes', Number(E.TOTAL_TIMEOUT_MS || 300_000));

/** The CLI's findings over the workspace as saved: counts, and `rule@statement line` keys. */
function cliState(ws) {
  const findings = cliFindings(ws, ['.']);
  const lines = new Map();
  const lineOf = (file, n) => {
    if (!lines.has(file)) lines.set(file, fs.readFileSync(path.join(ws, file), 'utf8').split('\n'));
    return lines.get(file)[n - 1].trim();
  };
  return { ...severityCounts(findings), keys: findings.map((f) => `${f.file}: ${f.rule} @ ${lineOf(f.file, f.line)}`).sort() };
}

/** Pids of the extension's language server processes (dist/server.js under the extensions folder). */
function serverPids(extensionsDir) {
  try {
    return execFileSync('pgrep', ['-f', `${extensionsDir}/.*/dist/server\\.js`], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

/**
 * Saves the active editor and waits for the file on disk to differ from `before` and to read
 * the same twice in a row: a read in the middle of the save can see the file truncated (seen in
 * CI: an empty text).
 */
async function saveAndRead(page, file, before) {
  await page.keyboard.press('Control+S');
  let last;
  for (const end = Date.now() + STEP_TIMEOUT_MS; ; ) {
    const now = fs.readFileSync(file, 'utf8');
    if (now !== before && now === last) return now;
    last = now;
    if (Date.now() > end) throw new Error(`${path.basename(file)} was not saved with a change`);
    await page.waitForTimeout(200);
  }
}

/** 1-based line of the first line of `text` that includes `needle`. */
function lineOf(text, needle) {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`no line with "${needle}" in:\n${text}`);
  return i + 1;
}

function sameKeys(got, want, what) {
  const a = JSON.stringify(got);
  const b = JSON.stringify(want);
  if (a !== b) throw new Error(`${what}:\n  expected ${want.join('\n           ')}\n  got      ${got.join('\n           ')}`);
}

function without(keys, key) {
  const i = keys.indexOf(key);
  if (i < 0) throw new Error(`no finding "${key}" before the fix: ${keys.join(' | ')}`);
  return keys.filter((_, j) => j !== i);
}

await run.main(async () => {
  const d = run.makeDirs({});
  const file = path.join(d.ws, FILE);
  fs.writeFileSync(file, FIXTURE);
  fs.writeFileSync(path.join(d.ws, '.crdb-restore-guard.json'), JSON.stringify({ today: TODAY }, null, 2) + '\n');
  let cli = cliState(d.ws);
  run.log(`CLI (today ${TODAY}): ${cli.errors} errors, ${cli.warnings} warnings, ${cli.infos} infos`);
  for (const want of ['RESTORE DATABASE one', 'RESTORE DATABASE two', 'RESTORE DATABASE three']) {
    if (!cli.keys.some((k) => k.includes(`restore-skips-release @ ${want}`))) throw new Error(`the fixture no longer has restore-skips-release on ${want}: ${cli.keys.join(' | ')}`);
  }

  run.installVsix(d.extensions, VSIX);
  await run.startCodeServer();
  const page = await run.launchBrowser();
  page.on('pageerror', (e) => run.log('page error:', String(e).slice(0, 300)));
  const tLoad = await run.openWorkbench(d.ws, [['openFile', run.remote(file)]]);
  const editor = page.locator(`.monaco-editor[data-uri$="/${FILE}"]`);
  await editor.waitFor();
  await waitForCounts(page, cli, 'the CLI counts');
  run.mark('pageToProblemsCountMs', tLoad);
  let text = FIXTURE;
  const results = {};

  /** After a step: saved text on disk, CLI findings as expected, status bar = CLI. */
  const settle = async (step, expectKeys, added = () => false) => {
    text = await saveAndRead(page, file, text);
    const now = cliState(d.ws);
    // Findings the step may add (the plan's placeholder collections, reported until named).
    sameKeys(now.keys.filter((k) => !added(k)), expectKeys, `${step}: the findings after it`);
    await waitForCounts(page, now, `${step}: the CLI counts`);
    cli = now;
    results[step] = `${now.errors} errors, ${now.warnings} warnings, ${now.infos} infos`;
    run.log(`${step}: ok (${results[step]})`);
    await run.shot(step);
  };

  // --- 1. plan with the caret in the middle of a RESTORE line ---------------------------------------
  let t = Date.now();
  const planLine = lineOf(text, 'RESTORE DATABASE one');
  await goToLine(page, editor, planLine, 10);
  await runCommand(page, 'Plan a restore across versions');
  await pickItem(page, '23.2');
  await pickItem(page, '24.3');
  await editor.locator('.view-lines', { hasText: 'Restore a 23.2 backup into 24.3' }).first().waitFor();
  const beforePlan = text;
  await settle('1-plan-mid-line', cli.keys, (k) => /: placeholder-collection @ (BACKUP|RESTORE) .*'<collection (of|for) the 2[34]\.[0-9] backup>';$/.test(k));
  if (!cli.keys.some((k) => k.includes('placeholder-collection'))) throw new Error(`the plan left no collection to name:\n${text}`);
  // The section restates the plan in force before it, so the statements after it keep their verdicts.
  if (!/-- crdb: target-version=24\.3 backup-version=23\.2\n/.test(text)) throw new Error(`the plan does not restate the directives before it:\n${text}`);
  if (!text.split('\n').includes(beforePlan.split('\n')[planLine - 1])) throw new Error(`the plan split the statement's line:\n${text}`);
  const planStart = lineOf(text, 'Restore a 23.2 backup into 24.3');
  if (planStart <= planLine) throw new Error(`the plan went before the statement (line ${planStart} ≤ ${planLine}):\n${text}`);
  run.mark('planMs', t);

  // --- 2. Run this RESTORE on a 24.1 cluster ---------------------------------------------------------
  t = Date.now();
  const fix = async (step, needle, title) => {
    const line = lineOf(text, needle);
    await goToLine(page, editor, line);
    await squiggleOnLine(page, editor, line, 'error');
    await chooseQuickFix(page, title);
  };
  const keyOf = (needle, rule) => cli.keys.find((k) => k.includes(`${rule} @ ${needle}`));
  let expect = without(cli.keys, keyOf('RESTORE DATABASE one', 'restore-skips-release'));
  await fix('2-run-on-cluster', 'RESTORE DATABASE one', 'Run this RESTORE on a 24.1 cluster');
  await settle('2-run-on-cluster', expect);
  run.mark('runOnClusterMs', t);

  // --- 3. Restore through 24.1: the hops, a collection to name (typed once) --------------------------
  t = Date.now();
  expect = without(cli.keys, keyOf('RESTORE DATABASE two', 'restore-skips-release'));
  await fix('3-restore-through', 'RESTORE DATABASE two', 'Restore through 24.1');
  // The snippet selects the placeholder collection: typing names it everywhere it appears.
  await editor.locator('.view-lines', { hasText: "BACKUP DATABASE two INTO '<collection for the 24.1 backup>'" }).first().waitFor();
  await page.keyboard.type('s3://acme/two-on-24.1?AUTH=implicit', { delay: 5 });
  await page.keyboard.press('Escape');
  await settle('3-restore-through', expect);
  for (const want of ["BACKUP DATABASE two INTO 's3://acme/two-on-24.1?AUTH=implicit';", "RESTORE DATABASE two FROM LATEST IN 's3://acme/two-on-24.1?AUTH=implicit';", "RESTORE DATABASE two FROM LATEST IN 's3://acme/two?AUTH=implicit';"]) {
    if (!text.includes(want)) throw new Error(`after "Restore through", the runbook lacks ${want}:\n${text}`);
  }
  run.mark('restoreThroughMs', t);

  // --- 4. Ignore the rule for this statement --------------------------------------------------------
  t = Date.now();
  expect = without(cli.keys, keyOf('RESTORE DATABASE three', 'restore-skips-release'));
  await fix('4-ignore', 'RESTORE DATABASE three', 'Ignore restore-skips-release for this statement');
  await settle('4-ignore', expect);
  if (!/ignore=restore-skips-release/.test(text)) throw new Error(`no ignore= in:\n${text}`);
  run.mark('ignoreMs', t);

  // --- 5. Finalize the upgrade before the full-cluster RESTORE ---------------------------------------
  t = Date.now();
  expect = without(cli.keys, keyOf("RESTORE FROM LATEST IN 's3://acme/cluster", 'full-restore-mixed-version'));
  await fix('5-finalize', "RESTORE FROM LATEST IN 's3://acme/cluster", 'Finalize the upgrade before this full-cluster RESTORE');
  await settle('5-finalize', expect);
  if (!text.includes("SET CLUSTER SETTING version = '24.1';")) throw new Error(`no finalization statement in:\n${text}`);
  run.mark('finalizeMs', t);

  // --- 6. Restart Server, then a new file; fill in the version directive ------------------------------
  t = Date.now();
  // The restart is real: the language server process is replaced.
  const before = serverPids(d.extensions);
  if (before.length !== 1) throw new Error(`expected one language server process, found ${before.length}`);
  await runCommand(page, 'CockroachDB Restore Guard: Restart Server');
  for (const end = Date.now() + STEP_TIMEOUT_MS; ; ) {
    const now = serverPids(d.extensions);
    if (now.length === 1 && now[0] !== before[0]) break;
    if (Date.now() > end) throw new Error(`Restart Server did not replace the server process (${before} → ${now})`);
    await page.waitForTimeout(200);
  }
  const created = path.join(d.ws, NEW_FILE);
  fs.writeFileSync(created, NEW_TEXT);
  const fresh = cliState(d.ws);
  const missing = fresh.keys.find((k) => k.startsWith(`${NEW_FILE}: missing-version @ RESTORE DATABASE orders`));
  if (!missing) throw new Error(`the new file has no missing-version in the CLI: ${fresh.keys.join(' | ')}`);
  const orders = await openFile(page, NEW_FILE);
  await waitForCounts(page, fresh, 'the new file\'s finding after the restart');
  run.mark('restartToNewFileDiagnosticMs', t);
  cli = fresh;
  t = Date.now();
  const line = lineOf(NEW_TEXT, 'RESTORE DATABASE orders');
  await goToLine(page, orders, line);
  await chooseQuickFix(page, 'Add a version directive');
  await orders.locator('.view-lines', { hasText: 'backup-version=?' }).first().waitFor();
  await page.keyboard.type('23.2');
  await page.keyboard.press('Tab');
  await page.keyboard.type('24.1');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+S');
  const filled = path.join(d.ws, NEW_FILE);
  for (const end = Date.now() + STEP_TIMEOUT_MS; ; ) {
    if (fs.readFileSync(filled, 'utf8').includes('backup-version=23.2 target-version=24.1')) break;
    if (Date.now() > end) throw new Error(`the directive was not filled in:\n${fs.readFileSync(filled, 'utf8')}`);
    await page.waitForTimeout(200);
  }
  const after = cliState(d.ws);
  sameKeys(after.keys, without(cli.keys, missing), '6-version-directive: the findings after it');
  await waitForCounts(page, after, '6-version-directive: the CLI counts');
  run.mark('versionDirectiveMs', t);
  await run.shot('6-version-directive');

  // --- 7. The Settings editor's group for the extension names the settings ------------------------
  // In the table of contents (Extensions › CockroachDB Restore Guard) VS Code drops the key prefix
  // when it matches the extension's id: "Default Target Version", not "Crdb Restore Guard: …".
  // (A search result list always shows the prefix's words, for every extension: the
  // crdbRestoreGuard.* prefix is part of the settings' contract.)
  t = Date.now();
  await runCommand(page, 'Preferences: Open Settings (UI)');
  const settingsEditor = page.locator('.settings-editor');
  await settingsEditor.waitFor();
  const toc = settingsEditor.locator('.settings-toc-container');
  await toc.getByText('Extensions', { exact: true }).first().click();
  await toc.getByText('CockroachDB Restore Guard', { exact: true }).first().click();
  const ours = settingsEditor.locator('.setting-item-contents .setting-item-title', { hasText: 'Default Target Version' }).first();
  await ours.waitFor();
  const title = (await ours.innerText()).trim();
  const category = (await ours.locator('.setting-item-category').innerText().catch(() => '')).trim();
  if (category !== '' || title !== 'Default Target Version') throw new Error(`the setting is labelled "${title}" (category "${category}")`);
  run.log(`Settings editor (Extensions › CockroachDB Restore Guard): "${title}"`);
  run.mark('settingsMs', t);
  await run.shot('7-settings');
  const shown = [title];

  return { settings: shown, steps: results, final: `${after.errors} errors, ${after.warnings} warnings, ${after.infos} infos` };
});
