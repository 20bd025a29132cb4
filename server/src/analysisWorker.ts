// The analysis worker thread: analyses one large document at a time for the language server,
// off the thread that answers requests, so typing in a large runbook never waits for its
// analysis. It runs only this file (bundled as dist/analysisWorker.js next to dist/server.js)
// and the pure analysis core: no I/O, no network, nothing from the workspace but the text it
// is sent.
import { parentPort } from 'worker_threads';
import type { Analysis, Finding, VersionFact } from './core/analysisTypes';
import { analyzeDocument } from './core/analyze';
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
  analysis?: Analysis;
  /** The lookup keys the analysis asked for, as `${explicitSubdir}:${key}`. */
  asked?: string[];
  error?: string;
}

/** The analysis as plain data (findings build their fixes here; the line index stays behind). */
function plain(a: Analysis): Analysis {
  const findings = a.findings.map(
    (f): Finding => ({ rule: f.rule, severity: f.severity, message: f.message, range: f.range, start: f.start, end: f.end, docsPath: f.docsPath, fixes: f.fixes, statement: f.statement }),
  );
  return { findings, statements: a.statements, directives: a.directives, regions: a.regions, notes: a.notes };
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
    res = { id: req.id, analysis: plain(analyzeDocument(req.text, options)), asked: [...asked] };
  } catch (e) {
    res = { id: req.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  parentPort!.postMessage(res);
});
