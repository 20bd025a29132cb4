// Hover over the protocol: on RESTORE statements, on versions in directives, markdown or
// plain text as the client accepts.
import * as assert from 'assert';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol/node';
import * as path from 'path';
import { fileUri, memUri, posOf, rangeText, REPO_ROOT, serverFor } from './lspClient';

const SKIP_RULE =
  'A backup restores into its own version and every later release up to and including the next regular release: ' +
  'innovation releases may be skipped, a regular release never.';
const POLICY = 'https://www.cockroachlabs.com/docs/stable/restoring-backups-across-versions';

const SQL = `-- crdb: backup-version=23.2 target-version=24.3
RESTORE DATABASE bank FROM LATEST IN 's3://backups/bank';

-- crdb: backup-version=24.1 target-version=24.2
RESTORE TABLE bank.accounts FROM LATEST IN 's3://backups/bank';
`;

const RUNBOOK = `<!-- crdb: target-version=23.2 -->
Take the backup on the old cluster:
\`\`\`sql
BACKUP INTO 's3://backups/prod?AUTH=implicit';
\`\`\`
<!-- crdb: target-version=24.3 mixed-version -->
1. Restore on the new cluster:
   \`\`\`sql
   RESTORE FROM LATEST IN 's3://backups/prod';
   \`\`\`
`;

const RESTORE_HOVER_MD = [
  '**CockroachDB Restore Guard** — RESTORE (database): ✗ not supported: 23.2 → 24.3 skips regular release 24.1',
  '',
  '| | version | from |',
  '|---|---|---|',
  '| backup | 23.2 | directive on line 1 |',
  '| target | 24.3 | directive on line 1 |',
  '',
  '**Supported targets for a 23.2 backup**',
  '',
  '| target | release type |',
  '|---|---|',
  '| 23.2 | regular |',
  '| 24.1 | regular |',
  '',
  SKIP_RULE,
  '',
  'CockroachDB raises: `backup from version 23.2 is older than the minimum restorable version 24.1`',
  '',
  '**Upgrade path:** 23.2 → 24.1 → 24.3 (restore, then back up, on each hop)',
  '',
  `[Restoring Backups Across Versions](${POLICY})`,
].join('\n');

const VERSION_24_3_MD = [
  '**CockroachDB 24.3** — regular release',
  '',
  '| | |',
  '|---|---|',
  '| GA | 2024-11-18 |',
  '| maintenance support ends | 2025-11-18 |',
  '| assistance support ends | 2026-05-18 |',
  '| LTS from | 24.3.12 (2025-05-05) |',
  '| LTS maintenance ends | 2026-05-05 |',
  '| LTS assistance ends | 2027-05-05 |',
  '| newest patch | 24.3.33 (2026-05-25) |',
  '',
  'Supported until 2026-05-18 (assistance support).',
].join('\n');

function markup(h: Hover | null): MarkupContent {
  assert.ok(h, 'expected a hover');
  const c = h.contents as MarkupContent;
  assert.strictEqual(typeof c.kind, 'string', 'contents is MarkupContent');
  return c;
}

describe('protocol: hover (markdown client)', () => {
  const client = serverFor({ profile: 'push' });
  const sqlUri = memUri('hover.sql');
  const mdUri = memUri('hover-runbook.md');
  const hover = (uri: string, position: { line: number; character: number }) =>
    client().request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });

  before(async () => {
    await client().open(sqlUri, SQL);
    await client().open(mdUri, RUNBOOK);
  });

  it('on a RESTORE whose versions are unknown: how to state them, with a link to the getting-started page', async () => {
    const uri = memUri('hover-missing.sql');
    await client().open(uri, "RESTORE DATABASE bank FROM LATEST IN 's3://x';\n");
    const v = markup(await hover(uri, { line: 0, character: 2 })).value;
    assert.ok(v.includes('State the versions with a `crdb:` directive above it'), v);
    assert.ok(v.includes(`[Getting started: how versions are known](${fileUri(path.join(REPO_ROOT, 'docs', 'getting-started.md'))})`), v);
  });

  it('on an unsupported RESTORE: facts, verdict, supported targets, the innovation-skip rule, engine error, upgrade path, policy link', async () => {
    const h = await hover(sqlUri, posOf(SQL, 'RESTORE', 3));
    assert.deepStrictEqual(markup(h), { kind: 'markdown', value: RESTORE_HOVER_MD });
    assert.strictEqual(rangeText(h!.range!), '1:0-1:7');
  });

  it('anywhere in the statement, not only on the keyword', async () => {
    // (On the collection string itself the hover is the collection's: its writers and readers.)
    const h = await hover(sqlUri, posOf(SQL, 'DATABASE bank', 3));
    assert.strictEqual(markup(h).value, RESTORE_HOVER_MD);
  });

  it('on a supported RESTORE that skips an innovation release: ✓, three targets with their release types, no upgrade path', async () => {
    const h = await hover(sqlUri, posOf(SQL, 'RESTORE TABLE'));
    const v = markup(h).value;
    assert.strictEqual(v.split('\n')[0], '**CockroachDB Restore Guard** — RESTORE (table): ✓ supported: 24.1 → 24.2');
    assert.ok(v.includes('| target | release type |\n|---|---|\n| 24.1 | regular |\n| 24.2 | innovation |\n| 24.3 | regular |\n'), v);
    assert.ok(v.includes(`\n${SKIP_RULE}\n`), v);
    assert.ok(!v.includes('Upgrade path'), v);
    assert.strictEqual(rangeText(h!.range!), '4:0-4:7');
  });

  it('on a version in a directive: release type, GA date, support end dates', async () => {
    const h = await hover(sqlUri, posOf(SQL, '24.3', 2));
    assert.deepStrictEqual(markup(h), { kind: 'markdown', value: VERSION_24_3_MD });
    assert.strictEqual(rangeText(h!.range!), '0:44-0:48');
  });

  it('on an innovation version: why it may be skipped, and that its support has ended (today 2025-06-01)', async () => {
    const h = await hover(sqlUri, posOf(SQL, '24.2', 1));
    assert.deepStrictEqual(markup(h).value.split('\n'), [
      '**CockroachDB 24.2** — innovation release',
      '',
      '| | |',
      '|---|---|',
      '| GA | 2024-08-12 |',
      '| maintenance support ends | 2025-02-12 |',
      '| newest patch | 24.2.10 (2025-02-06) |',
      '',
      '⚠ Past its maintenance support (ended 2025-02-12).',
      '',
      'Innovation releases are optional: a cluster may skip them when upgrading, and a backup from the regular release ' +
        'before one can be restored into the regular release after it. They get no LTS and a shorter support window.',
    ]);
    assert.strictEqual(rangeText(h!.range!), '3:44-3:48');
  });

  it('in a markdown runbook: a RESTORE in a fence inside a list, its backup version taken from the BACKUP', async () => {
    const h = await hover(mdUri, posOf(RUNBOOK, 'RESTORE', 1));
    const v = markup(h).value;
    assert.deepStrictEqual(v.split('\n').slice(0, 8), [
      '**CockroachDB Restore Guard** — full-cluster RESTORE: ✗ not supported: 23.2 → 24.3 skips regular release 24.1',
      '',
      '| | version | from |',
      '|---|---|---|',
      '| backup | 23.2 | BACKUP on line 4 |',
      '| target | 24.3 | directive on line 6 |',
      '',
      'The cluster is marked **mid-upgrade** (mixed-version): a full-cluster restore fails with ' +
        '`cluster restore not supported during major version upgrade`. Finalize the upgrade first, or restore databases or tables.',
    ]);
    assert.ok(v.includes('| 23.2 | regular |\n| 24.1 | regular |'), v);
    assert.ok(v.includes(SKIP_RULE), v);
    assert.ok(v.includes('**Upgrade path:** 23.2 → 24.1 → 24.3'), v);
    assert.strictEqual(rangeText(h!.range!), '8:3-8:10');
  });

  it('on a BACKUP: the version it is taken on', async () => {
    const h = await hover(mdUri, posOf(RUNBOOK, 'BACKUP'));
    assert.deepStrictEqual(markup(h).value.split('\n').slice(0, 3), [
      '**CockroachDB Restore Guard** — BACKUP',
      '',
      'Taken on **23.2** (directive on line 1).',
    ]);
  });

  it('nothing on prose, on a directive’s key-less text, or past a statement', async () => {
    assert.strictEqual(await hover(mdUri, posOf(RUNBOOK, 'Take the backup', 3)), null);
    assert.strictEqual(await hover(sqlUri, { line: 0, character: 3 }), null);
    assert.strictEqual(await hover(sqlUri, { line: 2, character: 0 }), null);
  });
});

describe('protocol: hover (plain-text client, hover.contentFormat = [plaintext])', () => {
  const client = serverFor({ profile: 'push', hoverFormat: ['plaintext'] });

  it('renders the RESTORE hover without markdown syntax', async () => {
    const c = client();
    const uri = memUri('hover-plain.sql');
    await c.open(uri, SQL);
    const h = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: posOf(SQL, 'RESTORE', 1) });
    assert.deepStrictEqual(markup(h), {
      kind: 'plaintext',
      value: [
        'CockroachDB Restore Guard — RESTORE (database): ✗ not supported: 23.2 → 24.3 skips regular release 24.1',
        '',
        'version  from',
        'backup  23.2  directive on line 1',
        'target  24.3  directive on line 1',
        '',
        'Supported targets for a 23.2 backup',
        '',
        'target  release type',
        '23.2  regular',
        '24.1  regular',
        '',
        SKIP_RULE,
        '',
        'CockroachDB raises: backup from version 23.2 is older than the minimum restorable version 24.1',
        '',
        'Upgrade path: 23.2 → 24.1 → 24.3 (restore, then back up, on each hop)',
        '',
        `Restoring Backups Across Versions: ${POLICY}`,
      ].join('\n'),
    });
  });

  it('renders a version hover as plain text', async () => {
    const c = client();
    const uri = memUri('hover-plain-version.sql');
    await c.open(uri, SQL);
    const h = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: posOf(SQL, '24.3', 1) });
    assert.deepStrictEqual(markup(h).value.split('\n'), [
      'CockroachDB 24.3 — regular release',
      '',
      'GA  2024-11-18',
      'maintenance support ends  2025-11-18',
      'assistance support ends  2026-05-18',
      'LTS from  24.3.12 (2025-05-05)',
      'LTS maintenance ends  2026-05-05',
      'LTS assistance ends  2027-05-05',
      'newest patch  24.3.33 (2026-05-25)',
      '',
      'Supported until 2026-05-18 (assistance support).',
    ]);
  });
});
