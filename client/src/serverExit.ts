// How the end of the server process is logged. vscode-languageclient logs any exit of a
// process it started as "[Error] Server process exited with code 0", a normal restart
// included; the client starts the server itself (extension.ts) and logs the exit here: a
// clean exit (code 0, or the SIGTERM of a stop) is information, anything else an error.
// No vscode import, so it is unit-tested.
import type { ChildProcess } from 'child_process';

export interface ExitLog {
  info(message: string): void;
  error(message: string): void;
}

/** What to log for an exit with `code` / `signal`. */
export function describeExit(code: number | null, signal: NodeJS.Signals | null): { level: 'info' | 'error'; message: string } {
  if (code === 0) return { level: 'info', message: 'Server stopped.' };
  if (code === null && signal === 'SIGTERM') return { level: 'info', message: 'Server stopped (terminated).' };
  if (code !== null) return { level: 'error', message: `Server process exited with code ${code}.` };
  return { level: 'error', message: `Server process exited with signal ${signal}.` };
}

export function logExit(child: ChildProcess, log: ExitLog): void {
  child.on('exit', (code, signal) => {
    const { level, message } = describeExit(code, signal);
    log[level](message);
  });
}
