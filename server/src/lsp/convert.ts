// Core findings → LSP diagnostics.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Analysis, Finding, RuleId } from '../core/analysisTypes';
import type { LineIndex } from '../core/lineIndex';
import { statementSites, type StatementSites } from '../core/provenance';
import type { Severity } from '../core/types';
import { DIAGNOSTIC_SOURCE } from './protocol';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Where the documentation is: docs/ of the installation, set once by the server's entry point (from its docs/rules/ URI). */
let docsRoot = '';
export function setRuleDocsBase(rulesUri: string): void {
  const base = rulesUri.endsWith('/') ? rulesUri : `${rulesUri}/`;
  docsRoot = base.replace(/rules\/$/, '');
  docsUris.clear();
}

/** The URI of the shipped docs/ folder ('' before the entry point set it). */
export function docsRootUri(): string {
  return docsRoot;
}

/** The rule's documentation page shipped with the server (dist/ → docs/rules/). */
export function ruleDocsUri(rule: RuleId | string): string {
  return docsUri(`rules/${rule}`);
}

/** A page of the shipped documentation, by its path under docs/ without `.md`. */
export function docsUri(page: string): string {
  let uri = docsUris.get(page);
  if (uri === undefined) {
    uri = `${docsRoot}${page.split('/').map(encodeURIComponent).join('/')}.md`;
    if (docsUris.size < 64) docsUris.set(page, uri); // pages are few; anything else is not kept
  }
  return uri;
}
const docsUris = new Map<string, string>();

/**
 * A finding as a diagnostic. With `where` (the document's uri and line index), a statement
 * finding points to the directive values and BACKUPs its versions came from, in this document
 * or (a backup version from the workspace) in another file
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
  if (f.statement === undefined || !where || !analysis || !VERSION_RULES.has(f.rule)) return d;
  const sites = sitesOf(analysis, f.statement);
  if (sites) {
    const related = sites.here.map((s) => ({ location: { uri: where.uri, range: s.range ?? where.lines().range(s.start, s.end) }, message: s.message }));
    // A backup version from a BACKUP in another file links there (the index keys files by URI).
    for (const s of sites.elsewhere) related.push({ location: { uri: s.file, range: s.range }, message: s.message });
    if (related.length > 0) d.relatedInformation = related;
  }
  return d;
}

/** An analysis that knows its statements' version sites without reading its statements (one from the worker: lsp/backgroundAnalyzer.ts). */
interface WithStatementSites {
  statementSites(index: number): StatementSites | undefined;
}

/** The version sites of statement `index`. */
function sitesOf(analysis: Analysis | (Analysis & WithStatementSites), index: number): StatementSites | undefined {
  if ('statementSites' in analysis) return analysis.statementSites(index);
  const st = analysis.statements[index];
  return st ? statementSites(st) : undefined;
}

/** The rules whose verdict rests on the statement's backup and target versions. */
const VERSION_RULES: ReadonlySet<string> = new Set<RuleId>(['restore-to-older-version', 'restore-skips-release', 'missing-version', 'removed-syntax', 'incremental-location-removed']);
