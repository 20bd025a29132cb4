// Diagnostics, both ways: pushed (publishDiagnostics) to clients that do not pull, validated on
// every change; pulled (textDocument/diagnostic) for open documents, and workspace/diagnostic
// for every .sql/.md file of the workspace. Each run reports its state with a status
// notification (the client's language status item).
import { DocumentDiagnosticReportKind, LSPErrorCodes, type DocumentDiagnosticReport, ResponseError, type Diagnostic, type WorkspaceDocumentDiagnosticReport } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { languageOf } from '../core/settings';
import { publishedOf, type CachedAnalysis } from './analysisCache';
import type { ServerContext } from './context';
import { STATUS_NOTIFICATION, type StatusParams } from './protocol';
import { SERVER_DEFAULTS, settingsKeyOf } from './settingsStore';
import { reportFolder } from './workspaceReports';

/** Files per workspace folder that workspace diagnostics cover (a warning says when more were left out). */
export const MAX_WORKSPACE_FILES = 20000;

export interface DiagnosticsHandlers {
  /** Settings changed: ask a pulling client to pull again, or validate every open document. */
  refreshAll(): void;
  /** A pushed validation is waiting for its turn (background work should let it run first). */
  typingPending(): boolean;
  /** These open documents' analyses are out of date (a collection they read changed elsewhere): publish again, or ask the client to pull. */
  recheck(uris: readonly string[]): void;
}

/** The status of one document's analysis: its finding counts by the severity shown. */
export function registerDiagnosticsHandlers(ctx: ServerContext): DiagnosticsHandlers {
  const { connection, documents, cache, settings, guarded, logError } = ctx;

  /** True when `doc` is closed or has moved past `version`. */
  function isStale(doc: TextDocument, version: number): boolean {
    return documents.get(doc.uri) !== doc || doc.version !== version;
  }

  function sendStatus(p: StatusParams): void {
    void connection.sendNotification(STATUS_NOTIFICATION, p);
  }

  async function validate(doc: TextDocument): Promise<void> {
    const started = performance.now();
    // TextDocuments updates a document object in place: remember which version this validation is for.
    const version = doc.version;
    const generation = cache.generation;
    try {
      const s = await settings.forDocument(doc.uri);
      // A newer version, or new settings, may have arrived while the settings were fetched: the
      // validation they started publishes. Checked before analysing, so a burst of changes
      // analyses and publishes only the last version.
      if (isStale(doc, version) || generation !== cache.generation) return;
      // A large document is analysed on the worker: nothing is published meanwhile (the
      // previous diagnostics stay), and a result for a version already replaced is dropped.
      const entry = await cache.analyzeAsync(doc, s);
      if (!entry || isStale(doc, version) || generation !== cache.generation) return;
      const { diagnostics, omitted } = publishedOf(entry, doc);
      if (!ctx.client.pullsDiagnostics) void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
      sendStatus(statusOf(doc.uri, entry, performance.now() - started, omitted));
    } catch (e) {
      logError(`validating ${doc.uri}`, e);
      sendStatus({ uri: doc.uri, state: 'error', durationMs: performance.now() - started, findings: 0, errors: 0, warnings: 0, message: String(e) });
    }
  }

  // Push clients: a change is validated right away, with no debounce, except that a burst of
  // changes already waiting in the connection's queue is validated once, at its newest version.
  // vscode-jsonrpc handles one queued message per setImmediate turn, so a validation deferred by
  // two turns runs after the next queued change, if there is one, and then finds its version
  // stale and leaves the work to that change's validation. A lone keystroke costs two turns
  // (microseconds); 1,000 queued changes cost one analysis and one publish.
  let waitingValidations = 0;
  function scheduleValidation(doc: TextDocument): void {
    const version = doc.version;
    waitingValidations++;
    setImmediate(() =>
      setImmediate(() => {
        waitingValidations--;
        if (!isStale(doc, version)) void validate(doc);
      }),
    );
  }

  documents.onDidChangeContent((e) => {
    if (!ctx.client.pullsDiagnostics) scheduleValidation(e.document);
  });

  documents.onDidClose((e) => {
    const uri = e.document.uri;
    cache.delete(uri);
    settings.forget(uri);
    if (!ctx.client.pullsDiagnostics) void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  // Pull diagnostics: open documents, and every .sql/.md file of the workspace

  /**
   * Documents pulled before they were opened. VS Code's client may ask for a document's
   * diagnostics before its didOpen (seen after "Restart Server" for files created then): the
   * empty answer would stand until the next edit, so when such a document opens, the client is
   * asked to pull again.
   */
  const pulledBeforeOpen = new Set<string>();
  const reportIds = new ReportIds();
  documents.onDidOpen((e) => {
    if (pulledBeforeOpen.delete(e.document.uri) && ctx.client.pullsDiagnostics) connection.languages.diagnostics.refresh();
  });

  connection.languages.diagnostics.on((params) =>
    guarded('textDocument/diagnostic', { kind: DocumentDiagnosticReportKind.Full, items: [] } as DocumentDiagnosticReport, async (): Promise<DocumentDiagnosticReport> => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) {
        if (pulledBeforeOpen.size >= 1000) pulledBeforeOpen.clear(); // only a misbehaving client gets here often
        pulledBeforeOpen.add(params.textDocument.uri);
        return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      }
      const started = performance.now();
      let entry: CachedAnalysis;
      try {
        entry = await cache.analysisOf(doc, 'findings');
      } catch (e) {
        // The document changed while a large one was analysed: never answer an empty report
        // (the Problems list would blink empty); ask the client to pull again instead.
        if (e instanceof ResponseError && e.code === LSPErrorCodes.ContentModified) {
          throw new ResponseError(LSPErrorCodes.ServerCancelled, 'the document changed; pull again', { retriggerRequest: true });
        }
        throw e;
      }
      const { diagnostics: items, omitted } = publishedOf(entry, doc);
      sendStatus(statusOf(doc.uri, entry, performance.now() - started, omitted));
      const resultId = reportIds.of(items);
      if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
      return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
    }),
  );

  /** Files the workspace report skipped (unreadable) or walk problems, each logged once. */
  const reportedWorkspaceProblems = new Set<string>();
  function reportWorkspaceProblem(problem: string): void {
    if (reportedWorkspaceProblems.has(problem)) return;
    if (reportedWorkspaceProblems.size > 10000) reportedWorkspaceProblems.clear();
    reportedWorkspaceProblems.add(problem);
    connection.console.warn(problem);
  }

  connection.languages.diagnostics.onWorkspace((params, token) =>
    guarded('workspace/diagnostic', { items: [] as WorkspaceDocumentDiagnosticReport[] }, async () => {
      const previous = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
      const items: WorkspaceDocumentDiagnosticReport[] = [];
      const cancelled = () => token.isCancellationRequested;
      // Closed files' RESTOREs look up the other files too: answer once the index is built.
      await cache.workspaceReady();
      for (const folderUri of settings.workspaceFolders) {
        const s = await settings.forDocument(folderUri);
        if (s.workspaceDiagnostics === false) continue;
        const limit = (s.maxFileSizeMb ?? SERVER_DEFAULTS.maxFileSizeMb) * 1048576;
        const walk = await ctx.host.walkFolder(folderUri, { maxFiles: MAX_WORKSPACE_FILES, isCancelled: cancelled });
        walk.warnings.forEach(reportWorkspaceProblem);
        if (walk.truncated) reportWorkspaceProblem(`${folderUri}: workspace diagnostics cover the first ${MAX_WORKSPACE_FILES} .sql/markdown files only; open a file to check it`);
        const reports = await reportFolder(walk.files, {
          previous,
          // The settings enter every resultId as a short hash, not as their JSON (which can be large).
          settingsHash: `${cache.workspaceGeneration}:${settingsKeyOf(s)}`,
          maxBytes: limit,
          isOpen: (uri) => documents.get(uri) !== undefined,
          isCancelled: cancelled,
          analyze: (uri, text) => cache.analyzeFile(uri, text, s, languageOf(uri.replace(/[?#].*$/, '')) ?? 'sql'),
          skipped: reportWorkspaceProblem,
          io: ctx.host,
        });
        items.push(...reports);
      }
      return { items };
    }),
  );

  return {
    typingPending: () => waitingValidations > 0,
    refreshAll() {
      if (ctx.client.pullsDiagnostics) connection.languages.diagnostics.refresh();
      else documents.all().forEach((d) => void validate(d));
    },
    recheck(uris) {
      if (ctx.client.pullsDiagnostics) {
        if (ctx.client.diagnosticRefresh) void connection.languages.diagnostics.refresh();
        return;
      }
      for (const uri of uris) {
        const doc = documents.get(uri);
        if (doc) void validate(doc);
      }
    },
  };
}

/** The status item's view of one document: every finding counted, even those the published list left out. */
function statusOf(uri: string, entry: CachedAnalysis, durationMs: number, omitted: number): StatusParams {
  const findings = entry.skipped ? [] : entry.analysis.findings;
  let errors = 0;
  let warnings = 0;
  for (const f of findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
  }
  const p: StatusParams = { uri, state: entry.skipped ? 'skipped' : 'ok', durationMs, findings: findings.length, errors, warnings, message: entry.skipped };
  if (omitted > 0) p.omitted = omitted;
  if (entry.outOfScope) p.outOfScope = true;
  return p;
}

/**
 * Result ids of pulled document reports. A report's id names its diagnostics array: typing in
 * a runbook's prose keeps the array when no diagnostic moved (lsp/analysisCache.ts), so the
 * next pull with that id as `previousResultId` is answered "unchanged" instead of the whole
 * list again (66 KB per keystroke on the 97 KB benchmark runbook). Ids start with this server's
 * start time and a random part, so an id a client kept from before a restart never matches.
 */
export class ReportIds {
  readonly #ids = new WeakMap<readonly Diagnostic[], string>();
  readonly #prefix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}-`;
  #next = 0;

  of(items: readonly Diagnostic[]): string {
    let id = this.#ids.get(items);
    if (id === undefined) this.#ids.set(items, (id = `${this.#prefix}${++this.#next}`));
    return id;
  }
}
