// The command line of `crdb-restore-guard`: options, their values, and the usage text.
import { isIsoDate } from '../core/settings';

export const FORMATS = ['stylish', 'text', 'compact', 'json', 'sarif', 'github', 'gitlab', 'junit'] as const;
export type Format = (typeof FORMATS)[number];

export const USAGE = `Usage: crdb-restore-guard [options] <file|dir|glob>...
       crdb-restore-guard [options] --stdin [--stdin-filename <name>]

Checks CockroachDB BACKUP/RESTORE statements in .sql files and markdown runbooks against
CockroachDB's restore-across-versions policy. Directories are walked for *.sql and *.md
(.markdown, .mdx), honouring .gitignore. A RESTORE whose own file says nothing about its
collection takes the backup version from the collections setting, else from the BACKUPs into
that collection in the other files checked (the highest version).

Output:
  --format <name>                    stylish (default; also "text"), compact (file:line:col
                                     severity rule message), json, sarif, github (workflow
                                     annotations), gitlab (Code Quality), junit
  --quiet                            report errors only
  --max-warnings <n>                 exit 1 when there are more than n warnings
Fixing:
  --fix                              apply every fix that has one clear answer, write the
                                     files, and report what is left
  --fix-dry-run                      print those fixes as a unified diff; write nothing
Input:
  --stdin                            check the text on standard input
  --stdin-filename <name>            its file name (language and reported name)
Configuration:
  --config <file>                    configuration file (default: ./.crdb-restore-guard.json)
  --today <YYYY-MM-DD>               date for end-of-support checks (default: today)
  --default-target-version <v>       target version where no directive sets one
  --print-config                     print the configuration in force and exit
Other:
  --list-rules                       print the rules and their default severities
  -h, --help                         show this help
  -v, --version                      show the version

Colour: on a terminal only; NO_COLOR=1 turns it off, FORCE_COLOR=1 on.
Exit status: 0 no error-severity findings, 1 at least one (or too many warnings),
2 usage or I/O error.`;

export class UsageError extends Error {}

export interface Parsed {
  format: Format;
  config?: string;
  today?: string;
  defaultTargetVersion?: string;
  paths: string[];
  help: boolean;
  version: boolean;
  listRules: boolean;
  printConfig: boolean;
  fix: boolean;
  fixDryRun: boolean;
  quiet: boolean;
  maxWarnings?: number;
  stdin: boolean;
  stdinFilename?: string;
}

export function parseArgs(argv: readonly string[]): Parsed {
  const p: Parsed = { format: 'stylish', paths: [], help: false, version: false, listRules: false, printConfig: false, fix: false, fixDryRun: false, quiet: false, stdin: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    const value = (): string => {
      if (eq > 0) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${name} needs a value`);
      return v;
    };
    const flag = (): true => {
      if (eq > 0) throw new UsageError(`${name} takes no value`);
      return true;
    };
    switch (name) {
      case '--format':
      case '-f': {
        const f = value();
        if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${f}"`);
        p.format = f as Format;
        break;
      }
      case '--config':
      case '-c':
        p.config = value();
        break;
      case '--today': {
        const t = value();
        if (!isIsoDate(t)) throw new UsageError(`--today needs a date YYYY-MM-DD, not "${t}"`);
        p.today = t;
        break;
      }
      case '--default-target-version':
        p.defaultTargetVersion = value();
        break;
      case '--max-warnings': {
        const v = value();
        if (!/^\d{1,9}$/.test(v)) throw new UsageError(`--max-warnings needs a whole number, not "${v}"`);
        p.maxWarnings = Number(v);
        break;
      }
      case '--stdin-filename':
        p.stdinFilename = value();
        break;
      case '--stdin':
        p.stdin = flag();
        break;
      case '--fix':
        p.fix = flag();
        break;
      case '--fix-dry-run':
        p.fixDryRun = flag();
        break;
      case '--quiet':
        p.quiet = flag();
        break;
      case '--print-config':
        p.printConfig = flag();
        break;
      case '-h':
      case '--help':
        p.help = true;
        break;
      case '-v':
      case '--version':
        p.version = true;
        break;
      case '--list-rules':
        p.listRules = true;
        break;
      case '--':
        p.paths.push(...argv.slice(i + 1));
        i = argv.length;
        break;
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
        p.paths.push(a);
    }
  }
  if (p.fix && p.fixDryRun) throw new UsageError('--fix and --fix-dry-run do not go together');
  if (p.stdin && p.paths.length > 0) throw new UsageError('--stdin reads standard input: give no files with it');
  if (p.stdin && p.fix) throw new UsageError('--fix writes files; with --stdin, use --fix-dry-run to see the fixes');
  if (p.stdinFilename !== undefined && !p.stdin) throw new UsageError('--stdin-filename goes with --stdin');
  return p;
}
