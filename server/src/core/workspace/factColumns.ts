// A file's collection facts as columns, for moving them from the analysis worker to the server
// thread (analysisWorker.ts, lsp/backgroundAnalyzer.ts), as findingColumns.ts does for findings:
// every number in one Int32Array, every distinct string once. The 5 MB benchmark runbook has
// 7,875 collection uses naming 251 collections: as objects, their structured clone cost the
// worker about 15 ms and the server thread about 30–60 ms to read back, just after the first
// diagnostics of the document, while the next request waited (docs/performance.md).
import type { CollectionRole, CollectionUse, FileFacts } from './fileFacts';
import { NO_FACTS } from './fileFacts';
import { StringTable } from '../stringTable';

/** Numbers per use in `ints`: key, display (indexes into `strings`), role and flags, line, range start line and character, range end line and character, version and target (indexes; -1: none). */
const INTS = 10;

const ROLES: readonly CollectionRole[] = ['backup', 'schedule', 'restore', 'show'];
/** Set in the role column when the use has `explicitSubdir: true`. */
const EXPLICIT_SUBDIR = 8;

export interface FactColumns {
  ints: Int32Array;
  /** The distinct keys, display forms and versions, which `ints` refers to by index. */
  strings: string[];
}

export function factsToColumns(facts: FileFacts): FactColumns {
  const { uses } = facts;
  const ints = new Int32Array(uses.length * INTS);
  const table = new StringTable();
  const index = (s: string | undefined) => (s === undefined ? -1 : table.index(s));
  for (let i = 0; i < uses.length; i++) {
    const u = uses[i];
    const o = i * INTS;
    ints[o] = index(u.key);
    ints[o + 1] = index(u.display);
    ints[o + 2] = ROLES.indexOf(u.role) | (u.explicitSubdir ? EXPLICIT_SUBDIR : 0);
    ints[o + 3] = u.line;
    ints[o + 4] = u.range.start.line;
    ints[o + 5] = u.range.start.character;
    ints[o + 6] = u.range.end.line;
    ints[o + 7] = u.range.end.character;
    ints[o + 8] = index(u.version);
    ints[o + 9] = index(u.target);
  }
  return { ints, strings: table.strings };
}

/** The facts `factsToColumns` was given, with the same members (an absent optional stays absent). */
export function factsFromColumns(c: FactColumns): FileFacts {
  const { ints, strings } = c;
  const count = ints.length / INTS;
  if (count === 0) return NO_FACTS;
  const uses = new Array<CollectionUse>(count);
  for (let i = 0; i < count; i++) {
    const o = i * INTS;
    const role = ints[o + 2];
    const use: CollectionUse = {
      key: strings[ints[o]],
      display: strings[ints[o + 1]],
      role: ROLES[role & (EXPLICIT_SUBDIR - 1)],
      line: ints[o + 3],
      range: { start: { line: ints[o + 4], character: ints[o + 5] }, end: { line: ints[o + 6], character: ints[o + 7] } },
    };
    if (ints[o + 8] >= 0) use.version = strings[ints[o + 8]];
    if (ints[o + 9] >= 0) use.target = strings[ints[o + 9]];
    if (role & EXPLICIT_SUBDIR) use.explicitSubdir = true;
    uses[i] = use;
  }
  return { uses };
}
