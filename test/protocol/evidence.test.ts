// Versions inferred from evidence in code, over the protocol: diagnostics of an unannotated
// runbook, provenance in hover, inlay hints and code lenses, and the "Pin the inferred
// versions" action applied as an editor would (the findings stay, the provenance says directive).
import * as assert from 'assert';
import type { CodeAction, CodeLens, Diagnostic, Hover, InlayHint, MarkupContent } from 'vscode-languageserver-protocol/node';
import { briefDiagnostics, memUri, posOf, serverFor } from './lspClient';

const RUNBOOK = [
  '# Upgrade',
  '',
  '```shell',
  'curl -O https://binaries.cockroachdb.com/cockroach-v23.2.6.linux-amd64.tgz',
  '```',
  '',
  '```sql',
  "BACKUP INTO 's3://b/prod';",
  "SET CLUSTER SETTING cluster.preserve_downgrade_option = '23.2';",
  '```',
  '',
  '```shell',
  'curl -O https://binaries.cockroachdb.com/cockroach-v24.1.5.linux-amd64.tgz',
  '```',
  '',
  '```sql',
  "RESTORE FROM LATEST IN 's3://b/prod';",
  'RESET CLUSTER SETTING cluster.preserve_downgrade_option;',
  "RESTORE DATABASE d FROM LATEST IN 's3://b/prod';",
  '```',
  '',
].join('\n');

describe('protocol: versions inferred from evidence', () => {
  const client = serverFor({ profile: 'push', settings: { today: '2025-06-01' } });
  let n = 0;

  async function open(text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
    const c = client();
    const uri = memUri(`evidence-${n++}.md`);
    const mark = await c.open(uri, text);
    return { uri, diagnostics: await c.waitForDiagnostics(uri, 1, mark) };
  }

  it('an unannotated runbook gets findings from its code, with where the versions came from', async () => {
    const { uri, diagnostics } = await open(RUNBOOK);
    assert.deepStrictEqual(briefDiagnostics(diagnostics), ['full-restore-mixed-version@16:0-16:37 1']);
    // One short sentence in Problems; the evidence behind "mid-upgrade" is in the hover.
    assert.strictEqual(diagnostics[0].message, 'Full-cluster RESTORE fails while the cluster is mid-upgrade to 24.1 (inferred); finalize the upgrade first.');
    const h = await client().request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: posOf(RUNBOOK, 'RESTORE FROM LATEST', 1) });
    assert.match((h!.contents as MarkupContent).value, /inferred: nodes run 24\.1 \(cockroach-v24\.1\.5 binaries, line 13\) while finalization is held at 23\.2/);
  });

  it('hover, inlay hints and code lenses say "inferred" and from what', async () => {
    const c = client();
    const { uri } = await open(RUNBOOK);
    const h = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: posOf(RUNBOOK, 'RESTORE DATABASE', 2) });
    const md = (h!.contents as MarkupContent).value;
    assert.match(md, /\| backup \| 23\.2 \| BACKUP on line 8 \|/);
    assert.match(md, /\| target \| 24\.1 \| inferred: RESET CLUSTER SETTING cluster\.preserve_downgrade_option with cockroach-v24\.1\.5 binaries on line 13, line 18 \|/);
    const hints = await c.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 30, character: 0 } } });
    assert.deepStrictEqual(
      hints.map((x) => x.label),
      // Short and unbreakable (no-break spaces): the hover and the tooltip say from what.
      ['⇢ 23.2 (inferred, line 4)', '← 23.2 (line 8); target 23.2 (inferred, line 9)', '← 23.2 (line 8); target 24.1 (inferred, line 18)'].map((l) => l.replace(/ /g, '\u00a0')),
    );
    const lenses = await c.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    const titles = lenses.map((l) => l.command?.title);
    assert.ok(
      titles.includes('✓ 23.2 → 24.1 supported · target 24.1 (inferred: RESET CLUSTER SETTING cluster.preserve_downgrade_option with cockroach-v24.1.5 binaries on line 13, line 18)'),
      JSON.stringify(titles),
    );
  });

  it('hover on the infer key explains it', async () => {
    const c = client();
    const text = '<!-- crdb: infer=false -->\n';
    const { uri } = await open(text);
    const h = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 12 } });
    assert.match((h!.contents as MarkupContent).value, /^\*\*crdb: infer\*\* — .*version evidence in code/);
  });

  it('"Pin the inferred versions", applied and re-analysed: the same findings, the provenance says directive', async () => {
    const c = client();
    const { uri, diagnostics } = await open(RUNBOOK);
    const line = 16;
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line, character: 0 }, end: { line, character: 0 } },
      context: { diagnostics: [], triggerKind: 1 },
    });
    const pin = actions.find((a) => a.title === 'Pin the inferred versions');
    assert.ok(pin?.edit, JSON.stringify(actions.map((a) => a.title)));
    assert.strictEqual(pin.kind, 'refactor.rewrite');
    const mark = c.mark();
    const { version, text } = await c.applyWorkspaceEdit(uri, pin.edit);
    assert.ok(text.includes("-- crdb: target-version=23.2.6\nBACKUP INTO 's3://b/prod';"), text);
    assert.ok(text.includes("-- crdb: target-version=23.2\nRESTORE FROM LATEST IN 's3://b/prod';"), text);
    const after = await c.waitForDiagnostics(uri, version, mark);
    const rules = (ds: Diagnostic[]) => ds.map((d) => `${d.code} ${d.severity}`);
    assert.deepStrictEqual(rules(after), rules(diagnostics));
    const h = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: posOf(text, 'RESTORE FROM', 2) });
    assert.match((h!.contents as MarkupContent).value, /\| target \| 23\.2 \| directive on line 18 \|/);
    assert.match((h!.contents as MarkupContent).value, /\| backup \| 23\.2 \| BACKUP on line 9 \|/);
  });
});
