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
    const instead = s.kind === 'backup' ? "use BACKUP … INTO 'collection'" : "use RESTORE … FROM LATEST IN 'collection'";
    if (compareMajors(t, '25.1') >= 0) {
      return [{ message: `${form} was removed in CockroachDB 25.1 and fails on ${t}; ${instead}.` }];
    }
    return [
      {
        message: `${form} is deprecated (removed in 25.1, target ${t}); ${instead}.`,
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
            `WITH incremental_location was removed in CockroachDB 26.2 (target ${t}); such backups cannot be restored there.`,
        },
      ];
    }
    if (compareMajors(t, '25.4') >= 0) {
      return [
        {
          message:
            `WITH incremental_location is deprecated since CockroachDB 25.4 (target ${t}) and removed in 26.2.`,
          severityCap: 'warning',
        },
      ];
    }
    return NO_REPORTS;
  },
};

/** `'<collection for the 24.1 backup>'`: the text quick fixes and the plan command leave for a collection only the user can name. */
const PLACEHOLDER = /^<[^<>]*>$/;

export const placeholderCollection: StatementCheck = {
  scope: 'statement',
  check(ctx) {
    const s = ctx.stmt;
    const placeholder = s.collections.find((c) => c !== undefined && PLACEHOLDER.test(c));
    if (placeholder === undefined) return NO_REPORTS;
    return [{ message: `The collection '${placeholder}' is a placeholder: replace it with your storage URI.` }];
  },
};

/** This file's checks by rule id (their ids, severities and titles are in ruleTable.ts). */
export const SYNTAX_CHECKS = {
  'removed-syntax': removedSyntax,
  'incremental-location-removed': incrementalLocationRemoved,
  'placeholder-collection': placeholderCollection,
} satisfies RuleChecks;
