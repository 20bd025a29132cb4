// Requests the web worker server sends to the VS Code for the Web client: the worker has no
// file system, so the client reads workspace files through the editor's file system API
// (client/src/browserExtension.ts answers them).

/** Server → client: the .sql and markdown files of a workspace folder. */
export const WORKSPACE_FILES_REQUEST = 'crdbRestoreGuard/workspaceFiles';

export interface WorkspaceFilesParams {
  folderUri: string;
}

export interface WorkspaceFilesResult {
  uris: string[];
}

/** Server → client: a file's stamp and (unless `statOnly`) its text; null when it is not a readable file. */
export const READ_FILE_REQUEST = 'crdbRestoreGuard/readFile';

export interface ReadFileParams {
  uri: string;
  statOnly?: boolean;
}

export interface ReadFileResult {
  size: number;
  mtime: number;
  text?: string;
}

/** initializationOptions the web client sends. */
export interface WebInitializationOptions {
  /** Where the rule documentation pages are (the extension's docs/rules/, ending in '/'). */
  docsBaseUri?: string;
}
