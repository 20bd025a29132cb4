// `.gitignore` patterns, matched in time linear in the path for any pattern. Regular-expression
// matchers (the `ignore` and `picomatch` packages compile globs to JavaScript regexes) backtrack
// on patterns with many wildcards: `*a*a*a*a*a*a*a*b` against a long name took minutes. Here a
// pattern is compiled into a short list of steps and run as a set of states advanced one
// character at a time (each character costs at most one visit per step), so a path of n
// characters costs O(n × pattern length) whatever the pattern.
//
// The syntax is git's (gitignore(5)): `#` comments, trailing spaces dropped unless escaped, `!`
// re-includes, a trailing `/` matches directories only, a `/` at the start or in the middle
// anchors the pattern to the .gitignore's folder (otherwise it matches at any depth), `*` `?`
// and `[…]` do not match `/`, `**/` matches any number of folders, a trailing `/**` everything
// inside. The last matching line wins. Matching ignores case, as the walker always has.

/** One step of a compiled pattern. */
type Step =
  | { kind: 'char'; c: number }
  /** `?`: any character but `/`. */
  | { kind: 'one' }
  /** `[…]`: ranges of character codes, negated with `!` or `^`. */
  | { kind: 'class'; ranges: number[]; negated: boolean }
  // `*`: any run of characters but `/`.
  | { kind: 'star' }
  // `**` then `/`: nothing, or any run of characters ending with `/` (zero or more folders).
  | { kind: 'folders' }
  // A trailing `/**`: one or more characters of any kind.
  | { kind: 'rest' };

export interface GitignoreRule {
  /** 1-based line in the file. */
  line: number;
  negated: boolean;
  dirOnly: boolean;
  steps: Step[];
}

export interface CompiledGitignore {
  rules: GitignoreRule[];
  /** Lines that were not used, each naming its line number and why. */
  warnings: string[];
}

/** Longer pattern lines are skipped (with a warning): matching costs path length × pattern length. */
export const MAX_PATTERN_CHARS = 1000;
/** Patterns past this many are skipped (with one warning). */
export const MAX_PATTERNS = 10000;

const SLASH = 47;

export function compileGitignore(text: string, source = '.gitignore'): CompiledGitignore {
  const rules: GitignoreRule[] = [];
  const warnings: string[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    if (raw === '' || raw.startsWith('#')) continue;
    if (raw.length > MAX_PATTERN_CHARS) {
      warnings.push(`${source}:${i + 1}: pattern skipped: longer than ${MAX_PATTERN_CHARS} characters`);
      continue;
    }
    if (rules.length >= MAX_PATTERNS) {
      warnings.push(`${source}:${i + 1}: this and later patterns skipped: more than ${MAX_PATTERNS} patterns`);
      break;
    }
    const rule = compileLine(raw, i + 1);
    if (rule) rules.push(rule);
  }
  return { rules, warnings };
}

function compileLine(raw: string, line: number): GitignoreRule | undefined {
  let p = trimTrailingSpaces(raw);
  let negated = false;
  if (p.startsWith('!')) {
    negated = true;
    p = p.slice(1);
  }
  if (p === '') return undefined;
  let dirOnly = false;
  if (p.endsWith('/') && !p.endsWith('\\/')) {
    dirOnly = true;
    p = p.replace(/\/+$/, '');
    if (p === '') return undefined;
  }
  // A slash at the start or in the middle anchors the pattern; otherwise it matches at any depth.
  const anchored = p.includes('/');
  if (p.startsWith('/')) p = p.slice(1);
  const steps: Step[] = [];
  if (!anchored && !p.startsWith('**')) steps.push({ kind: 'folders' });
  const lower = p.toLowerCase();
  let i = 0;
  while (i < lower.length) {
    const c = lower.charCodeAt(i);
    const atSegmentStart = i === 0 || lower.charCodeAt(i - 1) === SLASH;
    if (c === 42 /* * */) {
      let j = i;
      while (lower.charCodeAt(j) === 42) j++;
      const run = j - i;
      const atSegmentEnd = j === lower.length || lower.charCodeAt(j) === SLASH;
      if (run >= 2 && atSegmentStart && atSegmentEnd) {
        if (j === lower.length) {
          // `**` alone matches everything; a trailing `/**` everything inside (the `/` is already a step).
          steps.push({ kind: 'rest' });
          i = j;
        } else {
          // `**/`: zero or more folders.
          steps.push({ kind: 'folders' });
          i = j + 1;
        }
        continue;
      }
      steps.push({ kind: 'star' });
      i = j;
      continue;
    }
    if (c === 63 /* ? */) {
      steps.push({ kind: 'one' });
      i++;
      continue;
    }
    if (c === 91 /* [ */) {
      const cls = parseClass(lower, i);
      if (cls) {
        steps.push(cls.step);
        i = cls.end;
        continue;
      }
      steps.push({ kind: 'char', c });
      i++;
      continue;
    }
    if (c === 92 /* \ */ && i + 1 < lower.length) {
      steps.push({ kind: 'char', c: lower.charCodeAt(i + 1) });
      i += 2;
      continue;
    }
    steps.push({ kind: 'char', c });
    i++;
  }
  return { line, negated, dirOnly, steps: collapse(steps) };
}

// Adjacent `*` steps are one, and so are adjacent folder steps (fewer states, same language).
function collapse(steps: Step[]): Step[] {
  const out: Step[] = [];
  for (const s of steps) {
    const prev = out[out.length - 1];
    if (prev && prev.kind === s.kind && (s.kind === 'star' || s.kind === 'folders')) continue;
    out.push(s);
  }
  return out;
}

/** Git drops trailing spaces unless the last one is escaped with a backslash. */
function trimTrailingSpaces(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 32) {
    if (end >= 2 && s.charCodeAt(end - 2) === 92) break;
    end--;
  }
  return s.slice(0, end);
}

/** `[…]` starting at `start`, or undefined when it never closes (then `[` is literal). */
function parseClass(p: string, start: number): { step: Step; end: number } | undefined {
  let i = start + 1;
  let negated = false;
  if (p[i] === '!' || p[i] === '^') {
    negated = true;
    i++;
  }
  const ranges: number[] = [];
  let first = true;
  while (i < p.length) {
    let c = p.charCodeAt(i);
    if (c === 93 /* ] */ && !first) return { step: { kind: 'class', ranges, negated }, end: i + 1 };
    first = false;
    if (c === SLASH) return undefined; // a class never spans a path separator
    if (c === 92 && i + 1 < p.length) c = p.charCodeAt(++i);
    let hi = c;
    if (p[i + 1] === '-' && i + 2 < p.length && p[i + 2] !== ']') {
      hi = p.charCodeAt(i + 2);
      if (hi === 92 && i + 3 < p.length) {
        hi = p.charCodeAt(i + 3);
        i++;
      }
      i += 2;
    }
    ranges.push(Math.min(c, hi), Math.max(c, hi));
    i++;
  }
  return undefined;
}

function inClass(step: { ranges: number[]; negated: boolean }, c: number): boolean {
  let hit = false;
  for (let k = 0; k < step.ranges.length; k += 2) {
    if (c >= step.ranges[k] && c <= step.ranges[k + 1]) {
      hit = true;
      break;
    }
  }
  return hit !== step.negated;
}

/**
 * Whether `steps` match the whole of `path` (lower-cased, `/`-separated). States are step
 * indexes; `cur` holds those reached after the characters read so far, and `curIn` the folder
 * steps that have read characters but not yet the `/` that ends them. Each character visits
 * each state at most once, so the cost is O(path length × steps).
 */
export function matchSteps(steps: readonly Step[], path: string): boolean {
  const m = steps.length;
  let cur = new Uint8Array(m + 1);
  let next = new Uint8Array(m + 1);
  let curIn = new Uint8Array(m + 1);
  let nextIn = new Uint8Array(m + 1);
  // A state at a star or folder step may move on without a character (they can match nothing).
  const close = (set: Uint8Array) => {
    for (let k = 0; k < m; k++) {
      if (set[k] && (steps[k].kind === 'star' || steps[k].kind === 'folders')) set[k + 1] = 1;
    }
  };
  cur[0] = 1;
  close(cur);
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    next.fill(0);
    nextIn.fill(0);
    let any = false;
    for (let k = 0; k < m; k++) {
      const s = steps[k];
      if (s.kind === 'folders' && (cur[k] || curIn[k])) {
        // Inside the folders: any character keeps it there; a `/` may also end it.
        nextIn[k] = 1;
        if (c === SLASH) next[k + 1] = 1;
        any = true;
        continue;
      }
      if (!cur[k]) continue;
      switch (s.kind) {
        case 'char':
          if (s.c === c) next[k + 1] = 1;
          break;
        case 'one':
          if (c !== SLASH) next[k + 1] = 1;
          break;
        case 'class':
          if (c !== SLASH && inClass(s, c)) next[k + 1] = 1;
          break;
        case 'star':
          if (c !== SLASH) next[k] = 1;
          break;
        case 'rest':
          next[k] = 1;
          next[k + 1] = 1;
          break;
      }
    }
    for (let k = 0; k <= m && !any; k++) if (next[k]) any = true;
    if (!any) return false;
    close(next);
    [cur, next] = [next, cur];
    [curIn, nextIn] = [nextIn, curIn];
  }
  return cur[m] === 1;
}

/**
 * The verdict of one .gitignore for `rel` (relative to its folder, `/`-separated, no trailing
 * slash): true ignored, false re-included by a `!` line, undefined no line matches.
 */
export function gitignoreVerdict(compiled: CompiledGitignore, rel: string, isDir: boolean): boolean | undefined {
  const path = rel.toLowerCase();
  for (let r = compiled.rules.length - 1; r >= 0; r--) {
    const rule = compiled.rules[r];
    if (rule.dirOnly && !isDir) continue;
    if (matchSteps(rule.steps, path)) return !rule.negated;
  }
  return undefined;
}
