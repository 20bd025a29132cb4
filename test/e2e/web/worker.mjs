// VS Code for the Web, proven in a real browser, offline: Debian's Chromium (driven by
// playwright-core) loads the browser server bundle dist/web/server.js in a real Web Worker and
// runs an LSP session against it: initialize, open a runbook of a virtual workspace
// (vscode-vfs://…), pull its diagnostics, hover, apply a quick fix and see the finding go,
// and workspace diagnostics whose files and config file the server reads by asking the client
// (crdbRestoreGuard/workspaceFiles, crdbRestoreGuard/readFile), as the extension's web client
// answers them through workspace.fs. Exit 0 when every check passes.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const CACHE = process.env.E2E_CACHE || path.join(ROOT, '.e2e');
const CHROMIUM = '/usr/bin/chromium';
const TIMEOUT_MS = Number(process.env.STEP_TIMEOUT_MS || 60000);
const { chromium } = createRequire(path.join(CACHE, 'deps', 'package.json'))('playwright-core');

const FOLDER = 'vscode-vfs://github/acme/runbooks';
const RUNBOOK_URI = `${FOLDER}/restore.md`;
const RUNBOOK = `# Restore prod

<!-- crdb: target-version=23.2 -->
\`\`\`sql
BACKUP INTO 's3://backups/prod';
\`\`\`

<!-- crdb: target-verison=24.3 -->
<!-- crdb: target-version=24.3 -->
\`\`\`sql
RESTORE FROM LATEST IN 's3://backups/prod';
\`\`\`
`;
const OTHER_URI = `${FOLDER}/ops/nightly.sql`;
const OTHER = "-- crdb: backup-version=25.2 target-version=24.3\nRESTORE DATABASE bank FROM LATEST IN 'gs://b/c';\n";
// The workspace's config file, read through the client: makes restore-skips-release a warning.
const CONFIG = JSON.stringify({ rules: { 'restore-skips-release': 'warning' } });
const DOCS_BASE = 'https://extension.invalid/docs/rules/';

/** Serves the repository's dist/ and the harness page on 127.0.0.1 (no network beyond loopback). */
function serve() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const file = url.pathname === '/' ? path.join(ROOT, 'test/e2e/web/harness.html') : url.pathname.startsWith('/dist/web/') ? path.join(ROOT, url.pathname) : undefined;
    if (!file || !fs.existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file.endsWith('.html') ? 'text/html' : 'text/javascript' }).end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const log = (s) => console.log(`[web-worker] ${s}`);

async function main() {
  const server = await serve();
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] });
  const watchdog = setTimeout(() => {
    console.error('[web-worker] timed out');
    process.exit(1);
  }, TIMEOUT_MS * 3);
  try {
    const page = await browser.newPage();
    // Offline: anything but the loopback server is refused.
    await page.route('**/*', (route) => (route.request().url().startsWith(base) ? route.continue() : route.abort()));
    const consoleErrors = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    await page.goto(base);
    const workers = await page.evaluate(() => typeof window.lsp);
    assert.equal(workers, 'object');

    const init = await page.evaluate(
      ({ FOLDER, DOCS_BASE, files }) => {
        for (const [u, t] of files) window.lsp.setFile(u, t);
        window.lsp.setConfiguration({ today: '2025-06-01' });
        return window.lsp.request('initialize', {
          processId: null,
          rootUri: null,
          workspaceFolders: [{ uri: FOLDER, name: 'runbooks' }],
          initializationOptions: { docsBaseUri: DOCS_BASE },
          capabilities: {
            workspace: { configuration: true, workspaceFolders: true, diagnostics: { refreshSupport: true } },
            textDocument: {
              diagnostic: { dynamicRegistration: false },
              hover: { contentFormat: ['markdown', 'plaintext'] },
              codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } },
            },
          },
        });
      },
      { FOLDER, DOCS_BASE, files: [[OTHER_URI, OTHER], [`${FOLDER}/.crdb-restore-guard.json`, CONFIG], [`${FOLDER}/notes.txt`, OTHER]] },
    );
    assert.equal(init.serverInfo.name, 'crdb-restore-guard');
    assert.equal(init.capabilities.diagnosticProvider?.workspaceDiagnostics, true);
    log(`initialize: ${init.serverInfo.name} ${init.serverInfo.version} in a Web Worker (${await page.evaluate(() => navigator.userAgent)})`);

    await page.evaluate(({ uri, text }) => {
      window.lsp.notify('initialized', {});
      window.lsp.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    }, { uri: RUNBOOK_URI, text: RUNBOOK });
    const pull = () => page.evaluate((uri) => window.lsp.request('textDocument/diagnostic', { textDocument: { uri } }), RUNBOOK_URI);
    const first = await pull();
    const brief = (items) => items.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character} ${d.severity}`);
    // The typo'd key is reported, so the RESTORE's target comes from the correct line below;
    // restore-skips-release is a warning (2) because the config file, read through the client, says so.
    assert.deepEqual(brief(first.items), ['unknown-directive-key@7:11 2', 'restore-skips-release@10:0 2']);
    assert.equal(first.items[1].codeDescription.href, `${DOCS_BASE}restore-skips-release.md`);
    log(`diagnostics: ${brief(first.items).join(', ')}`);

    const hover = await page.evaluate((uri) => window.lsp.request('textDocument/hover', { textDocument: { uri }, position: { line: 10, character: 3 } }), RUNBOOK_URI);
    assert.match(hover.contents.value, /Upgrade path:\*\* 23\.2 → 24\.1 → 24\.3/);
    log('hover: upgrade path 23.2 → 24.1 → 24.3');

    const typo = first.items[0];
    const actions = await page.evaluate(
      ({ uri, d }) => window.lsp.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } }),
      { uri: RUNBOOK_URI, d: typo },
    );
    const fix = actions.find((a) => a.title === 'Change "target-verison" to "target-version"');
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    const [edit] = fix.edit.changes[RUNBOOK_URI];
    await page.evaluate(({ uri, edit }) => window.lsp.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: edit.range, text: edit.newText }] }), {
      uri: RUNBOOK_URI,
      edit,
    });
    const after = await pull();
    assert.deepEqual(brief(after.items), ['restore-skips-release@10:0 2']);
    log(`quick fix applied ("${fix.title}"): ${brief(after.items).join(', ')}`);

    const ws = await page.evaluate(() => window.lsp.request('workspace/diagnostic', { previousResultIds: [] }));
    const reports = ws.items.map((r) => `${r.uri.slice(FOLDER.length + 1)}: ${r.items.map((d) => d.code).join(',')}`);
    assert.deepEqual(reports, ['ops/nightly.sql: restore-to-older-version']);
    const asked = await page.evaluate(() => window.lsp.serverRequests);
    assert.ok(asked.includes('crdbRestoreGuard/workspaceFiles') && asked.includes('crdbRestoreGuard/readFile'), asked.join(', '));
    log(`workspace diagnostics through the client's file system: ${reports.join('; ')}`);

    await page.evaluate(() => window.lsp.request('shutdown'));
    assert.deepEqual(consoleErrors, []);
    const workerErrors = await page.evaluate(() => window.lsp.notifications.filter((n) => n.method === 'worker/error' || (n.method === 'window/logMessage' && n.params.type === 1)));
    assert.deepEqual(workerErrors, []);
    log('passed');
  } finally {
    clearTimeout(watchdog);
    await browser.close();
    server.close();
  }
}

main().catch((e) => {
  console.error(`[web-worker] FAILED: ${e.stack || e}`);
  process.exit(1);
});
