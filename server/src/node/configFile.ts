// Reads `.crdb-restore-guard.json` (docs/behaviour.md#configuration). Shared by the CLI and the language server so both see the
// same configuration; never throws, a bad file becomes a problem message. What the file holds
// is never echoed: a parse error names a line and column only (a config that is a link to a
// secrets file must not leak it into a message), a link that leaves the workspace is not
// followed, and files over MAX_CONFIG_BYTES are refused before they are parsed.
import * as fs from 'fs';
import * as path from 'path';
import { CONFIG_FILE_NAME, validateSettings, type Validated } from '../core/settings';
import { jsonErrorOffset } from './jsonErrorOffset';

/** Larger config files are refused (a config file is a few kilobytes; 1,000 extra releases ~100 KB). */
export const MAX_CONFIG_BYTES = 1048576;

export interface ReadConfigOptions {
  /** When set, a config file that resolves (through symbolic links) outside this folder is not read. */
  within?: string;
}

export function readConfigFile(file: string, opts: ReadConfigOptions = {}): Validated {
  const fail = (why: string): Validated => ({ settings: {}, problems: [`${file}: ${why}; using defaults`] });
  if (opts.within !== undefined) {
    let real: string;
    let root: string;
    try {
      real = fs.realpathSync(file);
      root = fs.realpathSync(opts.within);
    } catch (e) {
      return fail(`cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    const rel = path.relative(root, real);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return fail('is a link to a file outside the workspace folder; not read');
  }
  let text: string;
  try {
    const bytes = readAtMost(file, MAX_CONFIG_BYTES + 1);
    if (bytes.length > MAX_CONFIG_BYTES) return fail(`larger than ${MAX_CONFIG_BYTES / 1048576} MB; not read`);
    text = bytes.toString('utf8');
  } catch (e) {
    return { settings: {}, problems: [`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? 'error'}`] };
  }
  text = text.replace(/^\uFEFF/, '');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    const at = lineColumn(text, jsonErrorOffset(text));
    return fail(`invalid JSON at line ${at.line}, column ${at.column}`);
  }
  return validateSettings(raw, file);
}

/**
 * Up to `max` bytes of the file. Reads until the end rather than trusting the size a stat
 * reports (files such as /proc ones report 0).
 */
function readAtMost(file: string, max: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    while (total < max) {
      const buf = Buffer.alloc(Math.min(65536, max - total));
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(buf.subarray(0, n));
      total += n;
    }
    return Buffer.concat(chunks);
  } finally {
    fs.closeSync(fd);
  }
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/** The config file in `dir`, if there is one. */
export function findConfigFile(dir: string): string | undefined {
  const f = path.join(dir, CONFIG_FILE_NAME);
  try {
    return fs.statSync(f).isFile() ? f : undefined;
  } catch {
    return undefined;
  }
}
