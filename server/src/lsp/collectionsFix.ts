// The missing-version quick fix that asks for the fact where it belongs when a collection is
// written outside the workspace (docs/workspace.md): add the collection to `collections` in
// `.crdb-restore-guard.json`, creating the file if needed. The version is a placeholder (`?`)
// that the config check reports until the user fills it in: the fix never invents one.
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { CodeActionKind, type CodeAction, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { AnalyzedStatement } from '../core/analysisTypes';
import { collectionKey, displayCollection } from '../core/collections';
import { CONFIG_FILE_NAME } from '../core/settings';
import type { ServerContext } from './context';
import { uriToPath } from './settingsStore';

export const COLLECTION_PLACEHOLDER = '?';

export function addToCollectionsAction(ctx: ServerContext, docUri: string, st: AnalyzedStatement, diagnostic: Diagnostic): CodeAction | undefined {
  if (st.kind !== 'restore' || st.oldSyntax || st.backup?.version || st.collectionKey === undefined) return undefined;
  const written = st.collections.find((c) => c !== undefined && collectionKey(c) === st.collectionKey);
  if (written === undefined) return undefined;
  const docPath = uriToPath(docUri);
  const folder = docPath && ctx.settings.workspaceFolders.filter((f) => isInside(docPath, f)).sort((a, b) => b.length - a.length)[0];
  if (!folder) return undefined;
  const file = path.join(folder, CONFIG_FILE_NAME);
  const uri = pathToFileURL(file).href;
  const name = displayCollection(written);
  const open = ctx.documents.get(uri);
  let text: string | undefined = open?.getText();
  if (text === undefined) {
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      text = undefined;
    }
  }
  let edit: WorkspaceEdit;
  const title = `Add '${name}' to collections in ${CONFIG_FILE_NAME} (then fill in the version its backups are taken on)`;
  if (text === undefined) {
    if (!ctx.client.createFiles) return undefined;
    const newText = `${JSON.stringify({ collections: { [name]: COLLECTION_PLACEHOLDER } }, null, 2)}\n`;
    edit = {
      documentChanges: [
        { kind: 'create', uri, options: { ignoreIfExists: true } },
        { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText }] },
      ],
    };
  } else {
    let config: unknown;
    try {
      config = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch {
      return undefined; // a broken file is reported by the config check; do not rewrite it
    }
    if (typeof config !== 'object' || config === null || Array.isArray(config)) return undefined;
    const obj = config as Record<string, unknown>;
    const existing = obj.collections;
    if (existing !== undefined && (typeof existing !== 'object' || existing === null || Array.isArray(existing))) return undefined;
    const collections = { ...(existing as Record<string, unknown> | undefined), [name]: COLLECTION_PLACEHOLDER };
    const newText = `${JSON.stringify({ ...obj, collections }, null, 2)}\n`;
    const edits = [{ range: { start: { line: 0, character: 0 }, end: endOf(text) }, newText }];
    edit = ctx.client.documentChanges
      ? { documentChanges: [{ textDocument: { uri, version: open ? open.version : null }, edits }] }
      : { changes: { [uri]: edits } };
  }
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit };
}

function endOf(text: string): { line: number; character: number } {
  const lines = text.split(/\r\n|\r|\n/);
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

function isInside(p: string, folder: string): boolean {
  const rel = path.relative(folder, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
