#!/usr/bin/env node
// Long fuzz runs: `npm run fuzz -- --runs 100000 [--seed N] [--workers W] [--hang-ms 2000]`.
//
// Runs the properties of test/fuzz/properties.ts (compiled to out/ by `npm run build`) on
// random, mutated and noise documents from test/fuzz/arbitraries.ts: the core never throws,
// ranges lie inside the document, identical input gives identical findings; and, on every
// fourth index, the insertion property on a structured document.
//
// Document i is generated from (seed, i) alone, so `--seed N --only i` reproduces it.
// Workers run in worker threads; the main thread watches them, so an analysis that never
// returns is caught too (a "hang": one analysis over --hang-ms, or a worker silent for
// --stall-ms). Every failure is saved to out/fuzz-failures/ (or --out DIR) with its seed, index and a shrunk
// copy of the text. Exit status 1 on any failure.
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function load() {
  const fc = require('fast-check');
  const arb = require(join(root, 'out/test/fuzz/arbitraries.js'));
  const props = require(join(root, 'out/test/fuzz/properties.js'));
  return { fc, arb, props };
}

/** Seed of document `i`: a 32-bit mix of the run seed and the index. */
function docSeed(seed, i) {
  let h = (seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) | 0;
}

/** The document (and settings) of index `i`, and for every fourth index an insertion case. */
function generate(lib, seed, i) {
  const { fc, arb } = lib;
  const s = docSeed(seed, i);
  const [doc, settings] = fc.sample(fc.tuple(arb.anyDoc, fc.option(arb.fuzzSettings, { freq: 3 })), { seed: s, numRuns: 1 })[0];
  let insertion;
  if (i % 4 === 0) {
    const [sdoc, slot, pick, words] = fc.sample(fc.tuple(arb.structuredDoc, fc.nat(), fc.nat(), arb.plainWords), { seed: s ^ 0x5bd1e995, numRuns: 1 })[0];
    insertion = { doc: sdoc, slot, pick, words };
  }
  // Every eighth index also matches a hostile .gitignore (many wildcards) against a long path.
  const gitignore = i % 8 === 3 ? fc.sample(arb.gitignoreCase, { seed: s ^ 0x2545f491, numRuns: 1 })[0] : undefined;
  return { doc, settings: settings ?? lib.props.DEFAULT_SETTINGS, insertion, gitignore };
}

// ---------------------------------------------------------------------------------------------
// Worker: runs its share of the indexes, reporting progress through shared memory.

function workerMain() {
  const lib = load();
  const { seed, runs, stride, offset, hangMs, progress } = workerData;
  // [current index, start time of its analysis, documents done, insertion checks done, slowest ms]
  const slot = new Float64Array(progress);
  let slowest = 0;
  let documents = 0;
  let insertions = 0;
  for (let i = offset; i < runs; i += stride) {
    slot[0] = i;
    slot[1] = Date.now();
    const { doc, settings, insertion, gitignore } = generate(lib, seed, i);
    if (gitignore) {
      const g0 = performance.now();
      let detail = lib.props.gitignoreProblem(gitignore.patterns, gitignore.path, gitignore.isDir);
      const gms = performance.now() - g0;
      if (!detail && gms > hangMs) detail = `matching took ${gms.toFixed(0)} ms (limit ${hangMs} ms)`;
      if (detail) parentPort.postMessage({ type: 'failure', index: i, problem: { kind: 'gitignore', detail }, lang: 'sql', text: `${gitignore.patterns}\n--- path: ${gitignore.path}${gitignore.isDir ? '/' : ''}`, settings });
    }
    const t0 = performance.now();
    let problem = lib.props.checkDocument(doc.text, doc.lang, settings);
    const ms = (performance.now() - t0) / 2; // checkDocument analyses twice
    documents++;
    slot[2] = documents;
    if (ms > slowest) slot[4] = slowest = ms;
    if (!problem && ms > hangMs) problem = { kind: 'hang', detail: `one analysis took ${ms.toFixed(0)} ms (limit ${hangMs} ms)` };
    if (problem) parentPort.postMessage({ type: 'failure', index: i, problem, lang: doc.lang, text: doc.text, settings });
    if (insertion) {
      slot[3] = ++insertions;
      let detail;
      try {
        detail = lib.props.insertionProblem(insertion.doc, insertion.slot, insertion.pick, insertion.words);
      } catch (e) {
        detail = `threw: ${e instanceof Error ? e.stack : String(e)}`;
      }
      if (detail) {
        parentPort.postMessage({
          type: 'failure',
          index: i,
          problem: { kind: 'insertion', detail },
          lang: insertion.doc.lang,
          text: insertion.doc.text,
          insertion: { slots: insertion.doc.slots, slot: insertion.slot, pick: insertion.pick, words: insertion.words },
        });
      }
    }
  }
  parentPort.postMessage({ type: 'done' });
}

// ---------------------------------------------------------------------------------------------
// Main: argument parsing, workers, watchdog, report.

function parseArgs(argv) {
  const opts = { runs: 10000, seed: undefined, workers: Math.max(1, Math.min(2, availableParallelism())), hangMs: 2000, stallMs: 20000, out: join(root, 'out', 'fuzz-failures'), only: undefined, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [name, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i];
    switch (name) {
      case '--runs': opts.runs = Number(value()); break;
      case '--seed': opts.seed = Number(value()); break;
      case '--workers': opts.workers = Number(value()); break;
      case '--hang-ms': opts.hangMs = Number(value()); break;
      case '--stall-ms': opts.stallMs = Number(value()); break;
      case '--out': opts.out = value(); break;
      case '--only': opts.only = Number(value()); break;
      case '--quiet': opts.quiet = true; break;
      case '--help':
      case '-h':
        console.log('usage: npm run fuzz -- [--runs N] [--seed N] [--workers W] [--hang-ms MS] [--stall-ms MS] [--out DIR] [--only INDEX]');
        process.exit(0);
      default:
        console.error(`fuzz: unknown argument ${a}`);
        process.exit(2);
    }
  }
  for (const k of ['runs', 'workers', 'hangMs', 'stallMs']) {
    if (!Number.isInteger(opts[k]) || opts[k] <= 0) {
      console.error(`fuzz: --${k} must be a positive integer`);
      process.exit(2);
    }
  }
  if (opts.seed === undefined) opts.seed = (Date.now() ^ Math.floor(Math.random() * 0x7fffffff)) | 0;
  if (!Number.isInteger(opts.seed)) {
    console.error('fuzz: --seed must be an integer');
    process.exit(2);
  }
  return opts;
}

/** Greedy delta debugging: drop chunks of the text while `stillFails` holds, within a time budget. */
function shrink(text, stillFails, budgetMs = 30000) {
  const deadline = Date.now() + budgetMs;
  let cur = text;
  for (let chunk = Math.max(1, Math.floor(cur.length / 2)); chunk >= 1 && Date.now() < deadline; chunk = Math.floor(chunk / 2)) {
    for (let at = 0; at < cur.length && Date.now() < deadline; ) {
      const candidate = cur.slice(0, at) + cur.slice(at + chunk);
      if (candidate !== cur && stillFails(candidate)) cur = candidate;
      else at += chunk;
    }
  }
  return cur;
}

function saveFailure(lib, opts, f) {
  mkdirSync(opts.out, { recursive: true });
  const file = join(opts.out, `seed${opts.seed}-doc${f.index}-${f.problem.kind}.json`);
  let shrunk;
  if (f.problem.kind !== 'insertion' && f.problem.kind !== 'hang' && f.text !== undefined) {
    const kind = f.problem.kind;
    const fails = (t) => {
      try {
        const p = lib.props.checkDocument(t, f.lang, f.settings);
        return p !== undefined && p.kind === kind;
      } catch {
        return false;
      }
    };
    shrunk = shrink(f.text, fails);
  }
  const record = {
    seed: opts.seed,
    index: f.index,
    reproduce: `npm run fuzz -- --seed ${opts.seed} --only ${f.index}`,
    kind: f.problem.kind,
    detail: f.problem.detail,
    lang: f.lang,
    settings: f.settings,
    insertion: f.insertion,
    text: f.text,
    shrunk,
  };
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  return file;
}

/** Runs the fuzzer; resolves with the summary (also used by other scripts). */
export async function runFuzz(opts) {
  const lib = load();
  const started = Date.now();
  const log = opts.quiet ? () => undefined : (m) => console.log(m);
  log(`fuzz: seed ${opts.seed}, ${opts.runs} documents, ${opts.workers} worker(s), hang limit ${opts.hangMs} ms`);
  const counts = { documents: 0, insertionChecks: 0, crash: 0, range: 0, nondeterministic: 0, insertion: 0, hang: 0 };
  const files = [];
  let slowest = 0;
  const record = (f) => {
    counts[f.problem.kind] = (counts[f.problem.kind] ?? 0) + 1;
    const file = saveFailure(lib, opts, f);
    files.push(file);
    console.error(`fuzz: ${f.problem.kind} on document ${f.index} (saved to ${relative(process.cwd(), file)})\n  ${String(f.problem.detail).split('\n').slice(0, 4).join('\n  ')}`);
  };

  const runRange = (offset, stride) =>
    new Promise((resolve) => {
      const progress = new SharedArrayBuffer(5 * 8);
      const slot = new Float64Array(progress);
      /** Adds up what the worker did (read from shared memory, so a stopped worker's count is kept). */
      const collect = (extraDocuments) => {
        counts.documents += slot[2] + extraDocuments;
        counts.insertionChecks += slot[3];
        slowest = Math.max(slowest, slot[4]);
      };
      const spawn = (from) => {
        slot.fill(0);
        slot[0] = -1;
        const worker = new Worker(fileURLToPath(import.meta.url), {
          workerData: { seed: opts.seed, runs: opts.runs, stride, offset: from, hangMs: opts.hangMs, progress },
        });
        let finished = false;
        const watchdog = setInterval(() => {
          const i = slot[0];
          if (i >= 0 && Date.now() - slot[1] > opts.stallMs) {
            // The analysis of document i never returned: a hang. Record it and go on after it.
            finished = true;
            clearInterval(watchdog);
            void worker.terminate();
            const { doc, settings } = generate(lib, opts.seed, i);
            record({ index: i, problem: { kind: 'hang', detail: `no result after ${opts.stallMs} ms (worker stopped)` }, lang: doc.lang, text: doc.text, settings });
            // Document i counts once, whether or not its analysis finished just before the stop.
            collect(i > from + (slot[2] - 1) * stride ? 1 : 0);
            if (i + stride < opts.runs) spawn(i + stride);
            else resolve();
          }
        }, 250);
        worker.on('message', (m) => {
          if (m.type === 'failure') record(m);
          else if (m.type === 'done') {
            finished = true;
            clearInterval(watchdog);
            collect(0);
            resolve();
          }
        });
        worker.on('error', (e) => {
          if (finished) return;
          finished = true;
          clearInterval(watchdog);
          const i = slot[0];
          const { doc, settings } = generate(lib, opts.seed, i);
          record({ index: i, problem: { kind: 'crash', detail: `worker died: ${e instanceof Error ? e.stack : String(e)}` }, lang: doc.lang, text: doc.text, settings });
          collect(i > from + (slot[2] - 1) * stride ? 1 : 0);
          if (i + stride < opts.runs) spawn(i + stride);
          else resolve();
        });
      };
      spawn(offset);
    });

  let lastReport = Date.now();
  const ticker = opts.quiet
    ? undefined
    : setInterval(() => {
        if (Date.now() - lastReport >= 10000) {
          lastReport = Date.now();
          log(`fuzz: … ${((Date.now() - started) / 1000).toFixed(0)} s`);
        }
      }, 1000);
  await Promise.all(Array.from({ length: opts.workers }, (_, w) => runRange(w, opts.workers)));
  if (ticker) clearInterval(ticker);

  const seconds = (Date.now() - started) / 1000;
  const failures = counts.crash + counts.range + counts.nondeterministic + counts.insertion + counts.hang;
  const summary = { seed: opts.seed, ...counts, failures, slowestMs: Math.round(slowest), seconds: Math.round(seconds * 10) / 10, files };
  log(
    [
      `fuzz: seed ${opts.seed}`,
      `  documents run:        ${counts.documents} (+ ${counts.insertionChecks} insertion checks)`,
      `  crashes:              ${counts.crash}`,
      `  hangs (> ${opts.hangMs} ms):     ${counts.hang}`,
      `  range violations:     ${counts.range}`,
      `  nondeterministic:     ${counts.nondeterministic}`,
      `  insertion changes:    ${counts.insertion}`,
      `  slowest analysis:     ${summary.slowestMs} ms`,
      `  time:                 ${summary.seconds} s`,
      failures === 0 ? 'fuzz: OK' : `fuzz: ${failures} failure(s); counterexamples in ${relative(process.cwd(), opts.out) || '.'}`,
    ].join('\n'),
  );
  return summary;
}

/** Reproduces one document: prints it and the outcome of each property. */
function reproduce(opts) {
  const lib = load();
  const { doc, settings, insertion } = generate(lib, opts.seed, opts.only);
  console.log(`fuzz: seed ${opts.seed}, document ${opts.only} (${doc.lang}, ${doc.text.length} chars), settings ${JSON.stringify(settings)}`);
  console.log(JSON.stringify(doc.text));
  const t0 = performance.now();
  const problem = lib.props.checkDocument(doc.text, doc.lang, settings);
  console.log(`checkDocument: ${problem ? `${problem.kind}: ${problem.detail}` : 'ok'} (${((performance.now() - t0) / 2).toFixed(1)} ms per analysis)`);
  let detail;
  if (insertion) {
    detail = lib.props.insertionProblem(insertion.doc, insertion.slot, insertion.pick, insertion.words);
    console.log(`insertion: ${detail ?? 'ok'}`);
  }
  return problem || detail ? 1 : 0;
}

if (!isMainThread) {
  workerMain();
} else if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.only !== undefined) process.exit(reproduce(opts));
  const summary = await runFuzz(opts);
  process.exit(summary.failures === 0 ? 0 : 1);
}
