// The keystroke path keeps SQL scans between versions of a document (core/scanCache.ts). It
// must never change a result: every version of a document edited step by step gets exactly
// the findings (with fixes), statements and directives a fresh analysis gives.
import * as assert from 'assert';
import * as fc from 'fast-check';
import { analyzeDocument } from '../../server/src/core/analyze';
import { ScanCache } from '../../server/src/core/scanCache';
import { analyzeOptions } from '../../server/src/core/settings';
import { applyMutation, mutation, structuredDoc, type Lang } from './arbitraries';
import { fingerprint } from './properties';

const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : 20250601;

function snapshot(text: string, lang: Lang, cache?: ScanCache): string {
  const a = analyzeDocument(text, analyzeOptions({ today: '2025-06-01' }, lang), cache);
  return fingerprint(a) + JSON.stringify(a.statements) + JSON.stringify(a.directives);
}

describe('scan cache: edited documents analyse the same with and without kept scans', function () {
  this.timeout(60000);

  it(`random documents, each edited up to 8 times (seed ${SEED})`, () => {
    fc.assert(
      fc.property(structuredDoc, fc.array(mutation, { minLength: 1, maxLength: 8 }), (doc, edits) => {
        const cache = new ScanCache();
        let text = doc.text;
        assert.strictEqual(snapshot(text, doc.lang, cache), snapshot(text, doc.lang));
        for (const m of edits) {
          text = applyMutation(text, m);
          assert.strictEqual(snapshot(text, doc.lang, cache), snapshot(text, doc.lang));
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('typing in prose reuses every region scan; a changed region is scanned again; removed regions are dropped', () => {
    const sql = (n: number) => `RESTORE DATABASE d${n} FROM LATEST IN 's3://b/${n}';`;
    const doc = (prose: string, blocks: number[]) => `# Runbook\n\n${prose}\n\n${blocks.map((n) => `\`\`\`sql\n${sql(n)}\n\`\`\`\n`).join('\n')}`;
    const cache = new ScanCache();
    const opts = analyzeOptions({ today: '2025-06-01' }, 'markdown');
    analyzeDocument(doc('Restore', [1, 2, 3]), opts, cache);
    assert.strictEqual(cache.size, 3);
    const kept = cache.get(sql(2));
    assert.ok(kept);
    // Typing in prose: the very same scan object serves the next version.
    analyzeDocument(doc('Restore the', [1, 2, 3]), opts, cache);
    assert.strictEqual(cache.get(sql(2)), kept);
    // One block changed (2 → 4), one removed (3): the new region is scanned, the others dropped.
    const a = analyzeDocument(doc('Restore the', [1, 4]), opts, cache);
    assert.strictEqual(cache.size, 2);
    assert.strictEqual(cache.get(sql(2)), undefined);
    assert.ok(cache.get(sql(4)));
    assert.deepStrictEqual(
      a.statements.map((s) => s.collections[0]),
      ['s3://b/1', 's3://b/4'],
    );
  });
});
