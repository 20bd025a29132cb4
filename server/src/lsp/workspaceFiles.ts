// How the workspace index finds and reads files: a small interface, so that the Node server
// walks the disk (node/workspaceFiles.ts) and a browser build can read through the editor's
// file system instead, without the index knowing which.

export interface WorkspaceFileList {
  /** URIs of the folder's `.sql`/markdown files, `.gitignore` honoured, in path order. */
  uris: string[];
  /** The folder holds more files than the limit: only the first `limit` are listed. */
  capped: boolean;
}

export interface WorkspaceFileSource {
  /** At most `limit` files of the workspace folder `folderUri`. */
  list(folderUri: string, limit: number): Promise<WorkspaceFileList>;
  /** The file's text, or undefined when it cannot be read, is gone, or is larger than `maxBytes`. */
  read(uri: string, maxBytes: number): Promise<string | undefined>;
}
