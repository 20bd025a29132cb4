// Shared plumbing for the code-server end-to-end drivers (ui.mjs, api-suite.mjs): a fresh run
// directory, `code-server --install-extension`, code-server in its own process group, Debian's
// headless Chromium through playwright-core, a total-time watchdog, and a teardown that always
// closes the browser and kills code-server's whole process group (extension host, language
// server and file watcher included).
//
// Everything lives under the git-ignored cache dir (.e2e/ by default; test/e2e/setup.sh fills it):
//   .e2e/code-server/   code-server 4.100.3          .e2e/deps/   playwright-core
//   .e2e/runs/<test>-*/ one directory per run (kept on failure or with KEEP_RUN_DIR=1)
//   .e2e/screenshots/   screenshots of the last runs
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const E = process.env;
export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const CACHE = path.resolve(E.E2E_CACHE || path.join(REPO, '.e2e'));
export const CODE_SERVER = E.CODE_SERVER || path.join(CACHE, 'code-server/node_modules/code-server/out/node/entry.js');
export const CHROMIUM = E.CHROMIUM || '/usr/bin/chromium';
export const VSIX = path.resolve(E.VSIX || path.join(REPO, 'crdb-restore-guard.vsix'));
export const SHOT_DIR = path.resolve(E.SHOT_DIR || path.join(CACHE, 'screenshots'));
export const RUNS_DIR = path.join(CACHE, 'runs');
/** Generous: the machine has 2 cores and other test runs may share it. */
export const STEP_TIMEOUT_MS = Number(E.STEP_TIMEOUT_MS || 60_000);
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** playwright-core from the cache dir (test/e2e/setup.sh installs it there, outside package.json). */
export function loadPlaywright() {
  const req = createRequire(path.join(CACHE, 'deps', 'package.json'));
  try {
    return req('playwright-core');
  } catch (e) {
    throw new Error(`playwright-core is not installed in ${CACHE}/deps: run test/e2e/setup.sh (${e.message})`);
  }
}

/**
 * One test run: timing log, watchdog, teardown. `name` prefixes log lines and screenshots.
 * Call `run.main(fn)`: it exits the process with 0 when fn resolves and 1 when it throws or the
 * total timeout hits, always after teardown.
 */
/** The CLI's findings (`--format json`) for `files` in `ws`, with the workspace's config file. */
export function cliFindings(ws, files) {
  let out;
  try {
    out = execFileSync(process.execPath, [path.join(REPO, 'dist/cli.js'), '--format', 'json', ...files], { cwd: ws, encoding: 'utf8' });
  } catch (e) {
    if (e.status !== 1) throw new Error(`CLI failed (${e.status}): ${e.stderr}`);
    out = e.stdout; // exit 1 = at least one error-severity finding
  }
  return JSON.parse(out);
}

/** Error, warning and information counts of CLI findings (what the status bar shows). */
export function severityCounts(findings) {
  const count = (sev) => findings.filter((f) => f.severity === sev).length;
  return { errors: count('error'), warnings: count('warning'), infos: count('information') };
}

export class Run {
  constructor(name, totalTimeoutMs) {
    this.name = name;
    this.t0 = Date.now();
    this.timings = {};
    this.totalTimeoutMs = totalTimeoutMs;
    this.server = undefined;
    this.context = undefined;
    this.page = undefined;
    this.dir = undefined;
    this.failing = false;
    this.cleanupPromise = undefined;
  }

  log(...a) {
    console.log(`[${this.name} +${((Date.now() - this.t0) / 1000).toFixed(1)}s]`, ...a);
  }

  mark(key, since) {
    this.timings[key] = Date.now() - since;
    this.log(`${key}: ${this.timings[key]} ms`);
  }

  async shot(label, options = {}) {
    if (!this.page) return undefined;
    fs.mkdirSync(SHOT_DIR, { recursive: true });
    const file = path.join(SHOT_DIR, `${this.name}-${label}.png`);
    await this.page.screenshot({ path: file, ...options });
    this.log('screenshot', path.relative(REPO, file));
    return file;
  }

  /** A fresh run directory with a workspace, user data (settings), extensions and XDG dirs. */
  makeDirs(settings) {
    fs.mkdirSync(RUNS_DIR, { recursive: true });
    this.dir = fs.mkdtempSync(path.join(RUNS_DIR, `${this.name}-`));
    const d = {
      ws: path.join(this.dir, 'ws'),
      userData: path.join(this.dir, 'user-data'),
      extensions: path.join(this.dir, 'extensions'),
      xdg: path.join(this.dir, 'xdg'),
      profile: path.join(this.dir, 'chromium-profile'),
    };
    for (const p of [d.ws, path.join(d.userData, 'User'), d.extensions, d.xdg, d.profile]) fs.mkdirSync(p, { recursive: true });
    fs.writeFileSync(
      path.join(d.userData, 'User', 'settings.json'),
      JSON.stringify(
        {
          'workbench.startupEditor': 'none',
          'workbench.tips.enabled': false,
          'workbench.enableExperiments': false,
          'workbench.reduceMotion': 'on',
          'telemetry.telemetryLevel': 'off',
          'update.mode': 'none',
          'extensions.autoCheckUpdates': false,
          'extensions.autoUpdate': false,
          'extensions.ignoreRecommendations': true,
          'security.workspace.trust.enabled': false,
          'chat.disableAIFeatures': true,
          'git.enabled': false,
          'editor.hover.delay': 300,
          'editor.minimap.enabled': false,
          ...settings,
        },
        null,
        2,
      ),
    );
    // code-server and Chromium write into $HOME even with their own data dirs: keep them here.
    this.env = {
      ...process.env,
      XDG_CONFIG_HOME: path.join(d.xdg, 'config'),
      XDG_DATA_HOME: path.join(d.xdg, 'data'),
      XDG_CACHE_HOME: path.join(d.xdg, 'cache'),
    };
    this.dirs = d;
    return d;
  }

  /** `code-server --install-extension <vsix>` into `extensionsDir`; returns the installed folder. */
  installVsix(extensionsDir, vsix = VSIX) {
    if (!fs.existsSync(vsix)) throw new Error(`${vsix} not found: run \`npm run package\` first`);
    const t = Date.now();
    const r = spawnSync(
      process.execPath,
      [CODE_SERVER, '--user-data-dir', this.dirs.userData, '--extensions-dir', extensionsDir, '--install-extension', vsix],
      { env: this.env, encoding: 'utf8', timeout: STEP_TIMEOUT_MS },
    );
    if (r.status !== 0 || !/successfully installed/i.test(r.stdout)) {
      throw new Error(`code-server --install-extension failed (status ${r.status}${r.error ? `, ${r.error.message}` : ''}): ${r.stdout}${r.stderr}`);
    }
    this.mark('installVsixMs', t);
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    const installed = path.join(extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`);
    if (!fs.existsSync(path.join(installed, 'package.json'))) throw new Error(`installed extension not found at ${installed}`);
    if (E.E2E_SERVER_JS) {
      // Failure injection (test/e2e/mutate-server.mjs): the installed extension runs another server.
      fs.copyFileSync(E.E2E_SERVER_JS, path.join(installed, 'dist', 'server.js'));
      this.log(`E2E_SERVER_JS: the installed extension now runs ${E.E2E_SERVER_JS}`);
    }
    return installed;
  }

  /** Starts code-server on a free loopback port in its own process group; resolves once /healthz answers. */
  async startCodeServer(args = []) {
    for (const [what, p] of [['code-server entry (run test/e2e/setup.sh)', CODE_SERVER], ['chromium (apt-get install chromium)', CHROMIUM]]) {
      if (!fs.existsSync(p)) throw new Error(`${what} not found: ${p}`);
    }
    const port = await freePort();
    this.host = `127.0.0.1:${port}`;
    const logFile = path.join(this.dir, 'code-server.log');
    const fd = fs.openSync(logFile, 'w');
    const t = Date.now();
    this.server = spawn(
      process.execPath,
      [
        CODE_SERVER,
        '--user-data-dir', this.dirs.userData,
        '--extensions-dir', this.dirs.extensions,
        '--auth', 'none',
        '--bind-addr', this.host,
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        '--ignore-last-opened',
        ...args,
      ],
      { env: this.env, detached: true, stdio: ['ignore', fd, fd] },
    );
    fs.closeSync(fd);
    this.log(`code-server pid ${this.server.pid} on http://${this.host}/ (run dir ${path.relative(REPO, this.dir)})`);
    const end = Date.now() + STEP_TIMEOUT_MS;
    for (;;) {
      if (this.server.exitCode !== null) throw new Error(`code-server exited with ${this.server.exitCode}`);
      try {
        if ((await fetch(`http://${this.host}/healthz`)).status === 200) break;
      } catch {}
      if (Date.now() > end) throw new Error(`code-server not healthy after ${STEP_TIMEOUT_MS} ms`);
      await sleep(100);
    }
    this.mark('codeServerStartMs', t);
  }

  /** vscode-remote:// URI of a path on the code-server host. */
  remote(p) {
    return `vscode-remote://${this.host}${p}`;
  }

  async launchBrowser() {
    const { chromium } = loadPlaywright();
    const t = Date.now();
    this.context = await chromium.launchPersistentContext(this.dirs.profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1400, height: 900 },
      reducedMotion: 'reduce',
      env: this.env,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    this.mark('browserLaunchMs', t);
    this.page = this.context.pages()[0] || (await this.context.newPage());
    this.page.setDefaultTimeout(STEP_TIMEOUT_MS);
    return this.page;
  }

  /** Opens the workbench on `folder` with a URL payload (openFile, extensionDevelopmentPath, …). */
  async openWorkbench(folder, payload) {
    const url = `http://${this.host}/?${new URLSearchParams({ folder, payload: JSON.stringify(payload) })}`;
    const t = Date.now();
    await this.page.goto(url, { waitUntil: 'domcontentloaded' });
    await this.page.locator('.monaco-workbench').waitFor();
    this.mark('pageToWorkbenchMs', t);
    return t;
  }

  cleanup() {
    this.cleanupPromise ??= (async () => {
      if (this.context) await Promise.race([this.context.close().catch(() => {}), sleep(10_000)]);
      const pid = this.server?.pid;
      if (pid) {
        try {
          process.kill(-pid, 'SIGTERM');
        } catch {}
        const deadline = Date.now() + 5000;
        while (Date.now() < deadline && groupAlive(pid)) await sleep(100);
        if (groupAlive(pid)) {
          try {
            process.kill(-pid, 'SIGKILL');
          } catch {}
        }
      }
    })();
    return this.cleanupPromise;
  }

  async fail(err) {
    if (this.failing) return;
    this.failing = true;
    clearTimeout(this.watchdog);
    console.error(`[${this.name}] FAIL: ${err && err.stack ? err.stack : err}`);
    if (this.page) await Promise.race([this.shot('failure').catch(() => {}), sleep(5000)]);
    if (this.dir) {
      const logFile = path.join(this.dir, 'code-server.log');
      if (fs.existsSync(logFile)) console.error('--- code-server.log (tail) ---\n' + fs.readFileSync(logFile, 'utf8').split('\n').slice(-25).join('\n'));
      console.error(`[${this.name}] run dir kept: ${this.dir}`);
    }
    await this.cleanup();
    console.log(JSON.stringify({ test: this.name, ok: false, error: String((err && err.message) || err), timings: this.timings }, null, 2));
    process.exit(1);
  }

  async main(fn) {
    this.watchdog = setTimeout(() => void this.fail(new Error(`total timeout ${this.totalTimeoutMs} ms (TOTAL_TIMEOUT_MS)`)), this.totalTimeoutMs);
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => void this.fail(new Error(`got ${sig}`)));
    try {
      const extra = await fn();
      if (this.failing) return;
      clearTimeout(this.watchdog);
      this.timings.totalMs = Date.now() - this.t0;
      await this.cleanup();
      if (E.KEEP_RUN_DIR !== '1' && this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
      console.log(JSON.stringify({ test: this.name, ok: true, ...extra, timings: this.timings }, null, 2));
      process.exit(0);
    } catch (e) {
      await this.fail(e);
    }
  }
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}
