// The workspace host of the web worker server: it has no file system, so it asks the client
// (client/src/browserExtension.ts), which reads through the editor's file system API.
import type { Connection } from 'vscode-languageserver/browser';
import { validateSettings } from '../core/settings';
import { READ_FILE_REQUEST, WORKSPACE_FILES_REQUEST, type ReadFileParams, type ReadFileResult, type WorkspaceFilesParams, type WorkspaceFilesResult } from '../lsp/webProtocol';
import type { WorkspaceFileSource } from '../lsp/workspaceFiles';
import type { WorkspaceHost } from '../lsp/workspaceHost';

/** The last path segment of a URI, for messages. */
const nameOf = (uri: string) => decodeURIComponent(uri.replace(/[?#].*$/, '').split('/').pop() ?? uri);

export function clientHost(connection: Connection): WorkspaceHost {
  const read = async (params: ReadFileParams): Promise<ReadFileResult | undefined> => {
    try {
      return (await connection.sendRequest<ReadFileResult | null>(READ_FILE_REQUEST, params)) ?? undefined;
    } catch {
      return undefined;
    }
  };
  const host: WorkspaceHost = {
    async walkFolder(folderUri, opts) {
      const uris = await host.listFiles(folderUri);
      const files = uris.slice(0, opts.maxFiles).map((uri) => ({ uri, label: uri }));
      return { files, warnings: [], truncated: uris.length > opts.maxFiles };
    },
    async listFiles(folderUri) {
      try {
        const params: WorkspaceFilesParams = { folderUri };
        const r = await connection.sendRequest<WorkspaceFilesResult | null>(WORKSPACE_FILES_REQUEST, params);
        return Array.isArray(r?.uris) ? r.uris.filter((u): u is string => typeof u === 'string') : [];
      } catch {
        return [];
      }
    },
    async stat(uri) {
      const r = await read({ uri, statOnly: true });
      return r ? { size: r.size, mtime: r.mtime } : undefined;
    },
    async readFile(uri) {
      return (await read({ uri }))?.text;
    },
    async readConfig(uri) {
      const r = await read({ uri });
      if (r?.text === undefined) return undefined;
      let raw: unknown;
      try {
        raw = JSON.parse(r.text.replace(/^\uFEFF/, ''));
      } catch {
        // The parser's message quotes the text: say where, not what.
        return { settings: {}, problems: [`${nameOf(uri)}: invalid JSON; using defaults`] };
      }
      return validateSettings(raw, nameOf(uri));
    },
  };
  return host;
}

/** The workspace index's file source on the web: the same client requests. */
export function clientFileSource(host: WorkspaceHost): WorkspaceFileSource {
  return {
    async list(folderUri, limit) {
      const uris = await host.listFiles(folderUri);
      return { uris: uris.slice(0, limit), capped: uris.length > limit };
    },
    async read(uri, maxBytes) {
      const stat = await host.stat(uri);
      if (!stat || stat.size > maxBytes) return undefined;
      return host.readFile(uri);
    },
  };
}
