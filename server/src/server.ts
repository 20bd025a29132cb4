// The CockroachDB Restore Guard language server. Reads top to bottom like lsp-sample:
// connection → documents → capabilities → settings → validation → handlers → listen().
// Only the wiring lives here; what each feature does is in lsp/*Handlers.ts, which get the
// server context (connection, documents, client capabilities, settings, analysis cache) and
// register themselves. Every request handler is guarded: a failure is logged and answered
// empty, never fatal (lsp/guard.ts).
import { CodeActionKind, createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, type InitializeParams, type InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache } from './lsp/analysisCache';
import { BEFORE_INITIALIZE, clientCapabilitiesOf } from './lsp/clientCapabilities';
import { registerCodeActionHandlers } from './lsp/codeActionHandlers';
import type { ServerContext } from './lsp/context';
import { registerDiagnosticsHandlers } from './lsp/diagnosticsHandlers';
import { registerEditingHandlers } from './lsp/editingHandlers';
import { guardedStdio } from './lsp/framing';
import { createGuard } from './lsp/guard';
import { registerInsightHandlers } from './lsp/insightHandlers';
import { registerPlanHandlers } from './lsp/planHandlers';
import { Commands, DIAGNOSTIC_SOURCE, FIX_ALL_KIND } from './lsp/protocol';
import { createSettingsSource, registerSettingsHandlers } from './lsp/settingsHandlers';
import { registerWorkspaceHandlers } from './lsp/workspaceHandlers';
import { diskFileSource } from './node/workspaceFiles';

declare const PACKAGE_VERSION: string | undefined;

// ---------------------------------------------------------------------------------------------
// Connection and documents

// With --stdio, the input goes through a guard that survives malformed message headers.
const stdio = guardedStdio();
const connection = stdio ? createConnection(ProposedFeatures.all, stdio.input, stdio.output) : createConnection(ProposedFeatures.all);
stdio?.attach(connection.console);
const documents = new TextDocuments(TextDocument);

// The context every handler module registers with. `client` is replaced in onInitialize; the
// settings store asks it on each fetch, after initialize.
const settingsSource = createSettingsSource(connection, () => ctx.client);
const { guarded, logError } = createGuard(connection.console);
const ctx: ServerContext = {
  connection,
  documents,
  client: BEFORE_INITIALIZE,
  settings: settingsSource.store,
  cache: new AnalysisCache(settingsSource.store),
  guarded,
  logError,
};

// ---------------------------------------------------------------------------------------------
// Capabilities

connection.onInitialize((params: InitializeParams): InitializeResult => {
  ctx.client = clientCapabilitiesOf(params);
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
const workspace = registerWorkspaceHandlers(ctx, diskFileSource, diagnostics); // collections across files, navigation
registerSettingsHandlers(ctx, settingsSource, diagnostics.refreshAll, workspace.hooks); // configuration, config file, folders
registerEditingHandlers(ctx); // hover, completion
registerCodeActionHandlers(ctx); // quick fixes, fix-all, commands
registerInsightHandlers(ctx); // inlay hints, code lenses, outline
registerPlanHandlers(ctx); // releases and plan requests

// ---------------------------------------------------------------------------------------------

process.on('uncaughtException', (e) => logError('uncaught exception', e));
process.on('unhandledRejection', (e) => logError('unhandled rejection', e));

documents.listen(connection);
connection.listen();
