// Analysis, cached per document version and settings. Every feature (diagnostics, hover,
// fixes, hints, lenses, the outline, the plan) reads the entry of the document's current
// version, so a document is analysed once per change, not once per request.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument } from '../core/analyze';
import { analyzeProseEdit } from '../core/proseEdit';
import type { Analysis, AnalyzeOptions } from '../core/analysisTypes';
import { LineIndex } from '../core/lineIndex';
import { markdownOutline, type MarkdownOutline } from '../core/markdown';
import { ScanCache } from '../core/scanCache';
import { analyzeOptions, languageOf } from '../core/settings';
import type { LensSpec } from './codeLens';
import { toDiagnostic } from './convert';
import type { SymbolNode } from './documentSymbols';
import { fileFactsOf } from '../core/workspace/fileFacts';
import type { WorkspaceIndex } from './workspaceIndex';
import { DIAGNOSTIC_SOURCE } from './protocol';
import { DOCS_DIR } from './convert';
import { outOfScope, SERVER_DEFAULTS, type DocumentSettings, type SettingsStore } from './settingsStore';

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
  /** Collections whose backup version the analysis looked up in other files (docs/workspace.md). */
  usedKeys?: ReadonlySet<string>;
}

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

  constructor(private readonly settings: SettingsStore) {}

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
    this.scans = undefined;
  }

  /** The document was closed. */
  delete(uri: string): void {
    this.entries.delete(uri);
    if (this.scans?.uri === uri) this.scans = undefined;
  }

  async analysisOf(doc: TextDocument): Promise<CachedAnalysis> {
    const s = await this.settings.forDocument(doc.uri);
    return this.analyzeWith(doc, s);
  }

  analyzeWith(doc: TextDocument, s: DocumentSettings): CachedAnalysis {
    const settingsKey = JSON.stringify(s);
    const hit = this.entries.get(doc.uri);
    if (hit && hit.version === doc.version && hit.settingsKey === settingsKey) return hit;
    const options = analyzeOptions(s, languageOfDocument(doc));
    const text = doc.getText();
    const limitMb = s.maxFileSizeMb ?? SERVER_DEFAULTS.maxFileSizeMb;
    let entry: CachedAnalysis;
    const notServed = outOfScope(doc.uri, this.settings.workspaceFolders, DOCS_DIR);
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
      if (this.workspace) this.workspace.fromOpenDocument(doc.uri, fileFactsOf(analysis, analysis.basis?.lines ?? linesOf(entry, doc)));
    }
    this.entries.set(doc.uri, entry);
    return entry;
  }

  /**
   * A full analysis, or, when the previous version's analysis shows the edit cannot change it
   * (typing in a runbook's prose), that analysis with its offsets moved (core/proseEdit.ts).
   */
  private analyze(uri: string, text: string, options: AnalyzeOptions, prev: CachedAnalysis | undefined, settingsKey: string): { analysis: Analysis; derived: boolean } {
    if (prev && prev.settingsKey === settingsKey && !prev.skipped && options.languageId === 'markdown') {
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

function emptyAnalysis(note: string): Analysis {
  return { findings: [], statements: [], directives: [], regions: [], notes: [note] };
}

function languageOfDocument(doc: TextDocument): 'sql' | 'markdown' {
  if (doc.languageId === 'markdown' || doc.languageId === 'mdx') return 'markdown';
  if (doc.languageId === 'sql') return 'sql';
  return languageOf(doc.uri) ?? 'sql';
}

/** The entry's diagnostics; with the document, findings carry the places their versions came from. */
export function diagnosticsOf(entry: CachedAnalysis, doc?: TextDocument): Diagnostic[] {
  if (entry.outOfScope) return [];
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
  const where = doc ? { uri: doc.uri, lines: () => entry.analysis.basis?.lines ?? linesOf(entry, doc) } : undefined;
  return entry.analysis.findings.map((f) => toDiagnostic(f, entry.analysis, where));
}

export function linesOf(entry: CachedAnalysis, doc: TextDocument): LineIndex {
  return (entry.lines ??= new LineIndex(doc.getText()));
}

export function outlineOf(entry: CachedAnalysis, doc: TextDocument): MarkdownOutline | undefined {
  if (entry.options.languageId !== 'markdown' || entry.skipped) return undefined;
  return (entry.outline ??= markdownOutline(doc.getText()));
}
