// Distinct strings, each kept once and referred to by index: how the column forms of findings,
// sites and collection facts (findingColumns.ts, siteColumns.ts, workspace/factColumns.ts) send
// their few distinct rule ids, messages and collection keys from the analysis worker.
export class StringTable {
  /** The strings in the order first seen; an index refers to this array. */
  readonly strings: string[] = [];
  readonly #indexes = new Map<string, number>();

  /** The index of `s`, added if new. */
  index(s: string): number {
    let i = this.#indexes.get(s);
    if (i === undefined) this.#indexes.set(s, (i = this.strings.push(s) - 1));
    return i;
  }
}
