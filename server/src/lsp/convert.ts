// Core findings → LSP diagnostics.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Finding, RuleId } from '../core/analysisTypes';
import type { Severity } from '../core/types';
import { DIAGNOSTIC_SOURCE } from './protocol';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Where the rule pages are: docs/rules/ of the installation, set once by the server's entry point. */
let docsBase = '';
export function setRuleDocsBase(uri: string): void {
  docsBase = uri.endsWith('/') ? uri : `${uri}/`;
  docsUris.clear();
}

/** The rule's documentation page shipped with the server (dist/ → docs/rules/). */
export function ruleDocsUri(rule: RuleId | string): string {
  let uri = docsUris.get(rule);
  if (uri === undefined) {
    uri = `${docsBase}${encodeURIComponent(rule)}.md`;
    if (docsUris.size < 64) docsUris.set(rule, uri); // rule ids are few; anything else is not kept
  }
  return uri;
}
const docsUris = new Map<string, string>();

export function toDiagnostic(f: Finding): Diagnostic {
  return {
    range: f.range,
    severity: SEVERITY[f.severity],
    source: DIAGNOSTIC_SOURCE,
    code: f.rule,
    codeDescription: { href: ruleDocsUri(f.rule) },
    message: f.message,
  };
}
