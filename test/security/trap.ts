// Preload for the security tests (`node --require out/test/security/trap.js …`): turns every
// way of opening a network connection, starting a process or loading code from outside the
// bundle into a logged, thrown error. The log (one JSON line per attempt) goes to the file
// named by CRDB_GUARD_TRAP_LOG, so an attempt is seen even where the product catches errors.
/* eslint-disable @typescript-eslint/no-require-imports */
import * as fs from 'fs';
import * as path from 'path';

const logFile = process.env.CRDB_GUARD_TRAP_LOG;
/** Directory whose files may be loaded (the bundle's own); empty = only Node built-ins. */
const allowedDir = process.env.CRDB_GUARD_TRAP_ALLOW_DIR ?? '';

function record(what: string, detail?: string): void {
  const line = JSON.stringify({ what, detail, pid: process.pid, stack: new Error().stack?.split('\n').slice(2, 8).join('\n') });
  if (logFile) fs.appendFileSync(logFile, `${line}\n`);
}

function trap(what: string): (...args: unknown[]) => never {
  return () => {
    record(what);
    throw new Error(`security trap: ${what} was called`);
  };
}

function trapAll(moduleName: string, target: Record<string, unknown>, names: string[]): void {
  for (const n of names) {
    if (typeof target[n] === 'function') target[n] = trap(`${moduleName}.${n}`);
  }
}

// Network: sockets (TCP and pipes), HTTP(S), HTTP/2, TLS, UDP, DNS lookups.
const net = require('net');
trapAll('net', net, ['connect', 'createConnection', 'createServer']);
net.Socket.prototype.connect = trap('net.Socket.prototype.connect');
trapAll('http', require('http'), ['request', 'get', 'createServer']);
trapAll('https', require('https'), ['request', 'get', 'createServer']);
trapAll('http2', require('http2'), ['connect', 'createServer', 'createSecureServer']);
trapAll('tls', require('tls'), ['connect', 'createServer']);
trapAll('dgram', require('dgram'), ['createSocket']);
trapAll('dns', require('dns'), ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']);
if (typeof globalThis.fetch === 'function') (globalThis as { fetch: unknown }).fetch = trap('fetch');
// Processes: nothing is executed (no SQL client, no shell, no workspace scripts).
trapAll('child_process', require('child_process'), ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']);
// Code evaluation through vm and workers.
trapAll('vm', require('vm'), ['runInContext', 'runInNewContext', 'runInThisContext', 'compileFunction']);
const vm = require('vm');
vm.Script = trap('vm.Script');
// A worker thread only from a file of the bundle's own directory (the server's analysis worker).
const workerThreads = require('worker_threads');
const OriginalWorker = workerThreads.Worker;
workerThreads.Worker = function (file: unknown, options?: { eval?: boolean }) {
  if (typeof file !== 'string' || options?.eval || !allowedDir || !path.resolve(file).startsWith(path.resolve(allowedDir) + path.sep)) {
    record('worker_threads.Worker', String(file));
    throw new Error('security trap: worker_threads.Worker was called');
  }
  return new OriginalWorker(file, options);
};

// Module loading: only Node built-ins and files of the allowed directory (the bundle itself).
const Module = require('module');
const originalLoad = Module._load;
Module._load = function (request: string, parent: unknown, isMain: boolean) {
  const builtin = request.startsWith('node:') || Module.builtinModules.includes(request);
  if (!builtin && !isMain) {
    let resolved = request;
    try {
      resolved = Module._resolveFilename(request, parent, isMain);
    } catch {
      // unresolvable: recorded as requested
    }
    if (!allowedDir || !path.resolve(resolved).startsWith(path.resolve(allowedDir) + path.sep)) {
      record('require', resolved);
      throw new Error(`security trap: require(${JSON.stringify(request)})`);
    }
  }
  return originalLoad.apply(this, [request, parent, isMain]);
};
