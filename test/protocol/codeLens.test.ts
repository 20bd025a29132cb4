// Code lenses over the protocol: the verdict above each RESTORE; clicking an unsupported (or
// unknown) one offers its quick fixes as choices and applies the one picked, clicking a
// supported one explains it (window/showMessage; the VS Code client shows the hover instead).
import * as assert from 'assert';
import type { ApplyWorkspaceEditParams, CodeLens, ShowMessageParams } from 'vscode-languageserver-protocol/node';
import { memUri, rangeText, serverFor, TODAY, type LspTestClient } from './lspClient';

const SQL = `-- crdb: backup-version=24.1 target-version=24.3
RESTORE DATABASE bank FROM LATEST IN 's3://backups/bank';

-- crdb: backup-version=23.2 target-version=24.3
RESTORE DATABASE bank FROM LATEST IN 's3://backups/bank';

-- crdb: backup-version=25.2 target-version=24.3
RESTORE TABLE bank.accounts FROM LATEST IN 'gs://b/c';

SELECT 1;
-- crdb: backup-version=22.2 target-version=26.2
RESTORE DATABASE bank FROM LATEST IN 's3://backups/bank';
BACKUP INTO 's3://backups/new';

-- crdb: backup-version=24.3 target-version=24.3 mixed-version
RESTORE FROM LATEST IN 's3://backups/cluster';
`;

const UNKNOWN = `RESTORE FROM LATEST IN 's3://x';
-- crdb: target-version=24.3
RESTORE FROM LATEST IN 's3://x';
`;

const RUNBOOK = `# Restore

<!-- crdb: target-version=23.2 -->
\`\`\`sql
BACKUP INTO 's3://backups/prod';
\`\`\`

<!-- crdb: target-version=24.3 -->
1. Restore it:
   \`\`\`sql
   RESTORE FROM LATEST IN 's3://backups/prod';
   \`\`\`
`;

function lenses(c: LspTestClient, uri: string): Promise<CodeLens[] | null> {
  return c.request<CodeLens[] | null>('textDocument/codeLens', { textDocument: { uri } });
}

/** `range title` per lens. */
async function titles(c: LspTestClient, uri: string): Promise<string[]> {
  const ls = await lenses(c, uri);
  assert.ok(Array.isArray(ls));
  return ls.map((l) => `${rangeText(l.range)} ${l.command?.title}`);
}

describe('protocol: code lens', () => {
  const client = serverFor({ profile: 'push' });
  const applied: ApplyWorkspaceEditParams[] = [];

  before(() => {
    const c = client();
    // Apply the server's edits as an editor would: to the tracked text, sent back as a didChange.
    c.connection.onRequest('workspace/applyEdit', async (p: ApplyWorkspaceEditParams) => {
      applied.push(p);
      const uri = p.edit.documentChanges?.map((d) => ('textDocument' in d ? d.textDocument.uri : ''))[0] ?? Object.keys(p.edit.changes ?? {})[0];
      await c.applyWorkspaceEdit(uri, p.edit);
      return { applied: true };
    });
  });

  it('one lens per RESTORE on its first line: ✓ supported, ✗ restore into the next hop first, ✗ older target, and the mid-upgrade full restore', async () => {
    const c = client();
    const uri = memUri('lens.sql');
    await c.open(uri, SQL);
    assert.deepStrictEqual(await titles(c, uri), [
      '1:0-1:57 ✓ 24.1 → 24.3 supported',
      '4:0-4:57 ✗ 23.2 → 24.3: restore into 24.1 first',
      '7:0-7:54 ✗ 25.2 → 24.3: older target',
      '11:0-11:57 ✗ 22.2 → 26.2: restore into 23.1 first',
      '15:0-15:46 ✓ 24.3 → 24.3 supported',
      '15:0-15:46 ✗ full-cluster restore mid-upgrade: finalize first',
    ]);
  });

  it('commands: the fix command with the rule for unsupported RESTOREs, the explain command for supported ones; both carry the document version and the keyword position', async () => {
    const c = client();
    const uri = memUri('lens-commands.sql');
    await c.open(uri, SQL);
    const ls = (await lenses(c, uri))!;
    assert.deepStrictEqual(ls[0].command, {
      title: '✓ 24.1 → 24.3 supported',
      command: 'crdbRestoreGuard.explainStatement',
      arguments: [{ uri, version: 1, statement: 0, position: { line: 1, character: 0 } }],
    });
    assert.deepStrictEqual(ls[1].command, {
      title: '✗ 23.2 → 24.3: restore into 24.1 first',
      command: 'crdbRestoreGuard.applyStatementFix',
      arguments: [{ uri, version: 1, statement: 1, position: { line: 4, character: 0 }, rule: 'restore-skips-release' }],
    });
    assert.strictEqual(ls[2].command?.arguments?.[0].rule, 'restore-to-older-version');
    assert.strictEqual(ls[5].command?.arguments?.[0].rule, 'full-restore-mixed-version');
  });

  it('unknown versions: "? … unknown"; a markdown RESTORE inside a list item gets its lens on its own line', async () => {
    const c = client();
    const uri = memUri('lens-unknown.sql');
    await c.open(uri, UNKNOWN);
    assert.deepStrictEqual(await titles(c, uri), ['0:0-0:32 ? backup and target versions unknown', '2:0-2:32 ? backup version unknown']);
    const md = memUri('lens-runbook.md');
    await c.open(md, RUNBOOK);
    assert.deepStrictEqual(await titles(c, md), ['10:3-10:46 ✗ 23.2 → 24.3: restore into 24.1 first']);
  });

  /** Answers the next window/showMessageRequest with the action titled `pick` (undefined: dismiss), recording what was offered. */
  function answerChoices(c: LspTestClient, pick: string | undefined): { offered: string[][] } {
    const seen = { offered: [] as string[][] };
    c.connection.onRequest('window/showMessageRequest', (p: { actions?: { title: string }[] }) => {
      const titles = (p.actions ?? []).map((x) => x.title);
      seen.offered.push(titles);
      return pick === undefined ? null : { title: pick };
    });
    return seen;
  }

  // Defect: clicking a lens applied a version (the preferred fix, or a made-up template) without asking.
  it('clicking ✗ offers the fixes as choices (window/showMessageRequest) and applies the one picked, versioned; the lens then turns ✓', async () => {
    const c = client();
    const uri = memUri('lens-apply.sql');
    await c.open(uri, SQL);
    const lens = (await lenses(c, uri))![1];
    const before = applied.length;
    const seen = answerChoices(c, 'Run this RESTORE on a 24.1 cluster');
    const result = await c.request('workspace/executeCommand', { command: lens.command!.command, arguments: lens.command!.arguments });
    assert.deepStrictEqual(seen.offered, [
      ['Restore through 24.1 (upgrade path 23.2 → 24.1 → 24.3)', 'Run this RESTORE on a 23.2 cluster', 'Run this RESTORE on a 24.1 cluster', 'Ignore restore-skips-release for this statement'],
    ]);
    assert.deepStrictEqual(result, { applied: true, title: 'Run this RESTORE on a 24.1 cluster' });
    assert.strictEqual(applied.length, before + 1);
    assert.strictEqual(applied[before].label, 'Run this RESTORE on a 24.1 cluster');
    assert.deepStrictEqual(applied[before].edit, {
      documentChanges: [
        {
          textDocument: { uri, version: 1 },
          edits: [
            { range: { start: { line: 3, character: 44 }, end: { line: 3, character: 48 } }, newText: '24.1' },
            { range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, newText: '-- crdb: target-version=24.3\n' },
          ],
        },
      ],
    });
    assert.strictEqual(c.text(uri).split('\n')[3], '-- crdb: backup-version=23.2 target-version=24.1');
    const now = await titles(c, uri);
    assert.strictEqual(now[1], '4:0-4:57 ✓ 23.2 → 24.1 supported');
  });

  it('clicking "? unknown" offers the choices; dismissing them changes nothing', async () => {
    const c = client();
    const uri = memUri('lens-template.sql');
    await c.open(uri, UNKNOWN);
    const lens = (await lenses(c, uri))![0];
    const before = applied.length;
    const seen = answerChoices(c, undefined);
    const result = await c.request('workspace/executeCommand', { command: lens.command!.command, arguments: lens.command!.arguments });
    assert.deepStrictEqual(result, { applied: false });
    assert.strictEqual(seen.offered.length, 1);
    assert.ok(seen.offered[0].length >= 2, seen.offered[0].join(' | '));
    assert.strictEqual(applied.length, before);
    assert.strictEqual(c.text(uri), UNKNOWN);
  });

  it('clicking ✓ explains the verdict with window/showMessage', async () => {
    const c = client();
    const uri = memUri('lens-explain.sql');
    await c.open(uri, SQL);
    const lens = (await lenses(c, uri))![0];
    const mark = c.mark();
    await c.request('workspace/executeCommand', { command: lens.command!.command, arguments: lens.command!.arguments });
    const m: ShowMessageParams = await c.waitForMessage(() => true, mark);
    assert.deepStrictEqual(m, {
      type: 3,
      message:
        'CockroachDB Restore Guard: RESTORE 24.1 → 24.3 is supported: a 24.1 backup restores into 24.1, 24.2, 24.3 ' +
        '(its own version and every later release up to and including the next regular release; innovation releases may be skipped). ' +
        'Backup version 24.1 (directive on line 1); target version 24.3 (directive on line 1).',
    });
  });

  it('a lens from an older document version applies nothing and says so', async () => {
    const c = client();
    const uri = memUri('lens-stale.sql');
    await c.open(uri, SQL);
    const lens = (await lenses(c, uri))![1];
    await c.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }]);
    const before = applied.length;
    const mark = c.mark();
    await c.request('workspace/executeCommand', { command: lens.command!.command, arguments: lens.command!.arguments });
    const m = await c.waitForMessage(() => true, mark);
    assert.deepStrictEqual(m, {
      type: 2,
      message: 'CockroachDB Restore Guard: the document changed since the code lens was shown; click it again.',
    });
    assert.strictEqual(applied.length, before);
  });

  it('an ignored rule leaves nothing to fix: the click explains instead', async () => {
    const c = client();
    const uri = memUri('lens-ignored.sql');
    const text = "-- crdb: backup-version=23.2 target-version=24.3 ignore=restore-skips-release\nRESTORE FROM LATEST IN 's3://a';\n";
    await c.open(uri, text);
    const lens = (await lenses(c, uri))![0];
    assert.strictEqual(lens.command?.title, '✗ 23.2 → 24.3: restore into 24.1 first');
    const before = applied.length;
    const mark = c.mark();
    await c.request('workspace/executeCommand', { command: lens.command!.command, arguments: lens.command!.arguments });
    const m = await c.waitForMessage(() => true, mark);
    assert.match(m.message, /^CockroachDB Restore Guard: RESTORE 23\.2 → 24\.3 is not supported: it skips regular release 24\.1\. .*Upgrade path: 23\.2 → 24\.1 → 24\.3\./);
    assert.strictEqual(applied.length, before);
  });

  it('malformed command arguments are ignored', async () => {
    const c = client();
    assert.strictEqual(await c.request('workspace/executeCommand', { command: 'crdbRestoreGuard.applyStatementFix', arguments: [{ uri: 1 }] }), null);
    assert.strictEqual(await c.request('workspace/executeCommand', { command: 'crdbRestoreGuard.explainStatement' }), null);
  });
});

describe('protocol: code lens switched off (crdbRestoreGuard.codeLens)', () => {
  const client = serverFor({ profile: 'push', settings: { today: TODAY, codeLens: false } });

  it('answers no lenses', async () => {
    const c = client();
    const uri = memUri('lens-off.sql');
    await c.open(uri, SQL);
    assert.deepStrictEqual(await lenses(c, uri), []);
  });

  it('a setting of the wrong type is reported once and the default (on) applies', async () => {
    const c = client();
    c.settings = { today: TODAY, codeLens: 'yes' };
    const mark = c.mark();
    await c.notify('workspace/didChangeConfiguration', { settings: null });
    const m = await c.waitForMessage((x) => x.message.includes('codeLens'), mark);
    assert.strictEqual(m.message, 'CockroachDB Restore Guard: crdbRestoreGuard settings: codeLens: expected true or false');
    const uri = memUri('lens-bad-setting.sql');
    await c.open(uri, UNKNOWN);
    assert.strictEqual((await lenses(c, uri))!.length, 2);
  });
});
