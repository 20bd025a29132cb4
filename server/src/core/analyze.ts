// The analyzer: finds SQL in a document, orders statements and directives, carries the
// directive scope and the BACKUP facts through the document, and runs the rules. The server,
// the CLI and the tests all call `analyzeDocument`; nothing here knows LSP. Each step has its
// module in analyzer/: collectStatements (what the document holds), scopeWalk (directives in
// force, statement facts), backupFacts (what a RESTORE's backup version is looked up from),
// ruleRunner (rules, severity, findings), lazyFixFinding and fixPlacement (fixes on demand).
import type { Analysis, AnalyzeOptions } from './analysisTypes';
import { collectStatementsAndDirectives } from './analyzer/collectStatements';
import { StatementPlacer } from './analyzer/fixPlacement';
import { RuleRunner } from './analyzer/ruleRunner';
import { walkScope } from './analyzer/scopeWalk';
import { LineIndex } from './lineIndex';
import type { ScanCache } from './scanCache';

/**
 * Analyses a whole document. `scans`, when given, holds the SQL scans of the previous analysis
 * of the same document (the server's keystroke path): unchanged regions are not scanned again.
 * The result is the same with or without it.
 */
export function analyzeDocument(text: string, opts: AnalyzeOptions, scans?: ScanCache): Analysis {
  const lines = new LineIndex(text);
  const m = /\r\n|\r|\n/.exec(text);
  const eol = m ? m[0] : '\n';
  const doc = collectStatementsAndDirectives(text, opts.languageId, lines, opts.catalog, scans);
  scans?.settle();
  const runner = new RuleRunner(text, eol, lines, opts, doc.statements, new StatementPlacer(text, eol, lines, doc));
  walkScope(doc, lines, opts, {
    entry: (d, entry, ownIgnores) => runner.checkEntry(d, entry, ownIgnores),
    statement: (index, ignores, scope) => runner.checkStatement(index, ignores, scope.targetEntry, scope.mixedVersionLine),
  });
  for (let i = 0; i < doc.lookalikes.length; i++) runner.checkLookalike(doc.lookalikes[i]);
  const findings = runner.findings;
  findings.sort((a, b) => a.start - b.start || a.end - b.end || a.rule.localeCompare(b.rule));
  const analysis: Analysis = { findings, statements: doc.statements, directives: doc.directives, regions: doc.regions, notes: [] };
  if (doc.basis) analysis.basis = doc.basis;
  return analysis;
}
