// Desktop VS Code: the language server runs in Node (dist/server.js, over IPC). Everything
// else is shared with VS Code for the Web (activate.ts).
import * as path from 'path';
import type { ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { activateWith } from './activate';

export { deactivate } from './activate';

export async function activate(context: ExtensionContext): Promise<void> {
  await activateWith(context, (ctx, options) => {
    const module = ctx.asAbsolutePath(path.join('dist', 'server.js'));
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    return new LanguageClient('crdbRestoreGuard', 'CockroachDB Restore Guard', serverOptions, options);
  });
}
