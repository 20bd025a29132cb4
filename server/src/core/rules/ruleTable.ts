// The rule table: every rule's id, default severity and the words that describe it. It is the
// one source the rest is made from: the `RuleId` type below, the rule list the analyzer runs
// (index.ts joins each entry with its check), and, through `npm run generate`, the severity
// settings of package.json and of the config file's JSON schema, the rule ids the editor
// grammar highlights after `ignore=`, and the rules tables of README.md and docs/rules/README.md.
// Each rule is documented in docs/rules/<id>.md. How to add one: docs/contributing.md.
//
// Order matters: it is the order of the docs tables, of `ALL_RULE_IDS` (did-you-mean and the
// list in an `ignore=` message) and, within statement and directive rules, the order in which
// the findings of one place are reported.
import type { Severity } from '../types';

export interface RuleDescription {
  id: string;
  defaultSeverity: Severity;
  /** One sentence, shown in hovers, the CLI's rule list and SARIF. */
  title: string;
  /** What the rule reports, as a noun phrase: the "Reports" column of the rules tables. */
  summary: string;
}

export const RULE_TABLE = [
  {
    id: 'restore-to-older-version',
    defaultSeverity: 'error',
    title: 'A backup is never restorable into an older CockroachDB version.',
    summary: "a RESTORE into a version older than the backup's",
  },
  {
    id: 'restore-skips-release',
    defaultSeverity: 'error',
    title: 'A restore may skip innovation releases but never a regular release.',
    summary: 'a RESTORE into a newer version that skips a regular release',
  },
  {
    id: 'full-restore-mixed-version',
    defaultSeverity: 'error',
    title: 'A full-cluster RESTORE fails while an upgrade is not finalized.',
    summary: 'a full-cluster RESTORE while `mixed-version` (an unfinalized upgrade) is in force',
  },
  {
    id: 'invalid-version',
    defaultSeverity: 'error',
    title: 'A version must be written [v]MAJOR.MINOR[.PATCH][-pre], e.g. 24.1, v24.1.7, 24.1.0-beta.2.',
    summary: 'a version value that is not `[v]MAJOR.MINOR[.PATCH][-pre]`',
  },
  {
    id: 'invalid-directive-value',
    defaultSeverity: 'warning',
    title: 'A directive value the key cannot take (mixed-version=yes, an unknown rule id after ignore=).',
    summary: 'a value a key cannot take (`mixed-version=yes`, an unknown rule id after `ignore=`)',
  },
  {
    id: 'unknown-version',
    defaultSeverity: 'warning',
    title: 'A well-formed version that is not in the release catalog.',
    summary: 'a well-formed version that is not in the release catalog',
  },
  {
    id: 'unknown-directive-key',
    defaultSeverity: 'warning',
    title: 'A crdb: directive key that Restore Guard does not know is reported, never silently ignored.',
    summary: 'a `crdb:` key other than `target-version`, `backup-version`, `mixed-version`, `ignore`, `infer` (with did-you-mean)',
  },
  {
    id: 'missing-version',
    defaultSeverity: 'information',
    title: 'A RESTORE whose backup or target version is unknown cannot be checked.',
    summary: 'a RESTORE whose backup or target version is unknown',
  },
  {
    id: 'version-end-of-support',
    defaultSeverity: 'warning',
    title: 'The target version is past the end of its support.',
    summary: 'a target version past the end of its support as of today',
  },
  {
    id: 'removed-syntax',
    defaultSeverity: 'error',
    title: "BACKUP … TO and RESTORE … FROM 'uri' were deprecated in 22.1 and removed in 25.1.",
    summary: "`BACKUP … TO 'uri'` / `RESTORE … FROM 'uri'` on 25.1+ (warning on 22.1–24.3)",
  },
  {
    id: 'incremental-location-removed',
    defaultSeverity: 'error',
    title: 'RESTORE … WITH incremental_location was deprecated in 25.4 and removed in 26.2.',
    summary: '`RESTORE … WITH incremental_location` on 26.2+ (warning on 25.4–26.1)',
  },
  {
    id: 'placeholder-collection',
    defaultSeverity: 'warning',
    title: 'A collection written as a <…> placeholder still has to be replaced with a storage URI.',
    summary: "a `'<…>'` collection a quick fix or the plan left for you to name",
  },
  {
    id: 'directive-lookalike',
    defaultSeverity: 'information',
    title: 'Text written like a crdb: directive where no directive is read is ignored; the hint gives the form that is read.',
    summary: 'text meant as a directive that is ignored (`crdb:` in prose, `-- crdb` without the colon, `# crdb:` in SQL)',
  },
] as const satisfies readonly RuleDescription[];

/** A rule id: one of the table's, so a misspelt id in code is a compile error. */
export type RuleId = (typeof RULE_TABLE)[number]['id'];

/** Every rule id, in table order. */
export const ALL_RULE_IDS: readonly RuleId[] = RULE_TABLE.map((r) => r.id);

/** The page that documents a rule, relative to the project root. */
export function ruleDocsFile(id: string): string {
  return `docs/rules/${id}.md`;
}
