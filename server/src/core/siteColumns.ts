// The version sites of the statements a worker's findings are about (provenance.ts), as columns,
// for moving them from the analysis worker to the server thread like the findings
// (findingColumns.ts). The worker also turns each site's offsets into a range with its own line
// index, so the server thread never builds one to publish a large document's diagnostics. On the
// 5 MB benchmark runbook, 4,025 statements have 7,888 sites: as objects, their structured clone
// cost 22–40 ms, and the server thread's line index of the 5 MB text another 8–10 ms, between
// the worker's answer and the first diagnostics (docs/performance.md).
import type { OtherFileSite, StatementSites } from './provenance';
import type { Range } from './types';
import { StringTable } from './stringTable';

/** Numbers per site in `ints`: statement index, start, end, range start line and character, range end line and character, message (index into `messages`). */
const INTS = 8;

export interface SiteColumns {
  /** The sites in this document, grouped by statement, in the order `statementSites` gave them. */
  ints: Int32Array;
  /** The distinct site messages, which `ints` refers to by index. */
  messages: string[];
  /** The statements that have a site in another file (few), with those sites. */
  elsewhere: [number, OtherFileSite[]][];
  /** Every statement sent, in order (also those without any site). */
  statements: Int32Array;
}

export function sitesToColumns(entries: readonly [number, StatementSites][], lines: { range(start: number, end: number): Range }): SiteColumns {
  let count = 0;
  for (const [, s] of entries) count += s.here.length;
  const ints = new Int32Array(count * INTS);
  const statements = new Int32Array(entries.length);
  const messages = new StringTable();
  const elsewhere: [number, OtherFileSite[]][] = [];
  let o = 0;
  for (let e = 0; e < entries.length; e++) {
    const [index, sites] = entries[e];
    statements[e] = index;
    if (sites.elsewhere.length > 0) elsewhere.push([index, sites.elsewhere]);
    for (const site of sites.here) {
      const range = lines.range(site.start, site.end);
      ints[o] = index;
      ints[o + 1] = site.start;
      ints[o + 2] = site.end;
      ints[o + 3] = range.start.line;
      ints[o + 4] = range.start.character;
      ints[o + 5] = range.end.line;
      ints[o + 6] = range.end.character;
      ints[o + 7] = messages.index(site.message);
      o += INTS;
    }
  }
  return { ints, messages: messages.strings, elsewhere, statements };
}

/**
 * The sites of the statements sent, by statement index, each built when first asked for
 * (diagnostics are capped, so most of a large document's are never read). Each site in this
 * document carries its `range`.
 */
export class SiteTable {
  readonly #c: SiteColumns;
  /** Statement index → [first row, end row) in `ints`. */
  readonly #rows = new Map<number, [number, number]>();
  readonly #elsewhere: Map<number, OtherFileSite[]>;
  readonly #built = new Map<number, StatementSites>();

  constructor(c: SiteColumns) {
    this.#c = c;
    this.#elsewhere = new Map(c.elsewhere);
    for (const index of c.statements) this.#rows.set(index, [0, 0]);
    const rows = c.ints.length / INTS;
    for (let r = 0; r < rows; ) {
      const index = c.ints[r * INTS];
      let end = r + 1;
      while (end < rows && c.ints[end * INTS] === index) end++;
      this.#rows.set(index, [r, end]);
      r = end;
    }
  }

  get(index: number): StatementSites | undefined {
    const built = this.#built.get(index);
    if (built) return built;
    const rows = this.#rows.get(index);
    if (!rows) return undefined;
    const { ints, messages } = this.#c;
    const here: StatementSites['here'] = [];
    for (let r = rows[0]; r < rows[1]; r++) {
      const o = r * INTS;
      here.push({
        start: ints[o + 1],
        end: ints[o + 2],
        message: messages[ints[o + 7]],
        range: { start: { line: ints[o + 3], character: ints[o + 4] }, end: { line: ints[o + 5], character: ints[o + 6] } },
      });
    }
    const sites: StatementSites = { here, elsewhere: this.#elsewhere.get(index) ?? [] };
    this.#built.set(index, sites);
    return sites;
  }
}
