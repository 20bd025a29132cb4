// The analysis worker's answer (lsp/backgroundAnalyzer.ts, analysisWorker.ts): findings are sent
// as objects, with the version sites and collection facts computed on the worker; statements,
// directives, regions and fixes stay on the worker until `load` fetches them as one serialized
// buffer. Whatever the transport, every part must equal the analysis made on the server thread.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Analysis, VersionFact } from '../../server/src/core/analysisTypes';
import { analyzeDocument } from '../../server/src/core/analyze';
import { LineIndex } from '../../server/src/core/lineIndex';
import { analyzeOptions } from '../../server/src/core/settings';
import { parseVersion } from '../../server/src/core/versions';
import { fileFactsOf } from '../../server/src/core/workspace/fileFacts';
import { BackgroundAnalyzer } from '../../server/src/lsp/backgroundAnalyzer';
import { toDiagnostic } from '../../server/src/lsp/convert';

const TODAY = '2025-06-01';
const EXAMPLES = path.resolve(__dirname, '..', '..', '..', 'examples');

/** The analysis as data: findings with their fixes, statements, directives, regions, notes. */
function asData(a: Analysis): unknown {
  return JSON.parse(
    JSON.stringify({
      findings: a.findings.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, range: f.range, start: f.start, end: f.end, docsPath: f.docsPath, statement: f.statement, fixes: f.fixes })),
      statements: a.statements,
      directives: a.directives,
      regions: a.regions,
      notes: a.notes,
    }),
  );
}

/** The same analysis on this thread, with the worker's other-files lookup (it knows no other file here). */
function local(text: string, languageId: 'sql' | 'markdown'): Analysis {
  const options = analyzeOptions({ today: TODAY }, languageId);
  options.otherFiles = () => undefined;
  return analyzeDocument(text, options);
}

describe('analysis worker: what it sends equals the analysis on the server thread', function () {
  this.timeout(60000);
  let worker: BackgroundAnalyzer;
  before(() => {
    worker = new BackgroundAnalyzer();
  });
  after(() => worker.close());

  const inputs = fs
    .readdirSync(EXAMPLES)
    .filter((f) => /\.(md|sql)$/.test(f) && f !== 'README.md')
    .map((f) => ({ name: f, text: fs.readFileSync(path.join(EXAMPLES, f), 'utf8'), languageId: (f.endsWith('.sql') ? 'sql' : 'markdown') as 'sql' | 'markdown' }));

  it('the examples exist and hold findings with fixes and version sites', () => {
    assert.ok(inputs.length >= 3, `${inputs.length} examples`);
    const all = inputs.map((i) => local(i.text, i.languageId));
    assert.ok(all.some((a) => a.findings.some((f) => f.fixes.length > 0)), 'no finding with a fix');
    assert.ok(all.some((a) => a.directives.length > 0 && a.regions.length > 0), 'no directive or region');
  });

  for (const name of ['blue-green-migration.md', 'disaster-recovery.md', 'upgrade-and-restore.md', 'nightly-restore-check.sql']) {
    it(`${name}: findings with fixes, statements, directives, regions, diagnostics and collection facts`, async () => {
      const input = inputs.find((i) => i.name === name);
      assert.ok(input, `examples/${name} is missing`);
      // Repeated, so the document is long like the ones the worker gets (offsets and lines grow).
      const text = `${input.text}\n`.repeat(20);
      const done = await worker.analyze(`file:///work/${name}`, 1, text, { today: TODAY }, input.languageId);
      assert.ok(done, 'no answer from the worker');
      const mine = local(text, input.languageId);
      assert.ok(mine.findings.length > 0, 'the example has no finding');
      // Diagnostics before anything else reads the statements: the sites came with the findings.
      const lines = new LineIndex(text);
      const where = { uri: `file:///work/${name}`, lines: () => lines };
      // The worker sent the sites' ranges: publishing needs no line index on the server thread.
      const noLines = { uri: where.uri, lines: (): LineIndex => assert.fail('the server thread built a line index to publish') };
      const sent = done.analysis.findings.map((f) => toDiagnostic(f, done.analysis, noLines));
      assert.deepStrictEqual(sent, mine.findings.map((f) => toDiagnostic(f, mine, where)));
      assert.ok(sent.some((d) => d.relatedInformation && d.relatedInformation.length > 0) || input.languageId === 'sql', 'no relatedInformation to compare');
      assert.deepStrictEqual(await done.facts(), fileFactsOf(mine, lines));
      assert.throws(() => done.analysis.statements, /before it was loaded/);
      await done.analysis.load();
      assert.deepStrictEqual(asData(done.analysis), asData(mine));
    });
  }

  it('with the workspace index\'s answers: a backup version from another file links there, as on the server thread', async () => {
    const text = "Restore the shared collection:\n\n```sql\n-- crdb: target-version=24.1\nRESTORE DATABASE bank FROM LATEST IN 's3://shared/prod';\n```\n";
    const fact: VersionFact = {
      version: parseVersion('24.3'),
      source: 'workspace-backup',
      file: 'ops/nightly.sql',
      line: 3,
      at: { file: 'file:///work/ops/nightly.sql', range: { start: { line: 3, character: 37 }, end: { line: 3, character: 53 } } },
    };
    const done = await worker.analyze('file:///work/shared.md', 1, text, { today: TODAY }, 'markdown', [['false:s3://shared/prod', fact]]);
    assert.ok(done);
    const options = analyzeOptions({ today: TODAY }, 'markdown');
    options.otherFiles = (key, explicitSubdir) => (key === 's3://shared/prod' && !explicitSubdir ? fact : undefined);
    const mine = analyzeDocument(text, options);
    const lines = new LineIndex(text);
    const where = { uri: 'file:///work/shared.md', lines: () => lines };
    const sent = done.analysis.findings.map((f) => toDiagnostic(f, done.analysis, where));
    assert.deepStrictEqual(sent, mine.findings.map((f) => toDiagnostic(f, mine, where)));
    const elsewhere = sent.flatMap((d) => d.relatedInformation ?? []).filter((r) => r.location.uri === 'file:///work/ops/nightly.sql');
    assert.strictEqual(elsewhere.length, 1, JSON.stringify(sent));
    await done.analysis.load();
    assert.deepStrictEqual(asData(done.analysis), asData(mine));
  });

  it('a finding\'s fixes can be read before the statements, and replaced', async () => {
    const text = fs.readFileSync(path.join(EXAMPLES, 'upgrade-and-restore.md'), 'utf8');
    const done = await worker.analyze('file:///work/fixes.md', 1, text, { today: TODAY }, 'markdown');
    assert.ok(done);
    await done.analysis.load();
    const mine = local(text, 'markdown');
    const i = mine.findings.findIndex((f) => f.fixes.length > 0);
    assert.ok(i >= 0, 'no finding with a fix');
    assert.deepStrictEqual(JSON.parse(JSON.stringify(done.analysis.findings[i].fixes)), JSON.parse(JSON.stringify(mine.findings[i].fixes)));
    done.analysis.findings[i].fixes = [];
    assert.deepStrictEqual(done.analysis.findings[i].fixes, []);
    assert.deepStrictEqual(asData({ ...mine, findings: [] }), asData({ ...done.analysis, findings: [], statements: done.analysis.statements, directives: done.analysis.directives, regions: done.analysis.regions }));
  });

  it('the rest of an analysis is kept for its document until asked once; a newer version or a close drops it', async () => {
    const text = fs.readFileSync(path.join(EXAMPLES, 'upgrade-and-restore.md'), 'utf8');
    const uri = 'file:///work/kept.md';
    const v1 = await worker.analyze(uri, 1, text, { today: TODAY }, 'markdown');
    const v2 = await worker.analyze(uri, 2, `${text}\n`, { today: TODAY }, 'markdown');
    assert.ok(v1 && v2);
    await assert.rejects(v1.analysis.load(), /no longer kept/);
    await v2.analysis.load();
    assert.ok(v2.analysis.statements.length > 0);
    // Loaded once, it stays loaded: a second load does not ask the worker again.
    await v2.analysis.load();
    const v3 = await worker.analyze(uri, 3, text, { today: TODAY }, 'markdown');
    assert.ok(v3);
    worker.forget(uri);
    await assert.rejects(v3.analysis.load(), /no longer kept/);
  });

  it('a worker stopped before its rest was asked for: the load fails with a reason, and the next analysis uses a new worker', async () => {
    const own = new BackgroundAnalyzer();
    try {
      const text = fs.readFileSync(path.join(EXAMPLES, 'upgrade-and-restore.md'), 'utf8');
      const first = await own.analyze('file:///work/a.md', 1, text, { today: TODAY }, 'markdown');
      assert.ok(first);
      // A newer version of a document while its analysis runs restarts the worker.
      const big = `${text}\n`.repeat(200);
      const stale = own.analyze('file:///work/b.md', 1, big, { today: TODAY }, 'markdown');
      const newer = own.analyze('file:///work/b.md', 2, big, { today: TODAY }, 'markdown');
      assert.strictEqual(await stale, undefined);
      assert.ok(await newer);
      await assert.rejects(first.analysis.load(), /stopped/);
      const again = await own.analyze('file:///work/a.md', 2, text, { today: TODAY }, 'markdown');
      assert.ok(again);
      await again.analysis.load();
      assert.deepStrictEqual(asData(again.analysis), asData(local(text, 'markdown')));
    } finally {
      own.close();
    }
  });
});
