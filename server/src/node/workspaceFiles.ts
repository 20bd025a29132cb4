// The workspace index's files from disk: the folder walk of fileWalker.ts (`.gitignore`
// honoured, stopping at the limit) and plain reads with a size check.
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import type { WorkspaceFileSource } from '../lsp/workspaceFiles';
import { listFiles } from './fileWalker';

export const diskFileSource: WorkspaceFileSource = {
  async list(folderUri, limit) {
    const dir = toPath(folderUri);
    if (dir === undefined) return { uris: [], capped: false };
    const { files, capped } = listFiles(dir, limit);
    return { uris: files.map((f) => pathToFileURL(path.join(dir, f)).href), capped };
  },
  // Synchronous reads: the index calls this between its slices of work, a file at a time, and a
  // small file read synchronously costs a fraction of what a thread-pool round trip does.
  async read(uri, maxBytes) {
    const file = toPath(uri);
    if (file === undefined) return undefined;
    try {
      const stat = fs.statSync(file);
      if (!stat.isFile() || stat.size > maxBytes) return undefined;
      return fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  },
};

function toPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
