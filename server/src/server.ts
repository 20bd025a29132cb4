// The CockroachDB Restore Guard language server. Reads top to bottom like lsp-sample:
// connection → documents → capabilities → settings → validation → handlers → listen().
// Every request handler is guarded: a failure is logged and answered empty, never fatal.
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  CodeActionKind,
  CompletionItemKind,
  createConnection,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  MarkupKind,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument } from './core/analyze';
import type { Analysis, AnalyzeOptions, FindingFix } from './core/analysisTypes';
import { RULES } from './core/rules';
import { analyzeOptions, CONFIG_FILE_NAME, languageOf } from './core/settings';
import { expandArguments } from './node/fileWalker';
import { completeDirective } from './lsp/completion';
import { ruleDocsUri, toDiagnostic } from './lsp/convert';
import { hoverAt, toPlainText } from './lsp/hover';
import { Commands, DIAGNOSTIC_SOURCE, FIX_ALL_KIND, SETTINGS_SECTION, STATUS_NOTIFICATION, type StatusParams } from './lsp/protocol';
import { SERVER_DEFAULTS, SettingsStore, type DocumentSettings } from './lsp/settingsStore';

declare const PACKAGE_VERSION: string | undefined;

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

// ---------------------------------------------------------------------------------------------
// Capabilities

let clientPullsDiagnostics = false;
let clientHasConfiguration = false;
let clientDynamicConfiguration = false;
let clientDynamicWatchers = false;
let clientMarkdownHover = true;
let clientWorkspaceFolders = false;

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const caps = params.capabilities;
  clientPullsDiagnostics = !!caps.textDocument?.diagnostic;
  clientHasConfiguration = !!caps.workspace?.configuration;
  clientDynamicConfiguration = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
  clientDynamicWatchers = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  clientWorkspaceFolders = !!caps.workspace?.workspaceFolders;
  const hoverFormats = caps.textDocument?.hover?.contentFormat;
  clientMarkdownHover = !hoverFormats || hoverFormats.includes(MarkupKind.Markdown);
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  settings.setWorkspaceFolders(folders);
  const result: InitializeResult = {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, FIX_ALL_KIND] },
      completionProvider: { triggerCharacters: ['=', ',', ' ', ':'], resolveProvider: false },
      executeCommandProvider: { commands: [Commands.showRuleDocs] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'crdb-restore-guard', version: typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : 'dev' },
  };
  if (clientPullsDiagnostics) {
    result.capabilities.diagnosticProvider = {
      identifier: DIAGNOSTIC_SOURCE,
      interFileDependencies: false,
      workspaceDiagnostics: true,
    };
  }
  return result;
});

connection.onInitialized(() => {
  if (clientDynamicConfiguration) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
  }
  if (clientDynamicWatchers) {
    void connection.client.register({ method: 'workspace/didChangeWatchedFiles' } as never, {
      watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }],
    } as never);
  }
  // Only clients that support workspace folders send changes (the library throws for others).
  if (clientWorkspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders(async () => {
      const folders = (await connection.workspace.getWorkspaceFolders()) ?? [];
      settings.setWorkspaceFolders(folders.map((f) => f.uri));
      refreshAll();
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Settings

/** Problems already shown, so a bad setting is reported once, not on every keystroke. */
const reportedProblems = new Set<string>();
function reportProblem(problem: string): void {
  if (reportedProblems.has(problem)) return;
  reportedProblems.add(problem);
  connection.console.warn(problem);
  // A notification, not window/showMessageRequest (what connection.window.showWarningMessage
  // sends): a warning has no actions to choose, and some clients (Neovim) turn a request into
  // a blocking prompt.
  void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `CockroachDB Restore Guard: ${problem}` });
}

/** Settings pushed with didChangeConfiguration by clients that cannot be asked (no workspace/configuration). */
let pushedSettings: unknown;

const settings = new SettingsStore(
  (uri) => (clientHasConfiguration ? connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }) : Promise.resolve(pushedSettings)),
  reportProblem,
);

connection.onDidChangeConfiguration((change) => {
  const s = (change.settings as Record<string, unknown> | null)?.[SETTINGS_SECTION];
  if (s !== undefined) pushedSettings = s;
  reportedProblems.clear();
  refreshAll();
});

connection.onDidChangeWatchedFiles(() => {
  reportedProblems.clear();
  refreshAll();
});

/** Bumped whenever settings or the config file may have changed: a validation that started before is stale. */
let settingsGeneration = 0;

function refreshAll(): void {
  settingsGeneration++;
  settings.clear();
  cache.clear();
  if (clientPullsDiagnostics) connection.languages.diagnostics.refresh();
  else documents.all().forEach((d) => void validate(d));
}

// ---------------------------------------------------------------------------------------------
// Analysis, cached per document version and settings

interface CachedAnalysis {
  version: number;
  settingsKey: string;
  analysis: Analysis;
  options: AnalyzeOptions;
  skipped?: string;
}

const cache = new Map<string, CachedAnalysis>();

function languageOfDocument(doc: TextDocument): 'sql' | 'markdown' {
  if (doc.languageId === 'markdown' || doc.languageId === 'mdx') return 'markdown';
  if (doc.languageId === 'sql') return 'sql';
  return languageOf(doc.uri) ?? 'sql';
}

/** True when `doc` is closed or has moved past `version`. */
function isStale(doc: TextDocument, version: number): boolean {
  return documents.get(doc.uri) !== doc || doc.version !== version;
}

async function analysisOf(doc: TextDocument): Promise<CachedAnalysis> {
  const s = await settings.forDocument(doc.uri);
  return analyzeWith(doc, s);
}

function analyzeWith(doc: TextDocument, s: DocumentSettings): CachedAnalysis {
  const settingsKey = JSON.stringify(s);
  const hit = cache.get(doc.uri);
  if (hit && hit.version === doc.version && hit.settingsKey === settingsKey) return hit;
  const options = analyzeOptions(s, languageOfDocument(doc));
  const text = doc.getText();
  const limitMb = s.maxFileSizeMb ?? SERVER_DEFAULTS.maxFileSizeMb;
  let entry: CachedAnalysis;
  if (text.length > limitMb * 1024 * 1024) {
    const skipped = `Not analyzed: the document is ${(text.length / 1048576).toFixed(1)} MB, over the crdbRestoreGuard.maxFileSizeMb limit of ${limitMb} MB.`;
    entry = { version: doc.version, settingsKey, options, skipped, analysis: { findings: [], statements: [], directives: [], regions: [], notes: [skipped] } };
  } else {
    entry = { version: doc.version, settingsKey, options, analysis: analyzeDocument(text, options) };
  }
  cache.set(doc.uri, entry);
  return entry;
}

function diagnosticsOf(entry: CachedAnalysis): Diagnostic[] {
  if (entry.skipped) {
    return [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Information,
        source: DIAGNOSTIC_SOURCE,
        message: entry.skipped,
      },
    ];
  }
  return entry.analysis.findings.map(toDiagnostic);
}

async function validate(doc: TextDocument): Promise<void> {
  const started = performance.now();
  // TextDocuments updates a document object in place: remember which version this validation is for.
  const version = doc.version;
  const generation = settingsGeneration;
  try {
    const s = await settings.forDocument(doc.uri);
    // A newer version, or new settings, may have arrived while the settings were fetched: the
    // validation they started publishes. Checked before analysing, so a burst of changes
    // analyses and publishes only the last version.
    if (isStale(doc, version) || generation !== settingsGeneration) return;
    const entry = analyzeWith(doc, s);
    const diagnostics = diagnosticsOf(entry);
    if (!clientPullsDiagnostics) void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
    sendStatus({ uri: doc.uri, state: entry.skipped ? 'skipped' : 'ok', durationMs: performance.now() - started, findings: diagnostics.length, message: entry.skipped });
  } catch (e) {
    logError(`validating ${doc.uri}`, e);
    sendStatus({ uri: doc.uri, state: 'error', durationMs: performance.now() - started, findings: 0, message: String(e) });
  }
}

function sendStatus(p: StatusParams): void {
  void connection.sendNotification(STATUS_NOTIFICATION, p);
}

function logError(what: string, e: unknown): void {
  connection.console.error(`${what} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
}

/** Runs a request handler; a thrown error is logged and `fallback` answered. */
async function guarded<T>(what: string, fallback: T, fn: () => Promise<T> | T): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    logError(what, e);
    return fallback;
  }
}

// Push clients: a change is validated right away, with no debounce, except that a burst of
// changes already waiting in the connection's queue is validated once, at its newest version.
// vscode-jsonrpc handles one queued message per setImmediate turn, so a validation deferred by
// two turns runs after the next queued change, if there is one, and then finds its version
// stale and leaves the work to that change's validation. A lone keystroke costs two turns
// (microseconds); 1,000 queued changes cost one analysis and one publish.
function scheduleValidation(doc: TextDocument): void {
  const version = doc.version;
  setImmediate(() =>
    setImmediate(() => {
      if (!isStale(doc, version)) void validate(doc);
    }),
  );
}

documents.onDidChangeContent((e) => {
  if (!clientPullsDiagnostics) scheduleValidation(e.document);
});

documents.onDidClose((e) => {
  const uri = e.document.uri;
  cache.delete(uri);
  if (!clientPullsDiagnostics) void connection.sendDiagnostics({ uri, diagnostics: [] });
});

// ---------------------------------------------------------------------------------------------
// Pull diagnostics: open documents, and every .sql/.md file of the workspace

connection.languages.diagnostics.on((params) =>
  guarded('textDocument/diagnostic', { kind: DocumentDiagnosticReportKind.Full, items: [] as Diagnostic[] }, async () => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const started = performance.now();
    const entry = await analysisOf(doc);
    const items = diagnosticsOf(entry);
    sendStatus({ uri: doc.uri, state: entry.skipped ? 'skipped' : 'ok', durationMs: performance.now() - started, findings: items.length, message: entry.skipped });
    return { kind: DocumentDiagnosticReportKind.Full, items };
  }),
);

/** Workspace files already reported unchanged: path → size/mtime/settings key. */
const workspaceResults = new Map<string, string>();

connection.languages.diagnostics.onWorkspace((params) =>
  guarded('workspace/diagnostic', { items: [] as WorkspaceDocumentDiagnosticReport[] }, async () => {
    const previous = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
    const items: WorkspaceDocumentDiagnosticReport[] = [];
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
        const resultId = `${stat.size}:${stat.mtimeMs}:${JSON.stringify(s)}`;
        if (previous.get(uri) === resultId) {
          items.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri, resultId, version: null });
          continue;
        }
        const text = fs.readFileSync(file, 'utf8');
        const analysis = analyzeDocument(text, analyzeOptions(s, languageOf(file) ?? 'sql'));
        workspaceResults.set(uri, resultId);
        items.push({ kind: DocumentDiagnosticReportKind.Full, uri, resultId, version: null, items: analysis.findings.map(toDiagnostic) });
      }
    }
    return { items };
  }),
);

// ---------------------------------------------------------------------------------------------
// Hover

connection.onHover((params) =>
  guarded('hover', null, async () => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const entry = await analysisOf(doc);
    const offset = doc.offsetAt(params.position);
    const h = hoverAt(entry.analysis, offset, entry.options.catalog, entry.options.today);
    if (!h) return null;
    return {
      contents: clientMarkdownHover ? { kind: MarkupKind.Markdown, value: h.markdown } : { kind: MarkupKind.PlainText, value: toPlainText(h.markdown) },
      range: { start: doc.positionAt(h.span.start), end: doc.positionAt(h.span.end) },
    };
  }),
);

// ---------------------------------------------------------------------------------------------
// Code actions: the core's fixes, "show documentation", and fix-all

connection.onCodeAction((params) =>
  guarded('codeAction', [] as CodeAction[], async () => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const entry = await analysisOf(doc);
    const uri = doc.uri;
    const only = params.context.only;
    const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
    const actions: CodeAction[] = [];
    const toAction = (fix: FindingFix, kind: string, diagnostics: Diagnostic[]): CodeAction => ({
      title: fix.title,
      kind,
      diagnostics,
      isPreferred: fix.preferred,
      edit: { changes: { [uri]: fix.edits } },
    });
    if (wants(CodeActionKind.QuickFix)) {
      for (const d of params.context.diagnostics) {
        if (d.source !== DIAGNOSTIC_SOURCE) continue;
        const f = entry.analysis.findings.find(
          (x) => x.rule === d.code && x.range.start.line === d.range.start.line && x.range.start.character === d.range.start.character,
        );
        if (!f) continue;
        for (const fix of f.fixes) actions.push(toAction(fix, CodeActionKind.QuickFix, [d]));
        actions.push({
          title: `Show documentation for ${f.rule}`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          command: { title: `Show documentation for ${f.rule}`, command: Commands.showRuleDocs, arguments: [f.rule] },
        });
      }
    }
    if (wants(FIX_ALL_KIND) || (only && only.includes(CodeActionKind.SourceFixAll))) {
      const edits = fixAllEdits(entry.analysis, doc);
      if (edits.length > 0) {
        actions.push({ title: 'Fix all CockroachDB Restore Guard problems that have one clear fix', kind: FIX_ALL_KIND, edit: { changes: { [uri]: edits } } });
      }
    }
    return actions;
  }),
);

/** Every unambiguous fix in the document, without overlapping edits. */
function fixAllEdits(analysis: Analysis, doc: TextDocument) {
  const taken: [number, number][] = [];
  const out = [];
  for (const f of analysis.findings) {
    const fix = f.fixes.find((x) => x.unambiguous);
    if (!fix) continue;
    const spans = fix.edits.map((e) => [doc.offsetAt(e.range.start), doc.offsetAt(e.range.end)] as [number, number]);
    if (spans.some(([s, e]) => taken.some(([ts, te]) => s < te && ts < e) || taken.some(([ts]) => s === e && s === ts))) continue;
    taken.push(...spans);
    out.push(...fix.edits);
  }
  return out;
}

connection.onExecuteCommand((params) =>
  guarded('executeCommand', null, async () => {
    if (params.command === Commands.showRuleDocs) {
      const rule = String(params.arguments?.[0] ?? '');
      if (!RULES.has(rule as never)) return null;
      await connection.window.showDocument({ uri: ruleDocsUri(rule), external: false, takeFocus: true });
    }
    return null;
  }),
);

// ---------------------------------------------------------------------------------------------
// Completion inside crdb: directives

const COMPLETION_KIND = {
  key: CompletionItemKind.Property,
  version: CompletionItemKind.Value,
  value: CompletionItemKind.EnumMember,
  rule: CompletionItemKind.Reference,
} as const;

connection.onCompletion((params) =>
  guarded('completion', null, async () => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const line = params.position.line;
    const prefix = doc.getText({ start: { line, character: 0 }, end: params.position });
    const entry = await analysisOf(doc);
    const result = completeDirective(prefix, entry.options.catalog, entry.options.today);
    if (!result) return null;
    return {
      isIncomplete: false,
      items: result.items.map((it) => ({
        label: it.label,
        kind: COMPLETION_KIND[it.kind],
        detail: it.detail,
        documentation: it.documentation ? { kind: MarkupKind.Markdown, value: it.documentation } : undefined,
        sortText: it.sortText,
        filterText: it.insertText,
        textEdit: {
          range: { start: { line, character: result.replaceStart }, end: { line, character: result.replaceEnd } },
          newText: it.insertText,
        },
      })),
    };
  }),
);

// ---------------------------------------------------------------------------------------------

process.on('uncaughtException', (e) => logError('uncaught exception', e));
process.on('unhandledRejection', (e) => logError('unhandled rejection', e));

documents.listen(connection);
connection.listen();
