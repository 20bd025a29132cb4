// Completion inside `crdb:` directives: keys, versions (release type and dates as detail),
// true/false, and rule ids after `ignore=`.
import type { Catalog } from '../core/catalog/catalog';
import { DIRECTIVE_KEY_DOCS, DIRECTIVE_KEYS } from '../core/directives';
import { RULES } from '../core/rules';
import { supportEnd } from '../core/support';
import { parseVersion } from '../core/versions';

export interface DirectiveCompletion {
  label: string;
  kind: 'key' | 'version' | 'value' | 'rule';
  detail?: string;
  documentation?: string;
  insertText: string;
  sortText: string;
  /** The item the editor selects first: the newest released version, never an unreleased one. */
  preselect?: boolean;
}

export interface CompletionResult {
  items: DirectiveCompletion[];
  /** Line-relative columns of the text the completion replaces. */
  replaceStart: number;
  replaceEnd: number;
}

const DIRECTIVE_ON_LINE = /(?:--|\/\*|<!--|#)\s*crdb:/gi;

/** `linePrefix` is the line's text up to the cursor. */
export function completeDirective(linePrefix: string, catalog: Catalog, today: string): CompletionResult | undefined {
  let m: RegExpExecArray | null;
  let tailStart = -1;
  DIRECTIVE_ON_LINE.lastIndex = 0;
  while ((m = DIRECTIVE_ON_LINE.exec(linePrefix))) tailStart = m.index + m[0].length;
  if (tailStart < 0) return undefined;
  const tail = linePrefix.slice(tailStart);
  if (/\*\/|-->/.test(tail)) return undefined; // the comment closed before the cursor
  const tokenStart = tailStart + Math.max(tail.lastIndexOf(' '), tail.lastIndexOf('\t')) + 1;
  const token = linePrefix.slice(tokenStart);
  const eq = token.indexOf('=');
  const end = linePrefix.length;
  if (eq < 0) {
    return {
      replaceStart: tokenStart,
      replaceEnd: end,
      items: DIRECTIVE_KEYS.map((k, i) => ({
        label: k,
        kind: 'key',
        detail: 'crdb: directive key',
        documentation: DIRECTIVE_KEY_DOCS[k],
        insertText: k === 'mixed-version' ? k : `${k}=`,
        sortText: String(i),
      })),
    };
  }
  const key = token.slice(0, eq);
  const valueStart = tokenStart + eq + 1;
  if (key === 'target-version' || key === 'backup-version') {
    // Released versions first, newest first (the newest released one preselected), then the
    // ones not released as of today: a runbook is rarely about a release that does not exist yet.
    const newestFirst = [...catalog.releases].reverse();
    const released = (r: (typeof newestFirst)[number]) => r.gaDate !== undefined && r.gaDate <= today;
    const ordered = [...newestFirst.filter(released), ...newestFirst.filter((r) => !released(r))];
    const items: DirectiveCompletion[] = ordered.map((r, i) => {
      const v = parseVersion(r.version)!;
      const end = supportEnd(r, v);
      const support = end ? `${today > end.date ? 'ended' : 'until'} ${end.date}` : 'no end date';
      const ga = r.gaDate === undefined ? 'not released' : released(r) ? r.gaDate : `${r.gaDate} (not yet released)`;
      return {
        label: r.version,
        kind: 'version' as const,
        detail: `${r.type} · GA ${ga} · support ${support}`,
        documentation: r.type === 'innovation' ? 'Innovation release: optional, may be skipped on upgrade and restore.' : 'Regular release.',
        insertText: r.version,
        sortText: String(i).padStart(3, '0'),
      };
    });
    if (items.length > 0 && released(ordered[0])) items[0].preselect = true;
    return { replaceStart: valueStart, replaceEnd: end, items };
  }
  if (key === 'mixed-version' || key === 'infer') {
    return {
      replaceStart: valueStart,
      replaceEnd: end,
      items: ['true', 'false'].map((v, i) => ({ label: v, kind: 'value', insertText: v, sortText: String(i) })),
    };
  }
  if (key === 'ignore') {
    const lastComma = token.lastIndexOf(',');
    const start = lastComma > eq ? tokenStart + lastComma + 1 : valueStart;
    return {
      replaceStart: start,
      replaceEnd: end,
      items: [...RULES.values()].map((r, i) => ({
        label: r.id,
        kind: 'rule',
        detail: `${r.defaultSeverity} by default`,
        documentation: r.title,
        insertText: r.id,
        sortText: String(i).padStart(2, '0'),
      })),
    };
  }
  return undefined;
}
