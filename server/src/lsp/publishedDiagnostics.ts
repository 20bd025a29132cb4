// The diagnostics a document publishes: at most MAX_PUBLISHED_DIAGNOSTICS, the most severe first
// (errors, then warnings, …; in document order within each), the rest counted in one last
// information diagnostic, so an editor never shows a silently cut list (VS Code keeps 1,000 per
// file) and a reply stays bounded in size whatever the document.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { Finding } from '../core/analysisTypes';
import type { Severity } from '../core/types';
import { toDiagnostic } from './convert';
import { DIAGNOSTIC_SOURCE } from './protocol';

export const MAX_PUBLISHED_DIAGNOSTICS = 1000;

const RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

export interface Published {
  diagnostics: Diagnostic[];
  /** Findings left out of `diagnostics` (counted in its last entry). */
  omitted: number;
}

export function publishedDiagnostics(findings: readonly Finding[], convert: (f: Finding) => Diagnostic = (f) => toDiagnostic(f)): Published {
  if (findings.length <= MAX_PUBLISHED_DIAGNOSTICS) return { diagnostics: findings.map(convert), omitted: 0 };
  const keep = MAX_PUBLISHED_DIAGNOSTICS - 1;
  // Stable by severity (findings are in document order): a counting pass per severity, no sort of the whole list.
  const kept: Finding[] = [];
  for (let rank = 0; rank <= 3 && kept.length < keep; rank++) {
    for (const f of findings) {
      if (RANK[f.severity] !== rank) continue;
      kept.push(f);
      if (kept.length === keep) break;
    }
  }
  kept.sort((a, b) => a.start - b.start);
  const omitted = findings.length - kept.length;
  const counts = countBySeverity(findings, kept);
  const diagnostics = kept.map(convert);
  diagnostics.push({
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    message: `${omitted} more finding${omitted === 1 ? '' : 's'} not shown (${counts}): only the first ${keep} of ${findings.length}, most severe first, are listed. Run the CLI for the full list.`,
  });
  return { diagnostics, omitted };
}

function countBySeverity(all: readonly Finding[], kept: readonly Finding[]): string {
  const left: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of all) left[f.severity]++;
  for (const f of kept) left[f.severity]--;
  return (Object.keys(left) as Severity[])
    .filter((s) => left[s] > 0)
    .map((s) => `${left[s]} ${s}${left[s] === 1 || s === 'information' ? '' : 's'}`)
    .join(', ');
}
