// Every request handler is guarded: a failure is logged and answered empty, never fatal. After
// `shutdown`, every request is answered with InvalidRequest, as the LSP specification asks.
import { ErrorCodes, ResponseError, type RemoteConsole } from 'vscode-languageserver/node';

export type LogError = (what: string, e: unknown) => void;

/**
 * Runs a request handler; a thrown error is logged and `fallback` answered. A ResponseError
 * (a deliberate error answer, such as "cancelled, ask again") is answered as it is.
 */
export type Guarded = <T>(what: string, fallback: T, fn: () => Promise<T> | T) => Promise<T>;

export interface Guard {
  logError: LogError;
  guarded: Guarded;
  /** The client sent `shutdown`: later requests fail with InvalidRequest. */
  markShutdown(): void;
  readonly isShutdown: boolean;
}

export function createGuard(console: RemoteConsole): Guard {
  let shutdown = false;
  const logError: LogError = (what, e) => {
    console.error(`${what} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  };
  const guarded: Guarded = async (what, fallback, fn) => {
    if (shutdown) throw new ResponseError(ErrorCodes.InvalidRequest, `${what}: the server is shutting down`);
    try {
      return await fn();
    } catch (e) {
      if (e instanceof ResponseError) throw e;
      logError(what, e);
      return fallback;
    }
  };
  return {
    logError,
    guarded,
    markShutdown: () => {
      shutdown = true;
    },
    get isShutdown() {
      return shutdown;
    },
  };
}
