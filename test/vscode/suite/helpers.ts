// Helpers for the vscode-api suite: fixture files, waiting for diagnostics, and reading the
// results of the vscode.execute*Provider commands. Runs inside the extension host only.
import * as assert from 'assert';
import * as vscode from 'vscode';

/** publisher.name from package.json. */
export const EXTENSION_ID = 'crdb-restore-guard.crdb-restore-guard';
/** Diagnostic source set by the server (server/src/lsp/protocol.ts DIAGNOSTIC_SOURCE). */
export const SOURCE = 'crdb-restore-guard';
/** How long to wait for the language server to report (cold start included). */
export const DIAGNOSTICS_TIMEOUT_MS = Number(process.env.CRDB_VSCODE_DIAGNOSTICS_TIMEOUT_MS) || 30_000;

/** A file of the fixture workspace test/vscode/workspace, which the test host opens as its folder. */
export function fixtureUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open: the host must open test/vscode/workspace (runTests.ts passes it as the first launch argument)');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function openFixture(name: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(fixtureUri(name));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** Throws away unsaved edits a test made to a fixture, so the next test sees the file as on disk. */
export async function revert(doc: vscode.TextDocument): Promise<void> {
  if (!doc.isDirty) return;
  await vscode.window.showTextDocument(doc, { preview: false });
  await vscode.commands.executeCommand('workbench.action.files.revert');
  assert.ok(!doc.isDirty, `could not revert ${doc.uri.fsPath}`);
}

/** The rule id of a diagnostic (`code` is `{ value, target }` when the server sends a docs link). */
export function ruleOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

function summarize(ds: vscode.Diagnostic[]): string {
  if (ds.length === 0) return 'none';
  return ds.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${ruleOf(d)}`).join(', ');
}

/**
 * Resolves with this extension's diagnostics for `uri` once `done` accepts them; checks now and
 * on every vscode.languages.onDidChangeDiagnostics event for the uri. Rejects after `timeoutMs`
 * with what was there, so a failure says what the server did report.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  done: (ds: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = DIAGNOSTICS_TIMEOUT_MS,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const key = uri.toString();
    let settled = false;
    const check = (): void => {
      if (settled) return;
      const ds = ours(uri);
      if (done(ds)) {
        settled = true;
        cleanup();
        resolve(ds);
      }
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === key)) check();
    });
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      cleanup();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} on ${uri.fsPath}; diagnostics: ${summarize(ours(uri))}`));
    }, timeoutMs);
    function cleanup(): void {
      sub.dispose();
      clearTimeout(timer);
    }
    check();
  });
}

export function hasRules(...rules: string[]): (ds: vscode.Diagnostic[]) => boolean {
  return (ds) => rules.every((r) => ds.some((d) => ruleOf(d) === r));
}

/**
 * A `waitForDiagnostics` condition: a `rule` diagnostic whose range, in the document as it is
 * now, starts with `text`. Guards against acting on diagnostics of an older document version
 * (e.g. just after an edit or a revert, before the server has reported again).
 */
export function ruleOn(doc: vscode.TextDocument, rule: string, text: string): (ds: vscode.Diagnostic[]) => boolean {
  return (ds) => ds.some((d) => ruleOf(d) === rule && doc.getText(d.range).startsWith(text));
}

export function findRule(ds: vscode.Diagnostic[], doc: vscode.TextDocument, rule: string, text: string): vscode.Diagnostic {
  const d = ds.find((x) => ruleOf(x) === rule && doc.getText(x.range).startsWith(text));
  assert.ok(d, `no ${rule} diagnostic on "${text}"`);
  return d;
}

/** 0-based line of the first line containing `needle`. */
export function lineOf(doc: vscode.TextDocument, needle: string): number {
  for (let i = 0; i < doc.lineCount; i++) if (doc.lineAt(i).text.includes(needle)) return i;
  assert.fail(`${JSON.stringify(needle)} not found in ${doc.uri.fsPath}`);
}

/** Position of character `offset` into the first occurrence of `needle`. */
export function positionOf(doc: vscode.TextDocument, needle: string, offset = 0): vscode.Position {
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `${JSON.stringify(needle)} not found in ${doc.uri.fsPath}`);
  return doc.positionAt(at + offset);
}

export async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n---\n');
}

export function isCodeAction(x: vscode.CodeAction | vscode.Command): x is vscode.CodeAction {
  // A Command has a string `command`; a CodeAction has an optional Command object there.
  return typeof (x as vscode.Command).command !== 'string';
}

export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** Start of the range a completion replaces (a Range, or inserting/replacing ranges). */
export function replaceStart(item: vscode.CompletionItem): vscode.Position | undefined {
  const r = item.range;
  if (!r) return undefined;
  return r instanceof vscode.Range ? r.start : r.replacing.start;
}
