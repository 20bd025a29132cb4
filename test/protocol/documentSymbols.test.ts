// Document symbols over the protocol: the runbook's backup/restore steps as an outline.
// Markdown: the headings (ATX and setext, never `#` lines inside code blocks) that contain
// BACKUP/RESTORE statements, nested by level, statements inside; SQL: a flat list. Clients
// without hierarchical support get SymbolInformation with the heading path as container.
import * as assert from 'assert';
import type { DocumentSymbol, SymbolInformation } from 'vscode-languageserver-protocol/node';
import { memUri, rangeText, serverFor, type LspTestClient } from './lspClient';

const RUNBOOK = `---
title: Migration
crdb:
  target-version: "23.2"
---
# Migration runbook

Intro.

## Prepare

Nothing to run here.

## Step 1: back up the old cluster

\`\`\`sql
-- # not a heading
BACKUP DATABASE bank INTO 's3://backups/bank?AUTH=implicit';
\`\`\`

Step 2: restore
---------------

<!-- crdb: target-version=24.3 -->
\`\`\`sql
restore database bank
  from latest in 's3://backups/bank';
\`\`\`

### Step 2a: *one table* too

\`\`\`sh
# a shell comment, not a heading
cockroach sql -e "RESTORE TABLE bank.t FROM LATEST IN 's3://backups/bank'"
\`\`\`

# Appendix

Nothing.
`;

const LOOSE = `Before any heading:

<!-- crdb: backup-version=24.1 target-version=24.3 -->
\`\`\`sql
RESTORE FROM LATEST IN ('s3://a?COCKROACH_LOCALITY=default', 's3://b?COCKROACH_LOCALITY=region%3Dus');
\`\`\`

#
\`\`\`sql
RESTORE TABLE a.b, a.c FROM LATEST IN $1;
\`\`\`
`;

const SQL = `-- crdb: backup-version=23.2 target-version=24.1
RESTORE SYSTEM USERS FROM LATEST IN 's3://u';
SELECT 1;
BACKUP /* all of it */ INTO 's3://full';
RESTORE bank.customers FROM 's3://old/backup';
CREATE SCHEDULE s FOR BACKUP INTO 's3://sched' RECURRING '@daily';
`;

/** `kind name | detail @range sel selectionRange`, children indented by two spaces. */
function tree(symbols: DocumentSymbol[], indent = ''): string[] {
  return symbols.flatMap((s) => [
    `${indent}${s.kind} ${s.name}${s.detail ? ` | ${s.detail}` : ''} @${rangeText(s.range)} sel ${rangeText(s.selectionRange)}`,
    ...tree(s.children ?? [], `${indent}  `),
  ]);
}

function symbols<T>(c: LspTestClient, uri: string): Promise<T> {
  return c.request<T>('textDocument/documentSymbol', { textDocument: { uri } });
}

describe('protocol: document symbols (hierarchical client)', () => {
  const client = serverFor({
    profile: 'push',
    tweakCapabilities: (caps) => {
      caps.textDocument!.documentSymbol = { hierarchicalDocumentSymbolSupport: true };
    },
  });

  it('markdown: the headings holding statements (ATX and setext, not fenced # lines, front matter skipped), statements named with their versions', async () => {
    const c = client();
    const uri = memUri('outline.md');
    await c.open(uri, RUNBOOK);
    assert.deepStrictEqual(tree(await symbols<DocumentSymbol[]>(c, uri)), [
      '15 Migration runbook @5:0-34:3 sel 5:0-5:19',
      '  15 Step 1: back up the old cluster @13:0-18:3 sel 13:0-13:34',
      "    4 BACKUP DATABASE bank ⇢ 23.2 | s3://backups/bank @17:0-17:60 sel 17:0-17:6",
      '  15 Step 2: restore @20:0-34:3 sel 20:0-21:15',
      '    24 RESTORE DATABASE bank ← 23.2 → 24.3 ✗ | s3://backups/bank @25:0-26:37 sel 25:0-25:7',
      '    15 Step 2a: *one table* too @29:0-34:3 sel 29:0-29:28',
      '      24 RESTORE TABLE bank.t ← 23.2 → 24.3 ✗ | s3://backups/bank @33:18-33:73 sel 33:18-33:25',
    ]);
  });

  it('markdown: statements before the first heading are top level; an empty heading still gets a name; lists and placeholders in the detail', async () => {
    const c = client();
    const uri = memUri('outline-loose.md');
    await c.open(uri, LOOSE);
    assert.deepStrictEqual(tree(await symbols<DocumentSymbol[]>(c, uri)), [
      '24 RESTORE (full cluster) ← 24.1 → 24.3 ✓ | s3://a (+1 locality) @4:0-4:102 sel 4:0-4:7',
      '15 (heading) @7:0-10:3 sel 7:0-7:1',
      '  24 RESTORE TABLE a.b, a.c ← 24.1 → 24.3 ✓ | $1 @9:0-9:41 sel 9:0-9:7',
    ]);
  });

  it('SQL: a flat list of BACKUP and RESTORE statements (no SELECT, no schedule)', async () => {
    const c = client();
    const uri = memUri('outline.sql');
    await c.open(uri, SQL);
    assert.deepStrictEqual(tree(await symbols<DocumentSymbol[]>(c, uri)), [
      "24 RESTORE SYSTEM USERS ← 23.2 → 24.1 ✓ | s3://u @1:0-1:45 sel 1:0-1:7",
      '4 BACKUP (full cluster) ⇢ 24.1 | s3://full @3:0-3:40 sel 3:0-3:6',
      '24 RESTORE bank.customers ← 23.2 → 24.1 ✓ | s3://old/backup @4:0-4:46 sel 4:0-4:7',
    ]);
  });

  it('follows edits (the versions in the names change with the directives)', async () => {
    const c = client();
    const uri = memUri('outline-edit.sql');
    await c.open(uri, SQL);
    await c.change(uri, [{ range: { start: { line: 0, character: 44 }, end: { line: 0, character: 48 } }, text: '24.3' }]);
    const names = (await symbols<DocumentSymbol[]>(c, uri)).map((s) => s.name);
    assert.deepStrictEqual(names, ['RESTORE SYSTEM USERS ← 23.2 → 24.3 ✗', 'BACKUP (full cluster) ⇢ 24.3', 'RESTORE bank.customers ← 23.2 → 24.3 ✗']);
  });

  it('a document with no BACKUP/RESTORE, or not open, has no symbols', async () => {
    const c = client();
    const uri = memUri('outline-empty.md');
    await c.open(uri, '# Title\n\n## Sub\n\nText.\n');
    assert.deepStrictEqual(await symbols(c, uri), []);
    assert.deepStrictEqual(await symbols(c, memUri('outline-not-open.md')), []);
  });
});

describe('protocol: document symbols (client without hierarchical support)', () => {
  const client = serverFor({ profile: 'push' });

  it('flat SymbolInformation in document order, the heading path as container', async () => {
    const c = client();
    const uri = memUri('outline-flat.md');
    await c.open(uri, RUNBOOK);
    const flat = await symbols<SymbolInformation[]>(c, uri);
    assert.deepStrictEqual(
      flat.map((s) => `${s.kind} ${s.name} @${rangeText(s.location.range)} in ${s.containerName ?? '-'}`),
      [
        '15 Migration runbook @5:0-34:3 in -',
        '15 Step 1: back up the old cluster @13:0-18:3 in Migration runbook',
        '4 BACKUP DATABASE bank ⇢ 23.2 @17:0-17:60 in Migration runbook › Step 1: back up the old cluster',
        '15 Step 2: restore @20:0-34:3 in Migration runbook',
        '24 RESTORE DATABASE bank ← 23.2 → 24.3 ✗ @25:0-26:37 in Migration runbook › Step 2: restore',
        '15 Step 2a: *one table* too @29:0-34:3 in Migration runbook › Step 2: restore',
        '24 RESTORE TABLE bank.t ← 23.2 → 24.3 ✗ @33:18-33:73 in Migration runbook › Step 2: restore › Step 2a: *one table* too',
      ],
    );
    assert.ok(flat.every((s) => s.location.uri === uri));
  });
});

// Defect: in VS Code the breadcrumbs switched between VS Code's markdown outline and ours. The
// VS Code client says the editor has its own markdown outline; markdown then gets no symbols
// from the server (SQL files keep theirs).
describe('protocol: document symbols when the editor has its own markdown outline (VS Code)', () => {
  const client = serverFor({
    profile: 'pull',
    initializationOptions: { editorMarkdownOutline: true },
    tweakCapabilities: (caps) => {
      caps.textDocument!.documentSymbol = { hierarchicalDocumentSymbolSupport: true };
    },
  });

  it('markdown: none (no competing outline); SQL: the statements as before', async () => {
    const c = client();
    const md = memUri('editor-outline.md');
    const sql = memUri('editor-outline.sql');
    await c.open(md, RUNBOOK);
    await c.open(sql, SQL);
    assert.deepStrictEqual(await symbols(c, md), []);
    assert.ok((await symbols<DocumentSymbol[]>(c, sql)).length > 0);
  });
});
