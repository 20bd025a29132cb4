// Server faults over the real protocol (issue 6), beyond robustness.test.ts: broken message
// framing, odd JSON-RPC, requests for unknown or malformed documents on every announced
// feature, hostile position values and edits, wrongly shaped settings and configuration
// answers, config files that are not what they should be, a 50 MB document, and clients that
// disappear. After each fault the server answers a normal request.
import * as assert from 'assert';
import { spawn, type ChildProcessWithoutNullStreams } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Hover } from 'vscode-languageserver-protocol/node';
import { BUNDLED_SERVER, briefDiagnostics, fileUri, LspTestClient, memUri, posOf, serverFor, TODAY } from './lspClient';

const SKIPS_SQL = `-- crdb: backup-version=23.2 target-version=24.3
RESTORE DATABASE bank FROM LATEST IN 's3://backups/bank';
`;
const BACKUP_ONLY_SQL = `-- crdb: backup-version=23.2
RESTORE DATABASE bank FROM LATEST IN 's3://backups/bank';
`;
const HOVER_POS = posOf(SKIPS_SQL, 'RESTORE', 1);

async function assertServing(c: LspTestClient, uri: string): Promise<void> {
  const h = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: HOVER_POS });
  assert.ok(h && typeof h.contents === 'object' && 'value' in h.contents && h.contents.value.startsWith('**CockroachDB Restore Guard**'), 'the server still answers a hover');
  assert.strictEqual(c.hasExited, false);
}

function waitUntil(cond: () => boolean, timeoutMs: number, what: string): Promise<number> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (cond()) resolve(Date.now() - started);
      else if (Date.now() - started > timeoutMs) reject(new Error(`timed out after ${timeoutMs} ms: ${what}`));
      else setTimeout(tick, 50);
    };
    tick();
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// A raw stdio peer: writes bytes as they are, reads the server's frames itself.

interface Frame {
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

class RawServer {
  readonly frames: Frame[] = [];
  readonly stderr: string[] = [];
  private buf = Buffer.alloc(0);
  private nextId = 1;
  exitCode: number | null | undefined = undefined;

  constructor(readonly proc: ChildProcessWithoutNullStreams) {
    proc.stdout.on('data', (d: Buffer) => this.onData(d));
    proc.stderr.on('data', (d: Buffer) => this.stderr.push(d.toString()));
    proc.on('exit', (code) => (this.exitCode = code));
    // A client that goes away closes these; the tests below do it on purpose.
    proc.stdin.on('error', () => undefined);
  }

  static start(args: string[] = ['--stdio']): RawServer {
    return new RawServer(spawn(process.execPath, [BUNDLED_SERVER, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NODE_PATH: '' } }));
  }

  private onData(d: Buffer): void {
    this.buf = Buffer.concat([this.buf, d]);
    for (;;) {
      const end = this.buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const m = /Content-Length: (\d+)/i.exec(this.buf.subarray(0, end).toString('latin1'));
      const len = Number(m?.[1]);
      if (this.buf.length < end + 4 + len) return;
      this.frames.push(JSON.parse(this.buf.subarray(end + 4, end + 4 + len).toString('utf8')) as Frame);
      this.buf = this.buf.subarray(end + 4 + len);
    }
  }

  static frame(body: string | object): string {
    const s = typeof body === 'string' ? body : JSON.stringify(body);
    return `Content-Length: ${Buffer.byteLength(s, 'utf8')}\r\n\r\n${s}`;
  }

  write(data: string | Buffer): void {
    this.proc.stdin.write(data);
  }

  notify(method: string, params: unknown): void {
    this.write(RawServer.frame({ jsonrpc: '2.0', method, params }));
  }

  /** Sends a request (through `send`, so a test can split or garble it) and waits for its response. */
  async request(method: string, params: unknown, send: (bytes: string) => void = (b) => this.write(b), timeoutMs = 5000): Promise<Frame> {
    const id = `raw-${this.nextId++}`;
    send(RawServer.frame({ jsonrpc: '2.0', id, method, params }));
    return this.waitFor((f) => f.id === id && f.method === undefined, `response to ${method}`, timeoutMs);
  }

  async waitFor(match: (f: Frame) => boolean, what: string, timeoutMs = 5000): Promise<Frame> {
    let hit: Frame | undefined;
    await waitUntil(() => (hit = this.frames.find(match)) !== undefined || this.exitCode !== undefined, timeoutMs, what);
    if (!hit) throw new Error(`server exited (${this.exitCode}) while waiting for ${what}; stderr: ${this.stderr.join('')}`);
    return hit;
  }

  async initialize(processId: number | null = process.pid): Promise<void> {
    const r = await this.request('initialize', { processId, rootUri: null, capabilities: {} });
    assert.ok(r.result, JSON.stringify(r));
    this.notify('initialized', {});
  }

  async hoverWorks(uri: string): Promise<void> {
    const r = await this.request('textDocument/hover', { textDocument: { uri }, position: HOVER_POS });
    const value = (r.result as { contents?: { value?: string } } | null)?.contents?.value ?? '';
    assert.ok(value.startsWith('**CockroachDB Restore Guard**'), `hover answered ${JSON.stringify(r)}`);
  }

  kill(): void {
    if (this.exitCode === undefined) this.proc.kill('SIGKILL');
  }
}

describe('faults: broken message framing and odd JSON-RPC (raw stdio)', function () {
  this.timeout(20000);
  let s: RawServer;
  const uri = memUri('framing.sql');

  before(async () => {
    s = RawServer.start();
    await s.initialize();
    s.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'sql', version: 1, text: SKIPS_SQL } });
    await s.waitFor((f) => f.method === 'textDocument/publishDiagnostics', 'diagnostics');
  });
  after(() => s.kill());

  const warnings = () => s.frames.filter((f) => f.method === 'window/logMessage' && (f.params as { message: string }).message.startsWith('LSP input: ignored'));

  const garbage: [string, string | Buffer][] = [
    ['a header without Content-Length', 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{"jsonrpc":"2.0","method":"x"}'],
    ['a Content-Length that is not a number', 'Content-Length: twelve\r\n\r\n{"jsonrpc":"2.0"}'],
    ['a negative Content-Length', 'Content-Length: -5\r\n\r\n{}'],
    ['a Content-Length of 100 GB', 'Content-Length: 99999999999\r\n\r\n{}'],
    ['a Content-Length shorter than the body', 'Content-Length: 5\r\n\r\n{"jsonrpc":"2.0","method":"x"}'],
    ['100 KB of noise with no header end', 'x'.repeat(100 * 1024)],
    ['binary noise', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))],
  ];
  for (const [name, bytes] of garbage) {
    it(`${name}: skipped up to the next header, logged, and the next request is answered`, async () => {
      const before = warnings().length;
      s.write(bytes);
      await s.hoverWorks(uri);
      assert.ok(warnings().length > before || name.includes('shorter'), 'a warning says input was ignored');
    });
  }

  it('a Content-Length longer than the body swallows the start of the next message, and the one after is answered', async () => {
    s.write('Content-Length: 60\r\n\r\n{}');
    s.notify('$/filler', { pad: 'x'.repeat(200) });
    await s.hoverWorks(uri);
  });

  it('a request delivered one byte at a time, and three messages in one write, are read correctly', async () => {
    const slow = await s.request('textDocument/hover', { textDocument: { uri }, position: HOVER_POS }, (bytes) => {
      for (const b of Buffer.from(bytes)) s.write(Buffer.from([b]));
    });
    assert.ok((slow.result as { contents: { value: string } }).contents.value.startsWith('**CockroachDB Restore Guard**'));
    const glued = ['g1', 'g2', 'g3'].map((id) => RawServer.frame({ jsonrpc: '2.0', id, method: 'textDocument/hover', params: { textDocument: { uri }, position: HOVER_POS } }));
    s.write(glued.join(''));
    for (const id of ['g1', 'g2', 'g3']) await s.waitFor((f) => f.id === id, `response ${id}`);
  });

  it('invalid UTF-8, an object id, a numeric method, a response to nothing, no "jsonrpc", a cancel for nothing: answered with an error or ignored', async () => {
    s.write(Buffer.concat([Buffer.from('Content-Length: 6\r\n\r\n'), Buffer.from([0x7b, 0xff, 0xfe, 0x22, 0x22, 0x7d])]));
    s.write(RawServer.frame('{"jsonrpc":"2.0","id":{"a":1},"method":"textDocument/hover","params":{}}'));
    s.write(RawServer.frame('{"jsonrpc":"2.0","id":"num-method","method":42,"params":{}}'));
    s.write(RawServer.frame('{"jsonrpc":"2.0","id":987654,"result":null}'));
    s.write(RawServer.frame(`{"id":"no-jsonrpc","method":"textDocument/hover","params":{"textDocument":{"uri":"${uri}"},"position":{"line":1,"character":1}}}`));
    s.write(RawServer.frame('{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":123456}}'));
    s.write(RawServer.frame('{"jsonrpc":"2.0","method":"$/cancelRequest","params":"nonsense"}'));
    await s.hoverWorks(uri);
    assert.strictEqual(s.exitCode, undefined);
  });

  it('a second initialize is answered (result or error), and the server keeps serving', async () => {
    const r = await s.request('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    assert.ok(r.result !== undefined || r.error !== undefined);
    await s.hoverWorks(uri);
  });
});

// ---------------------------------------------------------------------------------------------

/** Request params for a method, with the given document and position. */
function paramsFor(method: string, uri: string, pos: { line: number; character: number }): unknown {
  const range = { start: pos, end: pos };
  switch (method) {
    case 'textDocument/codeAction':
      return { textDocument: { uri }, range, context: { diagnostics: [] } };
    case 'textDocument/inlayHint':
      return { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: pos } };
    case 'textDocument/codeLens':
    case 'textDocument/documentSymbol':
    case 'textDocument/diagnostic':
    case 'textDocument/foldingRange':
    case 'textDocument/documentLink':
      return { textDocument: { uri } };
    default:
      return { textDocument: { uri }, position: pos };
  }
}

/** The textDocument requests the server announced. */
function announcedMethods(c: LspTestClient): string[] {
  const caps = c.initializeResult.capabilities as Record<string, unknown>;
  const map: Record<string, string> = {
    hoverProvider: 'textDocument/hover',
    completionProvider: 'textDocument/completion',
    codeActionProvider: 'textDocument/codeAction',
    codeLensProvider: 'textDocument/codeLens',
    inlayHintProvider: 'textDocument/inlayHint',
    documentSymbolProvider: 'textDocument/documentSymbol',
    diagnosticProvider: 'textDocument/diagnostic',
    foldingRangeProvider: 'textDocument/foldingRange',
    definitionProvider: 'textDocument/definition',
    referencesProvider: 'textDocument/references',
    documentHighlightProvider: 'textDocument/documentHighlight',
    documentLinkProvider: 'textDocument/documentLink',
    signatureHelpProvider: 'textDocument/signatureHelp',
  };
  return Object.entries(map)
    .filter(([cap]) => caps[cap])
    .map(([, m]) => m);
}

function isEmptyAnswer(r: unknown): boolean {
  if (r === null) return true;
  if (Array.isArray(r)) return r.length === 0;
  if (typeof r === 'object' && r) {
    const o = r as { kind?: string; items?: unknown[] };
    if (o.kind === 'full' && Array.isArray(o.items)) return o.items.length === 0;
    if (Array.isArray(o.items)) return o.items.length === 0;
  }
  return false;
}

describe('faults: requests for unknown documents and hostile positions, on every announced feature', function () {
  this.timeout(20000);
  const client = serverFor({ profile: 'pull', settings: { today: TODAY }, allowErrorLogs: true });
  const uri = memUri('positions.sql');

  before(async () => {
    const c = client();
    await c.open(uri, SKIPS_SQL);
    assert.deepStrictEqual(briefDiagnostics(await c.pull(uri)), ['restore-skips-release@1:0-1:57 1']);
  });

  it('documents that are not open, and URIs that are not URIs: every feature answers empty, none fails', async () => {
    const c = client();
    const methods = announcedMethods(c);
    assert.ok(methods.length >= 4, methods.join(', '));
    const uris = [memUri('never-opened.sql'), 'file:///no/such/dir/x.md', 'not a uri', '', 'file:///%E0%A4%A', 'file://host/../../etc/passwd', `untitled:${'x'.repeat(10000)}`];
    for (const m of methods) {
      for (const u of uris) {
        const r = await c.request(m, paramsFor(m, u, { line: 0, character: 0 }));
        assert.ok(isEmptyAnswer(r), `${m} on ${JSON.stringify(u.slice(0, 40))} answered ${JSON.stringify(r).slice(0, 200)}`);
      }
    }
    await assertServing(c, uri);
  });

  it('positions that are negative, fractional, huge or past the end: every feature answers without an error', async () => {
    const c = client();
    const weird = [
      { line: -1, character: -1 },
      { line: 0.5, character: 1.5 },
      { line: 1, character: 2 ** 31 },
      { line: 2 ** 31 - 1, character: 0 },
      { line: Number.MAX_SAFE_INTEGER, character: Number.MAX_SAFE_INTEGER },
      { line: 1, character: 57 },
    ];
    for (const m of announcedMethods(c)) {
      for (const p of weird) {
        try {
          await c.request(m, paramsFor(m, uri, p));
        } catch (e) {
          // An InvalidParams error for a position that is not a uinteger is a fine answer too.
          assert.strictEqual((e as { code?: number }).code, -32602, `${m} at ${JSON.stringify(p)}: ${String(e)}`);
        }
      }
    }
    await assertServing(c, uri);
  });

  it('didChange edits with ranges past the end, reversed, or negative: applied as the library clamps them, analysed, still serving', async () => {
    const c = client();
    const doc = memUri('edits.sql');
    await c.open(doc, SKIPS_SQL);
    const edits = [
      { range: { start: { line: 99, character: 0 }, end: { line: 120, character: 5 } }, text: '\n-- appended past the end' },
      { range: { start: { line: 1, character: 40 }, end: { line: 1, character: 10 } }, text: '' },
      { range: { start: { line: -3, character: -3 }, end: { line: -1, character: 0 } }, text: '-- at the start\n' },
      { range: { start: { line: 0, character: 5000 }, end: { line: 0, character: 6000 } }, text: ' ' },
    ];
    for (const e of edits) {
      await c.notify('textDocument/didChange', { textDocument: { uri: doc, version: c.version(doc) + 1 }, contentChanges: [e] });
      await c.change(doc, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '' }]);
    }
    // The document is whatever the edits made of it; it is analysed and the server serves.
    const r = await c.request<{ kind: string; items: unknown[] }>('textDocument/diagnostic', { textDocument: { uri: doc } });
    assert.strictEqual(r.kind, 'full');
    // Replacing the whole text brings it back to a known state.
    await c.notify('textDocument/didChange', { textDocument: { uri: doc, version: 100 }, contentChanges: [{ text: SKIPS_SQL }] });
    assert.deepStrictEqual(briefDiagnostics(await c.pull(doc)), ['restore-skips-release@1:0-1:57 1']);
    await assertServing(c, uri);
  });

  it('documents of NUL bytes, lone surrogates, CR line ends and a BOM are analysed, with ranges inside them', async () => {
    const c = client();
    const texts = [
      `\uFEFF${SKIPS_SQL}`,
      SKIPS_SQL.replace(/\n/g, '\r'),
      // NUL inside a comment and a string (a NUL between statements is a token of its own).
      `${SKIPS_SQL.replace('backups', 'back\0ups')}-- a note \0\0\n`,
      // Lone surrogates in an identifier, a string and a comment.
      `${SKIPS_SQL.replace('bank', 'b\uDC00nk').replace('backups', 'back\uD800ups')}-- \uD800 lone\n`,
    ];
    for (const [i, text] of texts.entries()) {
      const u = memUri(`odd-${i}.sql`);
      await c.open(u, text);
      const ds = await c.pull(u);
      assert.deepStrictEqual(ds.map((d) => d.code), ['restore-skips-release'], `document ${i}`);
      const lines = text.split(/\r\n|\r|\n/);
      for (const d of ds) assert.ok(d.range.end.line < lines.length && d.range.end.character <= lines[d.range.end.line].length);
    }
    await assertServing(c, uri);
  });
});

// ---------------------------------------------------------------------------------------------

describe('faults: wrongly shaped settings and configuration answers', function () {
  this.timeout(20000);
  const client = serverFor({ profile: 'push', settings: { today: TODAY }, allowErrorLogs: true });
  const uri = memUri('settings-faults.sql');

  before(async () => {
    const c = client();
    const mark = await c.open(uri, SKIPS_SQL);
    await c.waitForDiagnostics(uri, 1, mark);
  });

  /** New settings, then the re-published diagnostics and the warnings they caused. */
  async function reconfigure(c: LspTestClient, settings: unknown) {
    c.settings = settings as Record<string, unknown>;
    const mark = c.mark();
    await c.notify('workspace/didChangeConfiguration', { settings: { crdbRestoreGuard: settings } });
    const ds = await c.waitForDiagnostics(uri, 1, mark);
    await assertServing(c, uri);
    return { ds, messages: c.messages.filter((m) => m.seq > mark).map((m) => m.value.message) };
  }

  it('extraReleases of the wrong shape: one warning each, the good entries still apply', async () => {
    const c = client();
    const { ds, messages } = await reconfigure(c, {
      today: TODAY,
      extraReleases: [
        42,
        'v27.1',
        { version: 'x.y', type: 'regular' },
        { version: '27.1', type: 'lts' },
        { version: '27.2', type: 'regular', gaDate: 'tomorrow' },
        { version: '27.3', type: 'regular', colour: 'red' },
        { version: '24.2', type: 'regular' },
      ],
    });
    // 24.2 made regular by the one good entry: 23.2 → 24.3 now skips 24.1 and 24.2.
    assert.deepStrictEqual(briefDiagnostics(ds), ['restore-skips-release@1:0-1:57 1']);
    assert.match(ds[0].message, /24\.1, 24\.2/);
    assert.deepStrictEqual(
      messages.map((m) => m.replace(/^CockroachDB Restore Guard: crdbRestoreGuard settings: /, '')),
      [
        'extraReleases[0]: expected an object {version, type, gaDate?, supportEnd?}',
        'extraReleases[1]: expected an object {version, type, gaDate?, supportEnd?}',
        'extraReleases[2]: version: expected a version such as "26.4", got "x.y"',
        'extraReleases[3]: type: expected "regular" or "innovation", got "lts"',
        'extraReleases[4]: gaDate: expected a date YYYY-MM-DD, got "tomorrow"',
        'extraReleases[5]: unknown key "colour"',
      ],
    );
    const again = await reconfigure(c, { today: TODAY, extraReleases: { version: '26.4', type: 'regular' } });
    assert.deepStrictEqual(again.messages, ['CockroachDB Restore Guard: crdbRestoreGuard settings: extraReleases: expected an array of {version, type, gaDate?, supportEnd?}']);
  });

  it('today that is not a date, a section that is null, an array or a number: warnings, then the defaults', async () => {
    const c = client();
    let r = await reconfigure(c, { today: '2025-13-45', rules: { 'version-end-of-support': 'off' } });
    assert.deepStrictEqual(r.messages, ['CockroachDB Restore Guard: crdbRestoreGuard settings: today: expected a date YYYY-MM-DD, got "2025-13-45"']);
    assert.deepStrictEqual(briefDiagnostics(r.ds), ['restore-skips-release@1:0-1:57 1']);
    for (const bad of [null, [1, 2], 7]) {
      r = await reconfigure(c, bad);
      assert.deepStrictEqual(briefDiagnostics(r.ds.filter((d) => d.code !== 'version-end-of-support')), ['restore-skips-release@1:0-1:57 1'], JSON.stringify(bad));
    }
  });

  it('__proto__ and constructor keys pollute nothing', async () => {
    const c = client();
    const polluted = JSON.parse('{"today":"2025-06-01","__proto__":{"defaultTargetVersion":"24.3"},"rules":{"__proto__":{"missing-version":"off"},"constructor":"off"}}');
    const docUri = memUri('proto.sql');
    const mark = await c.open(docUri, BACKUP_ONLY_SQL);
    await c.waitForDiagnostics(docUri, 1, mark);
    c.settings = polluted;
    const m2 = c.mark();
    await c.notify('workspace/didChangeConfiguration', { settings: { crdbRestoreGuard: polluted } });
    // No target version came from the prototype, and missing-version is not switched off.
    assert.deepStrictEqual(briefDiagnostics(await c.waitForDiagnostics(docUri, 1, m2)), ['missing-version@1:0-1:57 3']);
    await assertServing(c, uri);
  });

  it('a client whose workspace/configuration answer is null, not an array, or an error: defaults, and still serving', async () => {
    const c = client();
    const answers: (() => unknown)[] = [
      () => null,
      () => ({ crdbRestoreGuard: { today: TODAY } }),
      () => [],
      () => {
        throw new Error('client-side failure');
      },
    ];
    for (const answer of answers) {
      c.connection.onRequest('workspace/configuration', answer as () => unknown);
      const mark = c.mark();
      await c.notify('workspace/didChangeConfiguration', { settings: null });
      const ds = await c.waitForDiagnostics(uri, 1, mark);
      assert.deepStrictEqual(briefDiagnostics(ds.filter((d) => d.code !== 'version-end-of-support')), ['restore-skips-release@1:0-1:57 1']);
      await assertServing(c, uri);
    }
    // Back to a well-behaved client.
    c.connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map(() => ({ today: TODAY })));
    await reconfigure(c, { today: TODAY });
  });
});

describe('faults: .crdb-restore-guard.json that is not what it should be', function () {
  this.timeout(60000);
  let ws = '';
  const configFile = () => path.join(ws, '.crdb-restore-guard.json');
  const client = serverFor(() => {
    ws = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'crdb-guard-faults-')));
    fs.writeFileSync(path.join(ws, '.crdb-restore-guard.json'), '{ "defaultTargetVersion": "24.3" }');
    // A generous wait: a 0.7 MB config is read and validated while the machine may be loaded. Its
    // cost in the size of the file is checked as growth in test/node/configFile.test.ts.
    return { profile: 'push', workspaceFolder: ws, settings: { today: TODAY, rules: { 'version-end-of-support': 'off' } }, allowErrorLogs: true, timeoutMs: 30000 };
  });
  after(() => {
    if (ws) fs.rmSync(ws, { recursive: true, force: true });
  });
  const docUri = () => fileUri(path.join(ws, 'restore.sql'));

  before(async () => {
    const c = client();
    const mark = await c.open(docUri(), BACKUP_ONLY_SQL);
    assert.deepStrictEqual(briefDiagnostics(await c.waitForDiagnostics(docUri(), 1, mark)), ['restore-skips-release@1:0-1:57 1']);
  });

  /** Writes the config file (or makes it a directory), tells the server, returns diagnostics and warnings. */
  async function withConfig(c: LspTestClient, content: string | Buffer | 'directory') {
    fs.rmSync(configFile(), { recursive: true, force: true });
    if (content === 'directory') fs.mkdirSync(configFile());
    else fs.writeFileSync(configFile(), content);
    const mark = c.mark();
    await c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(configFile()), type: 2 }] });
    const ds = briefDiagnostics(await c.waitForDiagnostics(docUri(), 1, mark));
    await assertServing(c, docUri());
    const messages = c.messages.filter((m) => m.seq > mark).map((m) => m.value.message.replace(`CockroachDB Restore Guard: ${configFile()}: `, ''));
    return { ds, messages };
  }
  const DEFAULTS = ['missing-version@1:0-1:57 3'];
  const APPLIED = ['restore-skips-release@1:0-1:57 1'];

  const cases: [string, string | Buffer | 'directory', string[], RegExp[]][] = [
    ['a JSON array', '[1, 2, 3]', DEFAULTS, [/^expected an object with defaultTargetVersion, rules, extraReleases, today, collections, inferVersions$/]],
    ['a JSON string', '"24.3"', DEFAULTS, [/^expected an object/]],
    ['a JSON number', '24.3', DEFAULTS, [/^expected an object/]],
    ['null', 'null', DEFAULTS, []],
    ['an empty file', '', DEFAULTS, [/^invalid JSON at line 1, column 1; using defaults$/]],
    ['whitespace only', ' \n\t ', DEFAULTS, [/^invalid JSON/]],
    ['JSON with comments', '// settings\n{ "defaultTargetVersion": "24.3" }', DEFAULTS, [/^invalid JSON/]],
    ['JSON nested 100,000 deep', `${'['.repeat(100000)}${']'.repeat(100000)}`, DEFAULTS, [/^(invalid JSON|expected an object)/]],
    ['invalid UTF-8 bytes', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), DEFAULTS, [/^\uFFFD\uFFFD: unknown key/]],
    ['a directory of that name', 'directory', DEFAULTS, []],
    ['a BOM before valid JSON', '\uFEFF{ "defaultTargetVersion": "24.3" }', APPLIED, []],
    [
      'wrong types for every key',
      '{ "defaultTargetVersion": ["24.3"], "rules": ["off"], "extraReleases": { "version": "26.4" }, "today": true }',
      DEFAULTS,
      [/^defaultTargetVersion: expected a version such as "24\.3", got an array of 1 item$/, /^today: expected a date YYYY-MM-DD, got true$/, /^rules: expected an object/, /^extraReleases: expected an array/],
    ],
    [
      'unknown keys (with __proto__ and constructor) beside good ones',
      '{ "defaultTargetVersion": "24.3", "defaultTargetVerison": "22.2", "colour": "red", "__proto__": { "today": "2000-01-01" }, "constructor": 1, "rules": { "__proto__": "off" } }',
      APPLIED,
      [/^defaultTargetVerison: unknown key; did you mean "defaultTargetVersion"\?$/, /^colour: unknown key/, /^__proto__: unknown key/, /^constructor: unknown key/, /^rules\.__proto__: unknown rule$/],
    ],
    // 150,000 bad entries: 20 warnings and a count, not 150,000 pop-ups.
    ['a 0.7 MB file of bad rules', `{ "defaultTargetVersion": "24.3", "rules": { ${Array.from({ length: 50000 }, (_, i) => `"r${i}": "off"`).join(', ')} } }`, APPLIED, [/^rules\.r0: unknown rule/, /^rules\.r19: unknown rule/, /^… and 49980 more problems$/]],
    // Over the 1 MB limit: refused before it is parsed (an 83 MB config took 210 s).
    ['a 5 MB file', `{ "defaultTargetVersion": "24.3", "rules": { ${Array.from({ length: 150000 }, (_, i) => `"r${i}": "off"`).join(', ')} } }`, DEFAULTS, [/^larger than 1 MB; not read; using defaults$/]],
  ];
  for (const [name, content, expected, messages] of cases) {
    it(`${name}: ${expected === DEFAULTS ? 'the defaults' : 'its good values'} apply${messages.length ? ', with a warning per problem' : ''}`, async () => {
      const r = await withConfig(client(), content);
      assert.deepStrictEqual(r.ds, expected);
      for (const re of messages) assert.ok(r.messages.some((m) => re.test(m)), `no warning like ${re} in:\n${r.messages.slice(0, 10).join('\n')}`);
      if (messages.length === 0) assert.deepStrictEqual(r.messages, []);
      assert.ok(r.messages.length <= 21, `${r.messages.length} messages`);
    });
  }
});

// ---------------------------------------------------------------------------------------------

function memoryMb(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

describe('faults: a 50 MB document', function () {
  this.timeout(60000);
  const client = serverFor({ profile: 'push', settings: { today: TODAY }, timeoutMs: 30000 });
  const small = memUri('beside-the-big-one.sql');
  const big = memUri('fifty-megabytes.sql');

  it('gets one information diagnostic instead of analysis; edits to it stay cheap; memory stays bounded; the server keeps serving', async () => {
    const c = client();
    let mark = await c.open(small, SKIPS_SQL);
    await c.waitForDiagnostics(small, 1, mark);
    const line = "RESTORE DATABASE d FROM LATEST IN 's3://x'; -- padding, padding, padding\n";
    const text = line.repeat(Math.ceil((50 * 1048576) / line.length)).slice(0, 50 * 1048576);
    mark = await c.open(big, text);
    const ds = await c.waitForDiagnostics(big, 1, mark);
    assert.deepStrictEqual(
      ds.map((d) => [d.severity, d.message, d.range.start.line, d.range.end.line]),
      [[3, 'Not analyzed: the document is 50.0 MB, over the crdbRestoreGuard.maxFileSizeMb limit of 20 MB.', 0, 0]],
    );
    for (let i = 0; i < 3; i++) {
      const m = c.mark();
      const v = await c.change(big, [{ range: { start: { line: 100 * i, character: 0 }, end: { line: 100 * i, character: 0 } }, text: '-- an edit\n' }]);
      assert.strictEqual((await c.waitForDiagnostics(big, v, m)).length, 1);
    }
    if (process.platform === 'linux') {
      // The document is held once or twice (the library's copy, the text of an edit); a
      // generous bound that an analysis of it, or copies per edit kept alive, would break.
      const mem = memoryMb(c.proc.pid!);
      assert.ok(mem.peak < 1024, `server peak RSS ${mem.peak.toFixed(0)} MB`);
    }
    await assertServing(c, small);
    // Shrunk under the limit, it is analysed; closed, its diagnostics are cleared.
    mark = c.mark();
    const v = await c.change(big, [{ text: SKIPS_SQL }]);
    assert.deepStrictEqual(briefDiagnostics(await c.waitForDiagnostics(big, v, mark)), ['restore-skips-release@1:0-1:57 1']);
    mark = c.mark();
    await c.close(big);
    assert.deepStrictEqual(await c.waitForDiagnostics(big, undefined, mark), []);
  });
});

// ---------------------------------------------------------------------------------------------

describe('faults: a client that disappears', function () {
  this.timeout(30000);
  const uri = memUri('vanishing.sql');

  async function started(args?: string[], processId: number | null = process.pid): Promise<RawServer> {
    const s = RawServer.start(args);
    await s.initialize(processId);
    s.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'sql', version: 1, text: SKIPS_SQL } });
    await s.hoverWorks(uri);
    return s;
  }

  it('stdin closed: the server exits by itself within a few seconds', async () => {
    const s = await started();
    s.proc.stdin.end();
    const ms = await waitUntil(() => s.exitCode !== undefined, 5000, 'server exit');
    assert.ok(ms < 5000);
    assert.strictEqual(s.exitCode, 1, 'no shutdown was received');
  });

  it('both pipes destroyed in the middle of a burst of changes: the server exits', async () => {
    const s = await started();
    for (let v = 2; v < 200; v++) {
      s.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text: `${SKIPS_SQL}-- ${v}\n` }] });
    }
    s.proc.stdin.destroy();
    s.proc.stdout.destroy();
    await waitUntil(() => s.exitCode !== undefined, 5000, 'server exit');
    s.kill();
  });

  it('the client process killed (SIGKILL) while the server runs: the server exits', async () => {
    // A tiny client process that starts the server, initializes it and then just waits.
    const clientScript = `
      const { spawn } = require('child_process');
      const server = spawn(process.execPath, [${JSON.stringify(BUNDLED_SERVER)}, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
      const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
      server.stdin.write('Content-Length: ' + Buffer.byteLength(body) + '\\r\\n\\r\\n' + body);
      server.stdout.once('data', () => process.stdout.write(String(server.pid) + '\\n'));
      setInterval(() => undefined, 1000);
    `;
    const clientProc = spawn(process.execPath, ['-e', clientScript], { stdio: ['ignore', 'pipe', 'inherit'] });
    const serverPid = await new Promise<number>((resolve, reject) => {
      clientProc.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
      setTimeout(() => reject(new Error('the client did not start the server')), 10000);
    });
    assert.ok(isAlive(serverPid));
    clientProc.kill('SIGKILL');
    const ms = await waitUntil(() => !isAlive(serverPid), 8000, `server ${serverPid} exit`);
    assert.ok(ms < 8000);
  });

  for (const how of ['--clientProcessId', 'initialize processId'] as const) {
    it(`${how}: the server exits within seconds after that process dies, though its pipes stay open`, async () => {
      const parent = spawn(process.execPath, ['-e', 'setInterval(() => undefined, 1000)'], { stdio: 'ignore' });
      const pid = parent.pid!;
      const s = how === '--clientProcessId' ? await started(['--stdio', `--clientProcessId=${pid}`]) : await started(['--stdio'], pid);
      parent.kill('SIGKILL');
      // vscode-languageserver checks the process every 3 s.
      const ms = await waitUntil(() => s.exitCode !== undefined, 8000, 'server exit');
      assert.ok(ms < 8000);
      assert.strictEqual(s.exitCode, 1);
    });
  }

  it('shutdown then exit: exit code 0 (the orderly way, for comparison)', async () => {
    const s = await started();
    const r = await s.request('shutdown', null);
    assert.strictEqual(r.result, null);
    s.notify('exit', null);
    await waitUntil(() => s.exitCode !== undefined, 5000, 'server exit');
    assert.strictEqual(s.exitCode, 0);
  });
});

// Keep the import used on platforms where the memory check is skipped.
void pathToFileURL;
