// Collections across files (docs/workspace.md): the workspace index kept up to date (folders,
// open documents, files changed on disk), the documents that read a collection re-checked when
// its writers change, and navigation: definition (the writers), references (every statement
// naming it), workspace symbols (the collections).
import {
  FileChangeType,
  InlayHintRefreshRequest,
  CodeLensRefreshRequest,
  MessageType,
  ShowMessageNotification,
  SymbolKind,
  type Location,
  type SymbolInformation,
} from 'vscode-languageserver/node';
import type { AnalyzedStatement } from '../core/analysisTypes';
import { isWriter, keyDisplay, useKey } from '../core/workspace/fileFacts';
import type { LocatedUse } from '../core/workspace/workspaceFacts';
import type { ServerContext } from './context';
import type { DiagnosticsHandlers } from './diagnosticsHandlers';
import type { WorkspaceHooks } from './settingsHandlers';
import { WorkspaceIndex } from './workspaceIndex';
import type { WorkspaceFileSource } from './workspaceFiles';

/** Writers changed while typing: the documents that read them are re-checked this long after the last change. */
const RECHECK_DELAY_MS = 150;

export interface WorkspaceHandlers {
  index: WorkspaceIndex;
  hooks: WorkspaceHooks;
}

export function registerWorkspaceHandlers(ctx: ServerContext, source: WorkspaceFileSource, diagnostics: DiagnosticsHandlers): WorkspaceHandlers {
  const { connection, documents, cache, guarded } = ctx;

  // Collections whose writers changed since the last re-check.
  const pendingKeys = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  function writersChanged(keys: string[]): void {
    for (const k of keys) pendingKeys.add(k);
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      const uris = cache.dropDependents([...pendingKeys]);
      pendingKeys.clear();
      if (uris.length === 0) return;
      diagnostics.recheck(uris);
      // Hints and lenses show the backup version too.
      if (ctx.client.inlayHintRefresh) void connection.sendRequest(InlayHintRefreshRequest.type).catch(() => undefined);
      if (ctx.client.codeLensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    }, RECHECK_DELAY_MS);
  }

  const index = new WorkspaceIndex({
    source,
    settings: ctx.settings,
    onWritersChanged: writersChanged,
    warn: (message) => {
      connection.console.warn(message);
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `CockroachDB Restore Guard: ${message}` });
    },
    log: (message) => connection.console.log(message),
    typingPending: () => diagnostics.typingPending(),
  });
  cache.attachWorkspace(index);
  ctx.workspace = index;

  documents.onDidClose((e) => void index.closed(e.document.uri).catch((err) => ctx.logError('workspace index', err)));

  const hooks: WorkspaceHooks = {
    initialized() {
      index.setFolders(ctx.settings.workspaceFolderUris);
      if (ctx.client.dynamicWatchers) {
        void connection.client.register({ method: 'workspace/didChangeWatchedFiles' } as never, {
          watchers: [{ globPattern: '**/*.{sql,md,markdown,mdx}' }],
        } as never);
      }
    },
    filesChanged(changes) {
      for (const c of changes) {
        void index.changedOnDisk(c.uri, c.type === FileChangeType.Deleted).catch((err) => ctx.logError('workspace index', err));
      }
    },
    foldersChanged(uris) {
      index.setFolders(uris);
    },
    settingsChanged() {
      index.rebuild();
    },
  };

  /** The statement whose collection literal holds `offset`, and its key. */
  async function collectionAt(uri: string, position: { line: number; character: number }): Promise<{ key: string; st: AnalyzedStatement } | undefined> {
    const doc = documents.get(uri);
    if (!doc) return undefined;
    const entry = await cache.analysisOf(doc);
    const offset = doc.offsetAt(position);
    const st = entry.analysis.statements.find((s) => s.collectionSpan && offset >= s.collectionSpan.start && offset <= s.collectionSpan.end);
    const key = st && useKey(st);
    return st && key !== undefined ? { key, st } : undefined;
  }

  const toLocation = (u: LocatedUse): Location => ({ uri: u.file, range: u.use.range });

  connection.onDefinition((params) =>
    guarded('definition', null, async () => {
      const found = await collectionAt(params.textDocument.uri, params.position);
      if (!found) return null;
      await index.ready;
      const writers = index.facts.writersOf(found.key);
      return writers.length === 0 ? null : writers.map(toLocation);
    }),
  );

  connection.onReferences((params) =>
    guarded('references', null, async () => {
      const found = await collectionAt(params.textDocument.uri, params.position);
      if (!found) return null;
      await index.ready;
      const uses = index.facts.usesOf(found.key);
      return (params.context.includeDeclaration ? uses : uses.filter((u) => !isWriter(u.use.role))).map(toLocation);
    }),
  );

  connection.onWorkspaceSymbol((params) =>
    guarded('workspace/symbol', [] as SymbolInformation[], async () => {
      const query = params.query.toLowerCase();
      const out: SymbolInformation[] = [];
      for (const key of index.facts.keys()) {
        const name = keyDisplay(key);
        if (query && !name.toLowerCase().includes(query)) continue;
        const uses = index.facts.usesOf(key);
        const first = uses.find((u) => isWriter(u.use.role)) ?? uses[0];
        if (!first) continue;
        const writers = uses.filter((u) => isWriter(u.use.role)).length;
        out.push({
          name,
          kind: SymbolKind.Package,
          location: toLocation(first),
          containerName: `${writers} writer${writers === 1 ? '' : 's'}, ${uses.length - writers} reader${uses.length - writers === 1 ? '' : 's'}`,
        });
        if (out.length >= 1000) break;
      }
      return out;
    }),
  );

  return { index, hooks };
}
