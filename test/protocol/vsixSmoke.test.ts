// Packaging smoke test: build the .vsix with vsce, check its size and contents, unpack it
// (a small zip reader, no extra dependency) outside the repository, and run an LSP session
// against the server inside it. Catches the classic "Cannot find module" packaging bug: the
// unpacked server has no node_modules to fall back on.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import { builtinModules } from 'module';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol/node';
import { ALL_RULE_IDS } from '../../server/src/core/rules/ruleTable';
import { briefDiagnostics, fileUri, LspTestClient, REPO_ROOT, TODAY } from './lspClient';

// Every rule must ship its documentation page: the list comes from the rule table itself.
const RULE_IDS = ALL_RULE_IDS;
const MAX_VSIX_BYTES = 1_000_000;

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

/** Reads a zip's central directory (no zip64, no encryption: what vsce writes). */
export function readZipEntries(zip: Buffer): ZipEntry[] {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file: no end of central directory');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central directory entry at ${p}`);
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    entries.push({
      method: zip.readUInt16LE(p + 10),
      compressedSize: zip.readUInt32LE(p + 20),
      size: zip.readUInt32LE(p + 24),
      localHeaderOffset: zip.readUInt32LE(p + 42),
      name: zip.toString('utf8', p + 46, p + 46 + nameLength),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

export function readZipEntry(zip: Buffer, e: ZipEntry): Buffer {
  const h = e.localHeaderOffset;
  if (zip.readUInt32LE(h) !== 0x04034b50) throw new Error(`bad local header for ${e.name}`);
  const start = h + 30 + zip.readUInt16LE(h + 26) + zip.readUInt16LE(h + 28);
  const raw = zip.subarray(start, start + e.compressedSize);
  const data = e.method === 0 ? Buffer.from(raw) : e.method === 8 ? zlib.inflateRawSync(raw) : undefined;
  if (!data) throw new Error(`${e.name}: unsupported compression method ${e.method}`);
  if (data.length !== e.size) throw new Error(`${e.name}: ${data.length} bytes unpacked, ${e.size} expected`);
  return data;
}

function unzipTo(zip: Buffer, dir: string): string[] {
  const names: string[] = [];
  for (const e of readZipEntries(zip)) {
    const target = path.resolve(dir, e.name);
    assert.ok(target.startsWith(dir + path.sep), `zip entry escapes the folder: ${e.name}`);
    names.push(e.name);
    if (e.name.endsWith('/')) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, readZipEntry(zip, e));
  }
  return names;
}

/** Modules a bundle loads at run time with a literal require(): must be Node built-ins (or `vscode`). */
function requiredModules(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...new Set([...text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]))].sort();
}

const isBuiltin = (m: string) => m.startsWith('node:') || builtinModules.includes(m) || builtinModules.includes(m.split('/')[0]);

describe('packaging: the .vsix', function () {
  this.timeout(60000);
  let tmp = '';
  let vsix = '';
  let unpacked = '';
  let names: string[] = [];

  before(function () {
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'crdb-guard-vsix-')));
    vsix = path.join(tmp, 'x.vsix');
    const vsce = path.join(path.dirname(require.resolve('@vscode/vsce/package.json', { paths: [REPO_ROOT] })), 'vsce');
    const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--no-rewrite-relative-links', '-o', vsix], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      input: '', // never wait on a prompt
      timeout: 45000,
    });
    assert.strictEqual(r.status, 0, `vsce package failed (${r.status}):\n${r.stdout}\n${r.stderr}\n${r.error ?? ''}`);
    unpacked = path.join(tmp, 'unpacked');
    fs.mkdirSync(unpacked);
    names = unzipTo(fs.readFileSync(vsix), unpacked);
  });

  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('stays under 1 MB', () => {
    const size = fs.statSync(vsix).size;
    assert.ok(size < MAX_VSIX_BYTES, `${vsix} is ${size} bytes`);
  });

  it('contains the manifest, the three bundles and a documentation page per rule', () => {
    for (const f of ['extension.vsixmanifest', 'extension/package.json', 'extension/dist/server.js', 'extension/dist/client.js', 'extension/dist/cli.js']) {
      assert.ok(names.includes(f), `${f} in ${names.join(', ')}`);
    }
    const docs = names.filter((n) => n.startsWith('extension/docs/rules/'));
    const missing = RULE_IDS.map((id) => `extension/docs/rules/${id}.md`).filter((d) => !docs.includes(d));
    assert.deepStrictEqual(missing, [], 'every rule’s page (the diagnostics link to them)');
    assert.deepStrictEqual(docs.filter((d) => !d.endsWith('.md')), []);
    const pkg = JSON.parse(fs.readFileSync(path.join(unpacked, 'extension', 'package.json'), 'utf8')) as { main: string };
    assert.ok(fs.existsSync(path.join(unpacked, 'extension', pkg.main)), `main ${pkg.main} is packaged`);
  });

  it('contains no dependencies, build output, tests or sources', () => {
    const forbidden = names.filter(
      (n) =>
        /^extension\/(node_modules|out|test|server|client|scripts|\.git|\.ci|\.vscode)\//.test(n) ||
        /\.(ts|map|vsix)$/.test(n) ||
        /(^|\/)(tsconfig\.json|\.mocharc\.json|package-lock\.json)$/.test(n),
    );
    assert.deepStrictEqual(forbidden, []);
  });

  it('its bundles load nothing but Node built-ins (and vscode, for the client)', () => {
    const dist = path.join(unpacked, 'extension', 'dist');
    assert.deepStrictEqual(requiredModules(path.join(dist, 'server.js')).filter((m) => !isBuiltin(m)), []);
    assert.deepStrictEqual(requiredModules(path.join(dist, 'cli.js')).filter((m) => !isBuiltin(m)), []);
    assert.deepStrictEqual(requiredModules(path.join(dist, 'client.js')).filter((m) => !isBuiltin(m)), ['vscode']);
  });

  it('the unpacked CLI runs: a runbook with an unsupported RESTORE exits 1 with the finding', () => {
    const runbook = path.join(tmp, 'runbook.md');
    fs.writeFileSync(runbook, "<!-- crdb: backup-version=23.2 target-version=24.3 -->\n```sql\nRESTORE DATABASE bank FROM LATEST IN 's3://b';\n```\n");
    const r = spawnSync(process.execPath, [path.join(unpacked, 'extension', 'dist', 'cli.js'), '--today', TODAY, '--format', 'json', runbook], {
      cwd: tmp,
      encoding: 'utf8',
      env: { ...process.env, NODE_PATH: '' },
      timeout: 15000,
    });
    assert.strictEqual(r.status, 1, r.stderr);
    const findings = JSON.parse(r.stdout) as { line: number; column: number; rule: string; severity: string }[];
    assert.deepStrictEqual(
      findings.map((f) => [f.line, f.column, f.severity, f.rule]),
      [[3, 1, 'error', 'restore-skips-release']],
    );
  });

  it('the unpacked server answers an LSP session: initialize, diagnostics on didOpen, hover, shutdown', async () => {
    const server = path.join(unpacked, 'extension', 'dist', 'server.js');
    const c = await LspTestClient.start({ profile: 'push', serverPath: server, workspaceFolder: tmp, settings: { today: TODAY } });
    try {
      assert.strictEqual(c.initializeResult.serverInfo?.name, 'crdb-restore-guard');
      const uri = fileUri(path.join(tmp, 'restore-runbook.md'));
      const text = `<!-- crdb: target-version=23.2 -->
\`\`\`sql
BACKUP INTO 's3://backups/prod';
\`\`\`
<!-- crdb: target-version=24.3 -->
\`\`\`sql
RESTORE FROM LATEST IN 's3://backups/prod';
\`\`\`
`;
      const mark = await c.open(uri, text);
      const ds = await c.waitForDiagnostics(uri, 1, mark);
      assert.deepStrictEqual(briefDiagnostics(ds), ['restore-skips-release@6:0-6:43 1']);
      // The rule's page ships inside the extension, beside the server that links to it.
      const docs = path.join(unpacked, 'extension', 'docs', 'rules', 'restore-skips-release.md');
      assert.strictEqual(ds[0].codeDescription?.href, fileUri(docs));
      assert.ok(fs.existsSync(docs), `${docs} exists`);
      const h = await c.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 6, character: 2 } });
      const value = (h.contents as MarkupContent).value;
      assert.ok(value.includes('**Upgrade path:** 23.2 → 24.1 → 24.3'), value);
    } finally {
      const code = await c.stop();
      assert.strictEqual(code, 0, `exit code; stderr: ${c.stderr.join('')}`);
    }
    assert.ok(!c.stderr.join('').includes('Cannot find module'), c.stderr.join(''));
    assert.deepStrictEqual(c.logs.filter((l) => l.value.type === 1).map((l) => l.value.message), []);
  });
});
