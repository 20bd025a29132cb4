// The language server's web worker entry point (dist/web/server.js) for VS Code for the Web
// (vscode.dev, github.dev): the same server as dist/server.js, its messages carried by the
// worker's message port, and the workspace's files read by the client through the editor's
// file system API (browser/clientHost.ts). No Node built-in is bundled here
// (test/web/browserBundles.test.ts reads the build's metafile).
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { clientFileSource, clientHost } from './browser/clientHost';
import { setRuleDocsBase } from './lsp/convert';
import { startServer } from './lsp/startServer';
import type { WebInitializationOptions } from './lsp/webProtocol';

/** The worker's global scope (the project compiles without the DOM library). */
interface WorkerScope {
  addEventListener(type: 'error', listener: (e: { error?: unknown; message?: string }) => void): void;
  addEventListener(type: 'unhandledrejection', listener: (e: { reason?: unknown }) => void): void;
}
declare const self: WorkerScope;

// The diagnostics scheduling defers work by setImmediate turns, as vscode-jsonrpc does on
// Node; in a worker, vscode-jsonrpc uses setTimeout(0) turns for the same job.
const g = globalThis as { setImmediate?: (cb: () => void) => unknown };
g.setImmediate ??= (cb: () => void) => setTimeout(cb, 0);

const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(self as never), new BrowserMessageWriter(self as never));

const host = clientHost(connection);
const { logError } = startServer(connection, host, clientFileSource(host), {
  onInitialize(params) {
    const docs = (params.initializationOptions as WebInitializationOptions | undefined)?.docsBaseUri;
    if (typeof docs === 'string') setRuleDocsBase(docs);
  },
});

self.addEventListener('error', (e) => logError('uncaught exception', e.error ?? e.message));
self.addEventListener('unhandledrejection', (e) => logError('unhandled rejection', e.reason));
