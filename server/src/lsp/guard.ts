// Every request handler is guarded: a failure is logged and answered empty, never fatal.
import type { RemoteConsole } from 'vscode-languageserver/node';

export type LogError = (what: string, e: unknown) => void;

/** Runs a request handler; a thrown error is logged and `fallback` answered. */
export type Guarded = <T>(what: string, fallback: T, fn: () => Promise<T> | T) => Promise<T>;

export function createGuard(console: RemoteConsole): { logError: LogError; guarded: Guarded } {
  const logError: LogError = (what, e) => {
    console.error(`${what} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  };
  const guarded: Guarded = async (what, fallback, fn) => {
    try {
      return await fn();
    } catch (e) {
      logError(what, e);
      return fallback;
    }
  };
  return { logError, guarded };
}
