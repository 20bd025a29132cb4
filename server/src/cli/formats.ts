// Output formats of the command-line checker (docs/behaviour.md#command-line): text, json, sarif (2.1.0), github.
import type { Finding, RuleId } from '../core/analysisTypes';
import { RULES } from '../core/rules';
import type { Severity } from '../core/types';

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

export function formatText(list: CliFinding[]): string {
  return list.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.rule} ${f.message}`).join('\n');
}

export function formatJson(list: CliFinding[]): string {
  return JSON.stringify(list, null, 2);
}

const GITHUB_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

/** GitHub Actions workflow commands: one annotation line per finding. */
export function formatGithub(list: CliFinding[]): string {
  const esc = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const prop = (s: string) => esc(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  return list
    .map(
      (f) =>
        `::${GITHUB_LEVEL[f.severity]} file=${prop(f.file)},line=${f.line},col=${f.column},endLine=${f.endLine},` +
        `endColumn=${f.endColumn},title=${prop(f.rule)}::${esc(f.message)}`,
    )
    .join('\n');
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export function formatSarif(list: CliFinding[], version: string, docsUri: (rule: RuleId) => string): string {
  const rules = [...RULES.values()];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'crdb-restore-guard',
            version,
            informationUri: docsUri('restore-skips-release').replace(/rules\/[^/]+$/, ''),
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id,
              shortDescription: { text: r.title },
              helpUri: docsUri(r.id),
              defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity] },
            })),
          },
        },
        results: list.map((f) => ({
          ruleId: f.rule,
          ruleIndex: index.get(f.rule),
          level: SARIF_LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: f.file.split('\\').join('/') },
                region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
              },
            },
          ],
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}
