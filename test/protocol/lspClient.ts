// Test harness: starts the bundled language server over stdio and talks LSP to it with a real
// JSON-RPC client (vscode-languageserver-protocol). The test controls the settings the client
// answers to workspace/configuration, collects every notification the server sends, and waits
// on events with a timeout (never fixed sleeps).
import { spawn, type ChildProcessWithoutNullStreams } from 'child_process';
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type LogMessageParams,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type ShowDocumentParams,
  type ShowMessageParams,
  type TextDocumentContentChangeEvent,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';

/** Repository root (this file runs from out/test/protocol/). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const BUNDLED_SERVER = path.join(REPO_ROOT, 'dist', 'server.js');
export const SETTINGS_SECTION = 'crdbRestoreGuard';
export const SOURCE = 'crdb-restore-guard';
/** A date on which the versions the tests use are still supported (end-of-support findings stay deterministic). */
export const TODAY = '2025-06-01';

export type Profile = 'push' | 'pull';

/** Capabilities common to both profiles: what every mainstream LSP client announces. */
function baseCapabilities(hoverFormat: string[]): ClientCapabilities {
  return {
    general: { positionEncodings: ['utf-16'] },
    window: { showDocument: { support: true }, workDoneProgress: true, showMessage: {} },
    workspace: {
      configuration: true,
      workspaceFolders: true,
      applyEdit: true,
      workspaceEdit: { documentChanges: true },
      didChangeConfiguration: { dynamicRegistration: true },
      didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
      executeCommand: { dynamicRegistration: false },
    },
    textDocument: {
      synchronization: { dynamicRegistration: false, didSave: true, willSave: false },
      publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
      hover: { contentFormat: hoverFormat as ('markdown' | 'plaintext')[] },
      completion: { completionItem: { snippetSupport: false, documentationFormat: ['markdown', 'plaintext'] } },
      codeAction: {
        isPreferredSupport: true,
        codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source', 'source.fixAll'] } },
      },
    },
  };
}

/**
 * "push": no textDocument.diagnostic capability (Neovim, Emacs, Helix): the server publishes.
 * "pull": textDocument.diagnostic and workspace diagnostics (VS Code): the client asks.
 */
export function capabilitiesFor(profile: Profile, hoverFormat: string[] = ['markdown', 'plaintext']): ClientCapabilities {
  const caps = baseCapabilities(hoverFormat);
  if (profile === 'pull') {
    caps.textDocument!.diagnostic = { dynamicRegistration: false, relatedDocumentSupport: false };
    caps.workspace!.diagnostics = { refreshSupport: true };
  }
  return caps;
}

export interface StartOptions {
  profile: Profile;
  /** The server script; defaults to the bundled dist/server.js. */
  serverPath?: string;
  /** The `crdbRestoreGuard` section answered to workspace/configuration (mutable later via `client.settings`). */
  settings?: Record<string, unknown>;
  /** Workspace folder (a directory path). */
  workspaceFolder?: string;
  hoverFormat?: string[];
  /** Sent as InitializeParams.initializationOptions. */
  initializationOptions?: unknown;
  /** Post-processes the profile's capabilities. */
  tweakCapabilities?: (caps: ClientCapabilities) => void;
  timeoutMs?: number;
  /** serverFor: the test provokes errors the server logs (malformed requests); otherwise any is a failure. */
  allowErrorLogs?: boolean;
}

/** One event the client saw, numbered so a test can wait for what happens after a point. */
interface Seen<T> {
  seq: number;
  value: T;
}

export class LspTestClient {
  /** Answered to workspace/configuration for the `crdbRestoreGuard` section. Tests may replace it. */
  settings: Record<string, unknown>;
  readonly published: Seen<PublishDiagnosticsParams>[] = [];
  readonly messages: Seen<ShowMessageParams>[] = [];
  readonly logs: Seen<LogMessageParams>[] = [];
  readonly showDocuments: Seen<ShowDocumentParams>[] = [];
  readonly registrations: Seen<{ method: string; registerOptions?: unknown }>[] = [];
  readonly refreshes: Seen<string>[] = [];
  /** crdbRestoreGuard/status notifications (the VS Code status item's input). */
  readonly statuses: Seen<Record<string, unknown>>[] = [];
  readonly configurationRequests: Seen<unknown>[] = [];
  readonly stderr: string[] = [];
  initializeResult!: InitializeResult;

  private seq = 0;
  private readonly waiters = new Set<() => void>();
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  private exited = false;
  private readonly exitPromise: Promise<number | null>;

  private constructor(
    readonly proc: ChildProcessWithoutNullStreams,
    readonly connection: ProtocolConnection,
    readonly timeoutMs: number,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
    this.exitPromise = new Promise((resolve) => proc.on('exit', (code) => {
      this.exited = true;
      this.wake();
      resolve(code);
    }));
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (d: string) => this.stderr.push(d));
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => this.record(this.published, p));
    connection.onNotification('window/showMessage', (p: ShowMessageParams) => this.record(this.messages, p));
    connection.onNotification('window/logMessage', (p: LogMessageParams) => this.record(this.logs, p));
    connection.onNotification('crdbRestoreGuard/status', (p: Record<string, unknown>) => this.record(this.statuses, p));
    connection.onNotification('$/progress', () => undefined);
    connection.onNotification('telemetry/event', () => undefined);
    connection.onRequest('workspace/configuration', (p: { items: { scopeUri?: string; section?: string }[] }) => {
      this.record(this.configurationRequests, p);
      return p.items.map((item) => (item.section === SETTINGS_SECTION ? this.settings : null));
    });
    connection.onRequest('client/registerCapability', (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      for (const r of p.registrations) this.record(this.registrations, r);
      return null;
    });
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onRequest('window/showDocument', (p: ShowDocumentParams) => {
      this.record(this.showDocuments, p);
      return { success: true };
    });
    connection.onRequest('window/showMessageRequest', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('workspace/diagnostic/refresh', () => {
      this.record(this.refreshes, 'workspace/diagnostic/refresh');
      return null;
    });
    connection.onRequest('workspace/workspaceFolders', () => null);
    connection.onRequest('workspace/applyEdit', () => ({ applied: false }));
    connection.onError(() => undefined);
    connection.listen();
  }

  /** Spawns `node <server> --stdio`, sends initialize + initialized. */
  static async start(opts: StartOptions): Promise<LspTestClient> {
    const serverPath = opts.serverPath ?? BUNDLED_SERVER;
    const proc = spawn(process.execPath, [serverPath, '--stdio'], {
      cwd: opts.workspaceFolder ?? path.dirname(serverPath),
      stdio: ['pipe', 'pipe', 'pipe'],
      // Nothing but the script's own folder tree may satisfy a require().
      env: { ...process.env, NODE_PATH: '' },
    });
    const connection = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    const client = new LspTestClient(proc, connection, opts.timeoutMs ?? 5000, opts.settings ?? { today: TODAY });
    const capabilities = capabilitiesFor(opts.profile, opts.hoverFormat);
    opts.tweakCapabilities?.(capabilities);
    const folder = opts.workspaceFolder;
    const params: InitializeParams = {
      processId: process.pid,
      clientInfo: { name: `protocol-test-${opts.profile}` },
      rootUri: folder ? pathToFileURL(folder).href : null,
      workspaceFolders: folder ? [{ uri: pathToFileURL(folder).href, name: path.basename(folder) }] : null,
      capabilities,
      initializationOptions: opts.initializationOptions,
    };
    try {
      client.initializeResult = await client.request<InitializeResult>('initialize', params);
    } catch (e) {
      await client.kill();
      throw new Error(`initialize failed: ${String(e)}; stderr: ${client.stderr.join('')}`);
    }
    await client.connection.sendNotification('initialized', {});
    return client;
  }

  // ------------------------------------------------------------------------------------------
  // Events

  private record<T>(list: Seen<T>[], value: T): void {
    list.push({ seq: ++this.seq, value });
    this.wake();
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }

  /** The sequence number of the last event seen: pass it as `after` to wait for a later one. */
  mark(): number {
    return this.seq;
  }

  /** Resolves with the first event in `list` after `after` that matches, waiting up to the timeout. */
  waitFor<T>(list: Seen<T>[], match: (v: T) => boolean, what: string, after = 0, timeoutMs = this.timeoutMs): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = (): boolean => {
        const hit = list.find((e) => e.seq > after && match(e.value));
        if (hit) {
          done();
          resolve(hit.value);
          return true;
        }
        if (this.exited) {
          done();
          reject(new Error(`server exited while waiting for ${what}; stderr: ${this.stderr.join('')}`));
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const waiter = () => void check();
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      this.waiters.add(waiter);
      check();
    });
  }

  /** The diagnostics published for `uri` at `version` after event `after`. */
  async waitForDiagnostics(uri: string, version: number | undefined, after = 0): Promise<Diagnostic[]> {
    const p = await this.waitFor(
      this.published,
      (d) => d.uri === uri && (version === undefined || d.version === version),
      `publishDiagnostics for ${uri} version ${version ?? 'any'}`,
      after,
    );
    return p.diagnostics;
  }

  /** Every publish for `uri` after event `after` that has already arrived, oldest first. */
  publishedAfter(uri: string, after: number): PublishDiagnosticsParams[] {
    return this.published.filter((e) => e.seq > after && e.value.uri === uri).map((e) => e.value);
  }

  /** The last publish for `uri` that has arrived. */
  latestPublished(uri: string): PublishDiagnosticsParams | undefined {
    return this.publishedAfter(uri, 0).pop();
  }

  waitForMessage(match: (m: ShowMessageParams) => boolean, after = 0): Promise<ShowMessageParams> {
    return this.waitFor(this.messages, match, 'window/showMessage', after);
  }

  // ------------------------------------------------------------------------------------------
  // Requests and documents

  /** A request with a timeout, so a hung server fails the test instead of mocha's timeout. */
  request<R>(method: string, params: unknown, timeoutMs = this.timeoutMs): Promise<R> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${method}: no response within ${timeoutMs} ms`)), timeoutMs);
    });
    return Promise.race([this.connection.sendRequest(method, params) as Promise<R>, timeout]).finally(() => clearTimeout(timer));
  }

  notify(method: string, params?: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  /** didOpen at version 1; returns the mark to wait for its diagnostics after. */
  async open(uri: string, text: string, languageId = languageOfUri(uri), version = 1): Promise<number> {
    const mark = this.mark();
    this.versions.set(uri, version);
    this.texts.set(uri, text);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    return mark;
  }

  /** Incremental didChange; returns the new version. Changes are applied to the tracked text in order. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    let text = this.texts.get(uri) ?? '';
    for (const c of changes) text = 'range' in c ? applyEdits(text, [{ range: c.range, newText: c.text }]) : c.text;
    this.texts.set(uri, text);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  /** Applies a WorkspaceEdit's edits for `uri` to the tracked text and sends them as one incremental didChange. */
  async applyWorkspaceEdit(uri: string, edit: WorkspaceEdit): Promise<{ version: number; text: string }> {
    const edits = editsFor(edit, uri);
    // Incremental changes apply one after another: send them back to front so earlier ranges stay valid.
    const ordered = sortEditsBackToFront(this.text(uri), edits);
    const version = await this.change(uri, ordered.map((e) => ({ range: e.range, text: e.newText })));
    return { version, text: this.text(uri) };
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    this.texts.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  text(uri: string): string {
    return this.texts.get(uri) ?? '';
  }

  version(uri: string): number {
    return this.versions.get(uri) ?? 0;
  }

  /** Pull diagnostics for one document (the pull profile). */
  async pull(uri: string): Promise<Diagnostic[]> {
    const r = await this.request<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
    if (r.kind !== 'full') throw new Error(`expected a full report, got ${r.kind}`);
    return r.items;
  }

  /** Writes raw bytes to the server's stdin (for malformed-message tests). */
  writeRaw(data: string): void {
    this.proc.stdin.write(data);
  }

  get hasExited(): boolean {
    return this.exited;
  }

  /** shutdown + exit; kills the process if it does not exit in time. Returns the exit code. */
  async stop(): Promise<number | null> {
    if (this.exited) return this.exitPromise;
    try {
      await this.request('shutdown', null, 2000);
      await this.connection.sendNotification('exit');
    } catch {
      // fall through to the kill below
    }
    const code = await Promise.race([this.exitPromise, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 2000).unref())]);
    this.connection.dispose();
    if (code === 'timeout') return this.kill();
    return code;
  }

  async kill(): Promise<number | null> {
    if (!this.exited) this.proc.kill('SIGKILL');
    this.connection.dispose();
    return this.exitPromise;
  }
}

// ---------------------------------------------------------------------------------------------
// Text helpers

export function languageOfUri(uri: string): string {
  return /\.(md|markdown|mdx)$/i.test(uri) ? 'markdown' : 'sql';
}

export function fileUri(p: string): string {
  return pathToFileURL(p).href;
}

/** An in-memory document uri, distinct per test. */
export function memUri(name: string): string {
  return `untitled:/protocol-tests/${name}`;
}

type Pos = { line: number; character: number };
type Edit = { range: { start: Pos; end: Pos }; newText: string };

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

export function offsetAt(text: string, p: Pos): number {
  const starts = lineStarts(text);
  if (p.line >= starts.length) return text.length;
  const lineEnd = p.line + 1 < starts.length ? starts[p.line + 1] : text.length;
  return Math.min(starts[p.line] + p.character, lineEnd);
}

export function positionAt(text: string, offset: number): Pos {
  const starts = lineStarts(text);
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
  return { line, character: offset - starts[line] };
}

/** The position of the `n`th (0-based) occurrence of `needle` in `text`, plus `delta` characters. */
export function posOf(text: string, needle: string, delta = 0, n = 0): Pos {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" (#${n}) not in text`);
  }
  return positionAt(text, at + delta);
}

function sortEditsBackToFront(text: string, edits: Edit[]): Edit[] {
  return edits
    .map((e, i) => ({ e, i, at: offsetAt(text, e.range.start) }))
    .sort((a, b) => b.at - a.at || b.i - a.i)
    .map((x) => x.e);
}

/** Applies non-overlapping LSP edits (all against the original text) to `text`. */
export function applyEdits(text: string, edits: Edit[]): string {
  const sorted = edits
    .map((e, i) => ({ e, i, start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end) }))
    .sort((a, b) => b.start - a.start || b.i - a.i);
  let out = text;
  for (const { e, start, end } of sorted) out = out.slice(0, start) + e.newText + out.slice(end);
  return out;
}

/** The TextEdits a WorkspaceEdit makes to `uri` (`changes` or `documentChanges`). */
export function editsFor(edit: WorkspaceEdit, uri: string): TextEdit[] {
  const out: TextEdit[] = [...(edit.changes?.[uri] ?? [])];
  for (const dc of edit.documentChanges ?? []) {
    if ('textDocument' in dc && dc.textDocument.uri === uri) out.push(...(dc.edits as TextEdit[]));
  }
  const others = [...Object.keys(edit.changes ?? {}), ...(edit.documentChanges ?? []).map((d) => ('textDocument' in d ? d.textDocument.uri : ''))].filter(
    (u) => u !== uri,
  );
  if (others.length > 0) throw new Error(`edit touches other documents: ${others.join(', ')}`);
  return out;
}

/** `L:C-L:C` (0-based, as LSP) of a range, for exact assertions. */
export function rangeText(r: { start: Pos; end: Pos }): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** `code@range severity` per diagnostic, for exact assertions. */
export function briefDiagnostics(ds: Diagnostic[]): string[] {
  return ds.map((d) => `${String(d.code)}@${rangeText(d.range)} ${d.severity}`);
}

/**
 * Mocha helper: one server per `describe` block, started in `before` and stopped in `after`.
 * Returns a getter (the client exists only once `before` ran).
 */
export function serverFor(opts: StartOptions | (() => StartOptions)): () => LspTestClient {
  let client: LspTestClient | undefined;
  let resolved: StartOptions | undefined;
  before(async function () {
    this.timeout(15000);
    resolved = typeof opts === 'function' ? opts() : opts;
    client = await LspTestClient.start(resolved);
  });
  after(async function () {
    this.timeout(10000);
    if (client) {
      const c = client;
      client = undefined;
      const code = await c.stop();
      if (code !== 0) throw new Error(`server exited with ${code}; stderr: ${c.stderr.join('')}`);
      // A well-formed session leaves no error in the server's log (window/logMessage type 1).
      const errors = c.logs.filter((l) => l.value.type === 1).map((l) => l.value.message);
      if (!resolved?.allowErrorLogs && errors.length > 0) throw new Error(`the server logged errors:\n${errors.join('\n')}`);
    }
  });
  return () => {
    if (!client) throw new Error('server not started');
    return client;
  };
}
