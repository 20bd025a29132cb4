// Checks on one `crdb:` directive entry: keys, values and versions.
import { closest } from '../didYouMean';
import { DIRECTIVE_KEYS, isDirectiveKey, parseBoolean, suggestKey } from '../directives';
import { supportEnd } from '../support';
import { parseVersion } from '../versions';
import { ALL_RULE_IDS } from './ruleTable';
import { NO_REPORTS, type DirectiveCheck, type EntryContext, type RuleChecks } from './ruleTypes';

const VERSION_KEYS = new Set(['target-version', 'backup-version']);

/** Value span, or the key's span for a bare key (an empty range would be invisible). */
function valueSpan(ctx: EntryContext): { start: number; end: number } {
  const e = ctx.entry;
  return e.valueEnd > e.valueStart ? { start: e.valueStart, end: e.valueEnd } : { start: e.keyStart, end: e.keyEnd };
}

export const unknownDirectiveKey: DirectiveCheck = {
  scope: 'directive-entry',
  check(ctx) {
    const { key, keyStart, keyEnd } = ctx.entry;
    if (isDirectiveKey(key)) return NO_REPORTS;
    const suggestion = suggestKey(key);
    return [
      {
        message:
          `Unknown crdb: directive key "${key}"` +
          (suggestion ? ` (not applied); did you mean "${suggestion}"?` : ` (known keys: ${DIRECTIVE_KEYS.join(', ')}).`),
        start: keyStart,
        end: keyEnd,
        fixes: suggestion ? [ctx.edit.replaceKey(suggestion)] : [],
      },
    ];
  },
};

export const invalidVersion: DirectiveCheck = {
  scope: 'directive-entry',
  check(ctx) {
    const { key, value } = ctx.entry;
    if (!VERSION_KEYS.has(key)) return NO_REPORTS;
    if (value !== undefined && parseVersion(value)) return NO_REPORTS;
    // `?` is the placeholder a quick fix leaves for a version only the user knows.
    if (value === '?') return [{ message: `${key}=? is a placeholder: replace ? with the version (e.g. 24.1).`, ...valueSpan(ctx) }];
    const shown = value === undefined || value === '' ? 'no value' : `"${value}"`;
    return [
      {
        message:
          `${key} has ${shown}, not a CockroachDB version (write e.g. 24.1 or v24.1.7); it is unknown from here on.`,
        ...valueSpan(ctx),
      },
    ];
  },
};

export const unknownVersion: DirectiveCheck = {
  scope: 'directive-entry',
  check(ctx) {
    const { key, value } = ctx.entry;
    if (!VERSION_KEYS.has(key) || value === undefined) return NO_REPORTS;
    const v = parseVersion(value);
    if (!v || ctx.catalog.has(v.major)) return NO_REPORTS;
    const newest = ctx.catalog.releases[ctx.catalog.releases.length - 1]?.version;
    return [
      {
        message:
          `CockroachDB ${v.major} is not in the release catalog (newest known: ${newest}); add it with extraReleases if it is new.`,
        ...valueSpan(ctx),
      },
    ];
  },
};

export const invalidDirectiveValue: DirectiveCheck = {
  scope: 'directive-entry',
  check(ctx) {
    const { key, value } = ctx.entry;
    if (key === 'mixed-version') {
      if (parseBoolean(value) !== undefined) return NO_REPORTS;
      const guess = value !== undefined && /^(yes|on|1|y)$/i.test(value) ? 'true' : /^(no|off|0|n)$/i.test(value ?? '') ? 'false' : undefined;
      return [
        {
          message: `mixed-version takes true or false, not "${value}"; mixed-version is off from here on.`,
          ...valueSpan(ctx),
          fixes: guess ? [ctx.edit.replaceValue(guess, true)] : [],
        },
      ];
    }
    if (key === 'infer') {
      if (parseBoolean(value) !== undefined) return NO_REPORTS;
      return [
        {
          message: `infer takes true or false (or no value, meaning true), not "${value}". Inference stays as it was.`,
          ...valueSpan(ctx),
        },
      ];
    }
    if (key === 'ignore') {
      if (value === undefined || value === '') {
        return [{ message: 'ignore needs rule ids: ignore=<rule-id>[,<rule-id>…] (comma-separated, no spaces).', ...valueSpan(ctx) }];
      }
      const reports = [];
      let offset = 0;
      for (const id of value.split(',')) {
        if (!(ALL_RULE_IDS as readonly string[]).includes(id)) {
          const suggestion = closest(id, ALL_RULE_IDS);
          const start = ctx.entry.valueStart + offset;
          reports.push({
            message:
              `ignore: "${id}" is not a rule id` +
              (suggestion ? `; did you mean "${suggestion}"?` : ' (the rule ids are listed in the documentation).'),
            start,
            end: start + id.length,
            fixes: suggestion ? [ctx.edit.replaceRange(start, start + id.length, suggestion, `Change to "${suggestion}"`)] : [],
          });
        }
        offset += id.length + 1;
      }
      return reports;
    }
    return NO_REPORTS;
  },
};

export const versionEndOfSupport: DirectiveCheck = {
  scope: 'directive-entry',
  check(ctx) {
    const { key, value } = ctx.entry;
    if (key !== 'target-version' || value === undefined) return NO_REPORTS;
    const v = parseVersion(value);
    const rel = v && ctx.catalog.get(v.major);
    if (!v || !rel) return NO_REPORTS;
    const end = supportEnd(rel, v);
    if (!end || !(ctx.today > end.date)) return NO_REPORTS;
    return [
      {
        message:
          `CockroachDB ${v.text} reached the end of ${end.kind} on ${end.date}; plan the restore into a supported release.`,
        ...valueSpan(ctx),
      },
    ];
  },
};

/** This file's checks by rule id (their ids, severities and titles are in ruleTable.ts). */
export const DIRECTIVE_CHECKS = {
  'unknown-directive-key': unknownDirectiveKey,
  'invalid-version': invalidVersion,
  'invalid-directive-value': invalidDirectiveValue,
  'unknown-version': unknownVersion,
  'version-end-of-support': versionEndOfSupport,
} satisfies RuleChecks;
