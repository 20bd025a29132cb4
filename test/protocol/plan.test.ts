// "Plan a restore across versions" over the protocol: the release list for the quick picks
// (crdbRestoreGuard/releases) and the plan text (crdbRestoreGuard/plan) in the document's form.
// The plan, inserted where it was asked for, must analyse without restore-skips-release or
// restore-to-older-version findings.
import * as assert from 'assert';
import type { CodeLens, Diagnostic } from 'vscode-languageserver-protocol/node';
import type { PlanResponse, ReleaseItem } from '../../server/src/lsp/protocol';
import { memUri, serverFor, TODAY, type LspTestClient } from './lspClient';

const HOPS_22_2_TO_26_2 = ['22.2', '23.1', '23.2', '24.1', '24.3', '25.2', '25.4', '26.2'];

function releases(c: LspTestClient, params: Record<string, unknown>): Promise<ReleaseItem[]> {
  return c.request<ReleaseItem[]>('crdbRestoreGuard/releases', params);
}

function plan(c: LspTestClient, uri: string, line: number, character: number, backup: string, target: string): Promise<PlanResponse> {
  return c.request<PlanResponse>('crdbRestoreGuard/plan', { uri, position: { line, character }, backup, target });
}

/** Inserts `text` at line:character as the client does, and returns the diagnostics of the new version. */
async function insert(c: LspTestClient, uri: string, line: number, character: number, text: string): Promise<Diagnostic[]> {
  const mark = c.mark();
  const version = await c.change(uri, [{ range: { start: { line, character }, end: { line, character } }, text }]);
  return c.waitForDiagnostics(uri, version, mark);
}

const versionRules = (ds: Diagnostic[]) =>
  ds.filter((d) => d.code === 'restore-skips-release' || d.code === 'restore-to-older-version' || d.code === 'missing-version').map((d) => `${d.code}@${d.range.start.line}`);

describe('protocol: crdbRestoreGuard/releases (the quick pick items)', () => {
  const client = serverFor({ profile: 'push' });

  it('every catalogued release, newest first, with its type and GA and support dates (today 2025-06-01)', async () => {
    const items = await releases(client(), {});
    assert.strictEqual(items.length, 24);
    assert.deepStrictEqual(items.slice(0, 3), [
      { version: '26.3', type: 'innovation', label: '26.3', description: 'innovation release', detail: 'not released yet' },
      {
        version: '26.2',
        type: 'regular',
        label: '26.2',
        description: 'regular release',
        detail: 'GA 2026-04-27 · supported until 2027-10-27 (assistance support)',
      },
      {
        version: '26.1',
        type: 'innovation',
        label: '26.1',
        description: 'innovation release',
        detail: 'GA 2026-02-02 · supported until 2026-08-02 (maintenance support)',
      },
    ]);
    assert.deepStrictEqual(items.find((i) => i.version === '24.3'), {
      version: '24.3',
      type: 'regular',
      label: '24.3',
      description: 'regular release',
      detail: 'GA 2024-11-18 · supported until 2026-05-18 (assistance support) · LTS until 2027-05-05',
    });
    assert.strictEqual(items.find((i) => i.version === '22.2')!.detail, 'GA 2022-12-05 · support ended 2024-06-05 (assistance support)');
    assert.strictEqual(items[items.length - 1].version, '1.0');
  });

  it('with a backup version: only targets at or after it, each saying whether it restores directly or how many steps it takes', async () => {
    const items = await releases(client(), { backup: '22.2' });
    assert.deepStrictEqual(
      items.map((i) => `${i.version}: ${i.description}`),
      [
        '26.3: innovation release · 8 steps via 23.1, 23.2, 24.1, 24.3, 25.2, 25.4, 26.2',
        '26.2: regular release · 7 steps via 23.1, 23.2, 24.1, 24.3, 25.2, 25.4',
        '26.1: innovation release · 7 steps via 23.1, 23.2, 24.1, 24.3, 25.2, 25.4',
        '25.4: regular release · 6 steps via 23.1, 23.2, 24.1, 24.3, 25.2',
        '25.3: innovation release · 6 steps via 23.1, 23.2, 24.1, 24.3, 25.2',
        '25.2: regular release · 5 steps via 23.1, 23.2, 24.1, 24.3',
        '25.1: innovation release · 5 steps via 23.1, 23.2, 24.1, 24.3',
        '24.3: regular release · 4 steps via 23.1, 23.2, 24.1',
        '24.2: innovation release · 4 steps via 23.1, 23.2, 24.1',
        '24.1: regular release · 3 steps via 23.1, 23.2',
        '23.2: regular release · 2 steps via 23.1',
        '23.1: regular release · restores directly',
        '22.2: regular release · same version',
      ],
    );
  });

  it("the document's extraReleases are in the list", async () => {
    const c = client();
    c.settings = { today: TODAY, extraReleases: [{ version: '26.4', type: 'regular', gaDate: '2026-11-01' }] };
    await c.notify('workspace/didChangeConfiguration', { settings: null });
    const uri = memUri('plan-extra.sql');
    await c.open(uri, '');
    const items = await releases(c, { uri, backup: '26.2' });
    assert.deepStrictEqual(
      items.map((i) => `${i.version}: ${i.description}`),
      ['26.4: regular release (extraReleases) · restores directly', '26.3: innovation release · restores directly', '26.2: regular release · same version'],
    );
    c.settings = { today: TODAY };
    await c.notify('workspace/didChangeConfiguration', { settings: null });
  });
});

describe('protocol: crdbRestoreGuard/plan', () => {
  const client = serverFor({ profile: 'push' });

  it('markdown: 22.2 → 26.2 inserted into an empty runbook: a heading, each hop, and no version finding', async () => {
    const c = client();
    const uri = memUri('plan-empty.md');
    const mark = await c.open(uri, '');
    await c.waitForDiagnostics(uri, 1, mark);
    const p = await plan(c, uri, 0, 0, '22.2', '26.2');
    assert.deepStrictEqual(p.hops, HOPS_22_2_TO_26_2);
    assert.strictEqual(p.title, 'Restore a 22.2 backup into 26.2 (7 steps)');
    const text = p.text!;
    assert.ok(text.startsWith('## Restore a 22.2 backup into 26.2 (7 steps)\n\n'), text);
    for (let i = 1; i < HOPS_22_2_TO_26_2.length; i++) {
      assert.ok(text.includes(`\n### Step ${i}: ${HOPS_22_2_TO_26_2[i - 1]} → ${HOPS_22_2_TO_26_2[i]}\n`), `step ${i}`);
    }
    assert.ok(text.includes('\n<!-- crdb: backup-version=22.2 target-version=23.1 -->\n'), text);
    assert.ok(text.includes('\n<!-- crdb: target-version=26.2 -->\n'), text);
    assert.strictEqual((text.match(/```sql\n/g) ?? []).length, 7);
    assert.deepStrictEqual(p.position, { line: 0, character: 0 });
    const ds = await insert(c, uri, 0, 0, text);
    assert.deepStrictEqual(versionRules(ds), []);
    // Every RESTORE of the plan is supported, at a glance.
    const lenses = await c.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.deepStrictEqual(
      lenses.map((l) => l.command?.title),
      HOPS_22_2_TO_26_2.slice(1).map((t, i) => `✓ ${HOPS_22_2_TO_26_2[i]} → ${t} supported`),
    );
  });

  it('SQL: `-- crdb:` comments and statements; inserted mid-file between statements, it checks clean', async () => {
    const c = client();
    const uri = memUri('plan.sql');
    const doc = "-- crdb: backup-version=25.2 target-version=22.1 mixed-version\nBACKUP INTO 's3://old';\n\nSELECT 1;\n";
    const mark = await c.open(uri, doc);
    await c.waitForDiagnostics(uri, 1, mark);
    const p = await plan(c, uri, 2, 0, '23.2', '24.3');
    assert.strictEqual(
      p.text,
      [
        '-- Restore a 23.2 backup into 24.3 (2 steps).',
        '-- A backup restores into its own version and every later release up to and including the next',
        '-- regular release, so a 23.2 backup reaches 24.3 in 2 steps: 23.2 → 24.1 → 24.3. Innovation',
        '-- release 24.2 is skipped.',
        "-- Each step restores the previous step's backup on a cluster of the next version, then backs it up",
        '-- again.',
        "-- Replace the '<…>' collections with your storage URIs. Policy:",
        '-- https://www.cockroachlabs.com/docs/stable/restoring-backups-across-versions',
        '',
        '-- Step 1 (23.2 → 24.1): on a 24.1 cluster, restore the 23.2 backup, then back it up.',
        // mixed-version is in force where the plan goes: each step runs on a finalized cluster.
        '-- crdb: backup-version=23.2 target-version=24.1 mixed-version=false',
        "RESTORE FROM LATEST IN '<collection of the 23.2 backup>';",
        "BACKUP INTO '<collection for the 24.1 backup>';",
        '',
        '-- Step 2 (24.1 → 24.3): on the 24.3 cluster, restore the 24.1 backup.',
        '-- crdb: target-version=24.3',
        "RESTORE FROM LATEST IN '<collection for the 24.1 backup>';",
        // What the plan changed is restated after it, so the statements below keep their verdicts.
        '-- Back to the plan before this section:',
        '-- crdb: target-version=22.1 backup-version=25.2 mixed-version',
        '',
      ].join('\n'),
    );
    assert.deepStrictEqual(p.position, { line: 3, character: 0 });
    const ds = await insert(c, uri, 3, 0, p.text!);
    assert.deepStrictEqual(
      // The plan's new collections are placeholders, reported until named.
      ds.filter((d) => d.code !== 'version-end-of-support' && d.code !== 'removed-syntax' && d.code !== 'placeholder-collection').map((d) => d.code),
      [],
    );
  });

  it('markdown: one heading level below the section the cursor is in; a blank line before it under a paragraph', async () => {
    const c = client();
    const uri = memUri('plan-nested.md');
    await c.open(uri, '# Runbook\n\n## Migration\nSome prose.\n');
    const p = await plan(c, uri, 4, 0, '24.1', '24.3');
    assert.ok(p.text!.startsWith('\n### Restore a 24.1 backup into 24.3\n\n'), p.text);
    // Defect: with the cursor mid-line the plan split the line. It goes after the paragraph.
    const mid = await plan(c, uri, 3, 5, '24.1', '24.3');
    assert.deepStrictEqual(mid.position, { line: 4, character: 0 });
    assert.ok(mid.text!.startsWith('\n### Restore a 24.1 backup into 24.3\n'), mid.text);
    assert.ok(mid.text!.endsWith('```\n'), mid.text);
    const ds = await insert(c, uri, 4, 0, mid.text!);
    assert.deepStrictEqual(versionRules(ds), []);
    assert.strictEqual(c.text(uri).split('\n')[3], 'Some prose.');
  });

  it('markdown: inside a SQL fence the plan is SQL; inside another code block it goes after the block, in markdown', async () => {
    const c = client();
    const uri = memUri('plan-fence.md');
    const doc = '# Runbook\n\n```sql\n\n```\n\n```sh\n\n```\n';
    const mark = await c.open(uri, doc);
    await c.waitForDiagnostics(uri, 1, mark);
    const inSql = await plan(c, uri, 3, 0, '22.2', '26.2');
    assert.ok(inSql.text!.startsWith('-- Restore a 22.2 backup into 26.2 (7 steps).\n'), inSql.text);
    assert.ok(!inSql.text!.includes('```'), 'no nested fences');
    const ds = await insert(c, uri, 3, 0, inSql.text!);
    assert.deepStrictEqual(versionRules(ds), []);
    const shellLine = c.text(uri).split('\n').indexOf('```sh') + 1;
    const afterShell = await plan(c, uri, shellLine, 0, '22.2', '26.2');
    assert.deepStrictEqual(afterShell.position, { line: shellLine + 2, character: 0 });
    assert.ok(afterShell.text!.startsWith('\n## Restore a 22.2 backup into 26.2'), afterShell.text);
  });

  // Defect: "RE" … plan … "STORE DATABASE": the plan split the user's statement, and its
  // directives took over the statements after it.
  it('cursor mid-line in a RESTORE: the plan goes after the statement, which stays whole; the next RESTORE keeps its finding', async () => {
    const c = client();
    const uri = memUri('plan-midline.sql');
    const doc = [
      '-- crdb: backup-version=23.2 target-version=24.3',
      'RESTORE DATABASE bank',
      "  FROM LATEST IN 's3://a';",
      "RESTORE DATABASE shop FROM LATEST IN 's3://b';",
      '',
    ].join('\n');
    const mark = await c.open(uri, doc);
    const before = await c.waitForDiagnostics(uri, 1, mark);
    assert.deepStrictEqual(versionRules(before), ['restore-skips-release@1', 'restore-skips-release@3']);
    const p = await plan(c, uri, 1, 2, '22.2', '26.2');
    assert.deepStrictEqual(p.position, { line: 3, character: 0 });
    const after = await insert(c, uri, 3, 0, p.text!);
    const lines = c.text(uri).split('\n');
    assert.deepStrictEqual(lines.slice(0, 3), doc.split('\n').slice(0, 3));
    const shopLine = lines.indexOf("RESTORE DATABASE shop FROM LATEST IN 's3://b';");
    assert.deepStrictEqual(versionRules(after), ['restore-skips-release@1', `restore-skips-release@${shopLine}`]);
    const messageOf = (ds: Diagnostic[], line: number) => ds.find((d) => d.range.start.line === line)!.message;
    assert.strictEqual(messageOf(after, shopLine), messageOf(before, 3));
  });

  it('keeps the document\'s CRLF line breaks', async () => {
    const c = client();
    const uri = memUri('plan-crlf.sql');
    await c.open(uri, 'SELECT 1;\r\n\r\n');
    const p = await plan(c, uri, 1, 0, '23.2', '24.1');
    assert.ok(p.text!.includes('\r\n') && !/[^\r]\n/.test(p.text!), JSON.stringify(p.text));
  });

  it('refuses an older target, a malformed version and a document that is not open, saying why', async () => {
    const c = client();
    const uri = memUri('plan-errors.sql');
    await c.open(uri, '');
    assert.deepStrictEqual(await plan(c, uri, 0, 0, '25.2', '24.3'), {
      error: 'A 25.2 backup cannot be restored into 24.3: restoring into an older version is never supported. Pick a target of 25.2 or later.',
    });
    assert.deepStrictEqual(await plan(c, uri, 0, 0, '25.2', 'newest'), { error: '"newest" is not a CockroachDB version such as 24.3' });
    assert.deepStrictEqual(await plan(c, memUri('plan-not-open.md'), 0, 0, '22.2', '26.2'), {
      error: 'Open the runbook or SQL file the plan goes into first.',
    });
  });
});
