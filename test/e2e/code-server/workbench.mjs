// What a user does in the VS Code workbench, as playwright steps shared by the code-server
// scripts: open a file by name, go to a line, find a squiggle, read the status bar's problem
// counts. Each step waits on a condition, bounded by STEP_TIMEOUT_MS.
import { STEP_TIMEOUT_MS } from './harness.mjs';

/** Errors/warnings shown by the status bar's problems item ("Errors: 4, Warnings: 2"). */
export async function statusBarCounts(page) {
  const label = await page.evaluate(() => {
    const el = document.getElementById('status.problems');
    return el ? el.getAttribute('aria-label') || el.textContent || '' : '';
  });
  const num = (re) => Number((label.match(re) || [])[1] || 0);
  return { label, errors: num(/Errors?: (\d+)/), warnings: num(/Warnings?: (\d+)/), infos: num(/Infos?: (\d+)/) };
}

export async function waitForCounts(page, want, what) {
  const end = Date.now() + STEP_TIMEOUT_MS;
  let last;
  for (;;) {
    last = await statusBarCounts(page);
    if (last.errors === want.errors && last.warnings === want.warnings && last.infos === want.infos) return last;
    if (Date.now() > end) throw new Error(`status bar problems never showed ${what} (errors ${want.errors}, warnings ${want.warnings}, infos ${want.infos}); last: "${last.label}"`);
    await page.waitForTimeout(200);
  }
}

/** Opens a workspace file through Quick Open (Ctrl+P) and waits for its editor. */
export async function openFile(page, name) {
  const editor = page.locator(`.monaco-editor[data-uri$="/${name}"]`);
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  // Enter only once the filtered list has focused the file (before that, Enter opens whatever
  // the unfiltered "recently opened" list had focused).
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await editor.waitFor();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  return editor;
}

/** Ctrl+G <line>[:<column>]: reveals the line in the active editor, the caret at the column (default 1). */
export async function goToLine(page, editor, line, column) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(column ? `:${line}:${column}` : `:${line}`); // the go-to-line picker is Quick Open with a ':' prefix
  await page.locator('.quick-input-widget', { hasText: `line ${line}` }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await editor.locator('.margin .line-numbers', { hasText: new RegExp(`^${line}$`) }).first().waitFor();
}

/** The squiggle of `kind` ('error', 'warning') on the given (visible) line, waiting for it. */
export async function squiggleOnLine(page, editor, line, kind) {
  const lineNo = editor.locator('.margin .line-numbers', { hasText: new RegExp(`^${line}$`) }).first();
  const end = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const lb = await lineNo.boundingBox();
    for (const sq of await editor.locator(`.squiggly-${kind}`).all()) {
      const b = await sq.boundingBox();
      if (lb && b && Math.abs(b.y + b.height / 2 - (lb.y + lb.height / 2)) < lb.height / 2) return b;
    }
    if (Date.now() > end) throw new Error(`no ${kind} squiggle on line ${line}`);
    await page.waitForTimeout(200);
  }
}

/** Waits until no `kind` squiggle is left between the (visible) line and the next one. */
export async function noSquiggleOnLine(page, editor, line, kind) {
  const numberBox = (n) => editor.locator('.margin .line-numbers', { hasText: new RegExp(`^${n}$`) }).first().boundingBox();
  const end = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const [a, b] = [await numberBox(line), await numberBox(line + 1)];
    let found = false;
    for (const sq of await editor.locator(`.squiggly-${kind}`).all()) {
      const s = await sq.boundingBox();
      if (a && b && s && s.y + s.height / 2 > a.y && s.y + s.height / 2 < b.y) found = true;
    }
    if (a && b && !found) return;
    if (Date.now() > end) throw new Error(`the ${kind} squiggle on line ${line} did not go away`);
    await page.waitForTimeout(200);
  }
}

/** Ctrl+. at the caret, then the quick fix whose title starts with `title`, chosen with the keyboard. */
export async function chooseQuickFix(page, title) {
  await page.keyboard.press('Control+.');
  const widget = page.locator('.action-widget');
  await widget.getByText(title).first().waitFor({ state: 'visible' });
  // A mouse click is swallowed by .context-view-pointerBlock: arrow keys and Enter.
  const focused = widget.locator('.monaco-list-row.focused');
  for (let i = 0; !((await focused.count()) && (await focused.first().innerText()).includes(title)); i++) {
    if (i > 16) throw new Error(`could not focus "${title}" in the quick fix menu`);
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
  await widget.waitFor({ state: 'hidden' });
}

/** F1, the command's title typed, Enter (the first match must be the command). */
export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** In an open quick pick: types `text`, waits for the focused row to show it, Enter. */
export async function pickItem(page, text) {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(text);
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: text }).first().waitFor();
  await page.keyboard.press('Enter');
}
