// The VS Code side, desktop and web alike: starts the language server (how is up to the entry
// point: extension.ts starts dist/server.js in Node, browserExtension.ts starts the web worker
// dist/web/server.js), forwards settings, and shows its state. All analysis happens in the
// server; the client runs no workspace code and no SQL.
import {
  commands,
  ExtensionContext,
  languages,
  LanguageStatusSeverity,
  Position,
  Range,
  Selection,
  TextEditorRevealType,
  Uri,
  window,
  workspace,
  type OutputChannel,
  type QuickPickItem,
} from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import {
  Commands,
  PLAN_REQUEST,
  RELEASES_REQUEST,
  SETTINGS_SECTION,
  STATUS_NOTIFICATION,
  type PlanParams,
  type PlanResponse,
  type ReleaseItem,
  type ReleasesParams,
  type StatementCommandArgs,
  type StatusParams,
} from '../../server/src/lsp/protocol';

let client: BaseLanguageClient | undefined;

/** Makes the entry point's client from the shared options (the transport is its business). */
export type ClientFactory = (context: ExtensionContext, options: LanguageClientOptions) => BaseLanguageClient;

const SELECTOR = [
  { language: 'sql' },
  { language: 'markdown' },
  { pattern: '**/*.mdx' },
];

export async function activateWith(context: ExtensionContext, makeClient: ClientFactory, extraOptions: Partial<LanguageClientOptions> = {}): Promise<BaseLanguageClient> {
  const output = window.createOutputChannel('CockroachDB Restore Guard');
  const status = languages.createLanguageStatusItem('crdbRestoreGuard.status', SELECTOR);
  status.name = 'CockroachDB Restore Guard';
  status.text = '$(sync~spin) Restore Guard starting';
  status.command = { title: 'Show output', command: Commands.showOutput };
  context.subscriptions.push(output, status);

  context.subscriptions.push(
    commands.registerCommand(Commands.showOutput, () => output.show(true)),
    commands.registerCommand(Commands.restartServer, async () => {
      status.text = '$(sync~spin) Restore Guard restarting';
      // stop + start: what LanguageClient.restart does on Node, and the web client has no restart.
      await client?.stop();
      await client?.start();
    }),
    commands.registerCommand(Commands.planRestore, (args?: { backup?: string; target?: string }) => planRestore(args)),
  );

  client = makeClient(context, clientOptions(output, extraOptions));
  client.onNotification(STATUS_NOTIFICATION, (p: StatusParams) => {
    const time = new Date().toLocaleTimeString();
    if (p.state === 'error') {
      status.severity = LanguageStatusSeverity.Error;
      status.text = '$(error) Restore Guard: analysis failed';
      status.detail = p.message;
    } else if (p.state === 'skipped') {
      status.severity = LanguageStatusSeverity.Warning;
      status.text = '$(warning) Restore Guard: file too large';
      status.detail = p.message;
    } else {
      status.severity = LanguageStatusSeverity.Information;
      status.text = `$(check) Restore Guard: ${p.findings} finding${p.findings === 1 ? '' : 's'}${p.omitted ? ` (${p.omitted} not listed)` : ''}`;
      status.detail = `validated ${time} in ${p.durationMs.toFixed(1)} ms${p.omitted ? `; Problems lists ${p.findings - p.omitted}, the most severe first` : ''}`;
    }
  });
  const started = client;
  await started.start();
  status.text = '$(check) Restore Guard';
  return started;
}

function clientOptions(output: OutputChannel, extra: Partial<LanguageClientOptions>): LanguageClientOptions {
  return {
    ...extra,
    documentSelector: SELECTOR,
    outputChannel: output,
    synchronize: {
      configurationSection: SETTINGS_SECTION,
      fileEvents: workspace.createFileSystemWatcher('**/.crdb-restore-guard.json'),
    },
    diagnosticPullOptions: { onChange: true, onSave: true },
    middleware: {
      // The code lens of a supported RESTORE runs the server's "explain" command, which answers
      // other editors with a message; VS Code shows the statement's hover instead.
      executeCommand: async (command, args, next) => {
        if (command === Commands.explainStatement && args[0]) return showHoverAt(args[0] as StatementCommandArgs);
        return next(command, args);
      },
    },
  };
}

async function showHoverAt(args: StatementCommandArgs): Promise<void> {
  const editor = await window.showTextDocument(Uri.parse(args.uri), { preserveFocus: false });
  const pos = new Position(args.position.line, args.position.character);
  editor.selection = new Selection(pos, pos);
  editor.revealRange(new Range(pos, pos), TextEditorRevealType.InCenterIfOutsideViewport);
  await commands.executeCommand('editor.action.showHover');
}

/**
 * "Plan a restore across versions": pick the backup and target versions (unless given as
 * arguments), ask the server for the plan in the document's form, insert it at the cursor.
 * Returns the server's answer (tests use it); undefined when cancelled or failed.
 */
async function planRestore(args?: { backup?: string; target?: string }): Promise<PlanResponse | undefined> {
  const editor = window.activeTextEditor;
  // Only documents the server serves (the client's document selector).
  const served = editor !== undefined && languages.match(SELECTOR, editor.document) > 0;
  if (!client || !editor || !served) {
    void window.showErrorMessage('CockroachDB Restore Guard: open a runbook or SQL file, then plan the restore.');
    return undefined;
  }
  const uri = editor.document.uri.toString();
  const pick = async (params: ReleasesParams, title: string, placeHolder: string): Promise<string | undefined> => {
    const releases = await client!.sendRequest(RELEASES_REQUEST, params);
    const items: (QuickPickItem & { version: string })[] = releases.map((r) => ({ label: r.label, description: r.description, detail: r.detail, version: r.version }));
    const chosen = await window.showQuickPick(items, { title, placeHolder, matchOnDescription: true, ignoreFocusOut: true });
    return chosen?.version;
  };
  const backup = args?.backup ?? (await pick({ uri }, 'Plan a restore (1/2): backup version', 'The CockroachDB version the backup was taken on'));
  if (!backup) return undefined;
  const target =
    args?.target ?? (await pick({ uri, backup }, `Plan a restore (2/2): target version for the ${backup} backup`, 'The CockroachDB version to restore into'));
  if (!target) return undefined;
  const position = editor.selection.active;
  const params: PlanParams = { uri, position: { line: position.line, character: position.character }, backup, target };
  const plan = await client.sendRequest(PLAN_REQUEST, params);
  if (plan.error || plan.text === undefined) {
    void window.showErrorMessage(`CockroachDB Restore Guard: ${plan.error ?? 'no plan'}`);
    return plan;
  }
  const ok = await editor.edit((b) => b.insert(position, plan.text!));
  if (!ok) {
    void window.showErrorMessage('CockroachDB Restore Guard: could not insert the plan (the document changed?).');
    return undefined;
  }
  return plan;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
