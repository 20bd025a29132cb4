// VS Code applies fixes with placeholders as snippets (client/src/fixSnippets.ts).
import * as assert from 'assert';
import { fixSnippet } from '../../client/src/fixSnippets';

describe('client: quick fixes with placeholders become snippets', () => {
  it('missing-version: each ? is a tab stop, selected; the known value stays text', () => {
    assert.strictEqual(fixSnippet('-- crdb: backup-version=? target-version=?\n'), '-- crdb: backup-version=${1:?} target-version=${2:?}\n');
    assert.strictEqual(fixSnippet('/* crdb: backup-version=? target-version=24.3 */ '), '/* crdb: backup-version=${1:?} target-version=24.3 */ ');
  });

  it('Restore through: one collection named in several places is one tab stop (typed once)', () => {
    const text = [
      '-- crdb: target-version=24.1',
      "RESTORE DATABASE bank FROM LATEST IN 's3://b/$x';",
      "BACKUP DATABASE bank INTO '<collection for the 24.1 backup>';",
      '-- crdb: target-version=24.3',
      "RESTORE DATABASE bank FROM LATEST IN '<collection for the 24.1 backup>'",
    ].join('\n');
    assert.strictEqual(
      fixSnippet(text),
      [
        '-- crdb: target-version=24.1',
        "RESTORE DATABASE bank FROM LATEST IN 's3://b/\\$x';",
        "BACKUP DATABASE bank INTO '${1:<collection for the 24.1 backup>}';",
        '-- crdb: target-version=24.3',
        "RESTORE DATABASE bank FROM LATEST IN '${1:<collection for the 24.1 backup>}'",
      ].join('\n'),
    );
  });

  it('text without placeholders is not a snippet', () => {
    assert.strictEqual(fixSnippet('-- crdb: target-version=24.1\n'), undefined);
  });
});
