// Timing helpers for the benchmark: medians of repeated runs after warm-up, with min and max.
import v8 from 'node:v8';
import vm from 'node:vm';

// A full collection before each timed run is possible (setForcedGc(true)) but off by default:
// V8 runs slower right after a forced full GC, and the server never forces one either.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? NaN : n % 2 === 1 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[rank - 1];
}

export function summary(xs) {
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), runs: xs.length };
}

/** Milliseconds of one call of `fn`, after a full GC. */
export function timeOnce(fn) {
  if (forceGc) gc();
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/**
 * Times several jobs over the same number of runs, interleaved (job A, job B, job A, …) so a
 * busy phase of the machine hits all of them alike. Returns one summary per job name.
 */
export function timeInterleaved(jobs, { warmup = 2, runs = 5 } = {}) {
  const names = Object.keys(jobs);
  for (let i = 0; i < warmup; i++) for (const n of names) jobs[n]();
  const times = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < runs; i++) for (const n of names) times[n].push(timeOnce(jobs[n]));
  return Object.fromEntries(names.map((n) => [n, summary(times[n])]));
}

/** The limit: what one pass of `charCodeAt` over the text costs (the result is used, so the loop stays). */
export function charCodeAtLoop(text) {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h + text.charCodeAt(i)) | 0;
  return h;
}

/** MB/s for `chars` characters (1 MB = 10^6; the inputs are ASCII, so characters = bytes) in `ms`. */
export function mbPerS(chars, ms) {
  return chars / 1e6 / (ms / 1000);
}

let forceGc = false;
export function setForcedGc(on) {
  forceGc = on;
}
