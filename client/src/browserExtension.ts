// VS Code for the Web (vscode.dev, github.dev): the same language server, bundled for a web
// worker (dist/web/server.js). The worker has no file system: for workspace diagnostics and
// the config file it asks this client, which reads through the editor's file system API
// (workspace.fs, workspace.findFiles), so virtual workspaces such as a GitHub repository
// opened in the browser work as a folder on disk does. Everything else is shared (activate.ts).
import { RelativePattern, Uri, workspace, type ExtensionContext } from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import {
  READ_FILE_REQUEST,
  WORKSPACE_FILES_REQUEST,
  type ReadFileParams,
  type ReadFileResult,
  type WebInitializationOptions,
  type WorkspaceFilesParams,
  type WorkspaceFilesResult,
} from '../../server/src/lsp/webProtocol';
import { activateWith } from './activate';

export { deactivate } from './activate';

/** Files a workspace diagnostic pass reads at most (the web file systems are remote). */
const MAX_WORKSPACE_FILES = 5000;
/** What workspace diagnostics never walk into. */
const EXCLUDED = '**/{node_modules,.git}/**';

declare const Worker: new (url: string) => unknown;
declare const TextDecoder: new (label?: string) => { decode(bytes: Uint8Array): string };

export async function activate(context: ExtensionContext): Promise<void> {
  const initializationOptions: WebInitializationOptions = { docsBaseUri: `${Uri.joinPath(context.extensionUri, 'docs', 'rules').toString()}/` };
  await activateWith(
    context,
    (ctx, options) => {
      const worker = new Worker(Uri.joinPath(ctx.extensionUri, 'dist', 'web', 'server.js').toString(true));
      const client = new LanguageClient('crdbRestoreGuard', 'CockroachDB Restore Guard', options, worker as never);
      client.onRequest(WORKSPACE_FILES_REQUEST, (p: WorkspaceFilesParams) => workspaceFiles(p));
      client.onRequest(READ_FILE_REQUEST, (p: ReadFileParams) => readFile(p));
      return client;
    },
    { initializationOptions },
  );
}

/** The .sql and markdown files of a workspace folder (files.exclude applies; .gitignore is not read on the web). */
async function workspaceFiles({ folderUri }: WorkspaceFilesParams): Promise<WorkspaceFilesResult> {
  const folder = workspace.workspaceFolders?.find((f) => f.uri.toString() === folderUri || f.uri.toString() === `${folderUri}/`);
  if (!folder) return { uris: [] };
  const found = await workspace.findFiles(new RelativePattern(folder, '**/*.{sql,md,markdown,mdx}'), EXCLUDED, MAX_WORKSPACE_FILES);
  return { uris: found.map((u) => u.toString()).sort() };
}

/** A file's stamp and text, read through the editor's file system; null when it is not a file. */
async function readFile({ uri, statOnly }: ReadFileParams): Promise<ReadFileResult | null> {
  try {
    const target = Uri.parse(uri);
    const stat = await workspace.fs.stat(target);
    if ((stat.type & 1) === 0) return null; // FileType.File
    if (statOnly) return { size: stat.size, mtime: stat.mtime };
    const bytes = await workspace.fs.readFile(target);
    return { size: stat.size, mtime: stat.mtime, text: new TextDecoder('utf-8').decode(bytes) };
  } catch {
    return null;
  }
}
