// Large documents are analysed on a worker thread (server/src/analysisWorker.ts), so the
// server keeps answering (hovers, completions, other documents) and typing never waits for an
// analysis of megabytes. One job runs at a time; per document only the newest version waits;
// a job whose document has moved on is dropped (a running one by restarting the worker). The
// worker answers with the findings; the rest of an analysis (statements, fixes, directives,
// regions) stays there until a feature asks for it (`TransferredAnalysis.load`).
import * as fs from 'fs';
import * as path from 'path';
import { deserialize } from 'v8';
import { Worker } from 'worker_threads';
import type { Analysis, Finding, FindingFix, VersionFact } from '../core/analysisTypes';
import { fromColumns, type SentFinding } from '../core/findingColumns';
import type { StatementSites } from '../core/provenance';
import { SiteTable } from '../core/siteColumns';
import type { FileFacts } from '../core/workspace/fileFacts';
import { factsFromColumns } from '../core/workspace/factColumns';
import type { Settings } from '../core/settings';
import type { AnalyzeRequest, WorkerRequest, WorkerResponse, WorkerRest } from '../analysisWorker';

/** A worker's answer: the analysis, the other-files lookup keys it asked for, and a way to ask for the document's facts. */
export interface BackgroundResult {
  analysis: TransferredAnalysis;
  asked: string[];
  /** Asks the worker for the document's collection facts (once; undefined if it stopped or dropped the analysis first). */
  facts(): Promise<FileFacts | undefined>;
}

interface Job {
  uri: string;
  version: number;
  request: Omit<AnalyzeRequest, 'id'>;
  resolve(a: BackgroundResult | undefined): void;
  reject(e: Error): void;
}

export class BackgroundAnalyzer {
  private worker?: Worker;
  private running?: Job & { id: number };
  private readonly waiting = new Map<string, Job>();
  private nextId = 1;
  /** Facts and rest requests on the worker, by `${kind}:${analysis id}`. */
  private readonly asked = new Map<string, { resolve(answer: WorkerResponse): void; reject(e: Error): void }>();
  private closed = false;

  /** dist/analysisWorker.js beside the bundled server; out/server/src/analysisWorker.js beside out/server/src/lsp/ when run from tsc's output. */
  constructor(private readonly script = [path.join(__dirname, 'analysisWorker.js'), path.join(__dirname, '..', 'analysisWorker.js')].find((f) => fs.existsSync(f)) ?? path.join(__dirname, 'analysisWorker.js')) {}

  /**
   * The analysis of `text` (version `version` of `uri`), or undefined when a newer version of
   * the same document was asked for before this one finished (the newer one wins).
   */
  analyze(uri: string, version: number, text: string, settings: Settings, languageId: 'sql' | 'markdown', lookups?: [string, VersionFact][]): Promise<BackgroundResult | undefined> {
    return new Promise((resolve, reject) => {
      if (this.closed) return resolve(undefined);
      const job: Job = { uri, version, request: { kind: 'analyze', uri, text, settings, languageId, lookups }, resolve, reject };
      this.waiting.get(uri)?.resolve(undefined);
      this.waiting.set(uri, job);
      if (this.running && this.running.uri === uri && this.running.version < version) {
        // Stale: stop it rather than wait for it.
        this.running.resolve(undefined);
        this.running = undefined;
        this.stopWorker();
      }
      this.pump();
    });
  }

  /** Drops a closed document's waiting job, and the analysis the worker keeps for it. */
  forget(uri: string): void {
    this.waiting.get(uri)?.resolve(undefined);
    this.waiting.delete(uri);
    this.worker?.postMessage({ kind: 'forget', uri } satisfies WorkerRequest);
  }

  /** Stops the worker (server shutdown): waiting jobs resolve undefined. */
  close(): void {
    this.closed = true;
    for (const j of this.waiting.values()) j.resolve(undefined);
    this.waiting.clear();
    this.running?.resolve(undefined);
    this.running = undefined;
    this.stopWorker();
  }

  /** Asks the worker that made analysis `id` for its facts or its rest; rejects if that worker has stopped. */
  private ask<K extends 'facts' | 'rest'>(worker: Worker, kind: K, id: number): Promise<Extract<WorkerResponse, { kind: K }>> {
    return new Promise((resolve, reject) => {
      if (this.worker !== worker) return reject(new Error('the worker that made the analysis has stopped'));
      this.asked.set(`${kind}:${id}`, { resolve: resolve as (answer: WorkerResponse) => void, reject });
      worker.postMessage({ kind, id } satisfies WorkerRequest);
    });
  }

  /** The collection facts of analysis `id`; undefined if its worker has stopped or dropped it. */
  private fetchFacts(worker: Worker, id: number): Promise<FileFacts | undefined> {
    return this.ask(worker, 'facts', id).then(
      (answer) => (answer.facts ? factsFromColumns(answer.facts) : undefined),
      () => undefined,
    );
  }

  /** The rest of analysis `id`; rejects if its worker has stopped or dropped it. */
  private async fetchRest(worker: Worker, id: number): Promise<Uint8Array> {
    const answer = await this.ask(worker, 'rest', id);
    if (!answer.rest) throw new Error(answer.error ?? 'no rest');
    return answer.rest;
  }

  private pump(): void {
    if (this.running || this.closed) return;
    const next = this.waiting.values().next();
    if (next.done) return;
    const job = next.value;
    this.waiting.delete(job.uri);
    const id = this.nextId++;
    this.running = { ...job, id };
    this.workerOf().postMessage({ id, ...job.request } satisfies WorkerRequest);
  }

  private workerOf(): Worker {
    if (!this.worker) {
      const w = new Worker(this.script);
      w.unref(); // never what keeps the server process alive
      w.on('message', (res: WorkerResponse) => {
        if (res.kind !== 'findings') {
          const key = `${res.kind}:${res.id}`;
          this.asked.get(key)?.resolve(res);
          this.asked.delete(key);
          return;
        }
        const job = this.running;
        if (!job || job.id !== res.id) return;
        this.running = undefined;
        if (res.findings && res.sites) {
          const rest = new SerializedRest(() => this.fetchRest(w, res.id));
          let facts: Promise<FileFacts | undefined> | undefined;
          const factsOnce = () => (facts ??= this.fetchFacts(w, res.id));
          job.resolve({ analysis: new TransferredAnalysis(fromColumns(res.findings), res.notes ?? [], new SiteTable(res.sites), rest), asked: res.asked ?? [], facts: factsOnce });
        } else {
          job.reject(new Error(`analysis failed: ${res.error ?? 'unknown error'}`));
        }
        this.pump();
      });
      w.on('error', (e) => this.onWorkerGone(w, e));
      w.on('exit', () => this.onWorkerGone(w, new Error('the analysis worker stopped')));
      this.worker = w;
    }
    return this.worker;
  }

  private onWorkerGone(w: Worker, e: Error): void {
    if (this.worker !== w) return; // a worker stopped on purpose
    this.worker = undefined;
    const job = this.running;
    this.running = undefined;
    job?.reject(e);
    this.failRequests(e);
    this.pump();
  }

  private stopWorker(): void {
    const w = this.worker;
    this.worker = undefined;
    if (w) void w.terminate();
    this.failRequests(new Error('the worker that made the analysis was stopped'));
  }

  /** The worker is gone: its pending facts and rest requests fail. */
  private failRequests(e: Error): void {
    for (const a of this.asked.values()) a.reject(e);
    this.asked.clear();
  }
}

/**
 * The rest of a worker's analysis: fetched from the worker when a feature first needs it
 * (`load`), and deserialized at the first read. Reading it before `load` resolved is a bug in
 * the caller (features wait for it: AnalysisCache.analysisOf) and throws.
 */
class SerializedRest {
  private loading?: Promise<void>;
  private buffer?: Uint8Array;
  private data?: WorkerRest;

  constructor(private readonly fetch: () => Promise<Uint8Array>) {}

  load(): Promise<void> {
    return (this.loading ??= this.fetch().then((b) => {
      this.buffer = b;
    }));
  }

  get(): WorkerRest {
    if (this.data === undefined) {
      if (!this.buffer) throw new Error('the rest of the analysis was read before it was loaded from the worker');
      this.data = deserialize(this.buffer) as WorkerRest;
      this.buffer = undefined;
    }
    return this.data;
  }
}

/**
 * A worker's analysis: the findings as sent, with the sites of their statements' versions
 * (what diagnostics need); statements, directives, regions and fixes read from the serialized
 * rest when a feature first asks for them.
 */
export class TransferredAnalysis implements Analysis {
  readonly findings: Finding[];
  readonly notes: string[];
  readonly #sites: Pick<ReadonlyMap<number, StatementSites>, 'get'>;
  readonly #rest: SerializedRest;
  #statements?: Analysis['statements'];
  #directives?: Analysis['directives'];
  #regions?: Analysis['regions'];

  constructor(sent: SentFinding[], notes: string[], sites: Pick<ReadonlyMap<number, StatementSites>, 'get'>, rest: SerializedRest) {
    this.#rest = rest;
    this.#sites = sites;
    const findings = new Array<Finding>(sent.length);
    for (let i = 0; i < sent.length; i++) findings[i] = new TransferredFinding(sent[i], i, this.#rest);
    this.findings = findings;
    this.notes = notes;
  }

  /** Fetches the statements, fixes, directives and regions from the worker; until then only the findings (without fixes) and `statementSites` may be read. */
  load(): Promise<void> {
    return this.#rest.load();
  }

  /** What `statementSites` gives for statement `index` (a statement some finding is about), without reading the statements. */
  statementSites(index: number): StatementSites | undefined {
    return this.#sites.get(index);
  }

  get statements(): Analysis['statements'] {
    return (this.#statements ??= this.#rest.get().statements);
  }

  set statements(value: Analysis['statements']) {
    this.#statements = value;
  }

  get directives(): Analysis['directives'] {
    return (this.#directives ??= this.#rest.get().directives);
  }

  set directives(value: Analysis['directives']) {
    this.#directives = value;
  }

  get regions(): Analysis['regions'] {
    return (this.#regions ??= this.#rest.get().regions);
  }

  set regions(value: Analysis['regions']) {
    this.#regions = value;
  }
}

/** A finding from the worker: its fixes are read from the serialized rest on first use. */
class TransferredFinding implements Finding {
  readonly rule: Finding['rule'];
  readonly severity: Finding['severity'];
  readonly message: string;
  readonly range: Finding['range'];
  readonly start: number;
  readonly end: number;
  readonly docsPath: string;
  readonly statement: number | undefined;
  #fixes?: FindingFix[];
  readonly #index: number;
  readonly #source: SerializedRest;

  constructor(f: Omit<Finding, 'fixes'>, index: number, source: SerializedRest) {
    this.#index = index;
    this.#source = source;
    this.rule = f.rule;
    this.severity = f.severity;
    this.message = f.message;
    this.range = f.range;
    this.start = f.start;
    this.end = f.end;
    this.docsPath = f.docsPath;
    this.statement = f.statement;
  }

  get fixes(): FindingFix[] {
    return (this.#fixes ??= this.#source.get().fixes[this.#index] ?? []);
  }

  set fixes(value: FindingFix[]) {
    this.#fixes = value;
  }
}
