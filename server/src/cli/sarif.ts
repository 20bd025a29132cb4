// SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, SARIF viewers). Each rule carries its
// documentation page as `help` (markdown and plain text) so the viewer needs no link; the log
// names no file of the installation (no helpUri: the help is inline; informationUri only when
// package.json has a public `homepage`); a result's path is relative to %SRCROOT% (the working directory) whenever
// the file is inside it, and carries its snippet and a context region so a viewer without the
// checkout still shows the code.
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { RuleId } from '../core/analysisTypes';
import { RULES } from '../core/rules';
import type { Severity } from '../core/types';
import type { CliFinding } from './formats';

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** A readable rule name that differs from its id: `restore-skips-release` → `RestoreSkipsRelease`. */
export function ruleName(id: string): string {
  return id
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

/** The markdown of a rule's page as plain text: emphasis and link syntax dropped, link targets kept. */
export function markdownToText(md: string): string {
  return md
    .replace(/\[([^\]\n]*)\]\(([^)\s]*)\)/g, '$1 ($2)')
    .replace(/\*\*/g, '')
    .replace(/(^|[^\w*])\*([^*\s][^*\n]*)\*(?!\w)/gm, '$1$2')
    .replace(/`([^`\n]+)`/g, '$1')
    .replace(/^#{1,6} /gm, '');
}

export interface SarifOptions {
  version: string;
  /** The working directory: %SRCROOT%. */
  cwd: string;
  /** A rule's documentation (markdown), when the installation has it. */
  ruleDocs: (rule: RuleId) => string | undefined;
  /** The package's public homepage (https), if it has one. */
  homepage?: string;
  /** The text of a checked file, for snippets. */
  textOf: (file: string) => string | undefined;
}

/** The text of 1-based `region` (columns of UTF-16 code units, end exclusive) in `lines`. */
function snippet(lines: readonly string[], startLine: number, startColumn: number, endLine: number, endColumn: number): string {
  if (startLine === endLine) return (lines[startLine - 1] ?? '').slice(startColumn - 1, endColumn - 1);
  const out = [(lines[startLine - 1] ?? '').slice(startColumn - 1)];
  for (let l = startLine + 1; l < endLine; l++) out.push(lines[l - 1] ?? '');
  out.push((lines[endLine - 1] ?? '').slice(0, endColumn - 1));
  return out.join('\n');
}

export function formatSarif(list: readonly CliFinding[], opts: SarifOptions): string {
  const rules = [...RULES.values()];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const root = path.resolve(opts.cwd);
  const location = (file: string): { uri: string; uriBaseId?: string } => {
    const abs = path.resolve(root, file);
    const rel = path.relative(root, abs);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return { uri: pathToFileURL(abs).href };
    return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
  };
  const homepage = opts.homepage && /^https:\/\//.test(opts.homepage) ? opts.homepage.replace(/\/+$/, '') : undefined;
  const linesOf = new Map<string, string[]>();
  const lines = (file: string): string[] => {
    let l = linesOf.get(file);
    if (!l) linesOf.set(file, (l = (opts.textOf(file) ?? '').split(/\r\n|\r|\n/)));
    return l;
  };
  const region = (f: CliFinding) => {
    const l = lines(f.file);
    const first = Math.max(1, f.line - 1);
    const last = Math.min(l.length, f.endLine + 1);
    return {
      region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn, snippet: { text: snippet(l, f.line, f.column, f.endLine, f.endColumn) } },
      contextRegion: { startLine: first, endLine: last, snippet: { text: l.slice(first - 1, last).join('\n') } },
    };
  };
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'crdb-restore-guard',
            version: opts.version,
            semanticVersion: /^\d+\.\d+\.\d+/.test(opts.version) ? opts.version : undefined,
            informationUri: homepage,
            rules: rules.map((r) => {
              const md = opts.ruleDocs(r.id);
              return {
                id: r.id,
                name: ruleName(r.id),
                shortDescription: { text: r.title },
                fullDescription: { text: r.title },
                help: md ? { text: markdownToText(md), markdown: md } : { text: r.title },
                defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity] },
              };
            }),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(root + path.sep).href } },
        results: list.map((f) => ({
          ruleId: f.rule,
          ruleIndex: index.get(f.rule),
          level: SARIF_LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: location(f.file),
                ...region(f),
              },
            },
          ],
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}
