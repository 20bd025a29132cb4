// The npm package as users get it: `npm pack` with the `files` allow-list, installed globally
// from the tarball into a temporary prefix with install scripts off and no registry (the
// bundles are self-contained, so there is nothing to fetch), then both bins run from there.
import * as assert from 'assert';
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO_ROOT, TODAY } from '../protocol/lspClient';

const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** One LSP exchange over the bin's stdio: initialize, initialized, shutdown, exit. */
function initializeOverStdio(bin: string, cwd: string): Promise<{ result: { serverInfo?: { name: string; version?: string }; capabilities: Record<string, unknown> }; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['--stdio'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error('no answer to initialize in 20 s'));
    }, 20000);
    const send = (msg: object) => {
      const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...msg }), 'utf8');
      child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
      child.stdin.write(body);
    };
    let buf = Buffer.alloc(0);
    let result: unknown;
    child.stdout.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const length = Number(/Content-Length: (\d+)/i.exec(buf.subarray(0, end).toString())?.[1]);
        if (buf.length < end + 4 + length) return;
        const msg = JSON.parse(buf.subarray(end + 4, end + 4 + length).toString('utf8'));
        buf = buf.subarray(end + 4 + length);
        if (msg.id === 1) {
          result = msg.result;
          send({ method: 'initialized', params: {} });
          send({ id: 2, method: 'shutdown' });
        } else if (msg.id === 2) send({ method: 'exit' });
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ result: result as never, code });
    });
    send({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {}, workspaceFolders: null } });
  });
}

describe('packaging: the npm package', function () {
  this.timeout(120000);
  let tmp = '';
  let files: string[] = [];
  let prefix = '';
  let tarball = '';
  before(() => {
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'crdb-npm-')));
    // --ignore-scripts: pack what `npm test` just built (prepare would rebuild it).
    const packed = spawnSync(NPM, ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60000 });
    assert.strictEqual(packed.status, 0, packed.stderr);
    const info = JSON.parse(packed.stdout)[0] as { filename: string; files: { path: string }[] };
    files = info.files.map((f) => f.path).sort();
    tarball = path.join(tmp, info.filename);
    prefix = path.join(tmp, 'prefix');
    const installed = spawnSync(
      NPM,
      ['install', '--global', '--prefix', prefix, '--ignore-scripts', '--offline', '--no-audit', '--no-fund', path.join(tmp, info.filename)],
      { cwd: tmp, encoding: 'utf8', timeout: 60000 },
    );
    assert.strictEqual(installed.status, 0, installed.stderr);
  });
  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('package.json: no runtime dependencies (the bundles are self-contained), engines.node, a files allow-list', () => {
    assert.deepStrictEqual(pkg.dependencies ?? {}, {});
    assert.match(pkg.engines.node, /^>=\d+/);
    assert.ok(Array.isArray(pkg.files));
  });

  it('holds the bundles, docs, schemas, LICENSE, notices and README, and no sources, tests or build output', () => {
    for (const f of ['package.json', 'README.md', 'LICENSE', 'THIRD_PARTY_NOTICES.md', 'dist/cli.js', 'dist/server.js', 'dist/client.js', 'dist/web/server.js', 'dist/web/client.js', 'docs/rules/restore-skips-release.md', 'schemas/crdb-restore-guard.schema.json']) {
      assert.ok(files.includes(f), `${f} in ${files.join(', ')}`);
    }
    const unexpected = files.filter((f) => /^(server|client|test|out|scripts|node_modules|examples|\.ci)\//.test(f) || /\.(ts|map|vsix)$/.test(f) || /^(tsconfig\.json|package-lock\.json|\.mocharc\.json)$/.test(f));
    assert.deepStrictEqual(unexpected, []);
  });

  it('the installed crdb-restore-guard bin: --version, and a check of examples/', () => {
    const bin = path.join(prefix, process.platform === 'win32' ? 'crdb-restore-guard.cmd' : 'bin/crdb-restore-guard');
    const v = spawnSync(bin, ['--version'], { encoding: 'utf8' });
    assert.strictEqual(v.stdout.trim(), pkg.version);
    const r = spawnSync(bin, ['--today', TODAY, '--format', 'json', '.'], { cwd: path.join(REPO_ROOT, 'examples'), encoding: 'utf8' });
    assert.strictEqual(r.status, 1, r.stderr);
    const findings = JSON.parse(r.stdout) as { file: string; rule: string }[];
    assert.ok(findings.some((f) => f.file === 'disaster-recovery.md' && f.rule === 'restore-skips-release'), r.stdout);
    // The SARIF help comes from the docs inside the installed package.
    const sarif = JSON.parse(spawnSync(bin, ['--today', TODAY, '--format', 'sarif', '.'], { cwd: path.join(REPO_ROOT, 'examples'), encoding: 'utf8' }).stdout);
    assert.ok(sarif.runs[0].tool.driver.rules[0].help.markdown.startsWith('# '));
  });

  it('the GitHub Action run from a ref without a build (no dist/) uses the npm package', () => {
    // The action's directory as a checkout without dist/: only its package.json and step script.
    const actionDir = path.join(tmp, 'action-checkout');
    fs.mkdirSync(path.join(actionDir, 'scripts', 'action'), { recursive: true });
    fs.copyFileSync(path.join(REPO_ROOT, 'package.json'), path.join(actionDir, 'package.json'));
    fs.copyFileSync(path.join(REPO_ROOT, 'scripts', 'action', 'check.sh'), path.join(actionDir, 'scripts', 'action', 'check.sh'));
    const ws = path.join(tmp, 'action-ws');
    fs.mkdirSync(ws);
    fs.writeFileSync(path.join(ws, 'r.sql'), "-- crdb: backup-version=23.2 target-version=24.3\nRESTORE DATABASE bank FROM LATEST IN 's3://b';\n");
    const r = spawnSync('bash', [path.join(actionDir, 'scripts', 'action', 'check.sh')], {
      cwd: ws,
      encoding: 'utf8',
      timeout: 60000,
      // The tarball stands in for the registry's crdb-restore-guard@<version>: no network, no dependencies to fetch.
      env: { ...process.env, CRDB_GUARD_ACTION_PATH: actionDir, CRDB_GUARD_PATHS: '.', CRDB_GUARD_PACKAGE: tarball, npm_config_cache: path.join(tmp, 'npm-cache'), npm_config_offline: 'true' },
    });
    assert.strictEqual(r.status, 1, r.stderr);
    assert.match(r.stdout, /^::error file=r\.sql,line=2,col=1,.*title=restore-skips-release::/m);
  });

  it('the installed crdb-restore-guard-server bin answers initialize over stdio and exits 0', async () => {
    const bin = path.join(prefix, process.platform === 'win32' ? 'crdb-restore-guard-server.cmd' : 'bin/crdb-restore-guard-server');
    const { result, code } = await initializeOverStdio(bin, tmp);
    assert.strictEqual(result.serverInfo?.name, 'crdb-restore-guard');
    assert.strictEqual(result.serverInfo?.version, pkg.version);
    assert.ok(result.capabilities.hoverProvider);
    assert.strictEqual(code, 0);
  });
});
