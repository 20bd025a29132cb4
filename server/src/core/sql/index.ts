// SQL scanner: statements and comments of CockroachDB SQL text, with RESTORE / BACKUP /
// CREATE SCHEDULE parsed for the version rules, and the version-related cluster settings. Pure: no editor or Node dependency.

import { SqlScan } from '../types';
import { SqlScanner } from './lexer';

/**
 * Splits `text` into statements and comments. Offsets are UTF-16 indexes into `text`.
 * Never throws, and runs in time linear in the text length.
 */
export function scanSql(text: string): SqlScan {
  const scanner = new SqlScanner(text);
  scanner.run();
  scanner.end();
  return { statements: scanner.statements, comments: scanner.comments, settings: scanner.settings };
}
