// Runs the project's vscode-API mocha suite (out/test/vscode/suite/index.js, the one
// @vscode/test-electron runs) inside code-server's extension host, and reports the outcome
// through a channel the driver (../api-suite.mjs) can rely on: a JSON result file, written
// atomically (tmp + rename) once the suite has finished, whether it passed, failed or threw.
// The driver waits for that file, bounded in time; no file means failure too.
//
// The driver generates, per run, an index.js next to the run's workspace:
//   module.exports = require('<this file>').create({ suiteIndex, resultFile, logFile, injectFailure });
// and passes it to the workbench as the URL payload's extensionTestsPath.
//
// Everything mocha's spec reporter prints also goes to `logFile`, because the extension host's
// console ends up only in the browser's devtools. With `injectFailure` the
// file ./deliberately-failing.js is added to the suite's mocha run: the way to show that a
// failing test fails `npm run test:e2e`.
'use strict';
const fs = require('fs');
const path = require('path');
const util = require('util');

exports.create = function create(options) {
  return { run: () => runSuite(options) };
};

async function runSuite({ suiteIndex, resultFile, logFile, injectFailure }) {
  const started = Date.now();
  const fd = fs.openSync(logFile, 'a');
  const restore = [];
  // The extension host's console methods are getters that forward to the browser and ignore
  // assignment, so the suite's output is teed where mocha prints it: Base.consoleLog.
  const note = (...args) => {
    try {
      fs.writeSync(fd, util.format(...args) + '\n');
    } catch {}
  };
  const stats = { passed: 0, failed: 0, pending: 0, tests: [], failures: [] };
  const write = (result) => {
    const tmp = `${resultFile}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify({ ...result, ...stats, durationMs: Date.now() - started }, null, 2));
    fs.renameSync(tmp, resultFile);
  };
  try {
    // The same mocha module instance the suite's index.js loads.
    const Mocha = require(require.resolve('mocha', { paths: [path.dirname(suiteIndex)] }));
    const Base = Mocha.reporters.Base;
    const originalConsoleLog = Base.consoleLog;
    Base.consoleLog = (...args) => {
      note(...args);
      originalConsoleLog.apply(console, args);
    };
    restore.push(() => (Base.consoleLog = originalConsoleLog));
    const originalRun = Mocha.prototype.run;
    Mocha.prototype.run = function (fn) {
      if (injectFailure) {
        note('vscode-api suite: E2E_INJECT_FAILING_TEST=1: adding deliberately-failing.js');
        this.addFile(path.join(__dirname, 'deliberately-failing.js'));
      }
      const runner = originalRun.call(this, fn);
      runner.on('pass', (t) => {
        stats.passed++;
        stats.tests.push({ title: t.fullTitle(), state: 'passed', ms: t.duration });
      });
      runner.on('fail', (t, err) => {
        stats.failed++;
        stats.tests.push({ title: t.fullTitle(), state: 'failed' });
        stats.failures.push({ title: t.fullTitle(), error: String((err && err.message) || err) });
      });
      runner.on('pending', (t) => {
        stats.pending++;
        stats.tests.push({ title: t.fullTitle(), state: 'pending' });
      });
      return runner;
    };
    try {
      await require(suiteIndex).run();
    } finally {
      Mocha.prototype.run = originalRun;
    }
    write({ ok: stats.failed === 0 && stats.passed > 0 });
  } catch (e) {
    note('vscode-api suite: run() rejected:', e);
    write({ ok: false, error: String((e && e.message) || e) });
    throw e;
  } finally {
    for (const r of restore) r();
    fs.closeSync(fd);
  }
}
