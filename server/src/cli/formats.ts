// Output formats of the command-line checker (docs/behaviour.md#command-line): the finding record every format
// starts from, and the line formats (compact, github) and json. stylish.ts is the default
// text output; sarif.ts and ciReports.ts are the report files CI systems read.
import type { Finding, RuleId } from '../core/analysisTypes';
import type { Severity } from '../core/types';
import { escapeControl } from './terminalText';

/** One finding as the CLI reports it: 1-based lines and columns. */
export interface CliFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  rule: RuleId;
  message: string;
}

export function toCliFinding(file: string, f: Finding): CliFinding {
  return {
    file,
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    severity: f.severity,
    rule: f.rule,
    message: f.message,
  };
}

export function sortFindings(list: CliFinding[]): CliFinding[] {
  return list.sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule),
  );
}

/** One line per finding, `file:line:col severity rule message` (what editors' error parsers read). */
export function formatCompact(list: readonly CliFinding[]): string {
  return list.map((f) => `${escapeControl(f.file)}:${f.line}:${f.column} ${f.severity} ${f.rule} ${escapeControl(f.message)}`).join('\n');
}

export function formatJson(list: readonly CliFinding[]): string {
  return JSON.stringify(list, null, 2);
}

const GITHUB_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

/** GitHub Actions workflow commands: one annotation line per finding. */
export function formatGithub(list: readonly CliFinding[]): string {
  // The runner decodes %25, %0D and %0A; any other control character is shown, never sent.
  const esc = (s: string) => escapeControl(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
  const prop = (s: string) => esc(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  return list
    .map(
      (f) =>
        `::${GITHUB_LEVEL[f.severity]} file=${prop(f.file)},line=${f.line},col=${f.column},endLine=${f.endLine},` +
        `endColumn=${f.endColumn},title=${prop(f.rule)}::${esc(f.message)}`,
    )
    .join('\n');
}
