// The default text output, grouped by file like ESLint's "stylish" formatter: a header per
// file, one aligned `line:col  severity  message  rule` row per finding, a summary line.
import type { Severity } from '../core/types';
import type { CliFinding } from './formats';
import { escapeControl } from './terminalText';

const LABEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'info', hint: 'hint' };

const SGR = { reset: '\u001b[0m', bold: '\u001b[1m', dim: '\u001b[2m', underline: '\u001b[4m', red: '\u001b[31m', yellow: '\u001b[33m', blue: '\u001b[34m', cyan: '\u001b[36m' };
const SEVERITY_COLOUR: Record<Severity, string> = { error: SGR.red, warning: SGR.yellow, information: SGR.blue, hint: SGR.cyan };

/** Counts by severity, with information and hint together as "info". */
export function countBySeverity(list: readonly CliFinding[]): { errors: number; warnings: number; infos: number } {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const f of list) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}

/** Messages up to this long are padded so the rule ids form a column. */
const MAX_ALIGNED = 80;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `list` is sorted by file; an empty list prints nothing (no news is good news, as in ESLint). */
export function formatStylish(list: readonly CliFinding[], colour: boolean): string {
  if (list.length === 0) return '';
  const paint = (code: string, s: string) => (colour ? `${code}${s}${SGR.reset}` : s);
  const out: string[] = [];
  let i = 0;
  while (i < list.length) {
    const file = list[i].file;
    let j = i;
    while (j < list.length && list[j].file === file) j++;
    const rows = list.slice(i, j).map((f) => ({ f, pos: `${f.line}:${f.column}`, label: LABEL[f.severity], message: escapeControl(f.message) }));
    // Loops, not Math.max(...rows): a file can have more findings than a call has arguments.
    let posWidth = 0;
    let labelWidth = 0;
    let messageWidth = 0;
    for (const r of rows) {
      posWidth = Math.max(posWidth, r.pos.length);
      labelWidth = Math.max(labelWidth, r.label.length);
      // Rule ids line up after messages of ordinary length; a longer message just runs on.
      if (r.message.length <= MAX_ALIGNED) messageWidth = Math.max(messageWidth, r.message.length);
    }
    out.push('', paint(SGR.underline, escapeControl(file)));
    for (const r of rows) {
      // Padding is computed on the plain text, then colour wraps it, so columns stay aligned.
      out.push(
        `  ${paint(SGR.dim, r.pos.padEnd(posWidth))}  ${paint(SEVERITY_COLOUR[r.f.severity], r.label.padEnd(labelWidth))}  ${r.message.padEnd(messageWidth)}  ${paint(SGR.dim, r.f.rule)}`,
      );
    }
    i = j;
  }
  const { errors, warnings, infos } = countBySeverity(list);
  const parts = [plural(errors, 'error'), plural(warnings, 'warning')];
  if (infos > 0) parts.push(`${infos} info`);
  const summary = `✖ ${plural(list.length, 'problem')} (${parts.join(', ')})`;
  out.push('', paint(errors > 0 ? SGR.bold + SGR.red : SGR.bold + SGR.yellow, summary));
  return out.join('\n');
}
