// A minimal LSP client for the benchmark: starts the bundled server over stdio as a push
// client (no pull diagnostics, like Neovim or Helix) and times didOpen/didChange →
// publishDiagnostics. Same JSON-RPC stack as test/protocol/lspClient.ts.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');

export class BenchClient {
  /** `execArgv`: node flags for the server process (e.g. `--cpu-prof` to profile it). */
  /** `folder`: a workspace folder (a directory path) the server indexes. */
  static async start(serverPath, settings, execArgv = [], folder = undefined) {
    const proc = spawn(process.execPath, [...execArgv, serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const client = new BenchClient(proc, settings);
    const folderUri = folder === undefined ? null : pathToFileURL(folder).href;
    await client.connection.sendRequest('initialize', {
      processId: process.pid,
      clientInfo: { name: 'crdb-restore-guard-bench' },
      rootUri: folderUri,
      workspaceFolders: folderUri === null ? null : [{ uri: folderUri, name: 'bench' }],
      capabilities: {
        general: { positionEncodings: ['utf-16'] },
        workspace: { configuration: true },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: true },
          publishDiagnostics: { versionSupport: true },
        },
      },
    });
    await client.connection.sendNotification('initialized', {});
    return client;
  }

  constructor(proc, settings) {
    this.proc = proc;
    this.stderr = [];
    this.waiters = [];
    this.exited = false;
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (d) => this.stderr.push(d));
    proc.on('exit', () => {
      this.exited = true;
      for (const w of this.waiters.splice(0)) w.reject(new Error(`server exited; stderr: ${this.stderr.join('')}`));
    });
    const c = (this.connection = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin)));
    c.onNotification('textDocument/publishDiagnostics', (p) => {
      const at = performance.now();
      this.waiters = this.waiters.filter((w) => {
        if (w.uri !== p.uri || (w.version !== undefined && w.version !== p.version)) return true;
        w.resolve({ at, count: p.diagnostics.length });
        return false;
      });
    });
    /** window/logMessage texts, with the time each arrived, for waitForLog. */
    this.logs = [];
    this.logWaiters = [];
    c.onNotification('window/logMessage', (p) => {
      const at = performance.now();
      this.logs.push({ at, message: p.message });
      this.logWaiters = this.logWaiters.filter((w) => {
        if (!w.re.test(p.message)) return true;
        w.resolve({ at, message: p.message });
        return false;
      });
    });
    c.onNotification(() => undefined); // status, messages, progress
    c.onRequest('workspace/configuration', (p) => p.items.map((i) => (i.section === 'crdbRestoreGuard' ? settings : null)));
    c.onRequest(() => null); // registerCapability, workDoneProgress/create, refreshes
    c.onError(() => undefined);
    c.listen();
  }

  /** Resolves with { at, count } when diagnostics for `uri` (at `version`, if given) arrive. */
  published(uri, version) {
    return new Promise((resolve, reject) => {
      if (this.exited) reject(new Error('server exited'));
      else this.waiters.push({ uri, version, resolve, reject });
    });
  }

  /** Resolves with { at, message } for the first log message matching `re` (one already logged counts). */
  waitForLog(re) {
    const seen = this.logs.find((l) => re.test(l.message));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.logWaiters.push({ re, resolve }));
  }

  /** didOpen; resolves with the milliseconds until its diagnostics arrived. */
  async open(uri, text, languageId = 'markdown') {
    const done = this.published(uri, 1);
    const t0 = performance.now();
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    const { at, count } = await done;
    return { ms: at - t0, count };
  }

  /** One incremental didChange; resolves with the milliseconds until diagnostics for that version arrived. */
  async change(uri, version, range, text) {
    const done = this.published(uri, version);
    const t0 = performance.now();
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    const { at } = await done;
    return at - t0;
  }

  async close(uri) {
    const cleared = this.published(uri, undefined);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await cleared;
  }

  /** Resident set size of the server process (VmRSS from /proc), in MB (2^20 bytes). */
  rssMb() {
    const status = readFileSync(`/proc/${this.proc.pid}/status`, 'utf8');
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return m ? Number(m[1]) / 1024 : NaN;
  }

  async stop() {
    if (this.exited) return;
    const exited = new Promise((r) => this.proc.once('exit', r));
    try {
      await Promise.race([this.connection.sendRequest('shutdown', null), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // killed below
    }
    const t = setTimeout(() => this.proc.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(t);
    this.connection.dispose();
  }
}
