// The CockroachDB Restore Guard language server. Reads top to bottom like lsp-sample:
// connection → documents → capabilities → settings → validation → handlers → listen().
// Every request handler is guarded: a failure is logged and answered empty, never fatal.
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  CompletionItemKind,
  createConnection,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  InlayHintKind,
  InlayHintRefreshRequest,
  MarkupKind,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  SymbolKind,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type CodeLens,
  type Diagnostic,
  type DocumentSymbol,
  type InitializeParams,
  type InitializeResult,
  type InlayHint,
  type SymbolInformation,
  type TextEdit,
  type WorkspaceDocumentDiagnosticReport,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument } from './core/analyze';
import type { Analysis, AnalyzeOptions, FindingFix } from './core/analysisTypes';
import { supportEnd } from './core/support';
import { parseBoolean } from './core/directives';
import { LineIndex } from './core/lineIndex';
import { markdownOutline, type MarkdownOutline } from './core/markdown';
import { frameInsertion, planRestore, type PlanForm } from './core/plan';
import { isSupported, upgradePath, verdict } from './core/policy';
import { compareMajors, parseVersion } from './core/versions';
import { RULES } from './core/rules';
import { analyzeOptions, CONFIG_FILE_NAME, languageOf } from './core/settings';
import { expandArguments } from './node/fileWalker';
import { codeLensesFor, explainStatement, lensFix, type LensSpec } from './lsp/codeLens';
import { completeDirective } from './lsp/completion';
import { ruleDocsUri, toDiagnostic } from './lsp/convert';
import { documentSymbols, type SymbolNode } from './lsp/documentSymbols';
import { hoverAt, toPlainText } from './lsp/hover';
import { inlayHintsFor } from './lsp/inlayHints';
import {
  Commands,
  DIAGNOSTIC_SOURCE,
  FIX_ALL_KIND,
  PLAN_REQUEST,
  RELEASES_REQUEST,
  SETTINGS_SECTION,
  STATUS_NOTIFICATION,
  type PlanParams,
  type PlanResponse,
  type ReleaseItem,
  type ReleasesParams,
  type StatementCommandArgs,
  type StatusParams,
} from './lsp/protocol';
import { SERVER_DEFAULTS, SettingsStore, type DocumentSettings } from './lsp/settingsStore';
import { guardedStdio } from './lsp/framing';

declare const PACKAGE_VERSION: string | undefined;

// With --stdio, the input goes through a guard that survives malformed message headers.
const stdio = guardedStdio();
const connection = stdio ? createConnection(ProposedFeatures.all, stdio.input, stdio.output) : createConnection(ProposedFeatures.all);
stdio?.attach(connection.console);
const documents = new TextDocuments(TextDocument);

// ---------------------------------------------------------------------------------------------
// Capabilities

let clientPullsDiagnostics = false;
let clientHasConfiguration = false;
let clientDynamicConfiguration = false;
let clientDynamicWatchers = false;
let clientMarkdownHover = true;
let clientWorkspaceFolders = false;
let clientHierarchicalSymbols = false;
let clientInlayHintRefresh = false;
let clientCodeLensRefresh = false;
let clientApplyEdit = false;
let clientDocumentChanges = false;

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const caps = params.capabilities;
  clientPullsDiagnostics = !!caps.textDocument?.diagnostic;
  clientHasConfiguration = !!caps.workspace?.configuration;
  clientDynamicConfiguration = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
  clientDynamicWatchers = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  clientWorkspaceFolders = !!caps.workspace?.workspaceFolders;
  const hoverFormats = caps.textDocument?.hover?.contentFormat;
  clientMarkdownHover = !hoverFormats || hoverFormats.includes(MarkupKind.Markdown);
  clientHierarchicalSymbols = !!caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport;
  clientInlayHintRefresh = !!caps.workspace?.inlayHint?.refreshSupport;
  clientCodeLensRefresh = !!caps.workspace?.codeLens?.refreshSupport;
  clientApplyEdit = !!caps.workspace?.applyEdit;
  clientDocumentChanges = !!caps.workspace?.workspaceEdit?.documentChanges;
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  settings.setWorkspaceFolders(folders);
  const result: InitializeResult = {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, FIX_ALL_KIND] },
      completionProvider: { triggerCharacters: ['=', ',', ' ', ':'], resolveProvider: false },
      executeCommandProvider: { commands: [Commands.showRuleDocs, Commands.applyStatementFix, Commands.explainStatement] },
      inlayHintProvider: { resolveProvider: false },
      // An object, never `true`: Neovim 0.7 rejects a boolean codeLensProvider.
      codeLensProvider: { resolveProvider: false },
      documentSymbolProvider: { label: 'Backup/restore steps' },
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
  // Hints and lenses depend on the settings too (their switches, extraReleases, defaults).
  if (clientInlayHintRefresh) void connection.sendRequest(InlayHintRefreshRequest.type).catch(() => undefined);
  if (clientCodeLensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
}

// ---------------------------------------------------------------------------------------------
// Analysis, cached per document version and settings

interface CachedAnalysis {
  version: number;
  settingsKey: string;
  analysis: Analysis;
  options: AnalyzeOptions;
  skipped?: string;
  /** Per-version extras, computed on first use by the outline, the lenses and the plan (never by diagnostics). */
  lines?: LineIndex;
  outline?: MarkdownOutline;
  symbols?: SymbolNode[];
  lenses?: LensSpec[];
  /** The settings the entry was analysed with (the feature switches). */
  settings: DocumentSettings;
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
    entry = { version: doc.version, settingsKey, options, settings: s, skipped, analysis: { findings: [], statements: [], directives: [], regions: [], notes: [skipped] } };
  } else {
    entry = { version: doc.version, settingsKey, options, settings: s, analysis: analyzeDocument(text, options) };
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
    } else if (params.command === Commands.applyStatementFix || params.command === Commands.explainStatement) {
      const args = statementArgs(params.arguments?.[0]);
      if (!args) return null;
      return params.command === Commands.applyStatementFix ? applyStatementFix(args) : explain(args);
    }
    return null;
  }),
);

// ---------------------------------------------------------------------------------------------
// Beyond diagnostics: inlay hints, code lenses, the outline, the restore plan. Each reads the
// cached analysis of the document's current version (analysisOf), never analyses again.

function linesOf(entry: CachedAnalysis, doc: TextDocument): LineIndex {
  return (entry.lines ??= new LineIndex(doc.getText()));
}

function outlineOf(entry: CachedAnalysis, doc: TextDocument): MarkdownOutline | undefined {
  if (entry.options.languageId !== 'markdown' || entry.skipped) return undefined;
  return (entry.outline ??= markdownOutline(doc.getText()));
}

function enabled(entry: CachedAnalysis, key: 'inlayHints' | 'codeLens'): boolean {
  return (entry.settings[key] ?? SERVER_DEFAULTS[key]) !== false;
}

connection.languages.inlayHint.on((params) =>
  guarded('inlayHint', [] as InlayHint[], async () => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const entry = await analysisOf(doc);
    if (!enabled(entry, 'inlayHints')) return [];
    const hints = inlayHintsFor(entry.analysis, doc.offsetAt(params.range.start), doc.offsetAt(params.range.end));
    return hints.map((h) => ({
      position: doc.positionAt(h.offset),
      label: h.label,
      kind: InlayHintKind.Type,
      tooltip: h.tooltip,
      paddingLeft: true,
    }));
  }),
);

connection.onCodeLens((params) =>
  guarded('codeLens', [] as CodeLens[], async () => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const entry = await analysisOf(doc);
    if (!enabled(entry, 'codeLens')) return [];
    return (entry.lenses ??= codeLensesFor(entry.analysis, entry.options.catalog)).map((l) => {
      const st = entry.analysis.statements[l.statement];
      const args: StatementCommandArgs = {
        uri: doc.uri,
        version: entry.version,
        statement: l.statement,
        position: doc.positionAt(st.keyword.start),
      };
      if (l.action.kind === 'fix') args.rule = l.action.rule;
      return {
        range: l.range,
        command: { title: l.title, command: l.action.kind === 'fix' ? Commands.applyStatementFix : Commands.explainStatement, arguments: [args] },
      };
    });
  }),
);

const SYMBOL_KIND: Record<SymbolNode['kind'], SymbolKind> = {
  heading: SymbolKind.String, // what VS Code's own markdown outline uses for headings
  restore: SymbolKind.Event,
  backup: SymbolKind.Package,
};

connection.onDocumentSymbol((params) =>
  guarded('documentSymbol', [] as DocumentSymbol[] | SymbolInformation[], async () => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const entry = await analysisOf(doc);
    if (entry.skipped) return [];
    const nodes = (entry.symbols ??= documentSymbols(entry.analysis, linesOf(entry, doc), outlineOf(entry, doc)?.headings));
    const toSymbol = (n: SymbolNode): DocumentSymbol => ({
      name: n.name,
      detail: n.detail,
      kind: SYMBOL_KIND[n.kind],
      range: n.range,
      selectionRange: n.selectionRange,
      children: n.children.map(toSymbol),
    });
    if (clientHierarchicalSymbols) return nodes.map(toSymbol);
    // Flat SymbolInformation for clients without hierarchical support, with the heading path as container.
    const flat: SymbolInformation[] = [];
    const walk = (ns: SymbolNode[], container: string | undefined) => {
      for (const n of ns) {
        flat.push({ name: n.name, kind: SYMBOL_KIND[n.kind], location: { uri: doc.uri, range: n.range }, containerName: container });
        walk(n.children, container ? `${container} › ${n.name}` : n.name);
      }
    };
    walk(nodes, undefined);
    return flat;
  }),
);

function statementArgs(raw: unknown): StatementCommandArgs | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const a = raw as Partial<StatementCommandArgs>;
  if (typeof a.uri !== 'string' || typeof a.version !== 'number' || typeof a.statement !== 'number') return undefined;
  return a as StatementCommandArgs;
}

function showMessage(type: MessageType, message: string): void {
  void connection.sendNotification(ShowMessageNotification.type, { type, message });
}

/** Code lens click on an unsupported (or unknown) RESTORE: apply the finding's preferred fix. */
async function applyStatementFix(args: StatementCommandArgs): Promise<unknown> {
  const doc = documents.get(args.uri);
  if (!doc) return null;
  if (doc.version !== args.version) {
    showMessage(MessageType.Warning, 'CockroachDB Restore Guard: the document changed since the code lens was shown; click it again.');
    return null;
  }
  const entry = await analysisOf(doc);
  const found = args.rule ? lensFix(entry.analysis, args.statement, args.rule) : undefined;
  if (!found) return explain(args); // the rule is off or ignored here: nothing to fix, explain instead
  if (!clientApplyEdit) {
    showMessage(MessageType.Info, `CockroachDB Restore Guard: ${found.fix.title} (your editor cannot apply edits from the server; use the quick fix).`);
    return null;
  }
  const edit: WorkspaceEdit = clientDocumentChanges
    ? { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits: found.fix.edits as TextEdit[] }] }
    : { changes: { [doc.uri]: found.fix.edits as TextEdit[] } };
  const result = await connection.workspace.applyEdit({ label: found.fix.title, edit });
  return { applied: result.applied, title: found.fix.title };
}

/** Code lens click on a supported RESTORE (non-VS Code clients; VS Code shows the hover instead). */
async function explain(args: StatementCommandArgs): Promise<unknown> {
  const doc = documents.get(args.uri);
  if (!doc) return null;
  const entry = await analysisOf(doc);
  const st = entry.analysis.statements[args.statement];
  if (!st || st.kind !== 'restore' || doc.version !== args.version) return null;
  showMessage(MessageType.Info, `CockroachDB Restore Guard: ${explainStatement(st, entry.options.catalog)}`);
  return null;
}

// Release list for the plan command's quick picks, worded here so the client stays logic-free.
connection.onRequest(RELEASES_REQUEST, (params: ReleasesParams | undefined) =>
  guarded(RELEASES_REQUEST, [] as ReleaseItem[], async () => {
    const doc = params?.uri ? documents.get(params.uri) : undefined;
    const s = doc ? await settings.forDocument(doc.uri) : await settings.forDocument(params?.uri ?? '');
    const options = doc ? (await analysisOf(doc)).options : analyzeOptions(s, 'sql');
    const { catalog, today } = options;
    const backup = params?.backup ? parseVersion(params.backup)?.major : undefined;
    const items: ReleaseItem[] = [];
    for (const r of [...catalog.releases].reverse()) {
      if (backup && compareMajors(r.version, backup) < 0) continue;
      let description = `${r.type} release${r.userSupplied ? ' (extraReleases)' : ''}`;
      if (backup) {
        const v = verdict(catalog, backup, r.version);
        if (v.kind === 'same') description += ' · same version';
        else if (isSupported(v)) description += ' · restores directly';
        else {
          const path = upgradePath(catalog, backup, r.version);
          description += ` · ${path.length - 1} steps via ${path.slice(1, -1).join(', ')}`;
        }
      }
      const dates: string[] = [r.gaDate ? `GA ${r.gaDate}` : 'not released yet'];
      const end = supportEnd(r, parseVersion(r.version)!);
      if (end) dates.push(`${today > end.date ? 'support ended' : 'supported until'} ${end.date} (${end.kind})`);
      if (r.type === 'regular' && r.ltsAssistanceEnd) dates.push(`LTS until ${r.ltsAssistanceEnd}`);
      items.push({ version: r.version, type: r.type, label: r.version, description, detail: dates.join(' · ') });
    }
    return items;
  }),
);

connection.onRequest(PLAN_REQUEST, (params: PlanParams) =>
  guarded(PLAN_REQUEST, { error: 'planning failed; see the server log' } as PlanResponse, async (): Promise<PlanResponse> => {
    const doc = params?.uri ? documents.get(params.uri) : undefined;
    if (!doc) return { error: 'Open the runbook or SQL file the plan goes into first.' };
    const entry = await analysisOf(doc);
    const text = doc.getText();
    const lines = linesOf(entry, doc);
    const offset = lines.offset(params.position);
    const line = lines.lineOf(offset);
    let form: PlanForm = entry.options.languageId;
    let headingLevel = 2;
    const outline = outlineOf(entry, doc);
    if (outline) {
      const block = outline.codeBlocks.find((b) => line > b.line && line < b.endLine);
      if (block && block.kind !== 'sql') return { error: 'The cursor is inside a code block: put it in prose or in a SQL block.' };
      if (block) form = 'sql';
      const heading = [...outline.headings].reverse().find((h) => h.endLine < line);
      if (heading) headingLevel = Math.min(6, heading.level + 1);
    }
    const mixed = mixedVersionAt(entry.analysis, offset);
    const eol = /\r\n/.test(text) ? '\r\n' : '\n';
    const r = planRestore(entry.options.catalog, {
      backup: String(params.backup ?? ''),
      target: String(params.target ?? ''),
      form,
      headingLevel,
      eol,
      resetMixedVersion: mixed,
    });
    if (!r.ok) return { error: r.error };
    const before = text.slice(lines.lineStart(line), offset);
    const after = text.slice(offset, lines.lineEnd(line));
    const previousBlank = line === 0 || lines.lineText(line - 1).trim() === '';
    return { text: frameInsertion(r.plan.text, form, before, after, previousBlank, eol), title: r.plan.title, hops: r.plan.hops };
  }),
);

/** Whether a `mixed-version` directive is in force at `offset`. */
function mixedVersionAt(analysis: Analysis, offset: number): boolean {
  let on = false;
  let at = -1;
  for (const d of analysis.directives) {
    for (const e of d.entries) {
      if (e.key !== 'mixed-version' || e.keyStart >= offset || e.keyStart < at) continue;
      const v = parseBoolean(e.value);
      if (v === undefined) continue;
      on = v;
      at = e.keyStart;
    }
  }
  return on;
}

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
