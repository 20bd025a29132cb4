// The analysis worker thread: analyses one large document at a time for the language server,
// off the thread that answers requests, so typing in a large runbook never waits for its
// analysis. It runs only this file (bundled as dist/analysisWorker.js next to dist/server.js)
// and the pure analysis core: no I/O, no network, nothing from the workspace but the text it
// is sent.
import { parentPort } from 'worker_threads';
import type { Analysis, Finding } from './core/analysisTypes';
import { analyzeDocument } from './core/analyze';
import { analyzeOptions, type Settings } from './core/settings';

export interface WorkerRequest {
  id: number;
  text: string;
  settings: Settings;
  languageId: 'sql' | 'markdown';
}

export interface WorkerResponse {
  id: number;
  analysis?: Analysis;
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
    res = { id: req.id, analysis: plain(analyzeDocument(req.text, analyzeOptions(req.settings, req.languageId))) };
  } catch (e) {
    res = { id: req.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  parentPort!.postMessage(res);
});
