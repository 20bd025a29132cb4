// Only code is evidence: adding prose anywhere between the blocks of a runbook never changes a
// version inferred from its code, however much the prose looks like evidence (headings, links,
// inline code, sentences naming binaries and settings, HTML blocks).
import * as assert from 'assert';
import * as fc from 'fast-check';
import { analyzeDocument } from '../../server/src/core/analyze';
import type { Analysis } from '../../server/src/core/analysisTypes';
import { analyzeOptions } from '../../server/src/core/settings';

const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : 20250601;
const OPTS = analyzeOptions({ today: '2025-06-01' }, 'markdown');

const V = ['23.2.6', '24.1.5', '24.3.1', '25.2.0', '25.4.2'];
const MAJORS = ['23.2', '24.1', '24.3', '25.2', '25.4'];

/** Code blocks: evidence of every form, BACKUPs and RESTOREs. */
const codeBlock = fc.oneof(
  fc.constantFrom(...V).map((v) => `\`\`\`shell\ncurl -O https://binaries.cockroachdb.com/cockroach-v${v}.linux-amd64.tgz\n\`\`\``),
  fc.constantFrom(...V).map((v) => `\`\`\`yaml\nimage: cockroachdb/cockroach:v${v}\n\`\`\``),
  fc.constantFrom(...V).map((v) => `\`\`\`console\n$ cockroach version\nBuild Tag:        v${v}\n\`\`\``),
  fc.constantFrom(...V).map((v) => `    helm upgrade db cockroachdb/cockroachdb --set image.tag=v${v}`),
  fc.constantFrom(...MAJORS).map((v) => `\`\`\`sql\nSET CLUSTER SETTING version = '${v}';\n\`\`\``),
  fc.constantFrom(...MAJORS).map((v) => `\`\`\`sql\nSET CLUSTER SETTING cluster.preserve_downgrade_option = '${v}';\n\`\`\``),
  fc.constant('```sql\nRESET CLUSTER SETTING cluster.preserve_downgrade_option;\n```'),
  fc.constantFrom('a', 'b').map((c) => `\`\`\`sql\nBACKUP INTO 's3://b/${c}';\n\`\`\``),
  fc.constantFrom('a', 'b').map((c) => `\`\`\`sql\nRESTORE FROM LATEST IN 's3://b/${c}';\n\`\`\``),
  // (Not in a list item: an indented block after one would be the item's paragraph, until prose ends the list.)
  fc.constantFrom('a', 'b').map((c) => `> \`\`\`sql\n> RESTORE DATABASE d FROM LATEST IN 's3://b/${c}';\n> \`\`\``),
);

/** Prose that names versions in every way prose can. */
const proseBlock = fc.constantFrom(...V).chain((v) =>
  fc.constantFrom(
    `## Upgrade to cockroach-v${v}`,
    `Download [cockroach-v${v}](https://binaries.cockroachdb.com/cockroach-v${v}.linux-amd64.tgz) on each node.`,
    `Run \`SET CLUSTER SETTING version = '${v.slice(0, 4)}'\` once every node runs \`cockroachdb/cockroach:v${v}\`.`,
    `The transcript says Build Tag: v${v} and CockroachDB CCL v${v}; then RESET CLUSTER SETTING cluster.preserve_downgrade_option.`,
    `> Note: helm --set image.tag=v${v} with cockroachDBVersion: v${v}.`,
    `<div>\ncockroach-v${v}\n</div>`,
    `Setext heading cockroach-v${v}\n===`,
  ),
);

/** Per statement: kind, backup and target versions with their sources, and mid-upgrade. */
function versions(a: Analysis): string[] {
  return a.statements.map((s) => `${s.kind} ${s.backup?.version?.text ?? '-'}/${s.backup?.source ?? '-'} ${s.target?.version?.text ?? '-'}/${s.target?.source ?? '-'} ${s.mixedVersion ? 'mixed' : ''}`);
}

describe('evidence: prose never changes an inferred version', function () {
  this.timeout(120000);

  it(`random runbooks with prose inserted between any blocks (seed ${SEED})`, () => {
    let inferred = 0;
    fc.assert(
      fc.property(
        fc.array(codeBlock, { minLength: 1, maxLength: 10 }),
        fc.array(fc.tuple(fc.nat(), proseBlock), { minLength: 1, maxLength: 4 }),
        (blocks, inserts) => {
          const before = analyzeDocument(blocks.join('\n\n') + '\n', OPTS);
          const withProse = [...blocks];
          for (const [at, prose] of inserts) withProse.splice(at % (withProse.length + 1), 0, prose);
          const after = analyzeDocument(withProse.join('\n\n') + '\n', OPTS);
          assert.deepStrictEqual(versions(after), versions(before));
          assert.deepStrictEqual(
            after.findings.map((f) => f.rule),
            before.findings.map((f) => f.rule),
          );
          if (before.statements.some((s) => s.target?.source === 'evidence')) inferred++;
        },
      ),
      { seed: SEED, numRuns: Math.max(1, Math.round(300 * Number(process.env.FUZZ_SCALE ?? 1))) },
    );
    // The property must bite: most runbooks have statements whose target was inferred.
    assert.ok(inferred >= 100, `only ${inferred} runbooks had an inferred version`);
  });
});
