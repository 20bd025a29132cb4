// Diagnostics, both ways: pushed (publishDiagnostics) to clients that do not pull, validated on
// every change; pulled (textDocument/diagnostic) for open documents, and workspace/diagnostic
// for every .sql/.md file of the workspace. Each run reports its state with a status
// notification (the client's language status item).
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { DiagnosticSeverity, DocumentDiagnosticReportKind, type Diagnostic, type WorkspaceDocumentDiagnosticReport } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument } from '../core/analyze';
import { analyzeOptions, languageOf } from '../core/settings';
import { expandArguments } from '../node/fileWalker';
import { diagnosticsOf, type CachedAnalysis } from './analysisCache';
import type { ServerContext } from './context';
import { toDiagnostic } from './convert';
import { LineIndex } from '../core/lineIndex';
import { STATUS_NOTIFICATION, type StatusParams } from './protocol';
import { SERVER_DEFAULTS } from './settingsStore';

export interface DiagnosticsHandlers {
  /** Settings changed: ask a pulling client to pull again, or validate every open document. */
  refreshAll(): void;
  /** A pushed validation is waiting for its turn (background work should let it run first). */
  typingPending(): boolean;
  /** These open documents' analyses are out of date (a collection they read changed elsewhere): publish again, or ask the client to pull. */
  recheck(uris: readonly string[]): void;
}

/** The status of one document's analysis: its finding counts by the severity shown. */
function statusOf(uri: string, entry: CachedAnalysis, diagnostics: Diagnostic[], durationMs: number): StatusParams {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    if (d.severity === DiagnosticSeverity.Error) errors++;
    else if (d.severity === DiagnosticSeverity.Warning) warnings++;
  }
  const p: StatusParams = { uri, state: entry.skipped ? 'skipped' : 'ok', durationMs, findings: diagnostics.length, errors, warnings, message: entry.skipped };
  if (entry.outOfScope) p.outOfScope = true;
  return p;
}

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
      const entry = cache.analyzeWith(doc, s);
      const diagnostics = diagnosticsOf(entry, doc);
      if (!ctx.client.pullsDiagnostics) void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
      sendStatus(statusOf(doc.uri, entry, diagnostics, performance.now() - started));
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
  documents.onDidOpen((e) => {
    if (pulledBeforeOpen.delete(e.document.uri) && ctx.client.pullsDiagnostics) connection.languages.diagnostics.refresh();
  });

  connection.languages.diagnostics.on((params) =>
    guarded('textDocument/diagnostic', { kind: DocumentDiagnosticReportKind.Full, items: [] as Diagnostic[] }, async () => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) {
        if (pulledBeforeOpen.size >= 1000) pulledBeforeOpen.clear(); // only a misbehaving client gets here often
        pulledBeforeOpen.add(params.textDocument.uri);
        return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      }
      const started = performance.now();
      const entry = await cache.analysisOf(doc);
      const items = diagnosticsOf(entry, doc);
      sendStatus(statusOf(doc.uri, entry, items, performance.now() - started));
      return { kind: DocumentDiagnosticReportKind.Full, items };
    }),
  );

  /** Workspace files already reported unchanged: path → size/mtime/settings key. */
  const workspaceResults = new Map<string, string>();

  connection.languages.diagnostics.onWorkspace((params) =>
    guarded('workspace/diagnostic', { items: [] as WorkspaceDocumentDiagnosticReport[] }, async () => {
      const previous = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
      const items: WorkspaceDocumentDiagnosticReport[] = [];
      // Closed files' RESTOREs look up the other files too: answer once the index is built.
      await cache.workspaceReady();
      for (const folder of settings.workspaceFolders) {
        const folderUri = pathToFileURL(folder).href;
        const s = await settings.forDocument(folderUri);
        if (s.workspaceDiagnostics === false) continue;
        const limit = (s.maxFileSizeMb ?? SERVER_DEFAULTS.maxFileSizeMb) * 1048576;
        const { files } = expandArguments(['.'], folder);
        for (const rel of files) {
          const file = path.join(folder, rel);
          const uri = pathToFileURL(file).href;
          if (documents.get(uri)) continue; // open documents are reported by textDocument/diagnostic
          let stat: fs.Stats;
          try {
            stat = fs.statSync(file);
          } catch {
            continue;
          }
          if (stat.size > limit) continue;
          const resultId = `${stat.size}:${stat.mtimeMs}:${cache.workspaceGeneration}:${JSON.stringify(s)}`;
          if (previous.get(uri) === resultId) {
            items.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri, resultId, version: null });
            continue;
          }
          const text = fs.readFileSync(file, 'utf8');
          const options = analyzeOptions(s, languageOf(file) ?? 'sql');
          options.otherFiles = cache.otherFilesFor(uri);
          const analysis = analyzeDocument(text, options);
          let lines: LineIndex | undefined;
          workspaceResults.set(uri, resultId);
          items.push({ kind: DocumentDiagnosticReportKind.Full, uri, resultId, version: null, items: analysis.findings.map((f) => toDiagnostic(f, analysis, { uri, lines: () => (lines ??= new LineIndex(text)) })) });
        }
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
