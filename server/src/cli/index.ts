// Entry point of the `crdb-restore-guard` bin: the process around runCli (streams, colour,
// exit status, no stack traces).
import * as fs from 'fs';
import { runCli } from './main';
import { wantsColour } from './terminalText';

function main(): void {
  // `crdb-restore-guard … | head -1`: the reader left. That is not an error of the check:
  // stop writing and exit with the status already decided, silently.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      process.stderr.write(`crdb-restore-guard: cannot write output (${e.code ?? e.message})\n`);
      process.exit(2);
    });
  }
  let code: number;
  try {
    code = runCli(process.argv.slice(2), {
      cwd: process.cwd(),
      out: (s) => process.stdout.write(s + '\n'),
      err: (s) => process.stderr.write(s + '\n'),
      colour: wantsColour(process.env, process.stdout.isTTY === true),
      readStdin: () => fs.readFileSync(0, 'utf8'),
    });
  } catch (e) {
    // Never a stack trace for the user: one line, exit 2.
    process.stderr.write(`crdb-restore-guard: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    code = 2;
  }
  process.exitCode = code;
}

main();
