// Loaded into the vscode-API suite only with E2E_INJECT_FAILING_TEST=1 (see runner.js): proves
// that a failing test inside code-server's extension host fails `npm run test:e2e`.
/* global describe, it */
'use strict';
const assert = require('assert');

describe('deliberately failing (E2E_INJECT_FAILING_TEST=1)', () => {
  it('fails on purpose', () => {
    assert.strictEqual(1 + 1, 3, 'this test fails on purpose; unset E2E_INJECT_FAILING_TEST');
  });
});
