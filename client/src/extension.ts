// The VS Code side: starts the bundled language server, forwards settings, and shows its
// state. All analysis happens in the server; the client runs no workspace code and no SQL.
import * as path from 'path';
import { commands, ExtensionContext, languages, LanguageStatusSeverity, window, workspace, type OutputChannel } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { Commands, SETTINGS_SECTION, STATUS_NOTIFICATION, type StatusParams } from '../../server/src/lsp/protocol';

let client: LanguageClient | undefined;

const SELECTOR = [
  { language: 'sql' },
  { language: 'markdown' },
  { pattern: '**/*.mdx' },
];

export async function activate(context: ExtensionContext): Promise<void> {
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
      await client?.restart();
    }),
  );

  client = createClient(context, output);
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
      status.text = `$(check) Restore Guard: ${p.findings} finding${p.findings === 1 ? '' : 's'}`;
      status.detail = `validated ${time} in ${p.durationMs.toFixed(1)} ms`;
    }
  });
  await client.start();
  status.text = '$(check) Restore Guard';
}

function createClient(context: ExtensionContext, output: OutputChannel): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: SELECTOR,
    outputChannel: output,
    synchronize: {
      configurationSection: SETTINGS_SECTION,
      fileEvents: workspace.createFileSystemWatcher('**/.crdb-restore-guard.json'),
    },
    diagnosticPullOptions: { onChange: true, onSave: true },
  };
  return new LanguageClient('crdbRestoreGuard', 'CockroachDB Restore Guard', serverOptions, clientOptions);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
