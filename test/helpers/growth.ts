// Time bounds that hold on a loaded machine: instead of a fixed number of milliseconds, how the
// time of a run grows when its input grows `factor` times (linear: about `factor`; quadratic:
// about factor²). The same method as scripts/linearity.mjs: best of several runs of each size,
// interleaved so a slow phase of the machine hits both, measured again while over the limit (a
// super-linear step fails every attempt, noise does not).

export interface Growth {
  /** Best time at n and at factor·n, in ms. */
  small: number;
  big: number;
  /** big / max(small, floorMs). */
  ratio: number;
}

export interface GrowthOptions {
  /** How many times bigger the second input is (default 4). */
  factor?: number;
  /** Runs of each size per attempt (default 3). */
  reps?: number;
  /** The ratio above which the run is measured again (up to 3 attempts in all). */
  limit: number;
  /** The small time counts as at least this (timer resolution on tiny runs; default 5 ms). */
  floorMs?: number;
}

/** Measures `run(n)` against `run(factor·n)`; `run` builds its own input (not timed when `prepare` is given). */
export function growth<T>(prepare: (n: number) => T, run: (input: T) => void, n: number, opts: GrowthOptions): Growth {
  const factor = opts.factor ?? 4;
  const reps = opts.reps ?? 3;
  const floor = opts.floorMs ?? 5;
  const a = prepare(n);
  const b = prepare(factor * n);
  run(a); // warm-up: compile the code paths before timing
  let small = Infinity;
  let big = Infinity;
  for (let attempt = 0; attempt < 3 && (attempt === 0 || big / Math.max(small, floor) > opts.limit); attempt++) {
    for (let i = 0; i < reps; i++) {
      small = Math.min(small, timed(run, a));
      big = Math.min(big, timed(run, b));
    }
  }
  return { small, big, ratio: big / Math.max(small, floor) };
}

/** `8000 → 32000: 40 ms → 170 ms (4.3×)` for assertion messages. */
export function describeGrowth(g: Growth, n: number, factor = 4): string {
  return `${n} → ${factor * n}: ${g.small.toFixed(1)} ms → ${g.big.toFixed(1)} ms (${g.ratio.toFixed(1)}×)`;
}

function timed<T>(run: (input: T) => void, input: T): number {
  const t0 = performance.now();
  run(input);
  return performance.now() - t0;
}
