// Expands CLI arguments (files, directories, globs) into `.sql` / markdown files, walking
// directories with `.gitignore` honoured (nested files too) and `.git` / `node_modules` skipped.
// The language server walks its workspace folders with `walkWorkspace`: asynchronous (it yields
// to the event loop between folders), capped in files and cancellable.
import * as fs from 'fs';
import * as path from 'path';
import picomatch from 'picomatch';
import { languageOf } from '../core/settings';
import { compileGitignore, gitignoreVerdict, type CompiledGitignore } from './gitignoreMatcher';

export interface Expansion {
  files: string[];
  /** Arguments that matched nothing or could not be read. */
  errors: string[];
  /** `.gitignore` lines that were skipped, each naming its file and line. */
  warnings: string[];
}

const ALWAYS_SKIPPED = new Set(['.git', 'node_modules']);
const GLOB_CHARS = /[*?[\]{}]/;

export function expandArguments(args: string[], cwd: string): Expansion {
  const files: string[] = [];
  const errors: string[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  const add = (f: string) => {
    const key = path.resolve(cwd, f);
    if (!seen.has(key)) {
      seen.add(key);
      files.push(f);
    }
  };
  for (const arg of args) {
    const abs = path.resolve(cwd, arg);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(abs);
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) {
      walkSync(abs, cwd, [], (f) => add(f), warnings);
    } else if (stat?.isFile()) {
      add(arg);
    } else if (GLOB_CHARS.test(arg)) {
      const before = files.length;
      const base = globBase(arg);
      const isMatch = picomatch(arg.split(path.sep).join('/'), { dot: false });
      if (fs.existsSync(path.resolve(cwd, base))) {
        walkSync(
          path.resolve(cwd, base),
          cwd,
          [],
          (f) => {
            if (isMatch(f.split(path.sep).join('/'))) add(f);
          },
          warnings,
        );
      }
      if (files.length === before) errors.push(`${arg}: no file matches`);
    } else {
      errors.push(`${arg}: no such file or directory`);
    }
  }
  return { files, errors, warnings };
}

/**
 * The `.sql`/markdown files under `dir` (paths relative to it, `.gitignore` honoured), in path
 * order, at most `limit` of them: `capped` says there were more. The walk stops at the limit, so
 * a huge tree costs no more than the limit.
 */
export function listFiles(dir: string, limit: number): { files: string[]; capped: boolean } {
  const files: string[] = [];
  let capped = false;
  walkSync(
    dir,
    dir,
    [],
    (f) => {
      if (files.length >= limit) {
        capped = true;
        return false;
      }
      files.push(f);
      return true;
    },
    [],
  );
  return { files, capped };
}

/** The directory part of a glob before its first wildcard segment. */
function globBase(glob: string): string {
  const parts = glob.split(/[\\/]/);
  const fixed: string[] = [];
  for (const p of parts) {
    if (GLOB_CHARS.test(p)) break;
    fixed.push(p);
  }
  return fixed.join('/') || '.';
}

interface IgnoreLayer {
  dir: string;
  rules: CompiledGitignore;
}

/** Compiled `.gitignore` files by path, rebuilt only when the file's size or mtime changes. */
const compiledCache = new Map<string, { mtimeMs: number; size: number; rules: CompiledGitignore }>();
const COMPILED_CACHE_MAX = 2000;
/** Larger `.gitignore` files are not read (a warning says so). */
const MAX_GITIGNORE_BYTES = 1048576;

/** Counts compilations, so a test can see that a walk over an unchanged tree compiles nothing. */
export const gitignoreStats = { compiled: 0 };

/** The layers in force inside `dir`: the parent's, plus `dir/.gitignore` if there is one. */
function layersFor(dir: string, layers: IgnoreLayer[], warnings: string[]): IgnoreLayer[] {
  const gi = path.join(dir, '.gitignore');
  let stat: fs.Stats;
  try {
    stat = fs.statSync(gi);
  } catch {
    return layers;
  }
  if (!stat.isFile()) return layers;
  const hit = compiledCache.get(gi);
  if (hit && hit.mtimeMs === stat.mtimeMs && hit.size === stat.size) return [...layers, { dir, rules: hit.rules }];
  let rules: CompiledGitignore;
  if (stat.size > MAX_GITIGNORE_BYTES) {
    rules = { rules: [], warnings: [`${gi}: not read: larger than ${MAX_GITIGNORE_BYTES / 1048576} MB`] };
  } else {
    try {
      rules = compileGitignore(fs.readFileSync(gi, 'utf8'), gi);
    } catch {
      return layers; // an unreadable .gitignore ignores nothing
    }
  }
  gitignoreStats.compiled++;
  if (compiledCache.size >= COMPILED_CACHE_MAX) compiledCache.clear();
  compiledCache.set(gi, { mtimeMs: stat.mtimeMs, size: stat.size, rules });
  warnings.push(...rules.warnings);
  return [...layers, { dir, rules }];
}

function sortedEntries(entries: fs.Dirent[]): fs.Dirent[] {
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Calls `onFile` for each file; stops (and returns false) when it returns false. */
function walkSync(dir: string, cwd: string, layers: IgnoreLayer[], onFile: (rel: string) => boolean | void, warnings: string[]): boolean {
  const own = layersFor(dir, layers, warnings);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return true;
  }
  for (const e of sortedEntries(entries)) {
    if (ALWAYS_SKIPPED.has(e.name)) continue;
    const full = path.join(dir, e.name);
    const isDir = e.isDirectory();
    if (isIgnored(own, full, isDir)) continue;
    if (isDir) {
      if (!walkSync(full, cwd, own, onFile, warnings)) return false;
    } else if (e.isFile() && languageOf(e.name) && onFile(path.relative(cwd, full) || e.name) === false) return false;
  }
  return true;
}

export interface WorkspaceWalk {
  /** Paths relative to the folder, in walk order. */
  files: string[];
  /** `.gitignore` lines skipped, and directories that could not be read. */
  warnings: string[];
  /** True when the walk stopped at `maxFiles`. */
  truncated: boolean;
  /** True when `isCancelled` stopped the walk. */
  cancelled: boolean;
}

/**
 * The `.sql` / markdown files of a workspace folder, walked like the CLI walks a directory,
 * but asynchronously: it yields to the event loop after every directory, so requests keep
 * being answered during a walk of a large tree, stops after `maxFiles` files, and stops when
 * `isCancelled()` turns true.
 */
export async function walkWorkspace(folder: string, opts: { maxFiles: number; isCancelled?: () => boolean }): Promise<WorkspaceWalk> {
  const out: WorkspaceWalk = { files: [], warnings: [], truncated: false, cancelled: false };
  const stack: { dir: string; layers: IgnoreLayer[] }[] = [{ dir: folder, layers: [] }];
  while (stack.length > 0) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (opts.isCancelled?.()) {
      out.cancelled = true;
      break;
    }
    const { dir, layers } = stack.pop()!;
    const own = layersFor(dir, layers, out.warnings);
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch (e) {
      if (dir === folder || (e as NodeJS.ErrnoException).code !== 'ENOENT') out.warnings.push(`${dir}: cannot read the directory (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
      continue;
    }
    const subdirs: string[] = [];
    for (const e of sortedEntries(entries)) {
      if (ALWAYS_SKIPPED.has(e.name)) continue;
      const full = path.join(dir, e.name);
      const isDir = e.isDirectory();
      if (isIgnored(own, full, isDir)) continue;
      if (isDir) subdirs.push(full);
      else if (e.isFile() && languageOf(e.name)) {
        if (out.files.length >= opts.maxFiles) {
          out.truncated = true;
          return out;
        }
        out.files.push(path.relative(folder, full));
      }
    }
    // Depth first, in name order (the stack pops the first name first).
    for (let k = subdirs.length - 1; k >= 0; k--) stack.push({ dir: subdirs[k], layers: own });
  }
  return out;
}

function isIgnored(layers: IgnoreLayer[], full: string, isDir: boolean): boolean {
  // The deepest .gitignore that has an opinion decides (a nested `!x` re-includes what a parent ignored).
  for (let k = layers.length - 1; k >= 0; k--) {
    const { dir, rules } = layers[k];
    const rel = path.relative(dir, full).split(path.sep).join('/');
    if (!rel || rel.startsWith('..')) continue;
    const v = gitignoreVerdict(rules, rel, isDir);
    if (v !== undefined) return v;
  }
  return false;
}
