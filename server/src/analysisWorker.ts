// The analysis worker thread: analyses one large document at a time for the language server,
// off the thread that answers requests, so typing in a large runbook never waits for its
// analysis. It runs only this file (bundled as dist/analysisWorker.js next to dist/server.js)
// and the pure analysis core: no I/O, no network, nothing from the workspace but the text it
// is sent. It keeps each document's newest analysis until the server has asked for its facts
// and its rest (once each) or forgets the document, and never more than KEEP_MAX of them.
import { serialize } from 'v8';
import { parentPort } from 'worker_threads';
import type { Analysis, Finding, VersionFact } from './core/analysisTypes';
import { analyzeDocument } from './core/analyze';
import { LineIndex } from './core/lineIndex';
import { statementSites, type StatementSites } from './core/provenance';
import { sitesToColumns, type SiteColumns } from './core/siteColumns';
import { toColumns, type FindingColumns } from './core/findingColumns';
import { fileFactsOf } from './core/workspace/fileFacts';
import { factsToColumns, type FactColumns } from './core/workspace/factColumns';
import { analyzeOptions, type Settings } from './core/settings';

/** Analyse `text`; the answer is a `WorkerFindings`. The worker keeps the analysis for a `FactsRequest` and a `RestRequest`. */
export interface AnalyzeRequest {
  kind: 'analyze';
  id: number;
  /** The document; the worker keeps one analysis per document (a newer one replaces it). */
  uri: string;
  text: string;
  settings: Settings;
  languageId: 'sql' | 'markdown';
  /** Answers of the other-files lookup (workspace index), by `${explicitSubdir}:${key}`; a key not here has none. */
  lookups?: [string, VersionFact][];
}

/** Send the rest of analysis `id` (a `WorkerRest` answer), if it is still kept. */
export interface RestRequest {
  kind: 'rest';
  id: number;
}

/** Send the collection facts of analysis `id` (a `WorkerFacts` answer). */
export interface FactsRequest {
  kind: 'facts';
  id: number;
}

/** The document was closed: forget its analysis. */
export interface ForgetRequest {
  kind: 'forget';
  uri: string;
}

export type WorkerRequest = AnalyzeRequest | FactsRequest | RestRequest | ForgetRequest;

/**
 * The answer to an analysis: what publishing diagnostics needs, and nothing else. The rest
 * (statements, directives, regions, every finding's fixes) stays on the worker until a feature
 * asks for it: on the 5 MB runbook, making the fixes and serializing the rest took as long as
 * a third of the analysis, and a client that only shows diagnostics never needs it.
 */
export interface WorkerFindings {
  kind: 'findings';
  id: number;
  /** The findings without their fixes, as columns (core/findingColumns.ts). */
  findings?: FindingColumns;
  notes?: string[];
  /** The sites of the statements a finding is about: where their versions came from (relatedInformation), with ranges. */
  sites?: SiteColumns;
  /** The lookup keys the analysis asked for, as `${explicitSubdir}:${key}`. */
  asked?: string[];
  error?: string;
}

/**
 * The answer to a `FactsRequest`: the document's collection facts (for the workspace index),
 * with ranges in the analysed text; undefined if the analysis is no longer kept. The server
 * asks for them once it has the findings: on the 5 MB runbook they are thousands of objects,
 * whose reading back on the server thread held up the first diagnostics.
 */
export interface WorkerFacts {
  kind: 'facts';
  id: number;
  /** The facts as columns (core/workspace/factColumns.ts). */
  facts?: FactColumns;
}

/** The answer to a `RestRequest`: one `v8.serialize` buffer of `WorkerRest` (read back on the server thread only when first used), or why not. */
export interface WorkerRestAnswer {
  kind: 'rest';
  id: number;
  rest?: Uint8Array;
  error?: string;
}

export type WorkerResponse = WorkerFindings | WorkerFacts | WorkerRestAnswer;

/** What a `WorkerRestAnswer` holds: the statements, every finding's fixes (in finding order), the directives and the regions. */
export interface WorkerRest {
  statements: Analysis['statements'];
  fixes: Finding['fixes'][];
  directives: Analysis['directives'];
  regions: Analysis['regions'];
}

/** What diagnostics need, as plain data (the line index stays behind). */
function findingsAnswer(a: Analysis, lines: () => LineIndex): Pick<WorkerFindings, 'findings' | 'notes' | 'sites'> {
  const sites: [number, StatementSites][] = [];
  const seen = new Set<number>();
  for (const f of a.findings) {
    if (f.statement === undefined || seen.has(f.statement) || !a.statements[f.statement]) continue;
    seen.add(f.statement);
    sites.push([f.statement, statementSites(a.statements[f.statement])]);
  }
  return { findings: toColumns(a.findings), notes: a.notes, sites: sitesToColumns(sites, { range: (start, end) => lines().range(start, end) }) };
}

function errorText(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

/** An analysis kept for its facts and rest, each asked for once. */
interface Kept {
  id: number;
  analysis: Analysis;
  /** The analysed text's line index (markdown analyses have one; for SQL it is made once, when first needed). */
  lines: () => LineIndex;
  factsSent?: boolean;
  restSent?: boolean;
}

/** The analyses kept for their facts and rest, by document: the newest of each document, oldest first. */
const kept = new Map<string, Kept>();
/** More would keep the memory of many large documents that nobody hovers or opens features on; a dropped one is analysed again if asked. */
const KEEP_MAX = 4;

/** The kept analysis `id`, marked as having sent its facts or its rest; dropped once it has sent both. */
function takeKept(id: number, part: 'factsSent' | 'restSent'): Kept | undefined {
  for (const [uri, k] of kept) {
    if (k.id !== id) continue;
    k[part] = true;
    if (k.factsSent && k.restSent) kept.delete(uri); // the server keeps what it is sent
    return k;
  }
  return undefined;
}

function factsOf(id: number): WorkerFacts {
  const k = takeKept(id, 'factsSent');
  try {
    return { kind: 'facts', id, facts: k && factsToColumns(fileFactsOf(k.analysis, k.lines())) };
  } catch {
    return { kind: 'facts', id }; // no facts: the index keeps what it had for the document
  }
}

function analyze(req: AnalyzeRequest): WorkerFindings {
  kept.delete(req.uri); // an older version's rest is never asked for once a newer one is analysed
  try {
    const options = analyzeOptions(req.settings, req.languageId);
    const answers = new Map(req.lookups ?? []);
    const asked = new Set<string>();
    options.otherFiles = (key, explicitSubdir) => {
      const k = `${explicitSubdir}:${key}`;
      asked.add(k);
      return answers.get(k);
    };
    const analysis = analyzeDocument(req.text, options);
    let index = analysis.basis?.lines;
    const lines = () => (index ??= new LineIndex(req.text));
    kept.set(req.uri, { id: req.id, analysis, lines });
    if (kept.size > KEEP_MAX) kept.delete(kept.keys().next().value!);
    return { kind: 'findings', id: req.id, ...findingsAnswer(analysis, lines), asked: [...asked] };
  } catch (e) {
    return { kind: 'findings', id: req.id, error: errorText(e) };
  }
}

function restOf(id: number): WorkerRestAnswer {
  const found = takeKept(id, 'restSent')?.analysis;
  if (!found) return { kind: 'rest', id, error: 'the analysis is no longer kept (its document changed or closed)' };
  try {
    const rest: WorkerRest = { statements: found.statements, fixes: found.findings.map((f) => f.fixes), directives: found.directives, regions: found.regions };
    return { kind: 'rest', id, rest: serialize(rest) };
  } catch (e) {
    return { kind: 'rest', id, error: errorText(e) };
  }
}

parentPort?.on('message', (req: WorkerRequest) => {
  if (req.kind === 'forget') kept.delete(req.uri);
  else if (req.kind === 'analyze') {
    const answer = analyze(req);
    parentPort!.postMessage(answer, answer.findings && answer.sites ? [answer.findings.ints.buffer, answer.sites.ints.buffer, answer.sites.statements.buffer] as ArrayBuffer[] : []);
  } else if (req.kind === 'facts') {
    const answer = factsOf(req.id);
    parentPort!.postMessage(answer, answer.facts ? [answer.facts.ints.buffer as ArrayBuffer] : []);
  } else parentPort!.postMessage(restOf(req.id));
});
