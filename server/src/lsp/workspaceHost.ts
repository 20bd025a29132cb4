// What the server reads outside the open documents (the workspace's files and the config
// file), behind one interface with two implementations: node/nodeHost.ts reads the disk;
// browser/clientHost.ts asks the editor, which reads through its file system API (VS Code for
// the Web has no disk: github.dev and vscode.dev serve virtual file systems). Everything is a
// URI, so a folder like `vscode-vfs://github/org/repo` works the same as `file:///repo`.
import type { Validated } from '../core/settings';

export interface FileStamp {
  size: number;
  mtime: number;
}

/** A capped, cancellable walk of one workspace folder. */
export interface FolderWalk {
  files: { uri: string; label: string }[];
  /** Skipped `.gitignore` lines, unreadable directories (each to be logged once). */
  warnings: string[];
  /** True when the walk stopped at `maxFiles`. */
  truncated: boolean;
}

export interface WorkspaceHost {
  /** The .sql and markdown files of a workspace folder, at most `maxFiles`, stopping when cancelled. */
  walkFolder(folderUri: string, opts: { maxFiles: number; isCancelled?: () => boolean }): Promise<FolderWalk>;
  /** The .sql and markdown files of a workspace folder, as URIs. */
  listFiles(folderUri: string): Promise<string[]>;
  /** Size and modification time, or undefined when `uri` is not a readable file. */
  stat(uri: string): Promise<FileStamp | undefined>;
  /** The text of `uri`, or undefined when it cannot be read. */
  readFile(uri: string): Promise<string | undefined>;
  /** The validated config file at `uri` (problems, never a throw), or undefined when there is none. */
  readConfig(uri: string, folderUri?: string): Promise<Validated | undefined>;
}

/** `child` is `folder` or inside it (both URIs). */
export function isInsideUri(child: string, folder: string): boolean {
  const base = folder.endsWith('/') ? folder : `${folder}/`;
  return child === folder || child.startsWith(base);
}

/** `name` inside folder URI `folder`. */
export function joinUri(folder: string, name: string): string {
  return `${folder.replace(/\/+$/, '')}/${name}`;
}
