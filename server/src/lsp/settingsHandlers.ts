// Settings: where they come from (workspace/configuration, or what the client pushed), how a
// bad one is reported (once), and what a change refreshes (diagnostics, hints, lenses).
import {
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  type FileEvent,
  InlayHintRefreshRequest,
  MessageType,
  ShowMessageNotification,
  type ProposedFeatures,
} from 'vscode-languageserver/node';
import { CONFIG_FILE_NAME } from '../core/settings';
import type { ClientCapabilities } from './clientCapabilities';
import type { ServerContext } from './context';
import { SETTINGS_SECTION } from './protocol';
import { SettingsStore } from './settingsStore';

/** The settings store, and the state its source keeps between changes. */
export interface SettingsSource {
  readonly store: SettingsStore;
  /** Remembers settings pushed with didChangeConfiguration. */
  setPushed(section: unknown): void;
  /** After a change, a bad setting is reported again. */
  forgetReportedProblems(): void;
}

/** `client` is read on every fetch: the store exists before the client has said what it supports. */
export function createSettingsSource(connection: ProposedFeatures.Connection, client: () => ClientCapabilities): SettingsSource {
  /** Problems already shown, so a bad setting is reported once, not on every keystroke. */
  const reportedProblems = new Set<string>();
  function reportProblem(problem: string): void {
    if (reportedProblems.has(problem)) return;
    reportedProblems.add(problem);
    connection.console.warn(problem);
    // A notification, not window/showMessageRequest (what connection.window.showWarningMessage
    // sends): a warning has no actions to choose, and some clients (Neovim) turn a request into
    // a blocking prompt.
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `CockroachDB Restore Guard: ${problem}` });
  }

  /** Settings pushed with didChangeConfiguration by clients that cannot be asked (no workspace/configuration). */
  let pushedSettings: unknown;

  const store = new SettingsStore(
    (uri) => (client().hasConfiguration ? connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }) : Promise.resolve(pushedSettings)),
    reportProblem,
  );
  return {
    store,
    setPushed: (section) => {
      pushedSettings = section;
    },
    forgetReportedProblems: () => reportedProblems.clear(),
  };
}

/** What else reacts to the workspace: the workspace index (lsp/workspaceHandlers.ts). */
export interface WorkspaceHooks {
  /** Watched files other than the config file changed on disk. */
  filesChanged(changes: readonly FileEvent[]): void;
  /** The workspace folders are now these (URIs). */
  foldersChanged(uris: readonly string[]): void;
  /** Settings or the config file changed (the versions BACKUPs are taken on may have). */
  settingsChanged(): void;
  /** The client sent `initialized` (one handler per notification: this module owns it). */
  initialized(): void;
}

export function registerSettingsHandlers(ctx: ServerContext, source: SettingsSource, refreshDiagnostics: () => void, hooks?: WorkspaceHooks): void {
  const { connection, settings, cache } = ctx;

  function refreshAll(): void {
    settings.clear();
    cache.invalidate();
    hooks?.settingsChanged();
    refreshDiagnostics();
    // Hints and lenses depend on the settings too (their switches, extraReleases, defaults).
    if (ctx.client.inlayHintRefresh) void connection.sendRequest(InlayHintRefreshRequest.type).catch(() => undefined);
    if (ctx.client.codeLensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  }

  connection.onInitialized(() => {
    if (ctx.client.dynamicConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    }
    if (ctx.client.dynamicWatchers) {
      void connection.client.register({ method: 'workspace/didChangeWatchedFiles' } as never, {
        watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }],
      } as never);
    }
    // Only clients that support workspace folders send changes (the library throws for others).
    if (ctx.client.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(async () => {
        const folders = (await connection.workspace.getWorkspaceFolders()) ?? [];
        settings.setWorkspaceFolders(folders.map((f) => f.uri));
        hooks?.foldersChanged(folders.map((f) => f.uri));
        refreshAll();
      });
    }
    hooks?.initialized();
  });

  connection.onDidChangeConfiguration((change) => {
    const s = (change.settings as Record<string, unknown> | null)?.[SETTINGS_SECTION];
    if (s !== undefined) source.setPushed(s);
    source.forgetReportedProblems();
    refreshAll();
  });

  connection.onDidChangeWatchedFiles((params) => {
    const isConfig = (uri: string) => uri.endsWith(`/${CONFIG_FILE_NAME}`);
    const others = params.changes.filter((c) => !isConfig(c.uri));
    if (others.length > 0) hooks?.filesChanged(others);
    if (others.length === params.changes.length) return;
    source.forgetReportedProblems();
    refreshAll();
  });
}

