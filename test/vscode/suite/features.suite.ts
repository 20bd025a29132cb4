// The vscode-api suite, beyond diagnostics: the "Plan a restore across versions" command (run
// with arguments, so no quick pick needs answering), and the code lenses, inlay hints and
// outline VS Code gets for the inserted plan. Loaded by ./index.ts inside VS Code only.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { PlanResponse } from '../../../server/src/lsp/protocol';
import { EXTENSION_ID } from './helpers';

const HOPS = ['22.2', '23.1', '23.2', '24.1', '24.3', '25.2', '25.4', '26.2'];

/** Our code lenses (their titles start with ✓, ✗ or ?), in document order. */
async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
  return lenses
    .sort((a, b) => a.range.start.line - b.range.start.line)
    .map((l) => l.command?.title ?? '')
    .filter((t) => /^[✓✗?] /.test(t));
}

async function emptyEditor(language: 'markdown' | 'sql'): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ language, content: '' });
  return vscode.window.showTextDocument(doc, { preview: false });
}

async function closeWithoutSaving(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

describe('CockroachDB Restore Guard in VS Code: beyond diagnostics', function () {
  this.timeout(90_000);

  before(async function () {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded in this host`);
    await ext.activate();
  });

  it('contributes the plan command, the two settings and the snippets', () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      contributes: { commands: { command: string }[]; snippets: { language: string }[]; configuration: { properties: Record<string, { default: unknown }> } };
    };
    assert.ok(pkg.contributes.commands.some((c) => c.command === 'crdbRestoreGuard.planRestore'));
    assert.strictEqual(pkg.contributes.configuration.properties['crdbRestoreGuard.inlayHints'].default, true);
    assert.strictEqual(pkg.contributes.configuration.properties['crdbRestoreGuard.codeLens'].default, true);
    assert.deepStrictEqual(pkg.contributes.snippets.map((s) => s.language).sort(), ['markdown', 'sql']);
  });

  it('plans 22.2 → 26.2 into a markdown runbook: every hop inserted into the empty document, every RESTORE supported', async () => {
    const editor = await emptyEditor('markdown');
    try {
      const plan = await vscode.commands.executeCommand<PlanResponse>('crdbRestoreGuard.planRestore', { backup: '22.2', target: '26.2' });
      assert.ok(plan && !plan.error, `the command failed: ${plan?.error}`);
      assert.deepStrictEqual(plan.hops, HOPS);
      const text = editor.document.getText();
      assert.strictEqual(text, plan.text, 'the plan is the whole (formerly empty) document');
      assert.ok(text.startsWith('## Restore a 22.2 backup into 26.2 (7 steps)'), text.slice(0, 80));
      assert.ok(text.includes('### Step 7: 25.4 → 26.2'));

      assert.deepStrictEqual(
        await lensTitles(editor.document.uri),
        HOPS.slice(1).map((t, i) => `✓ ${HOPS[i]} → ${t} supported`),
      );

      const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
      const hints =
        (await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', editor.document.uri, new vscode.Range(new vscode.Position(0, 0), end))) ?? [];
      const labels = hints.map((h) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')));
      assert.strictEqual(labels.filter((l) => l.startsWith('←\u00a0')).length, 7, labels.join(' | '));
      assert.strictEqual(labels.filter((l) => l.startsWith('⇢\u00a0')).length, 6, labels.join(' | '));
      assert.ok(labels.includes('←\u00a022.2\u00a0(line\u00a011)'), labels.join(' | '));

      // VS Code has its own markdown outline: the server adds none of its own, so every step
      // heading is in the outline exactly once (no second, competing outline in the breadcrumbs).
      const symbols = (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', editor.document.uri)) ?? [];
      const names: string[] = [];
      const walk = (list: vscode.DocumentSymbol[]) => list.forEach((s) => (names.push(s.name), walk(s.children ?? [])));
      walk(symbols);
      for (let step = 1; step <= 7; step++) {
        assert.strictEqual(names.filter((n) => n.startsWith(`### Step ${step}:`)).length, 1, names.join(' | '));
      }
      assert.ok(!names.some((n) => n.startsWith('RESTORE')), `no statement symbols from the server in markdown: ${names.join(' | ')}`);
    } finally {
      await closeWithoutSaving();
    }
  });

  it('plans into a SQL file in the SQL form', async () => {
    const editor = await emptyEditor('sql');
    try {
      const plan = await vscode.commands.executeCommand<PlanResponse>('crdbRestoreGuard.planRestore', { backup: '23.2', target: '24.3' });
      assert.ok(plan && !plan.error, `the command failed: ${plan?.error}`);
      assert.deepStrictEqual(plan.hops, ['23.2', '24.1', '24.3']);
      const text = editor.document.getText();
      assert.ok(text.includes('-- crdb: backup-version=23.2 target-version=24.1\nRESTORE FROM LATEST IN'), text);
      assert.deepStrictEqual(await lensTitles(editor.document.uri), ['✓ 23.2 → 24.1 supported', '✓ 24.1 → 24.3 supported']);
    } finally {
      await closeWithoutSaving();
    }
  });

  it('an impossible plan (older target) inserts nothing and answers the reason', async () => {
    const editor = await emptyEditor('sql');
    try {
      const plan = await vscode.commands.executeCommand<PlanResponse>('crdbRestoreGuard.planRestore', { backup: '25.2', target: '24.3' });
      assert.match(plan?.error ?? '', /never supported/);
      assert.strictEqual(editor.document.getText(), '');
    } finally {
      await closeWithoutSaving();
    }
  });
});
