// Analysis, cached per document version and settings. Every feature (diagnostics, hover,
// fixes, hints, lenses, the outline, the plan) reads the entry of the document's current
// version, so a document is analysed once per change, not once per request.
import { DiagnosticSeverity, LSPErrorCodes, ResponseError, type Diagnostic } from 'vscode-languageserver/node';
import type { BackgroundAnalyzer, BackgroundResult } from './backgroundAnalyzer';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument } from '../core/analyze';
import { analyzeProseEdit } from '../core/proseEdit';
import type { Analysis, AnalyzeOptions, VersionFact } from '../core/analysisTypes';
import { LineIndex } from '../core/lineIndex';
import { markdownOutline, type MarkdownOutline } from '../core/markdown';
import { ScanCache } from '../core/scanCache';
import { analyzeOptions, languageOf } from '../core/settings';
import type { LensSpec } from './codeLens';
import { publishedDiagnostics, type Published } from './publishedDiagnostics';
import type { SymbolNode } from './documentSymbols';
import { fileFactsOf, type FileFacts } from '../core/workspace/fileFacts';
import type { WorkspaceIndex } from './workspaceIndex';
import { DIAGNOSTIC_SOURCE } from './protocol';
import { docsRootUri, toDiagnostic } from './convert';
import { outOfScope, SERVER_DEFAULTS, settingsKeyOf, type DocumentSettings, type SettingsStore } from './settingsStore';

export interface CachedAnalysis {
  version: number;
  settingsKey: string;
  analysis: Analysis;
  options: AnalyzeOptions;
  skipped?: string;
  /** Set when the document is not analysed at all (outside the workspace, our own docs): no diagnostics, no features. */
  outOfScope?: string;
  /** Per-version extras, computed on first use by the outline, the lenses and the plan (never by diagnostics). */
  lines?: LineIndex;
  outline?: MarkdownOutline;
  symbols?: SymbolNode[];
  lenses?: LensSpec[];
  /** The settings the entry was analysed with (the feature switches). */
  settings: DocumentSettings;
  /** The published diagnostics, made once per entry (pulls and pushes of a version share them). */
  published?: Published;
  /** Collections whose backup version the analysis looked up in other files (docs/workspace.md). */
  usedKeys?: ReadonlySet<string>;
  /** The document's collection facts as last given to the workspace index. */
  facts?: FileFacts;
  /**
   * Set when the analysis was made on the worker, which sends the findings (all diagnostics
   * need) and keeps the rest until asked: this fetches it. Every other feature waits for it
   * (analysisOf).
   */
  loadRest?: () => Promise<void>;
}

/** Documents at least this long are analysed on the worker thread (their analysis takes tenths of a second and more). */
export const BACKGROUND_MIN_CHARS = 1_000_000;

/** Documents larger than this keep no scans between versions (their memory would outweigh the saving). */
const SCAN_CACHE_MAX_CHARS = 4_000_000;

export class AnalysisCache {
  private readonly entries = new Map<string, CachedAnalysis>();
  private settingsGeneration = 0;
  /**
   * The SQL scans of the document analysed last, for its next version: the one being typed in.
   * One document only, so that memory does not grow with the number of open documents.
   */
  private scans?: { uri: string; cache: ScanCache };
  /** Where RESTOREs look up collections written by other files; told each open document's own facts. */
  private workspace?: WorkspaceIndex;

  /** Analyses being made on the worker, per document: the version and settings they are for. */
  private readonly pending = new Map<string, { version: number; settingsKey: string; entry: Promise<CachedAnalysis | undefined> }>();

  constructor(
    private readonly settings: SettingsStore,
    /** Where large documents are analysed; without it (tests, other hosts) every analysis runs here. */
    private readonly background?: BackgroundAnalyzer,
  ) {}

  attachWorkspace(index: WorkspaceIndex): void {
    this.workspace = index;
  }

  /** The lookup of other files' BACKUPs for a document that is not open (workspace diagnostics). */
  otherFilesFor(uri: string): AnalyzeOptions['otherFiles'] {
    return this.workspace?.lookupFor(uri, new Set());
  }

  /** Resolves once the workspace index build in progress is done. */
  workspaceReady(): Promise<void> {
    return this.workspace?.ready ?? Promise.resolve();
  }

  /** Changes whenever some collection's writers change. */
  get workspaceGeneration(): number {
    return this.workspace?.generation ?? 0;
  }

  /**
   * The open documents (other than `except`) whose analyses looked up one of `keys` in other
   * files. Their entries are dropped: the next request analyses them again.
   */
  dropDependents(keys: readonly string[], except?: string): string[] {
    const out: string[] = [];
    for (const [uri, entry] of this.entries) {
      if (uri === except || !entry.usedKeys) continue;
      if (keys.some((k) => entry.usedKeys!.has(k))) out.push(uri);
    }
    for (const uri of out) this.entries.delete(uri);
    return out;
  }

  /** Bumped whenever settings or the config file may have changed: a validation that started before is stale. */
  get generation(): number {
    return this.settingsGeneration;
  }

  /** Settings or the config file may have changed: forget every entry, and make running validations stale. */
  invalidate(): void {
    this.settingsGeneration++;
    this.entries.clear();
    this.pending.clear();
    this.scans = undefined;
  }

  /** The document was closed. */
  delete(uri: string): void {
    this.entries.delete(uri);
    this.pending.delete(uri);
    this.background?.forget(uri);
    if (this.scans?.uri === uri) this.scans = undefined;
  }

  /**
   * The analysis of the document's current version. A large document is analysed on the
   * worker: this waits for it without blocking other requests, and fails with ContentModified
   * if the document changed meanwhile (the client asks again for the new version).
   */
  async analysisOf(doc: TextDocument, needs: 'findings' | 'all' = 'all', retried = false): Promise<CachedAnalysis> {
    const s = await this.settings.forDocument(doc.uri);
    const version = doc.version;
    const entry = await this.analyzeAsync(doc, s);
    if (entry?.loadRest && needs === 'all') {
      try {
        await entry.loadRest();
      } catch (e) {
        // The worker stopped, or dropped the analysis, before it was asked for the rest: analyse again, once.
        if (this.entries.get(doc.uri) === entry) this.entries.delete(doc.uri);
        if (retried || doc.version !== version) throw e;
        return this.analysisOf(doc, needs, true);
      }
    }
    if (!entry || doc.version !== version || entry.version !== doc.version) {
      throw new ResponseError(LSPErrorCodes.ContentModified, 'the document changed while it was analysed');
    }
    return entry;
  }

  /** A file's analysis (workspace diagnostics): large ones on the worker, so the server keeps answering. */
  async analyzeFile(uri: string, text: string, s: DocumentSettings, languageId: 'sql' | 'markdown'): Promise<Analysis> {
    if (this.background && text.length >= BACKGROUND_MIN_CHARS) {
      const jobUri = `workspace:${uri}`;
      const done = await this.analyzeInBackground(jobUri, 0, text, s, languageId, uri);
      const loaded = done && (await done.analysis.load().then(() => true, () => false));
      this.background.forget(jobUri); // its facts are never asked for: the worker need not keep it
      if (loaded) return done.analysis;
    }
    const options = analyzeOptions(s, languageId);
    options.otherFiles = this.otherFilesFor(uri);
    return analyzeDocument(text, options);
  }

  /**
   * An analysis on the worker. The other-files lookup (the workspace index) is a function the
   * worker cannot call: the worker is sent every answer the index has for the document, as data,
   * and says which keys it asked. `used` holds those keys. When a writer changed while the worker
   * ran and an answer it used is now different, it runs again (a few times at most: a later
   * change of writers re-checks the document anyway).
   */
  private async analyzeInBackground(jobUri: string, version: number, text: string, s: DocumentSettings, languageId: 'sql' | 'markdown', lookupUri = jobUri): Promise<(BackgroundResult & { used: Set<string> }) | undefined> {
    for (let attempt = 1; ; attempt++) {
      const sent = this.workspace?.answersFor(lookupUri);
      const done = await this.background!.analyze(jobUri, version, text, s, languageId, sent?.answers);
      if (!done) return undefined;
      if (!this.workspace || !sent) return { ...done, used: new Set() };
      // Asked keys are `${explicitSubdir}:${key}`; the index records the keys alone.
      const used = new Set(done.asked.map((k) => k.slice(k.indexOf(':') + 1)));
      if (this.workspace.generation === sent.generation || attempt >= 3) return { ...done, used };
      // A writer changed while the worker ran: run again if an answer it used is different now.
      const before = new Map(sent.answers);
      const lookup = this.workspace.lookupFor(lookupUri, new Set());
      const changed = done.asked.some((k) => {
        const colon = k.indexOf(':');
        return !sameFact(before.get(k), lookup(k.slice(colon + 1), k.slice(0, colon) === 'true'));
      });
      if (!changed) return { ...done, used };
    }
  }

  /**
   * The analysis of the document's current version with settings `s`: at once for small
   * documents, from the worker for large ones. Undefined when the document moved on before the
   * worker finished (the newest version wins; its own validation publishes).
   */
  async analyzeAsync(doc: TextDocument, s: DocumentSettings): Promise<CachedAnalysis | undefined> {
    const text = doc.getText();
    const limitMb = s.maxFileSizeMb ?? SERVER_DEFAULTS.maxFileSizeMb;
    if (!this.background || text.length < BACKGROUND_MIN_CHARS || text.length > limitMb * 1024 * 1024) return this.analyzeWith(doc, s);
    const settingsKey = settingsKeyOf(s);
    const hit = this.entries.get(doc.uri);
    if (hit && hit.version === doc.version && hit.settingsKey === settingsKey) return hit;
    const waiting = this.pending.get(doc.uri);
    if (waiting && waiting.version === doc.version && waiting.settingsKey === settingsKey) return waiting.entry;
    const version = doc.version;
    const generation = this.settingsGeneration;
    const options = analyzeOptions(s, languageOfDocument(doc));
    const entry = this.analyzeInBackground(doc.uri, version, text, s, options.languageId).then((done) => {
      if (this.pending.get(doc.uri)?.entry === entry) this.pending.delete(doc.uri);
      if (!done || generation !== this.settingsGeneration) return undefined;
      const made: CachedAnalysis = { version, settingsKey, options, settings: s, analysis: done.analysis, usedKeys: done.used, loadRest: () => done.analysis.load() };
      const current = this.entries.get(doc.uri);
      if (!current || current.version < version) {
        this.entries.set(doc.uri, made);
        // Asked for now, they arrive after the first diagnostics went out, which need not wait for them.
        void done.facts().then((facts) => {
          if (facts && this.workspace && this.entries.get(doc.uri) === made && doc.version === version) this.workspace.fromOpenDocument(doc.uri, facts);
        });
      }
      return made;
    });
    this.pending.set(doc.uri, { version, settingsKey, entry });
    return entry;
  }

  analyzeWith(doc: TextDocument, s: DocumentSettings): CachedAnalysis {
    const settingsKey = settingsKeyOf(s);
    const hit = this.entries.get(doc.uri);
    if (hit && hit.version === doc.version && hit.settingsKey === settingsKey) return hit;
    const options = analyzeOptions(s, languageOfDocument(doc));
    const text = doc.getText();
    const limitMb = s.maxFileSizeMb ?? SERVER_DEFAULTS.maxFileSizeMb;
    let entry: CachedAnalysis;
    const notServed = outOfScope(doc.uri, this.settings.workspaceFolders, docsRootUri());
    if (notServed) {
      entry = { version: doc.version, settingsKey, options, settings: s, skipped: notServed, outOfScope: notServed, analysis: emptyAnalysis(notServed) };
    } else if (text.length > limitMb * 1024 * 1024) {
      const skipped = `Not analyzed: the document is ${(text.length / 1048576).toFixed(1)} MB, over the crdbRestoreGuard.maxFileSizeMb limit of ${limitMb} MB.`;
      entry = { version: doc.version, settingsKey, options, settings: s, skipped, analysis: { findings: [], statements: [], directives: [], regions: [], notes: [skipped] } };
    } else {
      const used = new Set<string>();
      if (this.workspace) options.otherFiles = this.workspace.lookupFor(doc.uri, used);
      const { analysis, derived } = this.analyze(doc.uri, text, options, hit, settingsKey);
      // An analysis derived from the previous one (typing in prose) keeps that one's lookups.
      if (derived && hit?.usedKeys) for (const k of hit.usedKeys) used.add(k);
      entry = { version: doc.version, settingsKey, options, settings: s, analysis, usedKeys: used };
      // Typing in prose moves nothing off the edited line: when no published diagnostic has a
      // position on it, the previous version's diagnostics are this one's (the same objects).
      if (derived && hit?.published && analysis.shifted && !onLine(hit.published, doc.uri, analysis.shifted.line)) entry.published = hit.published;
      if (this.workspace) {
        // A derived analysis moved nothing on the lines that hold statements (SQL is never on a
        // prose line), so its facts are the previous version's: the same object, which the index
        // recognises as no change. Reading them again cost about 0.5 ms a keystroke on the 97 KB runbook.
        entry.facts = derived && hit?.facts ? hit.facts : fileFactsOf(analysis, analysis.basis?.lines ?? linesOf(entry, doc));
        this.workspace.fromOpenDocument(doc.uri, entry.facts);
      }
    }
    this.entries.set(doc.uri, entry);
    return entry;
  }

  /**
   * A full analysis, or, when the previous version's analysis shows the edit cannot change it
   * (typing in a runbook's prose), that analysis with its offsets moved (core/proseEdit.ts).
   */
  private analyze(uri: string, text: string, options: AnalyzeOptions, prev: CachedAnalysis | undefined, settingsKey: string): { analysis: Analysis; derived: boolean } {
    // (Not from a worker's analysis, whose parts may still be on the worker: the document just became small enough to analyse here.)
    if (prev && prev.settingsKey === settingsKey && !prev.skipped && !prev.loadRest && options.languageId === 'markdown') {
      const derived = analyzeProseEdit(prev.analysis, text, () => analyzeDocument(text, options));
      if (derived) return { analysis: derived, derived: true };
    }
    return { analysis: analyzeDocument(text, options, this.scansFor(uri, text)), derived: false };
  }

  private scansFor(uri: string, text: string): ScanCache | undefined {
    if (text.length > SCAN_CACHE_MAX_CHARS) {
      if (this.scans?.uri === uri) this.scans = undefined;
      return undefined;
    }
    if (this.scans?.uri !== uri) this.scans = { uri, cache: new ScanCache() };
    return this.scans.cache;
  }
}

/** True when a diagnostic of `published`, or a related location in document `uri`, starts or ends on `line`. */
function onLine(published: Published, uri: string, line: number): boolean {
  for (const d of published.diagnostics) {
    if (d.range.start.line === line || d.range.end.line === line) return true;
    for (const r of d.relatedInformation ?? []) {
      if (r.location.uri === uri && (r.location.range.start.line === line || r.location.range.end.line === line)) return true;
    }
  }
  return false;
}

/** Two answers of the other-files lookup are the same (they are plain data). */
function sameFact(a: VersionFact | undefined, b: VersionFact | undefined): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function emptyAnalysis(note: string): Analysis {
  return { findings: [], statements: [], directives: [], regions: [], notes: [note] };
}

function languageOfDocument(doc: TextDocument): 'sql' | 'markdown' {
  if (doc.languageId === 'markdown' || doc.languageId === 'mdx') return 'markdown';
  if (doc.languageId === 'sql') return 'sql';
  return languageOf(doc.uri) ?? 'sql';
}

export function diagnosticsOf(entry: CachedAnalysis, doc?: TextDocument): Diagnostic[] {
  return publishedOf(entry, doc).diagnostics;
}

/**
 * The entry's diagnostics (capped) and how many findings were left out. With the document,
 * findings carry the places their versions came from (relatedInformation).
 */
export function publishedOf(entry: CachedAnalysis, doc?: TextDocument): Published {
  if (entry.published) return entry.published;
  if (entry.outOfScope) return (entry.published = { diagnostics: [], omitted: 0 });
  if (entry.skipped) return (entry.published = { diagnostics: skippedDiagnostics(entry.skipped), omitted: 0 });
  const where = doc ? { uri: doc.uri, lines: () => entry.analysis.basis?.lines ?? linesOf(entry, doc) } : undefined;
  const published = publishedDiagnostics(entry.analysis.findings, (f) => toDiagnostic(f, entry.analysis, where));
  // Without the document there is no relatedInformation: keep only the full answer.
  if (doc) entry.published = published;
  return published;
}

function skippedDiagnostics(message: string): Diagnostic[] {
  return [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Information, source: DIAGNOSTIC_SOURCE, message }];
}

export function linesOf(entry: CachedAnalysis, doc: TextDocument): LineIndex {
  return (entry.lines ??= new LineIndex(doc.getText()));
}

export function outlineOf(entry: CachedAnalysis, doc: TextDocument): MarkdownOutline | undefined {
  if (entry.options.languageId !== 'markdown' || entry.skipped) return undefined;
  return (entry.outline ??= markdownOutline(doc.getText()));
}
