// Inlay hints over the protocol (LSP 3.17 textDocument/inlayHint): after each RESTORE's
// collection, the backup version and where it came from; after each BACKUP's collection, the
// version it is taken on. The crdbRestoreGuard.inlayHints setting switches them off.
import * as assert from 'assert';
import type { InlayHint } from 'vscode-languageserver-protocol/node';
import { memUri, posOf, serverFor, TODAY, type LspTestClient } from './lspClient';

const RUNBOOK = `---
crdb:
  backup-version: "24.1"
---
# Runbook

<!-- crdb: target-version=23.2 -->
\`\`\`sql
BACKUP INTO 's3://backups/prod?AUTH=implicit';
\`\`\`

<!-- crdb: target-version=24.3 -->
1. Restore:
   \`\`\`sql
   RESTORE DATABASE bank FROM LATEST IN 's3://backups/prod';
   \`\`\`
2. And one table from elsewhere:
   \`\`\`sql
   RESTORE TABLE bank.t FROM LATEST IN 'gs://other/c';
   \`\`\`
`;

const SQL = `-- crdb: backup-version=24.1 target-version=24.3
RESTORE DATABASE bank FROM LATEST IN 's3://backups/bank';
-- crdb: target-version=25.2
BACKUP INTO ('s3://a?COCKROACH_LOCALITY=region%3Dus', 's3://b?COCKROACH_LOCALITY=default');
RESTORE FROM LATEST IN ('s3://a?COCKROACH_LOCALITY=region%3Dus', 's3://b?COCKROACH_LOCALITY=default') AS OF SYSTEM TIME '-1m';
SELECT 1;
CREATE SCHEDULE s FOR BACKUP INTO 's3://sched' RECURRING '@daily';
`;

const UNKNOWN = `BACKUP INTO 's3://y';
RESTORE FROM LATEST IN 's3://x';
RESTORE FROM LATEST IN $1;
RESTORE FROM LATEST IN
`;

type Brief = [string, string, string];

/** `[line:col, label, tooltip]` per hint, checking the fields every hint has. */
function brief(hints: InlayHint[] | null): Brief[] {
  assert.ok(Array.isArray(hints), 'an array of hints');
  return hints.map((h) => {
    assert.strictEqual(h.kind, 1, 'kind Type');
    assert.strictEqual(h.paddingLeft, true);
    assert.strictEqual(typeof h.label, 'string');
    return [`${h.position.line}:${h.position.character}`, h.label as string, String(h.tooltip)];
  });
}

function after(text: string, needle: string, n = 0): string {
  const p = posOf(text, needle, needle.length, n);
  return `${p.line}:${p.character}`;
}

const WHOLE = { start: { line: 0, character: 0 }, end: { line: 10000, character: 0 } };

function hints(c: LspTestClient, uri: string, range = WHOLE): Promise<InlayHint[] | null> {
  return c.request<InlayHint[] | null>('textDocument/inlayHint', { textDocument: { uri }, range });
}

describe('protocol: inlay hints', () => {
  const client = serverFor({ profile: 'push' });
  const mdUri = memUri('hints-runbook.md');
  const sqlUri = memUri('hints.sql');
  const unknownUri = memUri('hints-unknown.sql');

  before(async () => {
    await client().open(mdUri, RUNBOOK);
    await client().open(sqlUri, SQL);
    await client().open(unknownUri, UNKNOWN);
  });

  it('markdown: the BACKUP\'s version, then each RESTORE\'s backup version with its source line (BACKUP, front matter)', async () => {
    assert.deepStrictEqual(brief(await hints(client(), mdUri)), [
      [
        after(RUNBOOK, "'s3://backups/prod?AUTH=implicit'"),
        '⇢\u00a023.2',
        'This BACKUP is taken on 23.2 (directive on line 7); a later RESTORE … FROM LATEST IN the same collection uses it as its backup version.',
      ],
      [
        after(RUNBOOK, "'s3://backups/prod'"),
        '←\u00a023.2\u00a0(line\u00a09)',
        'Backup version: 23.2 (BACKUP on line 9). Target version: 24.3 (directive on line 12).',
      ],
      [
        after(RUNBOOK, "'gs://other/c'"),
        '←\u00a024.1\u00a0(line\u00a03)',
        'Backup version: 24.1 (front matter on line 3). Target version: 24.3 (directive on line 12).',
      ],
    ]);
  });

  it('SQL: a directive as the source; a locality list gets the hint after its default URI; no hint for SELECT or schedules', async () => {
    assert.deepStrictEqual(brief(await hints(client(), sqlUri)), [
      [after(SQL, "'s3://backups/bank'"), '←\u00a024.1\u00a0(line\u00a01)', 'Backup version: 24.1 (directive on line 1). Target version: 24.3 (directive on line 1).'],
      [
        after(SQL, "'s3://b?COCKROACH_LOCALITY=default'"),
        '⇢\u00a025.2',
        'This BACKUP is taken on 25.2 (directive on line 3); a later RESTORE … FROM LATEST IN the same collection uses it as its backup version.',
      ],
      [
        after(SQL, "'s3://b?COCKROACH_LOCALITY=default'", 1),
        '←\u00a025.2\u00a0(line\u00a04)',
        'Backup version: 25.2 (BACKUP on line 4). Target version: 25.2 (directive on line 3).',
      ],
    ]);
  });

  it('unknown versions: `⇢ taken on ?` and `← ?` (also for a placeholder collection); a statement with no collection yet gets none', async () => {
    assert.deepStrictEqual(brief(await hints(client(), unknownUri)), [
      [
        after(UNKNOWN, "'s3://y'"),
        '⇢\u00a0?',
        'This BACKUP is taken on an unknown version (no target-version directive before it and no defaultTargetVersion setting).',
      ],
      [
        after(UNKNOWN, "'s3://x'"),
        '←\u00a0?',
        "Backup version: unknown (no backup-version directive and no BACKUP into 's3://x' before it, not in the collections setting, and written by no other file of the workspace). " +
          'Target version: unknown (no target-version directive before it and no defaultTargetVersion setting).',
      ],
      [
        after(UNKNOWN, '$1'),
        '←\u00a0?',
        'Backup version: unknown (no backup-version directive before it, and a placeholder collection matches no BACKUP). ' +
          'Target version: unknown (no target-version directive before it and no defaultTargetVersion setting).',
      ],
    ]);
  });

  it('only the hints inside the requested range', async () => {
    const line = posOf(RUNBOOK, 'RESTORE DATABASE').line;
    const got = brief(await hints(client(), mdUri, { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }));
    assert.deepStrictEqual(
      got.map((h) => h[1]),
      ['←\u00a023.2\u00a0(line\u00a09)'],
    );
  });

  it('follows edits: a new directive above the RESTORE becomes its source', async () => {
    const c = client();
    const uri = memUri('hints-edit.sql');
    const text = "BACKUP INTO 's3://c';\nRESTORE FROM LATEST IN 's3://c';\n";
    await c.open(uri, text);
    assert.deepStrictEqual((await hints(c, uri))!.map((h) => h.label), ['⇢\u00a0?', '←\u00a0?']);
    await c.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '-- crdb: target-version=24.1\n' }]);
    assert.deepStrictEqual((await hints(c, uri))!.map((h) => h.label), ['⇢\u00a024.1', '←\u00a024.1\u00a0(line\u00a02)']);
    await c.change(uri, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: '-- crdb: backup-version=23.2\n' }]);
    assert.deepStrictEqual((await hints(c, uri))!.map((h) => h.label), ['⇢\u00a024.1', '←\u00a023.2\u00a0(line\u00a03)']);
  });

  it('an unknown document gets no hints', async () => {
    assert.deepStrictEqual(await hints(client(), memUri('not-open.sql')), []);
  });
});

describe('protocol: inlay hints switched off (crdbRestoreGuard.inlayHints)', () => {
  let refreshed!: () => void;
  const refresh = new Promise<void>((resolve) => (refreshed = resolve));
  const client = serverFor({
    profile: 'pull',
    settings: { today: TODAY, inlayHints: false },
    tweakCapabilities: (caps) => {
      caps.workspace!.inlayHint = { refreshSupport: true };
    },
  });
  const uri = memUri('hints-off.sql');

  before(async () => {
    const c = client();
    c.connection.onRequest('workspace/inlayHint/refresh', () => {
      refreshed();
      return null;
    });
    await c.open(uri, SQL);
  });

  it('answers no hints while the setting is false', async () => {
    assert.deepStrictEqual(await hints(client(), uri), []);
  });

  it('turning the setting on asks the client to refresh (workspace/inlayHint/refresh), and the hints come back', async () => {
    const c = client();
    c.settings = { today: TODAY, inlayHints: true };
    await c.notify('workspace/didChangeConfiguration', { settings: null });
    await withTimeout(refresh, 'workspace/inlayHint/refresh');
    assert.deepStrictEqual(
      (await hints(c, uri))!.map((h) => h.label),
      ['←\u00a024.1\u00a0(line\u00a01)', '⇢\u00a025.2', '←\u00a025.2\u00a0(line\u00a04)'],
    );
  });
});

function withTimeout<T>(p: Promise<T>, what: string, ms = 5000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms)));
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

// Defect: on long lines VS Code wrapped hints mid-hint ("← 23.2, BACKUP" / "line 14").
describe('protocol: inlay hints are short and never break in the middle', () => {
  const client = serverFor({ profile: 'push' });

  it('every label is at most 18 characters, with no breakable space', async () => {
    const c = client();
    const uri = memUri('short-hints.md');
    const lines = Array.from({ length: 120 }, (_, i) => `BACKUP INTO 's3://b';\n-- crdb: backup-version=24.1 target-version=24.3\nRESTORE FROM LATEST IN 's3://b/${i}';`);
    await c.open(uri, '```sql\n' + lines.join('\n') + '\n```\n');
    const labels = (await hints(c, uri))!.map((h) => String(h.label));
    assert.ok(labels.length >= 240, `${labels.length} hints`);
    for (const l of labels) {
      assert.ok(l.length <= 18, `"${l}" is ${l.length} characters`);
      assert.doesNotMatch(l, / /, `"${l}" has a plain space`);
    }
    assert.ok(labels.includes('←\u00a024.1\u00a0(line\u00a0360)'), labels.slice(-3).join(' | '));
  });
});
