// Core findings → LSP diagnostics.
import { pathToFileURL } from 'url';
import * as path from 'path';
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

/** The rule's documentation page shipped beside the bundled server (dist/ → docs/rules/). */
export function ruleDocsUri(rule: RuleId | string): string {
  let uri = docsUris.get(rule);
  if (uri === undefined) {
    uri = pathToFileURL(path.resolve(__dirname, '..', 'docs', 'rules', `${rule}.md`)).href;
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
