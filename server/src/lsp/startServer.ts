// The CockroachDB Restore Guard language server, whatever carries its messages. Reads top to
// bottom like lsp-sample: documents → capabilities → settings → validation → handlers → listen().
// Only the wiring lives here; what each feature does is in lsp/*Handlers.ts, which get the
// server context (connection, documents, client capabilities, settings, workspace host,
// analysis cache) and register themselves. Every request handler is guarded: a failure is
// logged and answered empty, never fatal (lsp/guard.ts). The entry points: server.ts (Node:
// stdio or IPC, the disk) and browserServer.ts (a web worker, files read by the client).
import { CodeActionKind, ProposedFeatures, TextDocuments, TextDocumentSyncKind, type InitializeParams, type InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache } from './analysisCache';
import type { BackgroundAnalyzer } from './backgroundAnalyzer';
import { BEFORE_INITIALIZE, clientCapabilitiesOf } from './clientCapabilities';
import { registerCodeActionHandlers } from './codeActionHandlers';
import type { ServerContext } from './context';
import { registerDiagnosticsHandlers } from './diagnosticsHandlers';
import { registerEditingHandlers } from './editingHandlers';
import { createGuard, type LogError } from './guard';
import { registerInsightHandlers } from './insightHandlers';
import { registerPlanHandlers } from './planHandlers';
import { Commands, DIAGNOSTIC_SOURCE, FIX_ALL_KIND } from './protocol';
import { createSettingsSource, registerSettingsHandlers } from './settingsHandlers';
import type { WorkspaceFileSource } from './workspaceFiles';
import { registerWorkspaceHandlers } from './workspaceHandlers';
import type { WorkspaceHost } from './workspaceHost';

declare const PACKAGE_VERSION: string | undefined;

export interface StartOptions {
  /** The entry point's reading of initialize (e.g. where the web client's docs are). */
  onInitialize?: (params: InitializeParams) => void;
  /** Where large documents are analysed off the main thread (Node: a worker thread); none: here. */
  background?: BackgroundAnalyzer;
}

/**
 * Registers every handler on `connection` and starts listening; returns the error logger.
 * `host` reads the config file and the files of workspace diagnostics, `files` the files of the
 * workspace index: the disk in Node, the editor's file system on the web.
 */
export function startServer(connection: ProposedFeatures.Connection, host: WorkspaceHost, files: WorkspaceFileSource, { onInitialize, background }: StartOptions = {}): { logError: LogError } {
  const documents = new TextDocuments(TextDocument);

  // The context every handler module registers with. `client` is replaced in onInitialize; the
  // settings store asks it on each fetch, after initialize.
  const settingsSource = createSettingsSource(connection, () => ctx.client, host);
  const guard = createGuard(connection.console);
  const { guarded, logError } = guard;
  const ctx: ServerContext = {
    connection,
    documents,
    client: BEFORE_INITIALIZE,
    settings: settingsSource.store,
    host,
    cache: new AnalysisCache(settingsSource.store, background),
    guarded,
    logError,
  };

  // ---------------------------------------------------------------------------------------------
  // Capabilities

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    ctx.client = clientCapabilitiesOf(params);
    onInitialize?.(params);
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    ctx.settings.setWorkspaceFolders(folders);
    const result: InitializeResult = {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, CodeActionKind.SourceFixAll, FIX_ALL_KIND] },
        completionProvider: { triggerCharacters: ['=', ',', ' ', ':'], resolveProvider: false },
        executeCommandProvider: { commands: [Commands.showRuleDocs, Commands.applyStatementFix, Commands.explainStatement] },
        inlayHintProvider: { resolveProvider: false },
        // An object, never `true`: Neovim 0.7 rejects a boolean codeLensProvider.
        codeLensProvider: { resolveProvider: false },
        documentSymbolProvider: { label: 'Backup/restore steps' },
        definitionProvider: true,
        referencesProvider: true,
        workspaceSymbolProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'crdb-restore-guard', version: typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : 'dev' },
    };
    if (ctx.client.pullsDiagnostics) {
      result.capabilities.diagnosticProvider = {
        identifier: DIAGNOSTIC_SOURCE,
        interFileDependencies: true,
        workspaceDiagnostics: true,
      };
    }
    return result;
  });

  // ---------------------------------------------------------------------------------------------
  // Settings, validation, handlers

  const diagnostics = registerDiagnosticsHandlers(ctx); // push validation, pull and workspace diagnostics
  const workspace = registerWorkspaceHandlers(ctx, files, diagnostics); // collections across files, navigation
  registerSettingsHandlers(ctx, settingsSource, diagnostics.refreshAll, workspace.hooks); // configuration, config file, folders
  registerEditingHandlers(ctx); // hover, completion
  registerCodeActionHandlers(ctx); // quick fixes, fix-all, commands
  registerInsightHandlers(ctx); // inlay hints, code lenses, outline
  registerPlanHandlers(ctx); // releases and plan requests

  // ---------------------------------------------------------------------------------------------

  // After `shutdown`, requests are answered InvalidRequest (lsp/guard.ts).
  connection.onShutdown(() => {
    guard.markShutdown();
    background?.close();
  });

  documents.listen(connection);
  connection.listen();
  return { logError };
}
