// Problems panel messages: one short sentence naming the versions and what is wrong, in plain
// text; the details (supported targets, CockroachDB's error, upgrade path, provenance) live in
// the hover and in relatedInformation.
import * as assert from 'assert';
import { analyzeOptions } from '../../server/src/core/settings';
import { analyze, PINNED_TODAY } from '../helpers/analyze';

const MAX = 120;

function assertShortPlain(message: string, context: string): void {
  assert.ok(message.length <= MAX, `${message.length} characters > ${MAX}: ${message} (${context})`);
  assert.doesNotMatch(message, /`/, `no markdown in a plain-text message: ${message}`);
  // One sentence: no sentence break inside (a full stop followed by a capital letter).
  assert.doesNotMatch(message, /[.?!] [A-Z]/, `one sentence: ${message}`);
  assert.match(message, /[.?)]$/, `ends like a sentence: ${message}`);
}

describe('messages: one short plain sentence (≤ 120 characters)', () => {
  const catalog = analyzeOptions({ today: PINNED_TODAY }, 'sql').catalog;
  const majors = catalog.releases.map((r) => r.version);

  it('every restore-skips-release and restore-to-older-version pair of the catalog, with and without the bypass option', () => {
    let checked = 0;
    for (const b of majors) {
      for (const t of majors) {
        for (const opt of ['', ' WITH unsafe_restore_incompatible_version']) {
          const a = analyze(`-- crdb: backup-version=${b} target-version=${t}\nRESTORE DATABASE d FROM LATEST IN 's3://b'${opt};`, 'sql', { rules: { 'version-end-of-support': 'off' } });
          for (const f of a.findings) {
            assertShortPlain(f.message, `${b} → ${t}${opt}`);
            if (f.rule === 'restore-skips-release' || f.rule === 'restore-to-older-version') {
              assert.match(f.message, new RegExp(`\\b${b.replace('.', '\\.')} backup\\b.*\\b${t.replace('.', '\\.')}\\b`), `names both versions: ${f.message}`);
              checked++;
            }
          }
        }
      }
    }
    assert.ok(checked > 500, `checked ${checked} unsupported pairs`);
  });

  it('the other rules, in the shapes that give their longest messages', () => {
    const docs = [
      "-- crdb: target-version=24.3 mixed-version\nRESTORE FROM LATEST IN 's3://b';",
      "RESTORE FROM LATEST IN 's3://b';",
      "-- crdb: backup-version=24.1\nRESTORE FROM LATEST IN 's3://b';",
      "-- crdb: target-version=24.1\nRESTORE FROM LATEST IN 's3://b';",
      '-- crdb: backup-version=24.1 target-verison=24.3 frobnicate=1\nSELECT 1;',
      '-- crdb: backup-version=24.x target-version=\nSELECT 1;',
      '-- crdb: target-version=27.1 mixed-version=perhaps ignore=no-such-rule-at-all,restore-skip-release\nSELECT 1;',
      '-- crdb: ignore=\nSELECT 1;',
      "-- crdb: target-version=v22.2.19\nBACKUP DATABASE d TO 's3://b/x';",
      "-- crdb: target-version=24.1\nRESTORE DATABASE d FROM 's3://b/x';",
      "-- crdb: target-version=25.2\nRESTORE DATABASE d FROM 's3://b/x';\nBACKUP DATABASE d TO 's3://b/x';",
      "-- crdb: backup-version=26.2 target-version=26.2\nRESTORE DATABASE d FROM LATEST IN 's3://b' WITH incremental_location = 's3://i';",
      "-- crdb: backup-version=25.4 target-version=25.4\nRESTORE DATABASE d FROM LATEST IN 's3://b' WITH incremental_location = 's3://i';",
    ];
    const rules = new Set<string>();
    for (const doc of docs) {
      for (const f of analyze(doc, 'sql', { today: '2026-12-01' }).findings) {
        assertShortPlain(f.message, doc);
        rules.add(f.rule);
      }
    }
    // Every rule was seen at least once.
    assert.deepStrictEqual([...rules].sort(), [
      'full-restore-mixed-version',
      'incremental-location-removed',
      'invalid-directive-value',
      'invalid-version',
      'missing-version',
      'removed-syntax',
      'unknown-directive-key',
      'unknown-version',
      'version-end-of-support',
    ]);
  });
});
