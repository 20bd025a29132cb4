// What the language status item shows: the state of the *active* editor's document, with the
// worst severity as its icon. The server reports every document it checks (open ones, and
// others as they are validated); the item must not show the last one checked, nor a ✓ while
// the document has errors. Pure (no vscode import), so it is unit-tested.
import type { StatusParams } from '../../server/src/lsp/protocol';

export type StatusSeverity = 'information' | 'warning' | 'error';

export interface StatusView {
  text: string;
  severity: StatusSeverity;
  detail: string;
}

const NAME = 'Restore Guard';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The last status the server reported per document. */
export class StatusBook {
  private readonly byUri = new Map<string, { params: StatusParams; at: string }>();

  update(p: StatusParams, at: string): void {
    this.byUri.set(p.uri, { params: p, at });
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }

  /** The view for the active document (undefined: no editor, or one the server has not reported). */
  viewFor(uri: string | undefined): StatusView {
    const seen = uri === undefined ? undefined : this.byUri.get(uri);
    if (!seen) return { text: `$(check) ${NAME}`, severity: 'information', detail: 'No report for this document yet' };
    return viewOf(seen.params, seen.at);
  }
}

export function viewOf(p: StatusParams, at: string): StatusView {
  if (p.state === 'error') return { text: `$(error) ${NAME}: analysis failed`, severity: 'error', detail: p.message ?? '' };
  if (p.outOfScope) return { text: `$(circle-slash) ${NAME}: not analyzed`, severity: 'information', detail: p.message ?? '' };
  if (p.state === 'skipped') return { text: `$(warning) ${NAME}: file too large`, severity: 'warning', detail: p.message ?? '' };
  const others = p.findings - p.errors - p.warnings;
  const detail = `${plural(p.findings, 'finding')} in this file (${p.errors} error, ${p.warnings} warning, ${others} other); checked ${at} in ${p.durationMs.toFixed(1)} ms`;
  if (p.errors > 0) {
    const warn = p.warnings > 0 ? `, ${plural(p.warnings, 'warning')}` : '';
    return { text: `$(error) ${NAME}: ${plural(p.errors, 'error')}${warn}`, severity: 'error', detail };
  }
  if (p.warnings > 0) return { text: `$(warning) ${NAME}: ${plural(p.warnings, 'warning')}`, severity: 'warning', detail };
  if (p.findings > 0) return { text: `$(info) ${NAME}: ${plural(p.findings, 'note')}`, severity: 'information', detail };
  return { text: `$(check) ${NAME}: no problems`, severity: 'information', detail };
}
