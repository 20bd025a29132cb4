// Answers that grew with the document (issue 15 items 3 and 6, issue 14's 5 MB runbook): fixes
// of an `ignore=,,,,…` directive, fix-all over tens of thousands of findings, and the capped
// diagnostics list that says how many findings it left out.
import * as assert from 'assert';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, Finding } from '../../server/src/core/analysisTypes';
import { analyzeDocument } from '../../server/src/core/analyze';
import { analyzeOptions } from '../../server/src/core/settings';
import { fixAllEdits } from '../../server/src/core/fixes/fixAll';
import { MAX_PUBLISHED_DIAGNOSTICS, publishedDiagnostics } from '../../server/src/lsp/publishedDiagnostics';

const sql = analyzeOptions({ today: '2025-06-01' }, 'sql');

/** Growth of `run(n)` from n to 4n, after a warm-up; generous bounds, never absolute timings alone. */
function growth(run: (n: number) => void, n: number): { small: number; big: number } {
  run(n / 2);
  const t0 = performance.now();
  run(n);
  const small = performance.now() - t0;
  const t1 = performance.now();
  run(4 * n);
  return { small, big: performance.now() - t1 };
}

describe('fixes of `crdb: ignore=,,,,…`', () => {
  it('building every finding\'s fixes is linear in the entries (8 KB took 108 s: the check re-ran per entry)', () => {
    const run = (n: number) => {
      const text = `-- crdb: backup-version=23.2 target-version=24.3 ignore=${','.repeat(n)}\nRESTORE DATABASE d FROM LATEST IN 's3://x';\n`;
      const a = analyzeDocument(text, sql);
      let fixes = 0;
      for (const f of a.findings) fixes += f.fixes.length;
      assert.ok(fixes > n);
    };
    const { small, big } = growth(run, 2000);
    assert.ok(big < Math.max(small, 10) * 12, `4× the entries: ${big.toFixed(0)} ms vs ${small.toFixed(0)} ms`);
  });

  it('each empty entry\'s fixes are what they were (its own report, then "ignore")', () => {
    const text = `-- crdb: ignore=,,restore-skips-relase\nSELECT 1;\n`;
    const a = analyzeDocument(text, sql);
    assert.deepStrictEqual(
      a.findings.map((f) => [f.rule, f.start, f.fixes.map((x) => x.title)]),
      [
        ['invalid-directive-value', 16, ['Ignore invalid-directive-value for this directive']],
        ['invalid-directive-value', 17, ['Ignore invalid-directive-value for this directive']],
        ['invalid-directive-value', 18, ['Change to "restore-skips-release"', 'Ignore invalid-directive-value for this directive']],
      ],
    );
  });
});

/** The fix-all selection before the index: every taken span scanned per fix. */
function naiveFixAll(analysis: Analysis, doc: TextDocument) {
  const taken: [number, number][] = [];
  const out = [];
  for (const f of analysis.findings) {
    const fix = f.fixes.find((x) => x.unambiguous);
    if (!fix) continue;
    const spans = fix.edits.map((e) => [doc.offsetAt(e.range.start), doc.offsetAt(e.range.end)] as [number, number]);
    if (spans.some(([s, e]) => taken.some(([ts, te]) => s < te && ts < e) || taken.some(([ts]) => s === e && s === ts))) continue;
    taken.push(...spans);
    out.push(...fix.edits);
  }
  return out;
}

function syntheticAnalysis(doc: TextDocument, spans: [number, number][]): Analysis {
  const findings = spans.map(([s, e]): Finding => ({
    rule: 'invalid-version',
    severity: 'error',
    message: 'x',
    range: { start: doc.positionAt(s), end: doc.positionAt(e) },
    start: s,
    end: e,
    docsPath: '',
    fixes: [{ title: 'fix', unambiguous: true, edits: [{ range: { start: doc.positionAt(s), end: doc.positionAt(e) }, newText: 'y' }] }],
  }));
  return { findings, statements: [], directives: [], regions: [], notes: [] };
}

describe('fix-all', () => {
  it('picks the same edits as scanning every taken span (property)', () => {
    const doc = TextDocument.create('untitled:/a.sql', 'sql', 1, 'x'.repeat(60));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(59), fc.nat(4)), { maxLength: 30 }), (raw) => {
        const spans = raw.map(([s, len]) => [s, Math.min(60, s + len)] as [number, number]);
        const a = syntheticAnalysis(doc, spans);
        assert.deepStrictEqual(fixAllEdits(a, doc), naiveFixAll(a, doc));
      }),
      { numRuns: 3000 },
    );
  });

  it('grows n log n over tens of thousands of fixes (80k lines took 74 s)', () => {
    const run = (n: number) => {
      const doc = TextDocument.create('untitled:/a.sql', 'sql', 1, 'abcd\n'.repeat(n));
      const spans = Array.from({ length: n }, (_, i) => [i * 5, i * 5 + 4] as [number, number]);
      assert.strictEqual(fixAllEdits(syntheticAnalysis(doc, spans), doc).length, n);
    };
    const { small, big } = growth(run, 10000);
    assert.ok(big < Math.max(small, 10) * 12, `4× the fixes: ${big.toFixed(0)} ms vs ${small.toFixed(0)} ms`);
  });
});

describe('published diagnostics: capped, and saying what was left out', () => {
  it(`4,354 findings: ${MAX_PUBLISHED_DIAGNOSTICS} diagnostics, errors first, the last one counting the rest`, () => {
    const line = "-- crdb: backup-version=23.2 target-version=24.3\nRESTORE DATABASE d FROM LATEST IN 's3://x';\n-- crdb: target-verson=24.3\n";
    const text = line.repeat(2177);
    const a = analyzeDocument(text, sql);
    assert.strictEqual(a.findings.length, 4354);
    const errors = a.findings.filter((f) => f.severity === 'error').length;
    const p = publishedDiagnostics(a.findings);
    assert.strictEqual(p.diagnostics.length, MAX_PUBLISHED_DIAGNOSTICS);
    assert.strictEqual(p.omitted, 4354 - (MAX_PUBLISHED_DIAGNOSTICS - 1));
    const last = p.diagnostics[p.diagnostics.length - 1];
    assert.match(last.message, new RegExp(`^${p.omitted} more findings not shown \\(`));
    assert.strictEqual(last.severity, 3);
    // The kept ones are the most severe: all errors (2,177) do not fit, so only errors are listed.
    assert.ok(errors >= MAX_PUBLISHED_DIAGNOSTICS);
    assert.ok(p.diagnostics.slice(0, -1).every((d) => d.severity === 1));
    const lines = p.diagnostics.slice(0, -1).map((d) => d.range.start.line);
    assert.deepStrictEqual(lines, [...lines].sort((x, y) => x - y), 'in document order');
  });

  it('fewer findings than the cap: all of them, nothing added', () => {
    const a = analyzeDocument("-- crdb: backup-version=23.2 target-version=24.3\nRESTORE DATABASE d FROM LATEST IN 's3://x';\n", sql);
    assert.deepStrictEqual(publishedDiagnostics(a.findings), { diagnostics: publishedDiagnostics(a.findings).diagnostics, omitted: 0 });
    assert.strictEqual(publishedDiagnostics(a.findings).diagnostics.length, a.findings.length);
  });
});
