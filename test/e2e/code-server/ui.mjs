#!/usr/bin/env node
// VS Code end to end, through the UI: code-server 4.100.3 (VS Code 1.100.3 web) with the
// project's own .vsix installed by `code-server --install-extension`, in Debian's headless
// Chromium driven by playwright-core. Needs no network.
//
//  1. workspace = copies of examples/disaster-recovery.md and examples/nightly-restore-check.sql,
//     with a .crdb-restore-guard.json that pins `today`, so the CLI and the editor agree
//  2. opens both files; the diagnostics appear (squiggles), and the status bar's problem counts
//     equal the CLI's error, warning and information counts (`node dist/cli.js --format json …`)
//  3. hovers the RESTORE that skips a regular release: the hover has the diagnostic and the
//     innovation-skip explanation; the screenshot of it is the README's picture
//  4. quick fix through the UI: Ctrl+. on that RESTORE, the fix chosen with the arrow keys and
//     Enter; the text changes and the diagnostic goes
//  5. completion: types `-- crdb: target-version=` in the .sql file; versions are offered
//  6. go to definition across files: F12 on the collection string of a RESTORE in a third file
//     (a DR drill that restores from the collection the runbook backs up into) opens the
//     runbook at that BACKUP
// Waits on conditions only; bounded by TOTAL_TIMEOUT_MS; tears everything down.
//
// Env: VSIX, CODE_SERVER, CHROMIUM, SHOT_DIR, E2E_CACHE, TOTAL_TIMEOUT_MS (240000),
//      STEP_TIMEOUT_MS (60000), KEEP_RUN_DIR=1, README_SHOT=<png> (copy the hover screenshot there)
import fs from 'node:fs';
import path from 'node:path';
import { cliFindings, REPO, Run, severityCounts, STEP_TIMEOUT_MS, VSIX } from './harness.mjs';
import { goToLine, noSquiggleOnLine, openFile, squiggleOnLine, waitForCounts } from './workbench.mjs';

const E = process.env;
const TODAY = '2026-11-26';
const RUNBOOK = 'disaster-recovery.md';
const SQL = 'nightly-restore-check.sql';
/** The RESTORE that skips regular release 25.4 (restore-skips-release, an error). */
const FLAGGED_LINE = 109;
const FLAGGED_RULE = 'restore-skips-release';
/** The explanation every RESTORE hover ends with (server/src/lsp/hover.ts). */
const INNOVATION_SENTENCE = 'innovation releases may be skipped, a regular release never';
const FIX_TITLE = 'Run this RESTORE on a 25.4 cluster';
const FIXED_TEXT = '/* crdb: target-version=25.4 */ RESTORE DATABASE bank';
const DIRECTIVE = '-- crdb: target-version=';
/** A DR drill whose RESTORE reads the collection that the runbook's BACKUP on WRITER_LINE writes. */
const DRILL = 'dr-drill.sql';
const DRILL_TEXT = "-- The weekly DR drill: restore last night's DR backup beside production.\nRESTORE DATABASE bank FROM LATEST IN 's3://acme-crdb-backups/dr?AUTH=implicit'\n  WITH new_db_name = 'bank_drill';\n";
const READER_LINE = 2;
const READER_COLLECTION = 'acme-crdb-backups/dr';
const WRITER_LINE = 96;

const run = new Run('vscode-ui', Number(E.TOTAL_TIMEOUT_MS || 240_000));

/** The CLI's findings for the workspace files, with the workspace's config file (same `today`). */
function cliCounts(ws) {
  const findings = cliFindings(ws, [RUNBOOK, SQL, DRILL]);
  return { ...severityCounts(findings), findings };
}

await run.main(async () => {
  const d = run.makeDirs({ 'editor.quickSuggestions': { other: 'on', comments: 'on', strings: 'on' } });
  for (const f of [RUNBOOK, SQL]) fs.copyFileSync(path.join(REPO, 'examples', f), path.join(d.ws, f));
  fs.writeFileSync(path.join(d.ws, DRILL), DRILL_TEXT);
  fs.writeFileSync(path.join(d.ws, '.crdb-restore-guard.json'), JSON.stringify({ today: TODAY }, null, 2) + '\n');
  const cli = cliCounts(d.ws);
  run.log(`CLI (today ${TODAY}): ${cli.errors} errors, ${cli.warnings} warnings, ${cli.infos} infos`);
  if (!cli.findings.some((f) => f.file === RUNBOOK && f.line === FLAGGED_LINE && f.rule === FLAGGED_RULE)) {
    throw new Error(`the CLI no longer reports ${FLAGGED_RULE} on ${RUNBOOK}:${FLAGGED_LINE}; update this test`);
  }

  run.installVsix(d.extensions, VSIX);
  await run.startCodeServer();
  const page = await run.launchBrowser();
  page.on('pageerror', (e) => run.log('page error:', String(e).slice(0, 300)));

  const tLoad = await run.openWorkbench(d.ws, [['openFile', run.remote(path.join(d.ws, RUNBOOK))]]);
  const md = page.locator(`.monaco-editor[data-uri$="/${RUNBOOK}"]`);
  await md.waitFor();
  run.mark('pageToEditorMs', tLoad);

  // --- diagnostics in both files; Problems count == CLI count --------------------------------
  await md.locator('.squiggly-warning').first().waitFor(); // line 6: version-end-of-support
  run.mark('pageToFirstDiagnosticMs', tLoad);
  const sql = await openFile(page, SQL);
  await sql.locator('.squiggly-error').first().waitFor(); // removed-syntax, line 37
  const counts = await waitForCounts(page, cli, 'the CLI counts');
  run.mark('pageToProblemsCountMs', tLoad);
  run.log(`status bar: "${counts.label}" = CLI ${cli.errors} errors, ${cli.warnings} warnings, ${cli.infos} infos`);
  await page.keyboard.press('Control+Shift+M'); // the Problems panel, for the screenshot
  await page.locator('.markers-panel .monaco-list-row', { hasText: SQL }).first().waitFor();
  await run.shot('1-diagnostics');

  // --- hover the flagged RESTORE ---------------------------------------------------------------
  let t = Date.now();
  await page.keyboard.press('Control+Shift+M'); // hide the panel again: room for the hover
  await page.locator('.markers-panel').waitFor({ state: 'hidden' });
  await openFile(page, RUNBOOK);
  await goToLine(page, md, FLAGGED_LINE);
  const hover = page.locator('.monaco-hover').filter({ hasText: INNOVATION_SENTENCE });
  // Follow the squiggle until the hover shows: a code lens or inlay hint that arrives late moves
  // the line, and the mouse must move with it. (page.hover() on the squiggle is intercepted by
  // the text layer, so the mouse is moved to its coordinates.)
  let box;
  let at;
  for (const end = Date.now() + STEP_TIMEOUT_MS; ; ) {
    box = await squiggleOnLine(page, md, FLAGGED_LINE, 'error');
    const target = { x: box.x + 40, y: box.y + box.height / 2 };
    if (!at || Math.abs(at.x - target.x) > 1 || Math.abs(at.y - target.y) > 1) {
      if (at) {
        run.log(`line ${FLAGGED_LINE} moved (${Math.round(at.y)} → ${Math.round(target.y)}); following it`);
        await page.mouse.move(5, 5);
      }
      await page.mouse.move(target.x, target.y, { steps: 3 });
      at = target;
    }
    if (await hover.first().isVisible()) break;
    if (Date.now() > end) throw new Error(`no hover with "${INNOVATION_SENTENCE}" on line ${FLAGGED_LINE}`);
    await page.waitForTimeout(250);
  }
  const hoverText = await hover.first().innerText();
  for (const want of ['skips regular release 25.4', 'not supported: 25.2 → 26.2', INNOVATION_SENTENCE]) {
    if (!hoverText.includes(want)) throw new Error(`hover lacks "${want}": ${hoverText}`);
  }
  run.mark('hoverMs', t);
  await page.waitForFunction(() => [...document.querySelectorAll('.monaco-hover')].every((h) => h.getAnimations().length === 0));
  await run.shot('2-hover');
  if (E.README_SHOT) {
    // The README's picture: the editor around the hover and its RESTORE, not the whole window.
    const hb = await hover.first().boundingBox();
    const eb = await md.boundingBox();
    const top = Math.max(eb.y, Math.min(hb.y, box.y) - 60);
    const bottom = Math.min(eb.y + eb.height, Math.max(hb.y + hb.height, box.y + box.height) + 60);
    fs.mkdirSync(path.dirname(E.README_SHOT), { recursive: true });
    await page.screenshot({ path: E.README_SHOT, clip: { x: eb.x, y: top, width: eb.width, height: bottom - top } });
    run.log('README screenshot:', path.relative(REPO, E.README_SHOT), `${fs.statSync(E.README_SHOT).size} bytes`);
  }

  // --- quick fix through the UI ------------------------------------------------------------------
  t = Date.now();
  await page.keyboard.press('Escape');
  await page.mouse.move(5, 5);
  await hover.first().waitFor({ state: 'hidden' });
  if (E.README_SHOT) {
    // The README's second picture: code lenses and inlay hints around the flagged RESTORE,
    // what a user sees without hovering.
    const eb = await md.boundingBox();
    const shot = E.README_SHOT.replace(/\.png$/, '-insight.png');
    const top = Math.max(eb.y, box.y - 240);
    const bottom = Math.min(eb.y + eb.height, box.y + box.height + 60);
    await page.screenshot({ path: shot, clip: { x: eb.x, y: top, width: eb.width, height: bottom - top } });
    run.log('README screenshot:', path.relative(REPO, shot), `${fs.statSync(shot).size} bytes`);
  }
  box = await squiggleOnLine(page, md, FLAGGED_LINE, 'error');
  await page.mouse.click(box.x + 3, box.y + box.height / 2); // caret inside RESTORE
  await page.keyboard.press('Control+.');
  const widget = page.locator('.action-widget');
  await widget.getByText(FIX_TITLE).first().waitFor({ state: 'visible' });
  await run.shot('3-quickfix-menu');
  // Choose with the keyboard (a mouse click is swallowed by .context-view-pointerBlock).
  const focused = widget.locator('.monaco-list-row.focused');
  for (let i = 0; !((await focused.count()) && (await focused.first().innerText()).includes(FIX_TITLE)); i++) {
    if (i > 12) throw new Error(`could not focus "${FIX_TITLE}" in the quick fix menu`);
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
  await md.locator('.view-lines', { hasText: FIXED_TEXT }).waitFor();
  await waitForCounts(page, { errors: cli.errors - 1, warnings: cli.warnings, infos: cli.infos }, 'one error fewer after the quick fix');
  await noSquiggleOnLine(page, md, FLAGGED_LINE, 'error');
  run.mark('quickFixMs', t);
  run.log(`quick fix applied: line ${FLAGGED_LINE} now reads "${FIXED_TEXT}…" and has no error squiggle`);
  await run.shot('4-fixed');

  // --- completion inside a directive -------------------------------------------------------------
  t = Date.now();
  await openFile(page, SQL);
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type(DIRECTIVE, { delay: 20 });
  const suggest = page.locator('.editor-widget.suggest-widget');
  const versionRow = suggest.locator('.monaco-list-row .label-name', { hasText: /^\s*\d{2}\.\d\s*$/ });
  try {
    await versionRow.first().waitFor({ state: 'visible', timeout: 15_000 });
  } catch {
    run.log('no suggestions after "=" yet; asking with Ctrl+Space');
    await page.keyboard.press('Control+Space');
    await versionRow.first().waitFor({ state: 'visible' });
  }
  const labels = (await suggest.locator('.monaco-list-row .label-name').allInnerTexts()).map((s) => s.trim());
  const versions = labels.filter((l) => /^\d{2}\.\d$/.test(l));
  if (versions.length < 3) throw new Error(`expected versions offered after "${DIRECTIVE}"; got: ${labels.join(', ')}`);
  run.mark('completionMs', t);
  run.log(`completion offers: ${labels.join(', ')}`);
  await run.shot('5-completion');
  await page.keyboard.press('Escape');

  // --- F12 on a collection opens the file that writes it -----------------------------------------
  t = Date.now();
  await openFile(page, DRILL);
  // The caret inside the collection string: Ctrl+G takes `:line:column`.
  const column = DRILL_TEXT.split('\n')[READER_LINE - 1].indexOf(READER_COLLECTION) + 1;
  await page.keyboard.press('Control+G');
  const goto = page.locator('.quick-input-widget input');
  await goto.waitFor({ state: 'visible' });
  await goto.fill(`:${READER_LINE}:${column}`);
  await page.locator('.quick-input-widget', { hasText: `line ${READER_LINE}` }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await page.keyboard.press('F12');
  const selection = page.locator('[id="status.editor.selection"]');
  for (const end = Date.now() + STEP_TIMEOUT_MS; ; ) {
    // The active tab's title, and the caret's line in the status bar.
    const active = await page.evaluate(() => document.querySelector('.tabs-container .tab.active')?.getAttribute('aria-label') ?? '');
    const where = (await selection.count()) ? await selection.first().innerText() : '';
    if (active.includes(RUNBOOK) && new RegExp(`^Ln ${WRITER_LINE},`).test(where.trim())) {
      run.log(`F12 on '${READER_COLLECTION}' (${DRILL}:${READER_LINE}) opened ${RUNBOOK} at "${where.trim()}"`);
      break;
    }
    if (Date.now() > end) throw new Error(`F12 on the collection did not open ${RUNBOOK}:${WRITER_LINE} (active: ${active}, ${where})`);
    await page.waitForTimeout(200);
  }
  run.mark('definitionMs', t);
  await run.shot('6-definition');

  return {
    cli: { errors: cli.errors, warnings: cli.warnings, infos: cli.infos },
    statusBar: counts.label,
    completion: versions,
    definition: `${DRILL}:${READER_LINE} → ${RUNBOOK}:${WRITER_LINE}`,
  };
});
