// The contract lazy fixes rely on (core/rules/ruleTypes.ts): a rule's check is pure and reports
// in a stable order. Every rule's check is wrapped so that, on each context the analyzer gives
// it, it runs twice; both runs' reports (messages, spans, caps and the fixes they build) must be
// identical. Over the example runbooks and a few edge documents, with and without a default target.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeDocument } from '../../server/src/core/analyze';
import type { Fix } from '../../server/src/core/analysisTypes';
import { DIRECTIVE_RULES, LOOKALIKE_RULES, STATEMENT_RULES } from '../../server/src/core/rules';
import type { Report, Rule } from '../../server/src/core/rules/ruleTypes';
import { analyzeOptions, type Settings } from '../../server/src/core/settings';
import { PINNED_TODAY } from '../helpers/analyze';

const EXAMPLES = join(__dirname, '../../../examples');

const EDGE_DOCUMENTS: { name: string; languageId: 'sql' | 'markdown'; text: string }[] = [
  {
    name: 'placeholders, old syntax, a named backup, the bypass option',
    languageId: 'sql',
    text: [
      '-- crdb: target-version=23.1',
      "BACKUP INTO 's3://b/c?AUTH=implicit';",
      '-- crdb: target-version=25.2',
      "RESTORE FROM LATEST IN 's3://b/c' WITH unsafe_restore_incompatible_version;",
      "RESTORE FROM '2024/01/01-000000.00' IN 's3://b/c';",
      'RESTORE FROM LATEST IN $1;',
      "BACKUP TO 's3://old/x'; RESTORE FROM 's3://old/x';",
      "RESTORE DATABASE bank FROM LATEST IN 's3://b/c' WITH incremental_location = 's3://inc';",
      '-- crdb: backup-version=22.2 target-version=21.1',
      "RESTORE FROM LATEST IN 's3://nowhere';",
    ].join('\n'),
  },
  {
    name: 'bad directives: unknown keys, invalid values, unknown and unsupported versions, ignores',
    languageId: 'sql',
    text: [
      '-- crdb: taget-version=24.1 mixed-version=maybe ignore=missing-versoin,restore-skips-release',
      '-- crdb: target-version=24 backup-version=99.9 target-version=19.1',
      '/* crdb: backup-version=v23.2 mixed-version */',
      "RESTORE FROM LATEST IN 's3://b/c';",
      '-- crdb: ignore=missing-version',
      "RESTORE FROM LATEST IN 's3://b/d';",
    ].join('\n'),
  },
  {
    name: 'markdown: front matter, HTML and shell directives, SQL in lists, quotes and shell strings',
    languageId: 'markdown',
    text: [
      '---',
      'target-version: 25.1',
      'backup-version: 23.1',
      '---',
      '# Runbook',
      '<!-- crdb: mixed-version -->',
      '1. Restore:',
      '   ```sql',
      '   RESTORE FROM LATEST IN \'gs://x/y\';',
      '   ```',
      '> ```sql',
      "> -- crdb: target-version=24.3",
      "> RESTORE TABLE t FROM LATEST IN 'gs://x/y';",
      '> ```',
      '```sh',
      '# crdb: backup-version=24.1',
      'cockroach sql -e "RESTORE FROM LATEST IN \'gs://x/y\'"',
      '```',
    ].join('\n'),
  },
  {
    name: 'directive look-alikes: prose, HTML and SQL comments, # lines',
    languageId: 'markdown',
    text: [
      'crdb: backup-version=24.1 target-version=24.3',
      '<!-- crdb target-version=24.3 -->',
      '```sql',
      '-- backup-version=24.1',
      '# crdb: target-version=24.3',
      "RESTORE FROM LATEST IN 'gs://x/y';",
      '```',
    ].join('\n'),
  },
];

/** A report as data: its fixes built (a function is called), so two runs can be compared. */
function plain(r: Report): unknown {
  const fixes: Fix[] | undefined = typeof r.fixes === 'function' ? r.fixes() : r.fixes;
  return { ...r, fixes };
}

/** Runs `fn` with every rule's check replaced by one that checks twice and records both runs. */
function withDoubleChecks(fn: () => void): { rule: string; first: unknown[]; second: unknown[] }[] {
  const runs: { rule: string; first: unknown[]; second: unknown[] }[] = [];
  const rules: Rule[] = [...STATEMENT_RULES, ...DIRECTIVE_RULES, ...LOOKALIKE_RULES];
  const originals = rules.map((r) => r.check);
  rules.forEach((rule, i) => {
    const check = originals[i] as (ctx: unknown) => readonly Report[];
    rule.check = ((ctx: unknown) => {
      const first = check(ctx);
      const second = check(ctx);
      runs.push({ rule: rule.id, first: first.map(plain), second: second.map(plain) });
      return first;
    }) as Rule['check'];
  });
  try {
    fn();
  } finally {
    rules.forEach((rule, i) => (rule.check = originals[i] as Rule['check']));
  }
  return runs;
}

describe('rules: a check is pure and reports in a stable order (the lazy-fix contract)', () => {
  const documents = [
    ...readdirSync(EXAMPLES)
      .filter((f) => /\.(sql|md)$/.test(f) && f !== 'README.md')
      .map((f) => ({ name: f, languageId: f.endsWith('.sql') ? ('sql' as const) : ('markdown' as const), text: readFileSync(join(EXAMPLES, f), 'utf8') })),
    ...EDGE_DOCUMENTS,
  ];
  const settingsList: Settings[] = [{}, { defaultTargetVersion: '24.1' }];

  for (const doc of documents) {
    it(`${doc.name}: every rule twice on each context gives identical reports`, () => {
      let reports = 0;
      for (const settings of settingsList) {
        const opts = analyzeOptions({ today: PINNED_TODAY, ...settings }, doc.languageId);
        const runs = withDoubleChecks(() => analyzeDocument(doc.text, opts));
        assert.ok(runs.length > 0, 'the checks ran');
        for (const run of runs) {
          assert.deepStrictEqual(run.second, run.first, `${run.rule} reported differently the second time`);
          reports += run.first.length;
        }
      }
      // Each document has findings, so fixes were built and compared, not only empty lists.
      assert.ok(reports > 0, 'some check reported');
    });
  }

  it('the comparison sees a check that keeps state between calls', () => {
    const rule = STATEMENT_RULES[0];
    const original = rule.check;
    let calls = 0;
    rule.check = (ctx) => [...original(ctx), { message: `call ${calls++}` }];
    try {
      const opts = analyzeOptions({ today: PINNED_TODAY }, 'sql');
      const runs = withDoubleChecks(() => analyzeDocument("RESTORE FROM LATEST IN 's3://b/c';", opts));
      assert.ok(runs.some((r) => !isDeepStrictEqual(r.first, r.second)));
    } finally {
      rule.check = original;
    }
  });
});

function isDeepStrictEqual(a: unknown, b: unknown): boolean {
  try {
    assert.deepStrictEqual(a, b);
    return true;
  } catch {
    return false;
  }
}
