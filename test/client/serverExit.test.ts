// Defect: a normal "Restart Server" logged "[Error] Server process exited with code 0".
import * as assert from 'assert';
import { spawn } from 'child_process';
import { describeExit, logExit } from '../../client/src/serverExit';

function runAndLog(script: string): Promise<{ info: string[]; error: string[] }> {
  const log = { info: [] as string[], error: [] as string[] };
  const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
  logExit(child, { info: (m) => log.info.push(m), error: (m) => log.error.push(m) });
  return new Promise((resolve) => child.on('exit', () => setImmediate(() => resolve(log))));
}

describe('client: the server process exit is logged by what it means', () => {
  it('a clean exit (code 0, as after shutdown/exit on a restart) is information, not an error', async () => {
    assert.deepStrictEqual(await runAndLog('process.exit(0)'), { info: ['Server stopped.'], error: [] });
  });

  it('a crash (non-zero code) is an error naming the code', async () => {
    assert.deepStrictEqual(await runAndLog('process.exit(3)'), { info: [], error: ['Server process exited with code 3.'] });
  });

  it('signals: SIGTERM (a stop that had to terminate it) is information, others are errors', () => {
    assert.strictEqual(describeExit(null, 'SIGTERM').level, 'info');
    assert.deepStrictEqual(describeExit(null, 'SIGKILL'), { level: 'error', message: 'Server process exited with signal SIGKILL.' });
  });
});
