// The workspace/diagnostic report of one workspace folder's files: each file's findings, or
// "unchanged" where its previous result id (size, mtime, settings hash) still holds. It yields
// to the event loop every few files and stops when cancelled, so other requests are answered
// during a report over a large tree; a file that cannot be read is skipped (and reported once
// by the caller), never the end of the report.
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { DocumentDiagnosticReportKind, type WorkspaceDocumentDiagnosticReport } from 'vscode-languageserver/node';
import type { Analysis } from '../core/analysisTypes';
import { publishedDiagnostics } from './publishedDiagnostics';

export interface WorkspaceFileIo {
  stat(file: string): Promise<{ size: number; mtimeMs: number }>;
  readFile(file: string): Promise<string>;
}

export const NODE_FILE_IO: WorkspaceFileIo = {
  stat: (file) => fs.promises.stat(file),
  readFile: (file) => fs.promises.readFile(file, 'utf8'),
};

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
  io?: WorkspaceFileIo;
}

/** Files between two yields to the event loop. */
const FILES_PER_SLICE = 20;

export async function reportFolder(folder: string, files: readonly string[], o: FolderReportOptions): Promise<WorkspaceDocumentDiagnosticReport[]> {
  const io = o.io ?? NODE_FILE_IO;
  const items: WorkspaceDocumentDiagnosticReport[] = [];
  let sinceYield = 0;
  for (const rel of files) {
    if (++sinceYield >= FILES_PER_SLICE) {
      sinceYield = 0;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (o.isCancelled()) break;
    const file = path.join(folder, rel);
    const uri = pathToFileURL(file).href;
    if (o.isOpen(uri)) continue;
    let text: string;
    let resultId: string;
    try {
      const stat = await io.stat(file);
      if (stat.size > o.maxBytes) continue;
      resultId = `${stat.size}:${stat.mtimeMs}:${o.settingsHash}`;
      if (o.previous.get(uri) === resultId) {
        items.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri, resultId, version: null });
        continue;
      }
      text = await io.readFile(file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') o.skipped(`${file}: skipped in workspace diagnostics: cannot read (${code ?? String(e)})`);
      continue;
    }
    const analysis = await o.analyze(file, text);
    items.push({ kind: DocumentDiagnosticReportKind.Full, uri, resultId, version: null, items: publishedDiagnostics(analysis.findings).diagnostics });
  }
  return items;
}
