// Findings as columns, for moving them from the analysis worker to the server thread
// (analysisWorker.ts, lsp/backgroundAnalyzer.ts): every number in one Int32Array (moved, not
// copied), the messages in one array of strings, and the few distinct rule ids, severities and
// docs paths once each. The 5 MB benchmark runbook has 5,470 findings: as objects, their
// structured clone took about 100 ms to read back on the server thread, which answers nothing
// meanwhile (docs/performance.md).
import type { Finding } from './analysisTypes';
import { StringTable } from './stringTable';

/** Numbers per finding in `ints`: start, end, range start line and character, range end line and character, rule, severity and docs path (indexes into `names`), statement (-1: none). */
const INTS = 10;

export type SentFinding = Omit<Finding, 'fixes'>;

export interface FindingColumns {
  ints: Int32Array;
  messages: string[];
  /** The distinct rule ids, severities and docs paths, which `ints` refers to by index. */
  names: string[];
}

export function toColumns(findings: readonly SentFinding[]): FindingColumns {
  const ints = new Int32Array(findings.length * INTS);
  const messages = new Array<string>(findings.length);
  const names = new StringTable();
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    const o = i * INTS;
    ints[o] = f.start;
    ints[o + 1] = f.end;
    ints[o + 2] = f.range.start.line;
    ints[o + 3] = f.range.start.character;
    ints[o + 4] = f.range.end.line;
    ints[o + 5] = f.range.end.character;
    ints[o + 6] = names.index(f.rule);
    ints[o + 7] = names.index(f.severity);
    ints[o + 8] = names.index(f.docsPath);
    ints[o + 9] = f.statement ?? -1;
    messages[i] = f.message;
  }
  return { ints, messages, names: names.strings };
}

export function fromColumns(c: FindingColumns): SentFinding[] {
  const out = new Array<SentFinding>(c.messages.length);
  const { ints, names } = c;
  for (let i = 0; i < out.length; i++) {
    const o = i * INTS;
    const statement = ints[o + 9];
    out[i] = {
      rule: names[ints[o + 6]] as Finding['rule'],
      severity: names[ints[o + 7]] as Finding['severity'],
      message: c.messages[i],
      range: { start: { line: ints[o + 2], character: ints[o + 3] }, end: { line: ints[o + 4], character: ints[o + 5] } },
      start: ints[o],
      end: ints[o + 1],
      docsPath: names[ints[o + 8]],
      statement: statement < 0 ? undefined : statement,
    };
  }
  return out;
}
