// Entry point of the `crdb-restore-guard` bin.
import { runCli } from './main';

function main(): void {
  let code: number;
  try {
    code = runCli(process.argv.slice(2), {
      cwd: process.cwd(),
      out: (s) => process.stdout.write(s + '\n'),
      err: (s) => process.stderr.write(s + '\n'),
    });
  } catch (e) {
    // Never a stack trace for the user: one line, exit 2.
    process.stderr.write(`crdb-restore-guard: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    code = 2;
  }
  process.exitCode = code;
}

main();
