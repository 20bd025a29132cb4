#!/usr/bin/env node
// npm run bench — how fast the checker is, against the limit (a bare charCodeAt loop over
// the same text) and against peers, in one process run on deterministic generated inputs.
//
//   npm run bench                      builds first (npm run build), then measures
//   npm run bench -- --no-build        measures the existing out/ and dist/ (run `npm run build` before)
//   npm run bench -- --no-linearity    skips scripts/linearity.mjs
//   npm run bench -- --runs 7          timed runs per measurement (default 5, at least 5)
//   npm run bench -- --no-workspace    skips the workspace index benchmark (a 150 MB tree)
//   npm run bench -- --workspace-only  runs only the workspace index benchmark
//
// Prints a table, then one JSON line (the last line of the output). docs/performance.md
// explains every row and keeps the current figures.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { makeRunbook, makeRunbookSet, makeSql } from './bench/generate.mjs';
import { BenchClient } from './bench/lsp.mjs';
import { charCodeAtLoop, mbPerS, median, percentile, summary, timeInterleaved } from './bench/measure.mjs';
import { benchWorkspace, WORKSPACE_TARGETS } from './bench/workspace.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const RUNS = Math.max(5, Number(args[args.indexOf('--runs') + 1]) || 5);
const TODAY = '2025-06-01';

const WORKSPACE_ONLY = args.includes('--workspace-only');
const WITH_WORKSPACE = WORKSPACE_ONLY || !args.includes('--no-workspace');
const TARGETS = {
  ...(WORKSPACE_ONLY
    ? {}
    : {
        sql_ratio: { min: 0.35 },
        md_ratio: { min: 0.1 },
        runbook_100k_ms: { max: 1 },
        keystroke_p95_ms: { max: 5 },
        open_5mb_ms: { max: 500 },
        rss_200_docs_mb: { max: 150 },
      }),
  ...(WITH_WORKSPACE ? WORKSPACE_TARGETS : {}),
};

function log(msg) {
  process.stderr.write(`bench: ${msg}\n`);
}

function loadAvg() {
  return os.loadavg().map((x) => Math.round(x * 100) / 100);
}

// ---------------------------------------------------------------------------------------------
// Build and inputs

if (!args.includes('--no-build')) {
  log('npm run build');
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}
for (const f of ['out/server/src/core/analyze.js', 'dist/server.js', 'dist/cli.js']) {
  if (!existsSync(join(root, f))) {
    console.error(`bench: ${f} is missing; run \`npm run build\` first (or drop --no-build)`);
    process.exit(2);
  }
}

const startedAt = new Date();
const loadAtStart = loadAvg();
const tmp = mkdtempSync(join(os.tmpdir(), 'crdb-bench-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

/** Writes the text to the scratch folder and reads it back: a flat string, as a file read gives. */
function materialize(name, text) {
  const file = join(tmp, name);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return readFileSync(file, 'utf8');
}

if (!WORKSPACE_ONLY) log('generating inputs');
const runbook100k = materialize('runbook-100k.md', makeRunbook(7, { lines: 2000 }));
const sql = WORKSPACE_ONLY ? { text: '' } : makeSql(3, 10e6);
const sql10 = materialize('script-10mb.sql', sql.text);
const md10 = WORKSPACE_ONLY ? '' : materialize('runbook-10mb.md', makeRunbook(2, { bytes: 10e6 }));
const md5 = WORKSPACE_ONLY ? '' : materialize('runbook-5mb.md', makeRunbook(5, { bytes: 5e6 }));
const folder = join(tmp, 'runbooks');
const set = WORKSPACE_ONLY ? [] : makeRunbookSet(4, 500);
for (const f of set) materialize(join('runbooks', f.name), f.text);
const setBytes = set.reduce((s, f) => s + f.text.length, 0);

const { analyzeDocument } = require(join(root, 'out/server/src/core/analyze.js'));
const { analyzeOptions } = require(join(root, 'out/server/src/core/settings.js'));
const { scanSql } = require(join(root, 'out/server/src/core/sql/index.js'));
const { extractMarkdown } = require(join(root, 'out/server/src/core/markdown/index.js'));
const MarkdownIt = require('markdown-it');
/** markdown-it's bare block parse (the `commonmark` preset as shipped, no inline parse): what the extraction is built on. */
const markdownIt = new MarkdownIt('commonmark');
const blockParse = (text) => markdownIt.block.parse(text, markdownIt, {}, []);
const optsMd = analyzeOptions({ today: TODAY }, 'markdown');
const optsSql = analyzeOptions({ today: TODAY }, 'sql');

const rows = [];
function row(group, what, input, s, extra = {}) {
  rows.push({ group, what, input, ...s, ...extra });
}
/** Median time of `full` not spent in `parts` (medians subtracted; min/max left out). */
function rest(full, ...parts) {
  return { median: full.median - parts.reduce((n, p) => n + p.median, 0), min: NaN, max: NaN, runs: full.runs };
}
const fmtMs = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

// ---------------------------------------------------------------------------------------------
// In process: the limit, our analysis, the peers

if (!WORKSPACE_ONLY) log(`in-process timings (${RUNS} runs after 2 warm-ups, interleaved with the limit)`);
const result = {};

if (!WORKSPACE_ONLY) {
  const t = timeInterleaved(
    {
      limit: () => charCodeAtLoop(sql10),
      ours: () => analyzeDocument(sql10, optsSql),
      scan: () => scanSql(sql10),
    },
    { runs: RUNS },
  );
  const limit = mbPerS(sql10.length, t.limit.median);
  const ours = mbPerS(sql10.length, t.ours.median);
  // All statements the scanner splits; the analysis keeps the BACKUP/RESTORE/CREATE SCHEDULE ones.
  const statements = scanSql(sql10).statements.length;
  const kept = analyzeDocument(sql10, optsSql).statements.length;
  row('limit', 'charCodeAt loop', `SQL ${(sql10.length / 1e6).toFixed(1)} MB`, t.limit, { mbs: limit });
  row('ours', 'full analysis', `SQL ${(sql10.length / 1e6).toFixed(1)} MB, ${statements} statements (${kept} BACKUP/RESTORE/SCHEDULE)`, t.ours, { mbs: ours, ratio: ours / limit, target: 'ratio ≥ 0.35' });
  row('ours (part)', 'scanSql only', `same SQL`, t.scan, { mbs: mbPerS(sql10.length, t.scan.median), ratio: mbPerS(sql10.length, t.scan.median) / limit });
  row('ours (part)', 'the rest (directives, rules, findings)', 'full − scan', rest(t.ours, t.scan));
  Object.assign(result, { limit_mb_s: limit, sql_mb_s: ours, sql_ratio: ours / limit, sql_scan_ratio: mbPerS(sql10.length, t.scan.median) / limit });
}

if (!WORKSPACE_ONLY) {
  const regions10 = extractMarkdown(md10).regions;
  const t = timeInterleaved(
    {
      limit: () => charCodeAtLoop(md10),
      ours: () => analyzeDocument(md10, optsMd),
      extract: () => extractMarkdown(md10),
      scanRegions: () => regions10.forEach((r) => scanSql(r.text)),
      markdownIt: () => blockParse(md10),
    },
    { runs: RUNS },
  );
  const limit = mbPerS(md10.length, t.limit.median);
  const ours = mbPerS(md10.length, t.ours.median);
  const a = analyzeDocument(md10, optsMd);
  const peer = mbPerS(md10.length, t.markdownIt.median);
  row('limit', 'charCodeAt loop', `markdown ${(md10.length / 1e6).toFixed(1)} MB`, t.limit, { mbs: limit });
  row('ours', 'full analysis', `markdown ${(md10.length / 1e6).toFixed(1)} MB, ${a.regions.length} SQL regions, ${a.statements.length} BACKUP/RESTORE/SCHEDULE statements`, t.ours, {
    mbs: ours,
    ratio: ours / limit,
    target: 'ratio ≥ 0.10',
  });
  row('ours (part)', 'extractMarkdown only', 'same markdown', t.extract, { mbs: mbPerS(md10.length, t.extract.median), ratio: mbPerS(md10.length, t.extract.median) / limit });
  const regionChars = regions10.reduce((n, r) => n + r.text.length, 0);
  row('ours (part)', 'scanSql over its SQL regions', `${(regionChars / 1e6).toFixed(1)} MB of SQL in those regions`, t.scanRegions, {
    mbs: mbPerS(md10.length, t.scanRegions.median),
    ratio: mbPerS(md10.length, t.scanRegions.median) / limit,
  });
  row('ours (part)', 'the rest (directives, rules, findings)', 'full − extract − scan', rest(t.ours, t.extract, t.scanRegions));
  row('markdown-it', 'bare block parse (md.block.parse)', 'same markdown', t.markdownIt, { mbs: peer, ratio: peer / limit });
  Object.assign(result, {
    limit_md_mb_s: limit,
    md_mb_s: ours,
    md_ratio: ours / limit,
    md_extract_ratio: mbPerS(md10.length, t.extract.median) / limit,
    md_10mb_ms: t.ours.median,
    md_10mb_extract_ms: t.extract.median,
    markdown_it_10mb_ms: t.markdownIt.median,
    markdown_it_ratio: peer / limit,
  });
}

if (!WORKSPACE_ONLY) {
  const regions = extractMarkdown(runbook100k).regions;
  const t = timeInterleaved(
    {
      limit: () => charCodeAtLoop(runbook100k),
      ours: () => analyzeDocument(runbook100k, optsMd),
      extract: () => extractMarkdown(runbook100k),
      scanRegions: () => regions.forEach((r) => scanSql(r.text)),
      markdownIt: () => blockParse(runbook100k),
    },
    { warmup: 10, runs: Math.max(RUNS, 21) },
  );
  const a = analyzeDocument(runbook100k, optsMd);
  row('limit', 'charCodeAt loop', `runbook ${(runbook100k.length / 1000).toFixed(0)} KB`, t.limit, { mbs: mbPerS(runbook100k.length, t.limit.median) });
  row('ours', 'full analysis', `runbook ${(runbook100k.length / 1000).toFixed(0)} KB, 2,000 lines, ${a.statements.length} BACKUP/RESTORE/SCHEDULE statements, ${a.findings.length} findings`, t.ours, {
    mbs: mbPerS(runbook100k.length, t.ours.median),
    ratio: mbPerS(runbook100k.length, t.ours.median) / mbPerS(runbook100k.length, t.limit.median),
    target: '≤ 1 ms',
  });
  row('ours (part)', 'extractMarkdown only', 'same runbook', t.extract);
  row('ours (part)', 'scanSql over its SQL regions', `${regions.length} regions`, t.scanRegions);
  row('ours (part)', 'the rest (directives, rules, findings)', 'full − extract − scan', rest(t.ours, t.extract, t.scanRegions));
  row('markdown-it', 'bare block parse (md.block.parse)', 'same runbook', t.markdownIt);
  result.runbook_100k_ms = t.ours.median;
  result.runbook_100k_extract_ms = t.extract.median;
  result.runbook_100k_markdown_it_ms = t.markdownIt.median;
}

if (!WORKSPACE_ONLY) {
  // pgsql-ast-parser is a nearley grammar: about 0.1 MB/s, so it gets a ~100 KB prefix of the
  // SQL file's statements that it can parse (no BACKUP/RESTORE/SCHEDULE, SET CLUSTER SETTING,
  // e'…' strings, $tag$ bodies, prompts: CockroachDB-only syntax it rejects).
  const { parse } = require('pgsql-ast-parser');
  const parts = [];
  let size = 0;
  for (const p of sql.pgParts) {
    if (size >= 100_000) break;
    parts.push(p);
    size += p.length;
  }
  let sample = parts.join('');
  let dropped = 0;
  try {
    parse(sample);
  } catch {
    // Keep only what it parses on its own, and say how much was left out.
    const ok = parts.filter((p) => {
      try {
        parse(p);
        return true;
      } catch {
        return false;
      }
    });
    dropped = parts.length - ok.length;
    sample = ok.join('');
  }
  const t = timeInterleaved({ limit: () => charCodeAtLoop(sample), peer: () => parse(sample) }, { warmup: 1, runs: RUNS });
  const limit = mbPerS(sample.length, t.limit.median);
  const peer = mbPerS(sample.length, t.peer.median);
  const statements = parse(sample).length;
  row('peer', 'pgsql-ast-parser parse', `${(sample.length / 1000).toFixed(0)} KB of the SQL file it accepts, ${statements} statements${dropped ? `, ${dropped} pieces dropped` : ''}`, t.peer, {
    mbs: peer,
    ratio: peer / limit,
  });
  Object.assign(result, { pgsql_ast_parser_mb_s: peer, pgsql_ast_parser_ratio: peer / limit, pgsql_ast_parser_sample_kb: sample.length / 1000 });
}

// ---------------------------------------------------------------------------------------------
// The CLI over a folder of 500 runbooks

if (!WORKSPACE_ONLY) {
  log('CLI over 500 runbooks');
  const cli = join(root, 'dist/cli.js');
  const runOnce = () => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [cli, '--today', TODAY, '--format', 'json', folder], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
    const ms = performance.now() - t0;
    if (r.status !== 0 && r.status !== 1) throw new Error(`cli exited ${r.status}: ${r.stderr}`);
    return ms;
  };
  runOnce();
  const times = [];
  for (let i = 0; i < RUNS; i++) times.push(runOnce());
  const s = summary(times);
  row('ours', 'CLI (dist/cli.js --format json)', `folder of 500 runbooks, ${(setBytes / 1e6).toFixed(1)} MB`, s, { mbs: mbPerS(setBytes, s.median), filesPerS: (500 * 1000) / s.median });
  result.cli_files_per_s = (500 * 1000) / s.median;
}

// ---------------------------------------------------------------------------------------------
// Through the real protocol: the bundled server over stdio

if (!WORKSPACE_ONLY) {
  log('protocol: keystrokes and 5 MB opens');
  const server = join(root, 'dist/server.js');
  const settings = { today: TODAY };
  const client = await BenchClient.start(server, settings);
  try {
    const uri = pathToFileURL(join(tmp, 'runbook-100k.md')).href;
    const opened = await client.open(uri, runbook100k);
    // Type 200 characters, one didChange each, at the end of a prose line in the middle.
    const lines = runbook100k.split('\n');
    let line = Math.floor(lines.length / 2);
    while (!/^[A-Z][a-z]/.test(lines[line])) line++;
    let col = lines[line].length;
    const typed = ' Then check the job with SHOW JOBS and compare row counts with prod before closing the change window; keep the';
    const keystrokes = [];
    for (let i = 0; i < 200; i++) {
      const ch = typed[i % typed.length];
      const pos = { line, character: col };
      keystrokes.push(await client.change(uri, i + 2, { start: pos, end: pos }, ch));
      col++;
    }
    const k = { median: percentile(keystrokes, 50), min: Math.min(...keystrokes), max: Math.max(...keystrokes), runs: keystrokes.length };
    row('protocol', 'didChange → publishDiagnostics', `runbook ${(runbook100k.length / 1000).toFixed(0)} KB, 200 one-character edits (p50; p95 ${fmtMs(percentile(keystrokes, 95))} ms)`, k, { target: 'p95 ≤ 5 ms' });
    row('protocol', 'didOpen → publishDiagnostics', `runbook ${(runbook100k.length / 1000).toFixed(0)} KB (first open)`, { median: opened.ms, min: opened.ms, max: opened.ms, runs: 1 });
    // The first edits after an open also pay for the server's JIT warm-up; the last 150 show the steady state.
    const warm = keystrokes.slice(50);
    row('protocol', 'didChange → publishDiagnostics, warm', `same, edits 51–200 only (p50; p95 ${fmtMs(percentile(warm, 95))} ms)`, {
      median: percentile(warm, 50),
      min: Math.min(...warm),
      max: Math.max(...warm),
      runs: warm.length,
    });
    Object.assign(result, {
      keystroke_p50_ms: percentile(keystrokes, 50),
      keystroke_p95_ms: percentile(keystrokes, 95),
      keystroke_max_ms: Math.max(...keystrokes),
      keystroke_warm_p50_ms: percentile(warm, 50),
      keystroke_warm_p95_ms: percentile(warm, 95),
    });

    // The prose edits above take the server's prose path (core/proseEdit.ts). Typing inside a
    // SQL block takes the full analysis (with the other blocks' scans kept): 100 letters
    // appended to a database name in a RESTORE in the second half of the runbook.
    let sqlLine = Math.floor(lines.length / 2);
    while (!/^\s*RESTORE DATABASE [a-z_]+ /.test(lines[sqlLine])) sqlLine++;
    let sqlCol = /^\s*RESTORE DATABASE [a-z_]+/.exec(lines[sqlLine])[0].length;
    const sqlKeys = [];
    for (let i = 0; i < 100; i++) {
      const pos = { line: sqlLine, character: sqlCol };
      sqlKeys.push(await client.change(uri, 202 + i, { start: pos, end: pos }, 'abcdefghij'[i % 10]));
      sqlCol++;
    }
    row('protocol', 'didChange → publishDiagnostics, in SQL', `same runbook, 100 letters typed into a RESTORE (p50; p95 ${fmtMs(percentile(sqlKeys, 95))} ms)`, {
      median: percentile(sqlKeys, 50),
      min: Math.min(...sqlKeys),
      max: Math.max(...sqlKeys),
      runs: sqlKeys.length,
    });
    Object.assign(result, { keystroke_sql_p50_ms: percentile(sqlKeys, 50), keystroke_sql_p95_ms: percentile(sqlKeys, 95) });

    // Open a 5 MB runbook: a warm-up open, then RUNS opens, each closed again.
    const opens = [];
    for (let i = 0; i <= RUNS; i++) {
      const u = pathToFileURL(join(tmp, `open-5mb-${i}.md`)).href;
      const { ms } = await client.open(u, md5);
      if (i > 0) opens.push(ms);
      await client.close(u);
    }
    row('protocol', 'didOpen → first publishDiagnostics', `runbook ${(md5.length / 1e6).toFixed(1)} MB`, summary(opens), { target: '≤ 500 ms' });
    result.open_5mb_ms = median(opens);
  } finally {
    await client.stop();
  }
}

if (!WORKSPACE_ONLY) {
  log('protocol: RSS after opening 200 runbooks');
  const server = join(root, 'dist/server.js');
  const client = await BenchClient.start(server, { today: TODAY });
  try {
    const idle = client.rssMb();
    const docs = set.slice(0, 200);
    const t0 = performance.now();
    await Promise.all(docs.map((f) => client.open(pathToFileURL(join(folder, f.name)).href, f.text)));
    const openAll = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 500));
    const rss = client.rssMb();
    const bytes = docs.reduce((s, f) => s + f.text.length, 0);
    row('protocol', 'server RSS (VmRSS)', `after opening 200 runbooks (${(bytes / 1e6).toFixed(1)} MB); idle ${idle.toFixed(0)} MB; all 200 diagnosed in ${openAll.toFixed(0)} ms`, { median: NaN, min: NaN, max: NaN, runs: 1 }, { mb: rss, target: '≤ 150 MB' });
    Object.assign(result, { rss_200_docs_mb: rss, rss_idle_mb: idle });
  } finally {
    await client.stop();
  }
}

if (!WORKSPACE_ONLY) {
  // For scale: 200 documents the size of the 100 KB runbook (distinct URIs), in a fresh server.
  const server = join(root, 'dist/server.js');
  const client = await BenchClient.start(server, { today: TODAY });
  try {
    const t0 = performance.now();
    await Promise.all(Array.from({ length: 200 }, (_, i) => client.open(pathToFileURL(join(tmp, `big/runbook-${i}.md`)).href, runbook100k)));
    const openAll = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 500));
    const rss = client.rssMb();
    row('protocol', 'server RSS (VmRSS)', `after opening 200 × the ${(runbook100k.length / 1000).toFixed(0)} KB runbook (${((200 * runbook100k.length) / 1e6).toFixed(1)} MB); all diagnosed in ${openAll.toFixed(0)} ms`, { median: NaN, min: NaN, max: NaN, runs: 1 }, { mb: rss });
    result.rss_200_docs_100k_mb = rss;
  } finally {
    await client.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// Linear time (scripts/linearity.mjs, written alongside)

const linearityPath = join(root, 'scripts/linearity.mjs');
if (!WORKSPACE_ONLY && !args.includes('--no-linearity') && existsSync(linearityPath)) {
  log('linearity (scripts/linearity.mjs)');
  const lin = await import(pathToFileURL(linearityPath).href);
  if (typeof lin.runLinearity === 'function') {
    const results = lin.runLinearity({});
    const failed = results.filter((r) => !r.pass);
    const maxRatio = Math.max(...results.map((r) => r.ratio));
    result.linearity_max_ratio = maxRatio;
    result.linearity_failed = failed.map((r) => r.name);
    result.linearity = Object.fromEntries(results.map((r) => [r.name, r.ratio]));
    rows.push({
      group: 'linearity',
      what: 't(2n) / t(n), worst shape',
      input: `${results.length} adversarial shapes; ${failed.length ? `over ${lin.MAX_RATIO ?? 2.5}: ${failed.map((r) => `${r.name} ${r.ratio}`).join('; ')}` : 'all pass'}`,
      median: NaN,
      min: NaN,
      max: NaN,
      runs: 5,
      ratioText: `${maxRatio.toFixed(2)}×`,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// The workspace index over a documentation tree (scripts/bench/workspace.mjs)

if (WITH_WORKSPACE) {
  const ws = await benchWorkspace({ root, tmp, today: TODAY, runbook: runbook100k, log });
  rows.push(...ws.rows);
  Object.assign(result, ws.result);
}

// ---------------------------------------------------------------------------------------------
// Report

const round = (x, d = 3) => (typeof x === 'number' && Number.isFinite(x) ? Number(x.toFixed(d)) : x);
for (const k of Object.keys(result)) if (typeof result[k] === 'number') result[k] = round(result[k], k.endsWith('ratio') ? 4 : 3);
const targetsMet = {};
for (const [k, t] of Object.entries(TARGETS)) targetsMet[k] = t.min !== undefined ? result[k] >= t.min : result[k] <= t.max;

const header = ['group', 'measurement', 'input', 'median ms', 'min–max ms', 'MB/s', '÷ limit', 'target'];
const table = rows.map((r) => [
  r.group,
  r.what,
  r.input,
  Number.isFinite(r.median) ? fmtMs(r.median) : r.mb !== undefined ? `${r.mb.toFixed(1)} MB` : '',
  Number.isFinite(r.min) && r.runs > 1 ? `${fmtMs(r.min)}–${fmtMs(r.max)}` : '',
  r.filesPerS !== undefined ? `${r.mbs.toFixed(1)} (${r.filesPerS.toFixed(0)} files/s)` : r.mbs !== undefined ? r.mbs.toFixed(1) : '',
  r.ratio !== undefined ? r.ratio.toFixed(3) : (r.ratioText ?? ''),
  r.target ?? '',
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => String(r[i]).length)));
const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of table) console.log(line(r));
console.log('');
const met = Object.entries(targetsMet);
console.log(`targets: ${met.map(([k, ok]) => `${k} ${ok ? 'met' : 'MISSED'} (${result[k]})`).join('; ')}`);
console.log(
  `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), node ${process.version}, load average ${loadAtStart.join(' ')} at start, ${loadAvg().join(' ')} at end; ${startedAt.toISOString()}; ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)} s`,
);
console.log(
  JSON.stringify({
    ...result,
    targets_met: targetsMet,
    runs: RUNS,
    date: startedAt.toISOString(),
    cores: os.cpus().length,
    node: process.version,
    load_start: loadAtStart,
    load_end: loadAvg(),
  }),
);
