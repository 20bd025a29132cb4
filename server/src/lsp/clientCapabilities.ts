// What the client supports, read once from InitializeParams. Handlers ask this object (through
// the server context) instead of a dozen module-level flags; before initialize, the
// conservative defaults below apply.
import { MarkupKind, type InitializeParams } from 'vscode-languageserver/node';

export interface ClientCapabilities {
  /** textDocument/diagnostic (pull); otherwise the server pushes publishDiagnostics. */
  readonly pullsDiagnostics: boolean;
  /** workspace/configuration; otherwise the settings pushed with didChangeConfiguration are used. */
  readonly hasConfiguration: boolean;
  readonly dynamicConfiguration: boolean;
  readonly dynamicWatchers: boolean;
  /** Markdown hovers; plain text otherwise. */
  readonly markdownHover: boolean;
  readonly workspaceFolders: boolean;
  /** DocumentSymbol trees; flat SymbolInformation otherwise. */
  readonly hierarchicalSymbols: boolean;
  readonly inlayHintRefresh: boolean;
  readonly codeLensRefresh: boolean;
  /** workspace/applyEdit (the code lens "apply fix" command). */
  readonly applyEdit: boolean;
  /** Versioned documentChanges in a WorkspaceEdit; plain `changes` otherwise. */
  readonly documentChanges: boolean;
  /**
   * The editor has its own markdown outline (VS Code, which says so in initializationOptions):
   * markdown documents get no symbols from us, so the breadcrumbs do not switch between two outlines.
   */
  readonly editorMarkdownOutline: boolean;
  /** A WorkspaceEdit may create files (documentChanges with resource operations). */
  readonly createFiles: boolean;
  /** workspace/diagnostic/refresh: the client pulls every document's diagnostics again when asked. */
  readonly diagnosticRefresh: boolean;
}

/** Until the client has said what it supports. */
export const BEFORE_INITIALIZE: ClientCapabilities = {
  pullsDiagnostics: false,
  hasConfiguration: false,
  dynamicConfiguration: false,
  dynamicWatchers: false,
  markdownHover: true,
  workspaceFolders: false,
  hierarchicalSymbols: false,
  inlayHintRefresh: false,
  codeLensRefresh: false,
  applyEdit: false,
  documentChanges: false,
  editorMarkdownOutline: false,
  createFiles: false,
  diagnosticRefresh: false,
};

export function clientCapabilitiesOf(params: InitializeParams): ClientCapabilities {
  const caps = params.capabilities;
  const hoverFormats = caps.textDocument?.hover?.contentFormat;
  return {
    pullsDiagnostics: !!caps.textDocument?.diagnostic,
    hasConfiguration: !!caps.workspace?.configuration,
    dynamicConfiguration: !!caps.workspace?.didChangeConfiguration?.dynamicRegistration,
    dynamicWatchers: !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration,
    markdownHover: !hoverFormats || hoverFormats.includes(MarkupKind.Markdown),
    workspaceFolders: !!caps.workspace?.workspaceFolders,
    hierarchicalSymbols: !!caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport,
    inlayHintRefresh: !!caps.workspace?.inlayHint?.refreshSupport,
    codeLensRefresh: !!caps.workspace?.codeLens?.refreshSupport,
    applyEdit: !!caps.workspace?.applyEdit,
    documentChanges: !!caps.workspace?.workspaceEdit?.documentChanges,
    editorMarkdownOutline: (params.initializationOptions as { editorMarkdownOutline?: unknown } | undefined)?.editorMarkdownOutline === true,
    createFiles: !!caps.workspace?.workspaceEdit?.documentChanges && !!caps.workspace.workspaceEdit.resourceOperations?.includes('create'),
    diagnosticRefresh: !!caps.workspace?.diagnostics?.refreshSupport,
  };
}
