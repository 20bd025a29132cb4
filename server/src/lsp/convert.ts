// Core findings → LSP diagnostics.
import { pathToFileURL } from 'url';
import * as path from 'path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Analysis, Finding, RuleId } from '../core/analysisTypes';
import type { LineIndex } from '../core/lineIndex';
import { factSites } from '../core/provenance';
import type { Severity } from '../core/types';
import { DIAGNOSTIC_SOURCE } from './protocol';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The documentation folder shipped beside the bundled server (dist/ → docs/). */
export const DOCS_DIR = path.resolve(__dirname, '..', 'docs');

/** The rule's documentation page shipped beside the bundled server (dist/ → docs/rules/). */
export function ruleDocsUri(rule: RuleId | string): string {
  return docsUri(`rules/${rule}`);
}

/** A page of the shipped documentation, by its path under docs/ without `.md`. */
export function docsUri(page: string): string {
  let uri = docsUris.get(page);
  if (uri === undefined) {
    uri = pathToFileURL(path.join(DOCS_DIR, `${page}.md`)).href;
    if (docsUris.size < 64) docsUris.set(page, uri); // pages are few; anything else is not kept
  }
  return uri;
}
const docsUris = new Map<string, string>();

/**
 * A finding as a diagnostic. With `where` (the document's uri and line index), a statement
 * finding points to the directive values and BACKUPs its versions came from
 * (relatedInformation: the Problems panel shows them as clickable lines under the message).
 */
export function toDiagnostic(f: Finding, analysis?: Analysis, where?: { uri: string; lines(): LineIndex }): Diagnostic {
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity],
    source: DIAGNOSTIC_SOURCE,
    code: f.rule,
    codeDescription: { href: ruleDocsUri(f.rule) },
    message: f.message,
  };
  const st = f.statement === undefined ? undefined : analysis?.statements[f.statement];
  if (st && where && VERSION_RULES.has(f.rule)) {
    const sites = factSites(st);
    if (sites.length > 0) {
      d.relatedInformation = sites.map((s) => ({ location: { uri: where.uri, range: where.lines().range(s.start, s.end) }, message: s.message }));
    }
  }
  return d;
}

/** The rules whose verdict rests on the statement's backup and target versions. */
const VERSION_RULES: ReadonlySet<string> = new Set<RuleId>(['restore-to-older-version', 'restore-skips-release', 'missing-version', 'removed-syntax', 'incremental-location-removed']);
