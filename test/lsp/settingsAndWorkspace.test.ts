// Server-side caches and loops under hostile input (issue 15 items 8, 9, 10): per-document
// settings are validated once per settings change and dropped on close; one unreadable file
// does not blank the workspace report.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { analyzeDocument } from '../../server/src/core/analyze';
import { analyzeOptions } from '../../server/src/core/settings';
import { SettingsStore, settingsKeyOf } from '../../server/src/lsp/settingsStore';
import { reportFolder } from '../../server/src/lsp/workspaceReports';
import { nodeHost } from '../../server/src/node/nodeHost';

const SKIPS = "-- crdb: backup-version=23.2 target-version=24.3\nRESTORE DATABASE d FROM LATEST IN 's3://x';\n";

describe('settings store: validation once per change, nothing kept for closed documents', () => {
  it('40k unknown rule ids are validated once for 100 requests, not once per request', async () => {
    const rules: Record<string, string> = {};
    for (let i = 0; i < 40000; i++) rules[`no-such-rule-${i}`] = 'error';
    let fetches = 0;
    let reports = 0;
    const store = new SettingsStore(
      async () => {
        fetches++;
        return { rules };
      },
      () => reports++,
      nodeHost,
    );
    const uri = 'untitled:/a.sql';
    const first = await store.forDocument(uri);
    for (let i = 0; i < 99; i++) assert.strictEqual(await store.forDocument(uri), first, 'the same validated settings object');
    assert.strictEqual(fetches, 1);
    // MAX_PROBLEMS lines plus one summary line, once.
    assert.strictEqual(reports, 21);
    store.clear();
    await store.forDocument(uri);
    assert.strictEqual(fetches, 2, 'a settings change fetches and validates again');
  });

  it('20,000 documents opened and closed leave no settings cached', async () => {
    const store = new SettingsStore(async () => ({ today: '2025-06-01' }), () => undefined, nodeHost);
    for (let i = 0; i < 20000; i++) {
      const uri = `untitled:/doc-${i}.sql`;
      await store.forDocument(uri);
      store.forget(uri);
    }
    assert.strictEqual(store.cachedDocuments, 0);
  });

  it('the settings key is a short hash, whatever the size of the settings', () => {
    const extraReleases = Array.from({ length: 500 }, (_, i) => ({ version: `${30 + Math.floor(i / 50)}.${(i % 50) + 1}`, type: 'regular' as const }));
    const key = settingsKeyOf({ extraReleases, today: '2025-06-01' });
    assert.match(key, /^[0-9a-f]{16}$/);
    assert.notStrictEqual(key, settingsKeyOf({ extraReleases: extraReleases.slice(1), today: '2025-06-01' }));
  });
});

describe('workspace report: one unreadable file', () => {
  it('is skipped and reported; every other file is still reported', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crdb-ws-eacces-'));
    for (const f of ['a.sql', 'b.sql', 'c.sql']) fs.writeFileSync(path.join(dir, f), SKIPS);
    const skipped: string[] = [];
    const options = analyzeOptions({ today: '2025-06-01' }, 'sql');
    const entries = ['a.sql', 'b.sql', 'c.sql'].map((f) => ({ uri: pathToFileURL(path.join(dir, f)).href, label: path.join(dir, f) }));
    const items = await reportFolder(entries, {
      previous: new Map(),
      settingsHash: '0',
      maxBytes: 1e9,
      isOpen: () => false,
      isCancelled: () => false,
      analyze: (_f, text) => analyzeDocument(text, options),
      skipped: (p) => skipped.push(p),
      io: {
        stat: nodeHost.stat,
        // As the disk host answers a file it may not read (EACCES): no text.
        readFile: async (uri) => (uri.endsWith('b.sql') ? undefined : nodeHost.readFile(uri)),
      },
    });
    assert.deepStrictEqual(
      items.map((i) => [path.basename(new URL(i.uri).pathname), i.kind, i.kind === 'full' ? i.items.map((d) => d.code) : []]),
      [
        ['a.sql', 'full', ['restore-skips-release']],
        ['c.sql', 'full', ['restore-skips-release']],
      ],
    );
    assert.deepStrictEqual(skipped, [`${path.join(dir, 'b.sql')}: skipped in workspace diagnostics: cannot read`]);
    assert.ok(items.every((i) => i.uri.startsWith(pathToFileURL(dir).href)));
  });
});
