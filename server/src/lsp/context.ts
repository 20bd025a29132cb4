// What every handler module gets from server.ts: the transport (connection, documents), what
// the client supports, the settings and the analysis cache. Passed to each `register…(ctx)`
// function, so no module reaches for another's globals.
import type { ProposedFeatures, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisCache } from './analysisCache';
import type { ClientCapabilities } from './clientCapabilities';
import type { Guarded, LogError } from './guard';
import type { SettingsStore } from './settingsStore';
import type { WorkspaceIndex } from './workspaceIndex';

export interface ServerContext {
  readonly connection: ProposedFeatures.Connection;
  readonly documents: TextDocuments<TextDocument>;
  /**
   * BEFORE_INITIALIZE until onInitialize replaces it with what the client said it supports.
   * Read it when a handler runs (`ctx.client.…`), never copy it at registration.
   */
  client: ClientCapabilities;
  readonly settings: SettingsStore;
  readonly cache: AnalysisCache;
  /** Collection facts across the workspace's files; set once the workspace handlers are registered. */
  workspace?: WorkspaceIndex;
  readonly guarded: Guarded;
  readonly logError: LogError;
}
