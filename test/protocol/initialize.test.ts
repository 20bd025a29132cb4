// initialize: the capabilities the server announces depend on the client's (push vs pull).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { ServerCapabilities } from 'vscode-languageserver-protocol/node';
import { REPO_ROOT, serverFor } from './lspClient';

const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };

/** The parts of the capabilities both profiles share, exactly. */
function assertCommonCapabilities(caps: ServerCapabilities): void {
  // Incremental sync, as a number or as the options object with openClose.
  const sync = caps.textDocumentSync;
  if (typeof sync === 'number') assert.strictEqual(sync, 2);
  else assert.deepStrictEqual({ openClose: sync?.openClose, change: sync?.change }, { openClose: true, change: 2 });
  // An object, never `true` (Neovim 0.7 rejects a boolean codeLensProvider).
  assert.deepStrictEqual(caps.codeLensProvider, { resolveProvider: false });
  assert.deepStrictEqual(caps.inlayHintProvider, { resolveProvider: false });
  assert.deepStrictEqual(caps.documentSymbolProvider, { label: 'Backup/restore steps' });
  assert.strictEqual(caps.hoverProvider, true);
  assert.strictEqual(caps.definitionProvider, true);
  assert.strictEqual(caps.referencesProvider, true);
  assert.strictEqual(caps.workspaceSymbolProvider, true);
  assert.deepStrictEqual(caps.codeActionProvider, {
    codeActionKinds: ['quickfix', 'refactor.rewrite', 'source.fixAll', 'source.fixAll.crdbRestoreGuard'],
  });
  assert.deepStrictEqual(caps.completionProvider, { triggerCharacters: ['=', ',', ' ', ':'], resolveProvider: false });
  assert.deepStrictEqual(caps.executeCommandProvider, {
    commands: ['crdbRestoreGuard.showRuleDocumentation', 'crdbRestoreGuard.applyStatementFix', 'crdbRestoreGuard.explainStatement'],
  });
  assert.deepStrictEqual(caps.workspace, { workspaceFolders: { supported: true, changeNotifications: true } });
}

describe('protocol: initialize', () => {
  describe('a push client (no textDocument.diagnostic, like Neovim or Emacs)', () => {
    const client = serverFor({ profile: 'push' });

    it('announces incremental sync, hover, code actions, completion and the docs command, and no diagnosticProvider', () => {
      const result = client().initializeResult;
      assertCommonCapabilities(result.capabilities);
      assert.strictEqual(result.capabilities.diagnosticProvider, undefined);
      assert.deepStrictEqual(result.serverInfo, { name: 'crdb-restore-guard', version: pkg.version });
    });

    it('registers for configuration changes and config-file changes (dynamic registration)', async () => {
      const c = client();
      const config = await c.waitFor(c.registrations, (r) => r.method === 'workspace/didChangeConfiguration', 'configuration registration');
      assert.deepStrictEqual(config.registerOptions, { section: 'crdbRestoreGuard' });
      const watch = await c.waitFor(c.registrations, (r) => r.method === 'workspace/didChangeWatchedFiles', 'watcher registration');
      assert.deepStrictEqual(watch.registerOptions, { watchers: [{ globPattern: '**/.crdb-restore-guard.json' }] });
    });
  });

  describe('a pull client (textDocument.diagnostic + workspace diagnostics, like VS Code)', () => {
    const client = serverFor({ profile: 'pull' });

    it('announces the same capabilities plus a diagnosticProvider with workspace diagnostics', () => {
      const caps = client().initializeResult.capabilities;
      assertCommonCapabilities(caps);
      assert.deepStrictEqual(caps.diagnosticProvider, {
        identifier: 'crdb-restore-guard',
        interFileDependencies: true,
        workspaceDiagnostics: true,
      });
    });
  });

  describe('a minimal client (no dynamic registration, no workspace/configuration)', () => {
    const client = serverFor({
      profile: 'push',
      tweakCapabilities: (caps) => {
        caps.workspace = {};
      },
    });

    it('still initializes, asks nothing it cannot answer, and logs no error', async () => {
      const c = client();
      assertCommonCapabilities(c.initializeResult.capabilities);
      // A round trip after `initialized`: anything the server sent on `initialized` has arrived.
      await c.request('textDocument/hover', { textDocument: { uri: 'untitled:/none.sql' }, position: { line: 0, character: 0 } });
      assert.deepStrictEqual(c.registrations.map((r) => r.value.method), []);
      assert.deepStrictEqual(c.configurationRequests, []);
      // E.g. not "Notification handler 'initialized' failed … workspace folder change events".
      assert.deepStrictEqual(c.logs.filter((l) => l.value.type === 1).map((l) => l.value.message), []);
    });
  });
});
