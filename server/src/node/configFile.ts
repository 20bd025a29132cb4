// Reads `.crdb-restore-guard.json` (docs/behaviour.md#configuration). Shared by the CLI and the language server so
// both see the same configuration; never throws, a bad file becomes a problem message.
import * as fs from 'fs';
import * as path from 'path';
import { CONFIG_FILE_NAME, validateSettings, type Validated } from '../core/settings';

export function readConfigFile(file: string): Validated {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return { settings: {}, problems: [`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`] };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { settings: {}, problems: [`${file}: invalid JSON (${(e as Error).message}); using defaults`] };
  }
  return validateSettings(raw, file);
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
