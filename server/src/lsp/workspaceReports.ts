// The workspace/diagnostic answer for one workspace folder's files: each file's findings, or
// "unchanged" where its previous result id (size, mtime, settings hash) still holds. It yields
// to the event loop every few files and stops when cancelled, so other requests are answered
// during a report over a large tree; a file that cannot be read is skipped (and reported once
// by the caller), never the end of the report.
import { DocumentDiagnosticReportKind, type WorkspaceDocumentDiagnosticReport } from 'vscode-languageserver/node';
import type { Analysis } from '../core/analysisTypes';
import { LineIndex } from '../core/lineIndex';
import { toDiagnostic } from './convert';
import { publishedDiagnostics } from './publishedDiagnostics';
import type { WorkspaceHost } from './workspaceHost';

/** One file of the folder: its URI and how messages name it (a path on disk). */
export interface FolderEntry {
  uri: string;
  label: string;
}

export interface FolderReportOptions {
  /** Result ids the client holds, by uri. */
  previous: ReadonlyMap<string, string>;
  /** A short hash of the folder's settings (part of every result id). */
  settingsHash: string;
  /** Larger files are left out (they are reported when opened). */
  maxBytes: number;
  /** Open documents are reported by textDocument/diagnostic instead. */
  isOpen(uri: string): boolean;
  isCancelled(): boolean;
  analyze(file: string, text: string): Analysis | Promise<Analysis>;
  /** A file that could not be read (the caller logs each once). */
  skipped(problem: string): void;
  /** Reads the files: the disk (node/nodeHost.ts) or the editor's file system on the web. */
  io: Pick<WorkspaceHost, 'stat' | 'readFile'>;
}

/** Files between two yields to the event loop. */
const FILES_PER_SLICE = 20;

export async function reportFolder(entries: readonly FolderEntry[], o: FolderReportOptions): Promise<WorkspaceDocumentDiagnosticReport[]> {
  const items: WorkspaceDocumentDiagnosticReport[] = [];
  let sinceYield = 0;
  for (const { uri, label } of entries) {
    if (++sinceYield >= FILES_PER_SLICE) {
      sinceYield = 0;
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
    }
    if (o.isCancelled()) break;
    if (o.isOpen(uri)) continue;
    const stat = await o.io.stat(uri);
    if (!stat || stat.size > o.maxBytes) continue; // gone since the walk, or too large
    const resultId = `${stat.size}:${stat.mtime}:${o.settingsHash}`;
    if (o.previous.get(uri) === resultId) {
      items.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri, resultId, version: null });
      continue;
    }
    const text = await o.io.readFile(uri);
    if (text === undefined) {
      o.skipped(`${label}: skipped in workspace diagnostics: cannot read`);
      continue;
    }
    const analysis = await o.analyze(uri, text);
    let lines: LineIndex | undefined;
    const where = { uri, lines: () => (lines ??= new LineIndex(text)) };
    items.push({ kind: DocumentDiagnosticReportKind.Full, uri, resultId, version: null, items: publishedDiagnostics(analysis.findings, (f) => toDiagnostic(f, analysis, where)).diagnostics });
  }
  return items;
}
