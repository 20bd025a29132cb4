// Expands CLI arguments (files, directories, globs) into `.sql` / markdown files, walking
// directories with `.gitignore` honoured (nested files too) and `.git` / `node_modules` skipped.
import * as fs from 'fs';
import * as path from 'path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { languageOf } from '../core/settings';

export interface Expansion {
  files: string[];
  /** Arguments that matched nothing or could not be read. */
  errors: string[];
}

const ALWAYS_SKIPPED = new Set(['.git', 'node_modules']);
const GLOB_CHARS = /[*?[\]{}]/;

export function expandArguments(args: string[], cwd: string): Expansion {
  const files: string[] = [];
  const errors: string[] = [];
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
      walk(abs, cwd, [], (f) => add(f));
    } else if (stat?.isFile()) {
      add(arg);
    } else if (GLOB_CHARS.test(arg)) {
      const before = files.length;
      const base = globBase(arg);
      const isMatch = picomatch(arg.split(path.sep).join('/'), { dot: false });
      if (fs.existsSync(path.resolve(cwd, base))) {
        walk(path.resolve(cwd, base), cwd, [], (f) => {
          if (isMatch(f.split(path.sep).join('/'))) add(f);
        });
      }
      if (files.length === before) errors.push(`${arg}: no file matches`);
    } else {
      errors.push(`${arg}: no such file or directory`);
    }
  }
  return { files, errors };
}

/**
 * The `.sql`/markdown files under `dir` (paths relative to it, `.gitignore` honoured), in path
 * order, at most `limit` of them: `capped` says there were more. The walk stops at the limit, so
 * a huge tree costs no more than the limit.
 */
export function listFiles(dir: string, limit: number): { files: string[]; capped: boolean } {
  const files: string[] = [];
  let capped = false;
  walk(dir, dir, [], (f) => {
    if (files.length >= limit) {
      capped = true;
      return false;
    }
    files.push(f);
    return true;
  });
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
  ig: Ignore;
}

/** Calls `onFile` for each file; stops (and returns false) when it returns false. */
function walk(dir: string, cwd: string, layers: IgnoreLayer[], onFile: (rel: string) => boolean | void): boolean {
  let own = layers;
  const gi = path.join(dir, '.gitignore');
  if (fs.existsSync(gi)) {
    try {
      own = [...layers, { dir, ig: ignore().add(fs.readFileSync(gi, 'utf8')) }];
    } catch {
      // an unreadable .gitignore ignores nothing
    }
  }
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return true;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (ALWAYS_SKIPPED.has(e.name)) continue;
    const full = path.join(dir, e.name);
    const isDir = e.isDirectory();
    if (isIgnored(own, full, isDir)) continue;
    if (isDir) {
      if (!walk(full, cwd, own, onFile)) return false;
    } else if (e.isFile() && languageOf(e.name) && onFile(path.relative(cwd, full) || e.name) === false) return false;
  }
  return true;
}

function isIgnored(layers: IgnoreLayer[], full: string, isDir: boolean): boolean {
  for (const { dir, ig } of layers) {
    const rel = path.relative(dir, full).split(path.sep).join('/');
    if (rel && !rel.startsWith('..') && ig.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}
