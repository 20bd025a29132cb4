// Did-you-mean suggestions for misspelt directive keys and rule ids.

/** Levenshtein distance, small strings only. */
export function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/**
 * The candidate closest to `word`, when it is close enough to be a typo: within a third of
 * the candidate's length, or `word` is a prefix/suffix of it (`target` → `target-version`).
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  if (best === undefined || word.length === 0) return undefined;
  if (bestD <= Math.max(2, Math.floor(best.length / 3))) return best;
  const partial = candidates.filter((c) => word.length >= 4 && (c.startsWith(word) || c.endsWith(word)));
  return partial.length === 1 ? partial[0] : undefined;
}
