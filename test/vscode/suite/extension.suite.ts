// The vscode-api suite: drives the extension through the `vscode` API in a real extension host
// (diagnostics, hover, quick fixes, completion) against the fixture workspace
// test/vscode/workspace. Named *.suite.ts so the plain-Node unit run (.mocharc.json:
// out/test/**/*.test.js) never loads it; ./index.ts loads it inside VS Code.
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  EXTENSION_ID,
  findRule,
  hasRules,
  hoverText,
  isCodeAction,
  labelOf,
  lineOf,
  openFixture,
  positionOf,
  replaceStart,
  revert,
  ruleOf,
  ruleOn,
  waitForDiagnostics,
} from './helpers';

describe('CockroachDB Restore Guard in VS Code', function () {
  this.timeout(90_000);

  before(async function () {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded in this host (extensionDevelopmentPath must be the repository root)`);
    await ext.activate();
    assert.ok(ext.isActive, 'the extension did not activate');
  });

  describe('runbook.md (markdown)', () => {
    let doc: vscode.TextDocument;

    before(async () => {
      doc = await openFixture('runbook.md');
      assert.strictEqual(doc.languageId, 'markdown');
    });

    afterEach(async () => {
      await revert(doc);
    });

    it('reports the version findings with their rule codes, severities and lines', async () => {
      const ds = await waitForDiagnostics(
        doc.uri,
        hasRules('restore-skips-release', 'full-restore-mixed-version', 'unknown-directive-key'),
        'restore-skips-release, full-restore-mixed-version and unknown-directive-key',
      );

      const skip = ds.find((d) => ruleOf(d) === 'restore-skips-release')!;
      assert.strictEqual(skip.severity, vscode.DiagnosticSeverity.Error);
      assert.strictEqual(skip.range.start.line, lineOf(doc, 'RESTORE DATABASE bank'));
      assert.strictEqual(skip.range.start.character, 0);
      assert.match(skip.message, /skips regular release 24\.1/);
      // The message is one short sentence; where the versions came from is in relatedInformation
      // (clickable in Problems): the BACKUP into the same collection on line 8.
      assert.ok(skip.message.length <= 120 && !skip.message.includes('`'), `a short plain message: ${skip.message}`);
      const from = (skip.relatedInformation ?? []).map((r) => `${r.location.uri.toString() === doc.uri.toString() ? 'here' : r.location.uri.toString()}:${r.location.range.start.line + 1} ${r.message}`);
      assert.ok(from.some((r) => /^here:8 /.test(r) && /BACKUP/.test(r)), `relatedInformation points to the BACKUP on line 8: ${from.join(' | ')}`);
      const link = skip.code;
      assert.ok(typeof link === 'object' && link.target instanceof vscode.Uri, 'the rule code links to its documentation');
      assert.ok(link.target.path.endsWith('/docs/rules/restore-skips-release.md'), `docs link: ${link.target.toString()}`);

      const mixed = ds.find((d) => ruleOf(d) === 'full-restore-mixed-version')!;
      assert.strictEqual(mixed.severity, vscode.DiagnosticSeverity.Error);
      assert.strictEqual(mixed.range.start.line, lineOf(doc, 'RESTORE FROM LATEST'));

      const typo = ds.find((d) => ruleOf(d) === 'unknown-directive-key')!;
      assert.strictEqual(typo.severity, vscode.DiagnosticSeverity.Warning);
      assert.strictEqual(typo.range.start.line, lineOf(doc, 'targt-version'));
      assert.strictEqual(doc.getText(typo.range), 'targt-version');

      // `today` is pinned to 2025-06-01 in the fixture's .crdb-restore-guard.json.
      assert.ok(!ds.some((d) => ruleOf(d) === 'version-end-of-support'), 'the config file pins today, so no release is past support');
    });

    it('hovers a RESTORE with the verdict, the facts used and the upgrade path', async () => {
      const text = await hoverText(doc.uri, positionOf(doc, 'RESTORE DATABASE bank', 2));
      assert.match(text, /not supported: 23\.2 → 24\.3 skips regular release 24\.1/);
      assert.match(text, /BACKUP on line 8/);
      assert.match(text, /23\.2 → 24\.1 → 24\.3/);
      assert.match(text, /Restoring Backups Across Versions/);
    });

    it('hovers a version in a directive with its release facts', async () => {
      const text = await hoverText(doc.uri, positionOf(doc, '<!-- crdb: target-version=24.3', '<!-- crdb: target-version='.length + 1));
      assert.match(text, /CockroachDB 24\.3/);
      assert.match(text, /regular release/);
      assert.match(text, /GA/);
    });

    it('offers quick fixes for restore-skips-release; applying one clears the diagnostic', async () => {
      const ds = await waitForDiagnostics(doc.uri, ruleOn(doc, 'restore-skips-release', 'RESTORE DATABASE bank'), 'restore-skips-release');
      const skip = findRule(ds, doc, 'restore-skips-release', 'RESTORE DATABASE bank');
      const actions = (
        (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
          'vscode.executeCodeActionProvider',
          doc.uri,
          skip.range,
          vscode.CodeActionKind.QuickFix.value,
        )) ?? []
      ).filter(isCodeAction);
      const titles = actions.map((a) => a.title);
      for (const expected of [
        'Run this RESTORE on a 24.1 cluster',
        'Ignore restore-skips-release for this statement',
      ]) {
        assert.ok(titles.includes(expected), `missing quick fix "${expected}"; got: ${titles.join(' | ')}`);
      }

      const fix = actions.find((a) => a.title === 'Run this RESTORE on a 24.1 cluster')!;
      assert.ok(fix.edit, 'the quick fix carries a workspace edit');
      assert.ok(await vscode.workspace.applyEdit(fix.edit), 'workspace.applyEdit refused the edit');
      assert.strictEqual(doc.lineAt(lineOf(doc, 'RESTORE DATABASE bank') - 1).text, '-- crdb: target-version=24.1');

      await waitForDiagnostics(
        doc.uri,
        (now) => !now.some((d) => ruleOf(d) === 'restore-skips-release') && now.some((d) => ruleOf(d) === 'full-restore-mixed-version'),
        'restore-skips-release to go away (and full-restore-mixed-version to stay)',
      );
    });

    it('fixes a misspelt directive key with its quick fix', async () => {
      const ds = await waitForDiagnostics(doc.uri, ruleOn(doc, 'unknown-directive-key', 'targt-version'), 'unknown-directive-key on "targt-version"');
      const typo = findRule(ds, doc, 'unknown-directive-key', 'targt-version');
      const actions = (
        (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', doc.uri, typo.range)) ?? []
      ).filter(isCodeAction);
      const fix = actions.find((a) => a.title === 'Change "targt-version" to "target-version"');
      assert.ok(fix?.edit, `no rename fix; got: ${actions.map((a) => a.title).join(' | ')}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      await waitForDiagnostics(doc.uri, (now) => !now.some((d) => ruleOf(d) === 'unknown-directive-key'), 'unknown-directive-key to go away');
      assert.strictEqual(doc.lineAt(typo.range.start.line).text, '<!-- crdb: target-version=24.3 -->', 'the key was corrected in place');
    });
  });

  describe('restore.sql (sql)', () => {
    let doc: vscode.TextDocument;

    before(async () => {
      doc = await openFixture('restore.sql');
      assert.strictEqual(doc.languageId, 'sql');
    });

    afterEach(async () => {
      await revert(doc);
    });

    it('reports restore-to-older-version and the empty directive value', async () => {
      const ds = await waitForDiagnostics(doc.uri, hasRules('restore-to-older-version', 'invalid-version'), 'restore-to-older-version and invalid-version');
      const older = ds.find((d) => ruleOf(d) === 'restore-to-older-version')!;
      assert.strictEqual(older.severity, vscode.DiagnosticSeverity.Error);
      assert.strictEqual(older.range.start.line, lineOf(doc, 'RESTORE TABLE'));
      assert.match(older.message, /A 25\.2 backup cannot be restored into older version 24\.3/);
      // CockroachDB's own error text is a detail: the hover carries it, not the Problems message.
      assert.doesNotMatch(older.message, /is newer than current version/);
      const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, older.range.start.translate(0, 2))) ?? [];
      const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      assert.match(hoverText, /backup from version 25\.2 is newer than current version 24\.3/, hoverText);
    });

    it('edits the directive in force with the "set the target" quick fix', async () => {
      const ds = await waitForDiagnostics(doc.uri, ruleOn(doc, 'restore-to-older-version', 'RESTORE TABLE'), 'restore-to-older-version');
      const older = findRule(ds, doc, 'restore-to-older-version', 'RESTORE TABLE');
      const actions = (
        (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
          'vscode.executeCodeActionProvider',
          doc.uri,
          older.range,
          vscode.CodeActionKind.QuickFix.value,
        )) ?? []
      ).filter(isCodeAction);
      const fix = actions.find((a) => a.title === 'Run this RESTORE on a 25.2 cluster');
      assert.ok(fix?.edit, `no "Run this RESTORE on a 25.2 cluster" fix; got: ${actions.map((a) => a.title).join(' | ')}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.strictEqual(doc.lineAt(lineOf(doc, 'RESTORE TABLE') - 1).text, '-- crdb: backup-version=25.2 target-version=25.2');
      await waitForDiagnostics(doc.uri, (now) => !now.some((d) => ruleOf(d) === 'restore-to-older-version'), 'restore-to-older-version to go away');
    });

    it('completes catalog versions after "-- crdb: target-version="', async () => {
      const prefix = '-- crdb: target-version=';
      let line = -1;
      for (let i = 0; i < doc.lineCount; i++) if (doc.lineAt(i).text === prefix) line = i;
      assert.ok(line >= 0, `the fixture has no line "${prefix}"`);
      const position = new vscode.Position(line, prefix.length);

      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position, '=');
      const items = list?.items ?? [];
      const byLabel = new Map(items.map((i) => [labelOf(i), i]));
      for (const v of ['23.2', '24.1', '24.2', '24.3', '25.2']) {
        assert.ok(byLabel.has(v), `no completion "${v}"; got: ${[...byLabel.keys()].slice(0, 40).join(', ')}`);
      }
      const regular = byLabel.get('24.3')!;
      assert.strictEqual(regular.kind, vscode.CompletionItemKind.Value);
      assert.match(String(regular.detail), /regular/);
      assert.match(String(byLabel.get('24.2')!.detail), /innovation/);
      const start = replaceStart(regular);
      assert.ok(start, 'the completion says what it replaces');
      assert.strictEqual(start.line, line);
      assert.strictEqual(start.character, prefix.length, 'the version is inserted right after "="');
    });
  });
});
