// The language status item (client/src/statusView.ts). Defect: it showed ✓ while the document
// had errors, and counted the last document the server checked instead of the active one.
import * as assert from 'assert';
import { StatusBook, viewOf } from '../../client/src/statusView';
import type { StatusParams } from '../../server/src/lsp/protocol';

const status = (uri: string, findings: number, errors: number, warnings: number): StatusParams => ({
  uri,
  state: 'ok',
  durationMs: 1.5,
  findings,
  errors,
  warnings,
});

describe('client: the status item shows the active document, with its worst severity', () => {
  it('errors present: an error icon and the error count, never a check mark', () => {
    const v = viewOf(status('file:///a.md', 5, 2, 1), '10:00:00');
    assert.strictEqual(v.text, '$(error) Restore Guard: 2 errors, 1 warning');
    assert.strictEqual(v.severity, 'error');
    assert.doesNotMatch(v.text, /check/);
    assert.match(v.detail, /^5 findings in this file \(2 error, 1 warning, 2 other\)/);
  });

  it('warnings only, notes only, nothing', () => {
    assert.deepStrictEqual([viewOf(status('u', 1, 0, 1), 't').text, viewOf(status('u', 1, 0, 1), 't').severity], ['$(warning) Restore Guard: 1 warning', 'warning']);
    assert.strictEqual(viewOf(status('u', 3, 0, 0), 't').text, '$(info) Restore Guard: 3 notes');
    assert.strictEqual(viewOf(status('u', 0, 0, 0), 't').text, '$(check) Restore Guard: no problems');
  });

  it('the active document’s counts, not the last document checked', () => {
    const book = new StatusBook();
    book.update(status('file:///active.md', 4, 4, 0), 't1');
    book.update(status('file:///other.sql', 0, 0, 0), 't2'); // checked last (workspace or another editor)
    assert.strictEqual(book.viewFor('file:///active.md').text, '$(error) Restore Guard: 4 errors');
    assert.strictEqual(book.viewFor('file:///other.sql').text, '$(check) Restore Guard: no problems');
    book.forget('file:///active.md');
    assert.strictEqual(book.viewFor('file:///active.md').detail, 'No report for this document yet');
  });

  it('analysis failed, file too large, and not analysed say so', () => {
    assert.strictEqual(viewOf({ ...status('u', 0, 0, 0), state: 'error', message: 'boom' }, 't').severity, 'error');
    assert.strictEqual(viewOf({ ...status('u', 0, 0, 0), state: 'skipped', message: 'big' }, 't').text, '$(warning) Restore Guard: file too large');
    assert.strictEqual(viewOf({ ...status('u', 0, 0, 0), state: 'skipped', outOfScope: true, message: 'outside' }, 't').text, '$(circle-slash) Restore Guard: not analyzed');
  });
});
