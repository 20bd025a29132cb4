// Syntax that CockroachDB deprecated and then removed, judged against the target version.
import { compareMajors } from '../versions';
import { NO_REPORTS, type RuleChecks, type StatementCheck } from './ruleTypes';

export const removedSyntax: StatementCheck = {
  scope: 'statement',
  check(ctx) {
    const s = ctx.stmt;
    const t = s.target?.version?.major;
    if (!s.oldSyntax || t === undefined || compareMajors(t, '22.1') < 0) return NO_REPORTS;
    const form = s.kind === 'backup' ? "BACKUP … TO 'uri'" : "RESTORE … FROM 'uri'";
    const instead =
      s.kind === 'backup'
        ? "use BACKUP … INTO 'collection' (and RESTORE … FROM LATEST IN 'collection')"
        : "use RESTORE … FROM LATEST IN 'collection' (or FROM 'subdirectory' IN 'collection') for backups taken with BACKUP … INTO";
    if (compareMajors(t, '25.1') >= 0) {
      return [{ message: `${form} was removed in CockroachDB 25.1 and fails on ${t}: ${instead}.` }];
    }
    return [
      {
        message: `${form} is deprecated since CockroachDB 22.1 and removed in 25.1 (target ${t}): ${instead}.`,
        severityCap: 'warning',
      },
    ];
  },
};

export const incrementalLocationRemoved: StatementCheck = {
  scope: 'statement',
  check(ctx) {
    const s = ctx.stmt;
    const t = s.target?.version?.major;
    if (s.kind !== 'restore' || !s.options.includes('incremental_location') || t === undefined) return NO_REPORTS;
    if (compareMajors(t, '26.2') >= 0) {
      return [
        {
          message:
            `WITH incremental_location was removed in CockroachDB 26.2 (target ${t}); backups whose incrementals ` +
            'were written to a separate location are not restorable there. Restore on 26.1 or earlier and take a ' +
            'new backup without incremental_location.',
        },
      ];
    }
    if (compareMajors(t, '25.4') >= 0) {
      return [
        {
          message:
            `WITH incremental_location is deprecated since CockroachDB 25.4 (target ${t}) and removed in 26.2: ` +
            'move to backups that keep their incrementals in the collection.',
          severityCap: 'warning',
        },
      ];
    }
    return NO_REPORTS;
  },
};

/** This file's checks by rule id (their ids, severities and titles are in ruleTable.ts). */
export const SYNTAX_CHECKS = {
  'removed-syntax': removedSyntax,
  'incremental-location-removed': incrementalLocationRemoved,
} satisfies RuleChecks;
