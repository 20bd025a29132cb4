// The restore plan (server/src/core/plan.ts): the hops, the statements and directives of each
// step, both document forms, and that the plan checks clean when analysed.
import * as assert from 'assert';
import { bundledCatalog } from '../../server/src/core/catalog/catalog';
import { planRestore, type PlanOptions, type RestorePlan } from '../../server/src/core/plan';
import { analyze, briefs } from '../helpers/analyze';

const catalog = bundledCatalog();

function plan(opts: Partial<PlanOptions> & Pick<PlanOptions, 'backup' | 'target'>): RestorePlan {
  const r = planRestore(catalog, { form: 'markdown', ...opts });
  if (!r.ok) assert.fail(r.error);
  return r.plan;
}

/** Findings of the version rules (the ones a plan must never produce). */
function versionFindings(text: string, languageId: 'sql' | 'markdown'): string[] {
  return briefs(analyze(text, languageId)).filter((b) => /restore-skips-release|restore-to-older-version|missing-version|full-restore-mixed-version/.test(b));
}

describe('plan: hops (docs/behaviour.md#compatibility-rule, the upgrade path)', () => {
  it('22.2 → 26.2 goes 22.2 → 23.1 → 23.2 → 24.1 → 24.3 → 25.2 → 25.4 → 26.2', () => {
    const p = plan({ backup: '22.2', target: '26.2' });
    assert.deepStrictEqual(p.hops, ['22.2', '23.1', '23.2', '24.1', '24.3', '25.2', '25.4', '26.2']);
    assert.deepStrictEqual(p.skippedInnovation, ['24.2', '25.1', '25.3', '26.1']);
    assert.strictEqual(p.title, 'Restore a 22.2 backup into 26.2 (7 steps)');
    assert.deepStrictEqual(
      p.steps.map((s) => `${s.from}→${s.on} ${s.restoreFrom} ${s.backupInto ?? '-'}`),
      [
        '22.2→23.1 <collection of the 22.2 backup> <collection for the 23.1 backup>',
        '23.1→23.2 <collection for the 23.1 backup> <collection for the 23.2 backup>',
        '23.2→24.1 <collection for the 23.2 backup> <collection for the 24.1 backup>',
        '24.1→24.3 <collection for the 24.1 backup> <collection for the 24.3 backup>',
        '24.3→25.2 <collection for the 24.3 backup> <collection for the 25.2 backup>',
        '25.2→25.4 <collection for the 25.2 backup> <collection for the 25.4 backup>',
        '25.4→26.2 <collection for the 25.4 backup> -',
      ],
    );
  });

  it('the documented example 22.2 → 25.2', () => {
    assert.deepStrictEqual(plan({ backup: '22.2', target: '25.2' }).hops, ['22.2', '23.1', '23.2', '24.1', '24.3', '25.2']);
  });

  it('a supported pair is one step (innovation releases skipped), the same version too', () => {
    const p = plan({ backup: '24.1', target: '24.3' });
    assert.deepStrictEqual(p.hops, ['24.1', '24.3']);
    assert.deepStrictEqual(p.steps, [{ from: '24.1', on: '24.3', restoreFrom: '<collection of the 24.1 backup>', backupInto: undefined }]);
    assert.deepStrictEqual(p.skippedInnovation, ['24.2']);
    const same = plan({ backup: '24.3', target: '24.3' });
    assert.deepStrictEqual(same.hops, ['24.3']);
    assert.strictEqual(same.steps.length, 1);
  });

  it('an innovation target is the last hop; an innovation backup is the first', () => {
    assert.deepStrictEqual(plan({ backup: '23.2', target: '25.1' }).hops, ['23.2', '24.1', '24.3', '25.1']);
    assert.deepStrictEqual(plan({ backup: '24.2', target: '25.2' }).hops, ['24.2', '24.3', '25.2']);
  });

  it('versions are read as major versions (patch and v prefix ignored)', () => {
    assert.deepStrictEqual(plan({ backup: 'v23.2.7', target: '24.3.1' }).hops, ['23.2', '24.1', '24.3']);
  });

  it('refuses an older target and a malformed version, saying why', () => {
    const older = planRestore(catalog, { backup: '25.2', target: '24.3', form: 'sql' });
    assert.deepStrictEqual(older, {
      ok: false,
      error: 'A 25.2 backup cannot be restored into 24.3: restoring into an older version is never supported. Pick a target of 25.2 or later.',
    });
    const bad = planRestore(catalog, { backup: 'latest', target: '24.3', form: 'sql' });
    assert.deepStrictEqual(bad, { ok: false, error: '"latest" is not a CockroachDB version such as 23.2' });
  });
});

describe('plan: text in the document form', () => {
  it('SQL: header comments, then per step a comment, a directive and the statements', () => {
    const p = planRestore(catalog, { backup: '23.2', target: '24.3', form: 'sql' });
    assert.ok(p.ok);
    assert.strictEqual(
      p.plan.text,
      [
        '-- Restore a 23.2 backup into 24.3 (2 steps).',
        '-- A backup restores into its own version and every later release up to and including the next',
        '-- regular release, so a 23.2 backup reaches 24.3 in 2 steps: 23.2 → 24.1 → 24.3. Innovation',
        '-- release 24.2 is skipped.',
        "-- Each step restores the previous step's backup on a cluster of the next version, then backs it up",
        '-- again.',
        "-- Replace the '<…>' collections with your storage URIs. Policy:",
        '-- https://www.cockroachlabs.com/docs/stable/restoring-backups-across-versions',
        '',
        '-- Step 1 (23.2 → 24.1): on a 24.1 cluster, restore the 23.2 backup, then back it up.',
        '-- crdb: backup-version=23.2 target-version=24.1',
        "RESTORE FROM LATEST IN '<collection of the 23.2 backup>';",
        "BACKUP INTO '<collection for the 24.1 backup>';",
        '',
        '-- Step 2 (24.1 → 24.3): on the 24.3 cluster, restore the 24.1 backup.',
        '-- crdb: target-version=24.3',
        "RESTORE FROM LATEST IN '<collection for the 24.1 backup>';",
        '',
      ].join('\n'),
    );
  });

  it('markdown: a heading, prose, and per step a heading, an HTML-comment directive, a sentence and a ```sql fence', () => {
    const p = plan({ backup: '23.2', target: '24.3', headingLevel: 3 });
    assert.strictEqual(
      p.text,
      [
        '### Restore a 23.2 backup into 24.3 (2 steps)',
        '',
        'A backup restores into its own version and every later release up to and including the next regular release, ' +
          'so a 23.2 backup reaches 24.3 in 2 steps: 23.2 → 24.1 → 24.3. Innovation release 24.2 is skipped.',
        '',
        "Each step restores the previous step's backup on a cluster of the next version, then backs it up again.",
        '',
        'Replace the `<…>` collections with your storage URIs. The policy: [Restoring Backups Across Versions](https://www.cockroachlabs.com/docs/stable/restoring-backups-across-versions).',
        '',
        '#### Step 1: 23.2 → 24.1',
        '',
        '<!-- crdb: backup-version=23.2 target-version=24.1 -->',
        'On a 24.1 cluster, restore the 23.2 backup, then back it up:',
        '',
        '```sql',
        "RESTORE FROM LATEST IN '<collection of the 23.2 backup>';",
        "BACKUP INTO '<collection for the 24.1 backup>';",
        '```',
        '',
        '#### Step 2: 24.1 → 24.3',
        '',
        '<!-- crdb: target-version=24.3 -->',
        'On the 24.3 cluster, restore the 24.1 backup:',
        '',
        '```sql',
        "RESTORE FROM LATEST IN '<collection for the 24.1 backup>';",
        '```',
        '',
      ].join('\n'),
    );
  });

  it('a one-step plan has no step headings; the directive states both versions', () => {
    const p = plan({ backup: '24.1', target: '24.3' });
    assert.ok(p.text.startsWith('## Restore a 24.1 backup into 24.3\n\nA 24.1 backup restores into 24.3 directly. Innovation release 24.2 is skipped.\n'), p.text);
    assert.ok(!p.text.includes('Step'), p.text);
    assert.ok(p.text.includes("<!-- crdb: backup-version=24.1 target-version=24.3 -->\nOn the 24.3 cluster, restore the 24.1 backup:\n\n```sql\nRESTORE FROM LATEST IN '<collection of the 24.1 backup>';\n```\n"), p.text);
  });

  it('uses the given line break, source collection (quoted) and heading level (capped at 6)', () => {
    const p = plan({ backup: '23.2', target: '24.1', eol: '\r\n', sourceCollection: "s3://b/it's", headingLevel: 9 });
    assert.ok(!/[^\r]\n/.test(p.text), 'every line break is \\r\\n');
    assert.ok(p.text.startsWith('###### Restore a 23.2 backup into 24.1\r\n'));
    assert.ok(p.text.includes("RESTORE FROM LATEST IN 's3://b/it''s';"), p.text);
  });

  it('resets a mixed-version directive in force on the first step', () => {
    const p = planRestore(catalog, { backup: '23.2', target: '24.3', form: 'sql', resetMixedVersion: true });
    assert.ok(p.ok);
    assert.ok(p.plan.text.includes('-- crdb: backup-version=23.2 target-version=24.1 mixed-version=false\n'), p.plan.text);
  });
});

describe('plan: analysed, it checks clean', () => {
  const pairs: [string, string][] = [
    ['22.2', '26.2'],
    ['22.2', '25.2'],
    ['23.2', '24.3'],
    ['24.1', '24.3'],
    ['24.3', '24.3'],
    ['24.2', '26.1'],
    ['19.2', '23.1'],
  ];
  for (const [b, t] of pairs) {
    for (const form of ['sql', 'markdown'] as const) {
      it(`${b} → ${t} (${form}): every RESTORE is supported, with both versions known`, () => {
        const r = planRestore(catalog, { backup: b, target: t, form });
        assert.ok(r.ok);
        const a = analyze(r.plan.text, form);
        assert.deepStrictEqual(versionFindings(r.plan.text, form), []);
        const restores = a.statements.filter((s) => s.kind === 'restore');
        assert.strictEqual(restores.length, r.plan.steps.length);
        assert.deepStrictEqual(
          restores.map((s) => `${s.backup?.version?.major}→${s.target?.version?.major} ${s.verdict?.kind}`),
          r.plan.steps.map((s) => `${s.from}→${s.on} ${s.from === s.on ? 'same' : 'supported'}`),
        );
      });
    }
  }

  it('inserted after directives that say otherwise (a backup-version, a BACKUP into the same collection, mixed-version), it still checks clean', () => {
    const before = [
      '-- crdb: backup-version=25.2 target-version=22.1 mixed-version',
      "BACKUP INTO '<collection for the 23.1 backup>';",
      '',
    ].join('\n');
    const r = planRestore(catalog, { backup: '22.2', target: '24.1', form: 'sql', resetMixedVersion: true });
    assert.ok(r.ok);
    assert.deepStrictEqual(versionFindings(before + r.plan.text, 'sql'), []);
  });

  it('in markdown, inside an existing SQL fence the SQL form checks clean too', () => {
    const r = planRestore(catalog, { backup: '22.2', target: '26.2', form: 'sql' });
    assert.ok(r.ok);
    const doc = `# Runbook\n\n\`\`\`sql\n${r.plan.text}\`\`\`\n`;
    assert.deepStrictEqual(versionFindings(doc, 'markdown'), []);
    assert.strictEqual(analyze(doc, 'markdown').statements.filter((s) => s.kind === 'restore').length, 7);
  });
});
