// The workspace host of the Node server: the disk. The walk honours .gitignore
// (node/fileWalker.ts, shared with the CLI) and the config file is read by node/configFile.ts.
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import type { WorkspaceHost } from '../lsp/workspaceHost';
import { readConfigFile } from './configFile';
import { expandArguments, walkWorkspace } from './fileWalker';

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

function statFile(uri: string): fs.Stats | undefined {
  const p = uriToPath(uri);
  if (!p) return undefined;
  try {
    const s = fs.statSync(p);
    return s.isFile() ? s : undefined;
  } catch {
    return undefined;
  }
}

export const nodeHost: WorkspaceHost = {
  async walkFolder(folderUri, opts) {
    const folder = uriToPath(folderUri);
    if (!folder) return { files: [], warnings: [], truncated: false };
    const walk = await walkWorkspace(folder, opts);
    const files = walk.files.map((rel) => {
      const file = path.join(folder, rel);
      return { uri: pathToFileURL(file).href, label: file };
    });
    return { files, warnings: walk.warnings, truncated: walk.truncated };
  },
  async listFiles(folderUri) {
    const folder = uriToPath(folderUri);
    if (!folder) return [];
    return expandArguments(['.'], folder).files.map((rel) => pathToFileURL(path.join(folder, rel)).href);
  },
  async stat(uri) {
    const s = statFile(uri);
    return s ? { size: s.size, mtime: s.mtimeMs } : undefined;
  },
  async readFile(uri) {
    const p = uriToPath(uri);
    if (!p) return undefined;
    try {
      return fs.readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  },
  async readConfig(uri, folderUri) {
    const p = uriToPath(uri);
    const within = folderUri ? uriToPath(folderUri) : undefined;
    return p && statFile(uri) ? readConfigFile(p, within ? { within } : {}) : undefined;
  },
};

/** The rule documentation pages shipped beside the bundled server (dist/ → docs/rules/). */
export function bundledDocsBaseUri(): string {
  return pathToFileURL(path.resolve(__dirname, '..', 'docs', 'rules') + path.sep).href;
}
