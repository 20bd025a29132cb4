// The analysis worker thread: analyses one large document at a time for the language server,
// off the thread that answers requests, so typing in a large runbook never waits for its
// analysis. It runs only this file (bundled as dist/analysisWorker.js next to dist/server.js)
// and the pure analysis core: no I/O, no network, nothing from the workspace but the text it
// is sent.
import { serialize } from 'v8';
import { parentPort } from 'worker_threads';
import type { Analysis, Finding, VersionFact } from './core/analysisTypes';
import { analyzeDocument } from './core/analyze';
import { LineIndex } from './core/lineIndex';
import { statementSites, type StatementSites } from './core/provenance';
import { fileFactsOf, type FileFacts } from './core/workspace/fileFacts';
import { analyzeOptions, type Settings } from './core/settings';

export interface WorkerRequest {
  id: number;
  text: string;
  settings: Settings;
  languageId: 'sql' | 'markdown';
  /** Answers of the other-files lookup (workspace index), by `${explicitSubdir}:${key}`; a key not here has none. */
  lookups?: [string, VersionFact][];
}

export interface WorkerResponse {
  id: number;
  /** What publishing diagnostics needs at once: the findings, without their fixes. */
  analysis?: Pick<Analysis, 'findings' | 'notes'>;
  /** By statement index, for the statements a finding is about: where their versions came from (relatedInformation). */
  sites?: (StatementSites | undefined)[];
  /** The document's collection facts (the workspace index), with ranges in the analysed text. */
  facts?: FileFacts;
  /**
   * The rest, as one `v8.serialize` buffer of `WorkerRest`, read back on the server thread only
   * when a feature first asks for it (lsp/backgroundAnalyzer.ts). On the 5 MB runbook the
   * statements, fixes, directives and regions are nine tenths of the analysis's bytes, and their
   * structured clone took most of the time from the end of the analysis to the first diagnostics.
   */
  rest?: Uint8Array;
  /** The lookup keys the analysis asked for, as `${explicitSubdir}:${key}`. */
  asked?: string[];
  error?: string;
}

/** What `WorkerResponse.rest` holds: the statements, every finding's fixes (in finding order), the directives and the regions. */
export interface WorkerRest {
  statements: Analysis['statements'];
  fixes: Finding['fixes'][];
  directives: Analysis['directives'];
  regions: Analysis['regions'];
}

/** The analysis as plain data, split in what is sent as objects and what is serialized apart (the line index stays behind). */
function plain(a: Analysis, text: string): Omit<WorkerResponse, 'id' | 'asked'> {
  const fixes = a.findings.map((f) => f.fixes);
  const sites: (StatementSites | undefined)[] = new Array(a.statements.length).fill(undefined);
  const findings = a.findings.map((f): Omit<Finding, 'fixes'> => {
    if (f.statement !== undefined && a.statements[f.statement]) sites[f.statement] ??= statementSites(a.statements[f.statement]);
    return { rule: f.rule, severity: f.severity, message: f.message, range: f.range, start: f.start, end: f.end, docsPath: f.docsPath, statement: f.statement };
  }) as Finding[];
  const rest: WorkerRest = { statements: a.statements, fixes, directives: a.directives, regions: a.regions };
  return { analysis: { findings, notes: a.notes }, sites, facts: fileFactsOf(a, new LineIndex(text)), rest: serialize(rest) };
}

parentPort?.on('message', (req: WorkerRequest) => {
  let res: WorkerResponse;
  try {
    const options = analyzeOptions(req.settings, req.languageId);
    const answers = new Map(req.lookups ?? []);
    const asked = new Set<string>();
    options.otherFiles = (key, explicitSubdir) => {
      const k = `${explicitSubdir}:${key}`;
      asked.add(k);
      return answers.get(k);
    };
    res = { id: req.id, ...plain(analyzeDocument(req.text, options), req.text), asked: [...asked] };
  } catch (e) {
    res = { id: req.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  parentPort!.postMessage(res);
});
