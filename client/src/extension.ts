// Desktop VS Code: the language server runs in Node (dist/server.js, over IPC). Everything
// else is shared with VS Code for the Web (activate.ts).
import * as cp from 'child_process';
import * as path from 'path';
import type { ExtensionContext } from 'vscode';
import { IPCMessageReader, IPCMessageWriter, LanguageClient, type ServerOptions } from 'vscode-languageclient/node';
import { activateWith } from './activate';
import { logExit } from './serverExit';

export { deactivate } from './activate';

/** The server process started last; after a stop it is given 2 s to exit, then terminated. */
let serverProcess: cp.ChildProcess | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  await activateWith(
    context,
    (_ctx, options) => {
      const module = context.asAbsolutePath(path.join('dist', 'server.js'));
      // The client starts the server itself (node IPC, as TransportKind.ipc would), so that a
      // normal stop is not logged as "[Error] Server process exited with code 0" (serverExit.ts).
      const serverOptions: ServerOptions = async () => {
        const output = options.outputChannel;
        const child = cp.fork(module, ['--node-ipc', `--clientProcessId=${process.pid}`], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'], execArgv: [] });
        child.stdout?.on('data', (d) => output?.append(String(d)));
        child.stderr?.on('data', (d) => output?.append(String(d)));
        logExit(child, {
          info: (m) => output?.appendLine(`[Info  - ${new Date().toLocaleTimeString()}] ${m}`),
          error: (m) => output?.appendLine(`[Error - ${new Date().toLocaleTimeString()}] ${m}`),
        });
        serverProcess = child;
        return { reader: new IPCMessageReader(child), writer: new IPCMessageWriter(child) };
      };
      return new LanguageClient('crdbRestoreGuard', 'CockroachDB Restore Guard', serverOptions, options);
    },
    {},
    { afterStop: waitForServerExit },
  );
}

async function waitForServerExit(): Promise<void> {
  const child = serverProcess;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      resolve();
    }, 2000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
