// Configuration over the protocol: client settings (workspace/configuration, pulled again on
// workspace/didChangeConfiguration), settings pushed by clients that cannot be asked, the
// workspace's .crdb-restore-guard.json (re-read on workspace/didChangeWatchedFiles), and bad
// configuration (a warning, then analysis on the defaults).
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { briefDiagnostics, fileUri, memUri, serverFor, TODAY, type LspTestClient } from './lspClient';

const MIXED_SQL = `-- crdb: backup-version=23.2 target-version=24.3 mixed-version
RESTORE FROM LATEST IN 's3://backups/prod';
`;
const BACKUP_ONLY_SQL = `-- crdb: backup-version=23.2
RESTORE DATABASE bank FROM LATEST IN 's3://backups/bank';
`;
const SKIPS_SQL = `-- crdb: backup-version=23.2 target-version=24.3
RESTORE DATABASE bank FROM LATEST IN 's3://backups/bank';
`;

/** Sends didChangeConfiguration the way vscode-languageclient does (the section's values). */
async function changeSettings(c: LspTestClient, settings: Record<string, unknown>): Promise<number> {
  c.settings = settings;
  const mark = c.mark();
  await c.notify('workspace/didChangeConfiguration', { settings: { crdbRestoreGuard: settings } });
  return mark;
}

describe('protocol: client settings (push client)', () => {
  const client = serverFor({ profile: 'push', settings: { today: TODAY } });
  const mixedUri = memUri('cfg-mixed.sql');
  const backupOnlyUri = memUri('cfg-backup-only.sql');
  /** New settings, then the diagnostics re-published for both open documents. */
  const reconfigure = async (settings: Record<string, unknown>) => {
    const c = client();
    const mark = await changeSettings(c, settings);
    return {
      mark,
      mixed: await c.waitForDiagnostics(mixedUri, 1, mark),
      backupOnly: await c.waitForDiagnostics(backupOnlyUri, 1, mark),
    };
  };

  before(async () => {
    const c = client();
    const m = await c.open(mixedUri, MIXED_SQL);
    await c.waitForDiagnostics(mixedUri, 1, m);
    const m2 = await c.open(backupOnlyUri, BACKUP_ONLY_SQL);
    await c.waitForDiagnostics(backupOnlyUri, 1, m2);
  });

  it('the settings are asked for per document through workspace/configuration', () => {
    const c = client();
    const asked = c.configurationRequests.flatMap((r) => (r.value as { items: { scopeUri?: string; section?: string }[] }).items);
    assert.deepStrictEqual(
      asked.filter((i) => i.scopeUri === mixedUri || i.scopeUri === backupOnlyUri),
      [
        { scopeUri: mixedUri, section: 'crdbRestoreGuard' },
        { scopeUri: backupOnlyUri, section: 'crdbRestoreGuard' },
      ],
    );
  });

  it('rules: { restore-skips-release: off } + didChangeConfiguration re-publishes without it', async () => {
    const c = client();
    assert.deepStrictEqual(briefDiagnostics(c.latestPublished(mixedUri)!.diagnostics), [
      'full-restore-mixed-version@1:0-1:43 1',
      'restore-skips-release@1:0-1:43 1',
    ]);
    const { mark, mixed } = await reconfigure({ today: TODAY, rules: { 'restore-skips-release': 'off' } });
    assert.deepStrictEqual(briefDiagnostics(mixed), ['full-restore-mixed-version@1:0-1:43 1']);
    // The settings were asked for again.
    assert.ok(c.configurationRequests.some((r) => r.seq > mark));
  });

  it('rule severities are applied (hint, warning)', async () => {
    const { mixed } = await reconfigure({ today: TODAY, rules: { 'restore-skips-release': 'warning', 'full-restore-mixed-version': 'hint' } });
    assert.deepStrictEqual(briefDiagnostics(mixed), [
      'full-restore-mixed-version@1:0-1:43 4',
      'restore-skips-release@1:0-1:43 2',
    ]);
  });

  it('defaultTargetVersion gives RESTOREs without a target-version their target, and says so', async () => {
    assert.deepStrictEqual(briefDiagnostics(client().latestPublished(backupOnlyUri)!.diagnostics), ['missing-version@1:0-1:57 3']);
    assert.deepStrictEqual((await reconfigure({ today: TODAY, defaultTargetVersion: '24.1' })).backupOnly, []);
    const ds = (await reconfigure({ today: TODAY, defaultTargetVersion: '24.3' })).backupOnly;
    assert.deepStrictEqual(briefDiagnostics(ds), ['restore-skips-release@1:0-1:57 1']);
    // The setting has no line to point to: only the backup version's directive is related (the hover names the setting).
    assert.deepStrictEqual(ds[0].relatedInformation?.map((r) => r.message), ['Backup version 23.2: directive on line 1']);
    const c = client();
    const hover = await c.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: backupOnlyUri }, position: { line: 1, character: 2 } });
    assert.match(hover.contents.value, /\| target \| 24\.3 \| the defaultTargetVersion setting \|/);
  });

  it('maxFileSizeMb: a larger document is not analyzed, and one information diagnostic says so', async () => {
    const { mixed, backupOnly } = await reconfigure({ today: TODAY, maxFileSizeMb: 0.0001 });
    // 0.0001 MB is 104.9 bytes: the 107-character document is skipped, the 86-character one analysed.
    assert.deepStrictEqual(briefDiagnostics(backupOnly), ['missing-version@1:0-1:57 3']);
    assert.deepStrictEqual(mixed, [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: 3,
        source: 'crdb-restore-guard',
        message: 'Not analyzed: the document is 0.0 MB, over the crdbRestoreGuard.maxFileSizeMb limit of 0.0001 MB.',
      },
    ]);
  });

  it('back to the defaults restores the findings', async () => {
    const { mixed, backupOnly } = await reconfigure({ today: TODAY });
    assert.deepStrictEqual(briefDiagnostics(mixed), ['full-restore-mixed-version@1:0-1:43 1', 'restore-skips-release@1:0-1:43 1']);
    assert.deepStrictEqual(briefDiagnostics(backupOnly), ['missing-version@1:0-1:57 3']);
  });
});

describe('protocol: client settings (pull client)', () => {
  const client = serverFor({ profile: 'pull', settings: { today: TODAY } });

  it('didChangeConfiguration asks the client to refresh (workspace/diagnostic/refresh); the next pull uses the new settings', async () => {
    const c = client();
    const uri = memUri('cfg-pull.sql');
    await c.open(uri, MIXED_SQL);
    assert.deepStrictEqual(briefDiagnostics(await c.pull(uri)), ['full-restore-mixed-version@1:0-1:43 1', 'restore-skips-release@1:0-1:43 1']);
    const mark = await changeSettings(c, { today: TODAY, rules: { 'restore-skips-release': 'off' } });
    await c.waitFor(c.refreshes, () => true, 'workspace/diagnostic/refresh', mark);
    assert.deepStrictEqual(briefDiagnostics(await c.pull(uri)), ['full-restore-mixed-version@1:0-1:43 1']);
  });
});

describe('protocol: settings pushed by a client without workspace/configuration', () => {
  const client = serverFor({
    profile: 'push',
    tweakCapabilities: (caps) => {
      caps.workspace!.configuration = false;
    },
  });

  it('uses the settings sent with didChangeConfiguration, and never asks for them', async () => {
    const c = client();
    const uri = memUri('cfg-pushed.sql');
    // No settings yet: no target version; no target-version directive, so no end-of-support finding either.
    const m = await c.open(uri, BACKUP_ONLY_SQL);
    assert.deepStrictEqual(briefDiagnostics(await c.waitForDiagnostics(uri, 1, m)), ['missing-version@1:0-1:57 3']);
    let mark = await changeSettings(c, { today: TODAY, defaultTargetVersion: '24.3' });
    assert.deepStrictEqual(briefDiagnostics(await c.waitForDiagnostics(uri, 1, mark)), ['restore-skips-release@1:0-1:57 1']);
    mark = await changeSettings(c, { today: TODAY, defaultTargetVersion: '24.3', rules: { 'restore-skips-release': 'off' } });
    assert.deepStrictEqual(await c.waitForDiagnostics(uri, 1, mark), []);
    assert.deepStrictEqual(c.configurationRequests, []);
  });
});

describe('protocol: .crdb-restore-guard.json in the workspace folder', () => {
  let ws = '';
  const configFile = () => path.join(ws, '.crdb-restore-guard.json');
  const writeConfig = (content: unknown) =>
    fs.writeFileSync(configFile(), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  const client = serverFor(() => {
    ws = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'crdb-guard-cfg-')));
    writeConfig({ defaultTargetVersion: '24.3' });
    return { profile: 'push', workspaceFolder: ws, settings: { today: TODAY } };
  });
  after(() => {
    if (ws) fs.rmSync(ws, { recursive: true, force: true });
  });
  const docUri = () => fileUri(path.join(ws, 'runbooks', 'restore.sql'));
  const watched = async (c: LspTestClient, type: 1 | 2 | 3) => {
    const mark = c.mark();
    await c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(configFile()), type }] });
    return mark;
  };

  it('is read: its defaultTargetVersion applies to documents in the folder', async () => {
    const c = client();
    const mark = await c.open(docUri(), BACKUP_ONLY_SQL);
    const ds = await c.waitForDiagnostics(docUri(), 1, mark);
    assert.deepStrictEqual(briefDiagnostics(ds), ['restore-skips-release@1:0-1:57 1']);
    assert.match(ds[0].message, /into 24\.3/);
    const hover = await c.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: docUri() }, position: { line: 1, character: 2 } });
    assert.match(hover.contents.value, /\| target \| 24\.3 \| the defaultTargetVersion setting \|/);
  });

  it('a changed file + didChangeWatchedFiles updates the diagnostics', async () => {
    const c = client();
    writeConfig({ defaultTargetVersion: '24.1' });
    let mark = await watched(c, 2);
    assert.deepStrictEqual(await c.waitForDiagnostics(docUri(), 1, mark), []);
    writeConfig({ defaultTargetVersion: '24.3', rules: { 'restore-skips-release': 'information' } });
    mark = await watched(c, 2);
    assert.deepStrictEqual(briefDiagnostics(await c.waitForDiagnostics(docUri(), 1, mark)), ['restore-skips-release@1:0-1:57 3']);
  });

  it('editor settings override the file key by key; rules merge per rule', async () => {
    const c = client();
    const mark = await changeSettings(c, { today: TODAY, defaultTargetVersion: '22.2', rules: { 'version-end-of-support': 'off' } });
    // 22.2 from the settings (older than the 23.2 backup); restore-skips-release stays "information" from the file.
    const ds = await c.waitForDiagnostics(docUri(), 1, mark);
    assert.deepStrictEqual(briefDiagnostics(ds), ['restore-to-older-version@1:0-1:57 1']);
    const back = await changeSettings(c, { today: TODAY });
    assert.deepStrictEqual(briefDiagnostics(await c.waitForDiagnostics(docUri(), 1, back)), ['restore-skips-release@1:0-1:57 3']);
  });

  it('a config file that is not JSON: a warning naming the file, then analysis on the defaults', async () => {
    const c = client();
    writeConfig('{ "defaultTargetVersion": "24.3", ');
    const mark = await watched(c, 2);
    assert.deepStrictEqual(briefDiagnostics(await c.waitForDiagnostics(docUri(), 1, mark)), ['missing-version@1:0-1:57 3']);
    const msg = await c.waitForMessage((m) => m.message.includes('invalid JSON'), mark);
    assert.strictEqual(msg.type, 2);
    // A line and column, never the file's text (issue 15: a config linked to a secrets file leaked it).
    assert.match(msg.message, /: invalid JSON at line \d+, column \d+; using defaults$/);
  });

  it('a config file with wrong values: one warning per problem, the good values still apply', async () => {
    const c = client();
    writeConfig({ defaultTargetVersion: '24.3', rules: { 'restore-skips-release': 'fatal' }, todya: '2025-01-01' });
    const mark = await watched(c, 2);
    assert.deepStrictEqual(briefDiagnostics(await c.waitForDiagnostics(docUri(), 1, mark)), ['restore-skips-release@1:0-1:57 1']);
    await c.waitForMessage((m) => m.message.includes('rules.restore-skips-release'), mark);
    await c.waitForMessage((m) => m.message.includes('todya'), mark);
    assert.deepStrictEqual(
      c.messages.filter((m) => m.seq > mark).map((m) => [m.value.type, m.value.message]).sort(),
      [
        [2, `CockroachDB Restore Guard: ${configFile()}: rules.restore-skips-release: expected one of error|warning|information|hint|off, got "fatal"`],
        [2, `CockroachDB Restore Guard: ${configFile()}: todya: unknown key; did you mean "today"?`],
      ],
    );
  });

  it('a deleted config file: back to no default target', async () => {
    const c = client();
    fs.rmSync(configFile());
    const mark = await watched(c, 3);
    assert.deepStrictEqual(briefDiagnostics(await c.waitForDiagnostics(docUri(), 1, mark)), ['missing-version@1:0-1:57 3']);
  });
});

describe('protocol: wrongly typed settings', () => {
  const client = serverFor({ profile: 'push', settings: { today: TODAY, rules: 5, defaultTargetVersion: 42 } });

  it('a window/showMessage warning per problem, and analysis continues on the defaults', async () => {
    const c = client();
    const uri = memUri('bad-settings.sql');
    const mark = await c.open(uri, SKIPS_SQL);
    assert.deepStrictEqual(briefDiagnostics(await c.waitForDiagnostics(uri, 1, mark)), ['restore-skips-release@1:0-1:57 1']);
    await c.waitForMessage((m) => m.message.includes('rules:'), mark);
    await c.waitForMessage((m) => m.message.includes('defaultTargetVersion:'), mark);
    assert.deepStrictEqual(
      c.messages.map((m) => [m.value.type, m.value.message]),
      [
        [2, 'CockroachDB Restore Guard: crdbRestoreGuard settings: defaultTargetVersion: expected a version such as "24.3", got 42'],
        [2, 'CockroachDB Restore Guard: crdbRestoreGuard settings: rules: expected an object of rule id → error|warning|information|hint|off'],
      ],
    );
  });

  it('is reported once, not again on every change', async () => {
    const c = client();
    const uri = memUri('bad-settings.sql');
    const before = c.messages.length;
    const mark = c.mark();
    const v = await c.change(uri, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: '-- more\n' }]);
    assert.deepStrictEqual(briefDiagnostics(await c.waitForDiagnostics(uri, v, mark)), ['restore-skips-release@1:0-1:57 1']);
    assert.strictEqual(c.messages.length, before);
  });

  it('other wrong shapes: unknown rule ids, bad levels, a non-object section, bad server-only settings', async () => {
    const c = client();
    const uri = memUri('bad-settings.sql');
    let mark = await changeSettings(c, {
      today: TODAY,
      rules: { 'restore-skips-releases': 'off', 'missing-version': 'loud' },
      maxFileSizeMb: 'big',
      workspaceDiagnostics: 'yes',
    });
    assert.deepStrictEqual(briefDiagnostics(await c.waitForDiagnostics(uri, 2, mark)), ['restore-skips-release@1:0-1:57 1']);
    await c.waitForMessage((m) => m.message.includes('workspaceDiagnostics'), mark);
    assert.deepStrictEqual(
      c.messages.filter((m) => m.seq > mark).map((m) => m.value.message),
      [
        'CockroachDB Restore Guard: crdbRestoreGuard settings: rules.restore-skips-releases: unknown rule; did you mean "restore-skips-release"?',
        'CockroachDB Restore Guard: crdbRestoreGuard settings: rules.missing-version: expected one of error|warning|information|hint|off, got "loud"',
        'CockroachDB Restore Guard: crdbRestoreGuard settings: maxFileSizeMb: expected a positive number, got "big"',
        'CockroachDB Restore Guard: crdbRestoreGuard settings: workspaceDiagnostics: expected true or false',
      ],
    );

    c.settings = 'not an object' as unknown as Record<string, unknown>;
    mark = c.mark();
    await c.notify('workspace/didChangeConfiguration', { settings: { crdbRestoreGuard: c.settings } });
    // The settings section is not an object: today falls back to the real date, so only check the RESTORE.
    const ds = await c.waitForDiagnostics(uri, 2, mark);
    assert.deepStrictEqual(briefDiagnostics(ds.filter((d) => d.code !== 'version-end-of-support')), ['restore-skips-release@1:0-1:57 1']);
    const msg = await c.waitForMessage((m) => m.message.includes('expected an object'), mark);
    assert.strictEqual(
      msg.message,
      'CockroachDB Restore Guard: crdbRestoreGuard settings: expected an object with defaultTargetVersion, rules, extraReleases, today, collections, inferVersions',
    );
  });
});
