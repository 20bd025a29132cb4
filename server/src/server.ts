// The language server's Node entry point (dist/server.js, also the
// `crdb-restore-guard-server` bin): stdio or IPC, the disk as the workspace. The server
// itself is lsp/startServer.ts, shared with the web worker entry (browserServer.ts).
import { createConnection, ProposedFeatures, StreamMessageWriter } from 'vscode-languageserver/node';
import { setRuleDocsBase } from './lsp/convert';
import { guardedStdio } from './lsp/framing';
import { BackgroundAnalyzer } from './lsp/backgroundAnalyzer';
import { startServer } from './lsp/startServer';
import { messageEncoder } from './node/messageEncoder';
import { bundledDocsBaseUri, nodeHost } from './node/nodeHost';
import { diskFileSource } from './node/workspaceFiles';

// With --stdio, the input goes through a guard that survives malformed message headers.
const stdio = guardedStdio();
// Its output encodes a republished diagnostics array once (node/messageEncoder.ts). The input
// stays a stream, so that the library still ends the process when the client goes away; the
// library takes a stream or a reader for the input and a stream or a writer for the output,
// each on its own, though its typings pair them.
const writer = stdio && new StreamMessageWriter(stdio.output, { contentTypeEncoder: messageEncoder() });
const connection = stdio ? createConnection(ProposedFeatures.all, stdio.input, writer as unknown as NodeJS.WritableStream) : createConnection(ProposedFeatures.all);
stdio?.attach(connection.console);
setRuleDocsBase(bundledDocsBaseUri());

// Large documents are analysed on a worker thread (lsp/backgroundAnalyzer.ts).
const { logError } = startServer(connection, nodeHost, diskFileSource, { background: new BackgroundAnalyzer() });

process.on('uncaughtException', (e) => logError('uncaught exception', e));
process.on('unhandledRejection', (e) => logError('unhandled rejection', e));
