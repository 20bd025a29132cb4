// Security posture (docs/behaviour.md#configuration, issue 6): no workspace code executed, no SQL executed, no
// network, no configuration evaluated as code, untrusted workspaces supported.
//
// Statically, on the bundles users run: dist/server.js and dist/cli.js require none of
// child_process, net, http, https, dgram, vm, worker_threads (scripts/bundle.mjs replaces the
// two that vscode-languageserver requires for transports and helpers this product never uses
// by throwing stubs) and contain no eval / new Function; dist/client.js reaches child_process
// and net only inside vscode-languageclient / vscode-jsonrpc (to start the server).
// At run time, a preload (trap.ts) makes every network, process, code-evaluation and
// out-of-bundle module load throw and log; a full protocol session and a CLI run leave the
// log empty.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fileUri, LspTestClient, REPO_ROOT, TODAY } from '../protocol/lspClient';

const DIST = path.join(REPO_ROOT, 'dist');
const TRAP = path.join(REPO_ROOT, 'out', 'test', 'security', 'trap.js');
const FORBIDDEN = ['child_process', 'net', 'http', 'https', 'http2', 'tls', 'dgram', 'vm', 'worker_threads', 'cluster'];
/** What the server and CLI bundles may require: file and path handling, and what vscode-jsonrpc needs for stdio/IPC. */
const ALLOWED = ['fs', 'fs/promises', 'path', 'url', 'os', 'util', 'crypto', 'events', 'stream', 'string_decoder', 'buffer', 'assert', 'module', 'process', 'readline', 'tty'];

interface RequireSite {
  module: string;
  offset: number;
  /** The bundled package file it sits in (esbuild's `// node_modules/…` section comment), or the product's own source. */
  section: string;
}

/** Every `require("…")` of a bundle, with the source file esbuild bundled it from. */
function requireSites(code: string): RequireSite[] {
  const sections: { at: number; name: string }[] = [];
  for (const m of code.matchAll(/^\/\/ ((?:node_modules|server|client|unavailable-module)[^\n]*)$/gm)) sections.push({ at: m.index ?? 0, name: m[1] });
  const sites: RequireSite[] = [];
  for (const m of code.matchAll(/\brequire\(\s*(["'`])([^"'`]+)\1\s*\)/g)) {
    const at = m.index ?? 0;
    let section = '(bundle prelude)';
    for (const s of sections) if (s.at < at) section = s.name;
    sites.push({ module: m[2].replace(/^node:/, ''), offset: at, section });
  }
  return sites;
}

/** Calls that evaluate strings as code. */
function evalSites(code: string): string[] {
  const out: string[] = [];
  for (const re of [/(?<![\w$.])eval\s*\(/g, /\bnew\s+Function\s*\(/g, /(?<![\w$.])Function\s*\(\s*["'`]/g, /\bimport\s*\(/g]) {
    for (const m of code.matchAll(re)) out.push(`${m[0]} at ${m.index}: …${code.slice(Math.max(0, (m.index ?? 0) - 60), (m.index ?? 0) + 60)}…`);
  }
  return out;
}

const bundle = (name: string) => fs.readFileSync(path.join(DIST, name), 'utf8');

/**
 * The one exception: the server analyses large documents on a worker thread that runs its own
 * bundle, dist/analysisWorker.js (lsp/backgroundAnalyzer.ts). worker_threads is required there
 * only, and a Worker is only ever made from that file's path.
 */
const WORKER_SECTIONS: Record<string, string> = { 'server.js': 'server/src/lsp/backgroundAnalyzer.ts', 'analysisWorker.js': 'server/src/analysisWorker.ts' };
/**
 * Between the two, the worker's answer partly travels as a `v8.serialize` buffer (read back with
 * `v8.deserialize` only when needed): `v8` is allowed there and nowhere else. Both functions are
 * Node's structured clone; they do no I/O and run no code.
 */
const v8Site = (name: string, s: RequireSite) => s.module === 'v8' && s.section === WORKER_SECTIONS[name];

describe('security: the bundles', () => {
  for (const name of ['server.js', 'analysisWorker.js', 'cli.js']) {
    describe(`dist/${name}`, () => {
      const sites = () => requireSites(bundle(name));
      const workerSite = (s: RequireSite) => s.module === 'worker_threads' && s.section === WORKER_SECTIONS[name];

      it(`requires none of ${FORBIDDEN.join(', ')}${WORKER_SECTIONS[name] ? ` (but worker_threads in ${WORKER_SECTIONS[name]})` : ''}`, () => {
        const bad = sites().filter((s) => FORBIDDEN.includes(s.module) && !workerSite(s));
        assert.deepStrictEqual(bad, [], `forbidden requires:\n${bad.map((s) => `${s.module} in ${s.section}`).join('\n')}`);
      });

      if (name === 'server.js') {
        it('makes a Worker only from the path of its own analysis worker bundle, never from code (no eval: true)', () => {
          const code = bundle(name);
          const made = [...code.matchAll(/new (?:import_worker_threads\.)?Worker\(([^)]*)\)/g)].map((m) => m[1]);
          assert.deepStrictEqual(made, ['this.script']);
          assert.match(code, /path\d*\.join\(__dirname, "analysisWorker\.js"\)/);
          assert.doesNotMatch(code, /eval:\s*(true|!0)/);
        });
      }

      it('requires only Node built-ins from a short list, each by a literal name (nothing from the workspace)', () => {
        const other = sites().filter((s) => !ALLOWED.includes(s.module) && !workerSite(s) && !v8Site(name, s));
        assert.deepStrictEqual(other.map((s) => `${s.module} in ${s.section}`), []);
        // No computed require(x): the bundle cannot be made to load a file it does not name.
        const dynamic = [...bundle(name).matchAll(/\brequire\(\s*[^"'`\s)]/g)].map((m) => bundle(name).slice(m.index, (m.index ?? 0) + 80));
        assert.deepStrictEqual(dynamic, []);
      });

      it('contains no eval, new Function or dynamic import', () => {
        assert.deepStrictEqual(evalSites(bundle(name)), []);
      });
    });
  }

  it('dist/server.js: the two modules vscode-languageserver asks for are throwing stubs, and only its transport/helper code refers to them', () => {
    const code = bundle('server.js');
    // Where the stubs are used: vscode-jsonrpc's socket/pipe transports (net), vscode-languageserver's
    // Files.resolve* helpers (child_process). Neither is reachable with --stdio or --node-ipc.
    const users = new Map<string, Set<string>>();
    const sections = [...code.matchAll(/^\/\/ ([^\n]+)$/gm)].map((m) => ({ at: m.index ?? 0, name: m[1] }));
    for (const m of code.matchAll(/\brequire_(net|child_process)\(\)/g)) {
      let section = '';
      for (const s of sections) if (s.at < (m.index ?? 0)) section = s.name;
      if (!users.has(m[1])) users.set(m[1], new Set());
      users.get(m[1])!.add(section);
    }
    assert.ok(code.includes('// unavailable-module:net') && code.includes('// unavailable-module:child_process'));
    assert.deepStrictEqual([...(users.get('net') ?? [])], ['node_modules/vscode-jsonrpc/lib/node/main.js']);
    assert.deepStrictEqual([...(users.get('child_process') ?? [])], ['node_modules/vscode-languageserver/lib/node/files.js']);
  });

  it('dist/server.js --socket fails at once with a clear message instead of connecting', () => {
    const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'crdb-guard-trap-')), 'trap.log');
    const r = spawnSync(process.execPath, ['--require', TRAP, path.join(DIST, 'server.js'), '--socket=45999'], {
      encoding: 'utf8',
      timeout: 10000,
      env: { ...process.env, CRDB_GUARD_TRAP_LOG: log, CRDB_GUARD_TRAP_ALLOW_DIR: DIST },
    });
    assert.notStrictEqual(r.status, 0);
    assert.match(r.stderr, /net\.createConnection\(\) is not available: the server and the CLI start no process and open no network connection \(use --stdio or --node-ipc\)/);
    assert.ok(!fs.existsSync(log), 'the stub throws before any socket is made');
  });

  it('dist/client.js reaches child_process and net only through vscode-languageclient / vscode-jsonrpc, and to fork the bundled server', () => {
    const sites = requireSites(bundle('client.js')).filter((s) => FORBIDDEN.includes(s.module));
    assert.ok(sites.some((s) => s.module === 'child_process'), 'the client starts the server');
    for (const s of sites) {
      assert.ok(['child_process', 'net'].includes(s.module), `client requires ${s.module} (${s.section})`);
      // extension.ts forks dist/server.js itself (so that a clean exit is not logged as an error).
      if (s.section === 'client/src/extension.ts' && s.module === 'child_process') continue;
      assert.match(s.section, /^node_modules\/(vscode-languageclient|vscode-jsonrpc)\//, `${s.module} required by ${s.section}`);
    }
    // …and the only process it starts is the bundled server module.
    const source = fs.readFileSync(path.join(REPO_ROOT, 'client', 'src', 'extension.ts'), 'utf8');
    assert.deepStrictEqual([...source.matchAll(/\bcp\.(\w+)\(/g)].map((m) => m[1]), ['fork']);
    assert.match(source, /const module = context\.asAbsolutePath\(path\.join\('dist', 'server\.js'\)\);/);
    assert.match(source, /cp\.fork\(module, /);
    assert.deepStrictEqual(evalSites(bundle('client.js')), []);
  });
});

describe('security: the manifest and the sources', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));

  it('declares untrusted-workspace support (it runs no workspace code)', () => {
    assert.strictEqual(pkg.capabilities?.untrustedWorkspaces?.supported, true);
  });

  it('the config file is parsed with JSON.parse, never required or imported', () => {
    const configFile = fs.readFileSync(path.join(REPO_ROOT, 'server/src/node/configFile.ts'), 'utf8');
    assert.match(configFile, /JSON\.parse\(/);
    const sources: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts')) sources.push(p);
      }
    };
    walk(path.join(REPO_ROOT, 'server/src'));
    assert.ok(sources.length > 20);
    for (const file of sources) {
      const text = fs.readFileSync(file, 'utf8');
      const rel = path.relative(REPO_ROOT, file);
      assert.doesNotMatch(text, /\brequire\s*\(/, `${rel} calls require()`);
      assert.doesNotMatch(text, /\bimport\s*\(/, `${rel} has a dynamic import()`);
      assert.doesNotMatch(text, /(?<![\w$.])eval\s*\(|\bnew\s+Function\s*\(/, `${rel} evaluates code`);
      assert.doesNotMatch(text, /from ['"](node:)?(child_process|net|http|https|http2|tls|dgram|vm|cluster)['"]/, `${rel} imports a forbidden module`);
      if (!Object.values(WORKER_SECTIONS).includes(rel)) assert.doesNotMatch(text, /from ['"](node:)?worker_threads['"]/, `${rel} imports worker_threads`);
    }
  });
});

describe('security: nothing is opened, started or loaded at run time (trap preload)', function () {
  this.timeout(30000);
  let ws = '';
  let log = '';
  let client: LspTestClient | undefined;
  const trapped = () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').filter(Boolean) : []);

  before(async () => {
    ws = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'crdb-guard-sec-')));
    log = path.join(ws, '..', `${path.basename(ws)}-trap.log`);
    // A workspace that would run code if anything evaluated it.
    const canary = path.join(ws, 'CANARY');
    const evil = `require('fs').writeFileSync(${JSON.stringify(canary)}, 'executed'); module.exports = { defaultTargetVersion: '24.3' };\n`;
    fs.writeFileSync(path.join(ws, '.crdb-restore-guard.json'), JSON.stringify({ defaultTargetVersion: '24.3', rules: { 'version-end-of-support': 'off' } }));
    for (const f of ['.crdb-restore-guard.js', '.crdb-restore-guard.cjs', 'crdb-restore-guard.config.js', 'index.js']) fs.writeFileSync(path.join(ws, f), evil);
    fs.mkdirSync(path.join(ws, 'node_modules', 'vscode-languageserver'), { recursive: true });
    fs.writeFileSync(path.join(ws, 'node_modules', 'vscode-languageserver', 'index.js'), evil);
    fs.writeFileSync(path.join(ws, 'restore.sql'), "-- crdb: backup-version=23.2\nRESTORE DATABASE bank FROM LATEST IN 's3://backups/bank';\n");
    fs.writeFileSync(
      path.join(ws, 'runbook.md'),
      '<!-- crdb: backup-version=23.2 -->\n```bash\ncockroach sql --url "postgresql://root@db.example.invalid:26257" -e "RESTORE FROM LATEST IN \'https://example.invalid/x\';"\n```\n',
    );
    // The server inherits the environment: preload the trap into it, then restore ours.
    const saved = { NODE_OPTIONS: process.env.NODE_OPTIONS, CRDB_GUARD_TRAP_LOG: process.env.CRDB_GUARD_TRAP_LOG, CRDB_GUARD_TRAP_ALLOW_DIR: process.env.CRDB_GUARD_TRAP_ALLOW_DIR };
    process.env.NODE_OPTIONS = `${saved.NODE_OPTIONS ?? ''} --require ${JSON.stringify(TRAP)}`.trim();
    process.env.CRDB_GUARD_TRAP_LOG = log;
    process.env.CRDB_GUARD_TRAP_ALLOW_DIR = DIST;
    const starting = LspTestClient.start({ profile: 'pull', workspaceFolder: ws, settings: { today: TODAY } });
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    client = await starting;
  });

  after(async () => {
    if (client) await client.stop();
    fs.rmSync(ws, { recursive: true, force: true });
    fs.rmSync(log, { force: true });
  });

  it('the trap works (a negative control: a connection attempt under it is logged and refused)', () => {
    const control = `${log}.control`;
    const r = spawnSync(process.execPath, ['--require', TRAP, '-e', "require('net').connect(9, '127.0.0.1')"], {
      encoding: 'utf8',
      env: { ...process.env, CRDB_GUARD_TRAP_LOG: control },
    });
    assert.notStrictEqual(r.status, 0);
    assert.match(fs.readFileSync(control, 'utf8'), /"what":"net.connect"/);
    fs.rmSync(control);
  });

  it('a protocol session (documents with URLs and cockroach sql commands, hover, fixes, completion, workspace diagnostics, config changes) trips nothing', async () => {
    const c = client!;
    const sqlUri = fileUri(path.join(ws, 'restore.sql'));
    await c.open(sqlUri, fs.readFileSync(path.join(ws, 'restore.sql'), 'utf8'));
    const items = await c.pull(sqlUri);
    // The config file was read (its defaultTargetVersion applies) — as JSON, not as code.
    assert.deepStrictEqual(items.map((d) => d.code), ['restore-skips-release']);
    const mdUri = fileUri(path.join(ws, 'runbook.md'));
    await c.open(mdUri, fs.readFileSync(path.join(ws, 'runbook.md'), 'utf8'));
    assert.deepStrictEqual((await c.pull(mdUri)).map((d) => d.code), ['restore-skips-release']);
    await c.request('textDocument/hover', { textDocument: { uri: sqlUri }, position: { line: 1, character: 2 } });
    await c.request('textDocument/codeAction', {
      textDocument: { uri: sqlUri },
      range: items[0].range,
      context: { diagnostics: items, only: ['quickfix', 'source.fixAll'] },
    });
    await c.request('textDocument/completion', { textDocument: { uri: sqlUri }, position: { line: 0, character: 9 } });
    await c.request('workspace/executeCommand', { command: 'crdbRestoreGuard.showRuleDocs', arguments: ['restore-skips-release'] });
    const ws1 = await c.request<{ items: unknown[] }>('workspace/diagnostic', { previousResultIds: [] });
    assert.ok(Array.isArray(ws1.items));
    fs.writeFileSync(path.join(ws, '.crdb-restore-guard.json'), '{ "defaultTargetVersion": "24.1" }');
    await c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(path.join(ws, '.crdb-restore-guard.json')), type: 2 }] });
    assert.deepStrictEqual(await c.pull(sqlUri), []);
    assert.deepStrictEqual(trapped(), []);
    assert.ok(!fs.existsSync(path.join(ws, 'CANARY')), 'workspace code ran');
    assert.strictEqual(c.hasExited, false);
  });

  it('a CLI run over the same workspace trips nothing', () => {
    fs.writeFileSync(path.join(ws, '.crdb-restore-guard.json'), '{ "defaultTargetVersion": "24.3" }');
    const r = spawnSync(process.execPath, ['--require', TRAP, path.join(DIST, 'cli.js'), '--format', 'json', '--today', TODAY, ws], {
      cwd: ws,
      encoding: 'utf8',
      timeout: 20000,
      env: { ...process.env, CRDB_GUARD_TRAP_LOG: log, CRDB_GUARD_TRAP_ALLOW_DIR: DIST },
    });
    assert.strictEqual(r.status, 1, r.stderr);
    const findings = JSON.parse(r.stdout) as { rule: string }[];
    assert.ok(findings.some((f) => f.rule === 'restore-to-older-version' || f.rule === 'restore-skips-release'), r.stdout);
    assert.deepStrictEqual(trapped(), []);
    assert.ok(!fs.existsSync(path.join(ws, 'CANARY')), 'workspace code ran');
  });
});
