// Report files CI systems read besides SARIF: GitLab Code Quality (a JSON array GitLab shows in
// merge requests) and JUnit XML (test reports in GitLab, Jenkins, Azure DevOps, CircleCI).
import { createHash } from 'crypto';
import type { Severity } from '../core/types';
import type { CliFinding } from './formats';
import { escapeControl } from './terminalText';

const GITLAB_SEVERITY: Record<Severity, string> = { error: 'major', warning: 'minor', information: 'info', hint: 'info' };

/**
 * GitLab Code Quality: `fingerprint` must be stable across pipelines and unique in the report,
 * so it hashes the file, rule and message (not the line, which moves with unrelated edits) and
 * the finding's rank among identical ones.
 */
export function formatGitlab(list: readonly CliFinding[]): string {
  const seen = new Map<string, number>();
  const issues = list.map((f) => {
    const key = `${f.file}\u0000${f.rule}\u0000${f.message}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return {
      type: 'issue',
      check_name: f.rule,
      description: f.message,
      categories: ['Bug Risk'],
      severity: GITLAB_SEVERITY[f.severity],
      fingerprint: createHash('sha256').update(`${key}\u0000${n}`).digest('hex'),
      location: { path: f.file, lines: { begin: f.line, end: f.endLine } },
    };
  });
  return JSON.stringify(issues, null, 2);
}

/** XML text: markup escaped, and control characters (not allowed in XML 1.0) shown as escapes. */
function xml(s: string): string {
  return escapeControl(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * JUnit XML: one test suite per checked file, one failing test case per error or warning
 * finding (information and hints are reported as passing cases with their message in
 * system-out), one passing case for a file with no finding, so the report lists every file.
 */
export function formatJunit(list: readonly CliFinding[], files: readonly string[]): string {
  const byFile = new Map<string, CliFinding[]>(files.map((f) => [f, []]));
  for (const f of list) (byFile.get(f.file) ?? byFile.set(f.file, []).get(f.file)!).push(f);
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  let tests = 0;
  let failures = 0;
  const suites: string[] = [];
  for (const [file, findings] of [...byFile].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const cases: string[] = [];
    let fileFailures = 0;
    if (findings.length === 0) cases.push(`    <testcase classname="${xml(file)}" name="crdb-restore-guard"/>`);
    for (const f of findings) {
      const name = xml(`${f.rule} at ${f.line}:${f.column}`);
      if (f.severity === 'error' || f.severity === 'warning') {
        fileFailures++;
        cases.push(
          `    <testcase classname="${xml(file)}" name="${name}">\n` +
            `      <failure type="${f.severity}" message="${xml(f.message)}">${xml(`${f.file}:${f.line}:${f.column} ${f.severity} ${f.rule}\n${f.message}`)}</failure>\n` +
            `    </testcase>`,
        );
      } else {
        cases.push(`    <testcase classname="${xml(file)}" name="${name}">\n      <system-out>${xml(`${f.severity}: ${f.message}`)}</system-out>\n    </testcase>`);
      }
    }
    const count = Math.max(1, findings.length);
    tests += count;
    failures += fileFailures;
    suites.push(`  <testsuite name="${xml(file)}" tests="${count}" failures="${fileFailures}" errors="0">\n${cases.join('\n')}\n  </testsuite>`);
  }
  out.push(`<testsuites name="crdb-restore-guard" tests="${tests}" failures="${failures}" errors="0">`, ...suites, '</testsuites>');
  return out.join('\n');
}
