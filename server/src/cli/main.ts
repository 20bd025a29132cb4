// `crdb-restore-guard [options] <file|dir|glob>…` — the same checks as the editor, for CI.
// Exit status: 0 no error findings, 1 at least one, 2 usage or I/O error.
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { analyzeDocument } from '../core/analyze';
import type { RuleId } from '../core/analysisTypes';
import { RULES } from '../core/rules';
import { analyzeOptions, isIsoDate, languageOf, mergeSettings, type Settings } from '../core/settings';
import { findConfigFile, readConfigFile } from '../node/configFile';
import { expandArguments } from '../node/fileWalker';
import { LineIndex } from '../core/lineIndex';
import { fileFactsOf } from '../core/workspace/fileFacts';
import { mayHaveFindings } from '../core/workspace/quickCheck';
import { WorkspaceFacts } from '../core/workspace/workspaceFacts';
import { formatGithub, formatJson, formatSarif, formatText, sortFindings, toCliFinding, type CliFinding } from './formats';

declare const PACKAGE_VERSION: string | undefined;
const VERSION = typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : '0.0.0-dev';

const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
type Format = (typeof FORMATS)[number];

const USAGE = `Usage: crdb-restore-guard [options] <file|dir|glob>...

Checks CockroachDB BACKUP/RESTORE statements in .sql files and markdown runbooks against
CockroachDB's restore-across-versions policy. Directories are walked for *.sql and *.md
(.markdown, .mdx), honouring .gitignore. A RESTORE whose own file says nothing about its
collection takes the backup version from the collections setting, else from the BACKUPs into
that collection in the other files checked (the highest version).

Options:
  --format <text|json|sarif|github>  output format (default: text)
  --config <file>                    configuration file (default: ./.crdb-restore-guard.json)
  --today <YYYY-MM-DD>               date for end-of-support checks (default: today)
  --default-target-version <v>       target version where no directive sets one
  --list-rules                       print the rules and their default severities
  -h, --help                         show this help
  -v, --version                      show the version

Exit status: 0 no error-severity findings, 1 at least one, 2 usage or I/O error.`;

export interface CliIo {
  cwd: string;
  out: (s: string) => void;
  err: (s: string) => void;
}

class UsageError extends Error {}

interface Parsed {
  format: Format;
  config?: string;
  today?: string;
  defaultTargetVersion?: string;
  paths: string[];
  help: boolean;
  version: boolean;
  listRules: boolean;
}

function parseArgs(argv: string[]): Parsed {
  const p: Parsed = { format: 'text', paths: [], help: false, version: false, listRules: false };
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
    switch (name) {
      case '--format': {
        const f = value();
        if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${f}"`);
        p.format = f as Format;
        break;
      }
      case '--config':
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
  return p;
}

/** Where the rule docs live next to the installed CLI (dist/cli.js → docs/rules/<id>.md). */
export function docsUri(rule: RuleId): string {
  return pathToFileURL(path.resolve(__dirname, '..', 'docs', 'rules', `${rule}.md`)).href;
}

export function runCli(argv: string[], io: CliIo): number {
  let args: Parsed;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`crdb-restore-guard: ${e.message} (see --help)`);
      return 2;
    }
    throw e;
  }
  if (args.help) {
    io.out(USAGE);
    return 0;
  }
  if (args.version) {
    io.out(VERSION);
    return 0;
  }
  if (args.listRules) {
    io.out([...RULES.values()].map((r) => `${r.id.padEnd(30)} ${r.defaultSeverity.padEnd(12)} ${r.title}`).join('\n'));
    return 0;
  }
  if (args.paths.length === 0) {
    io.err('crdb-restore-guard: no files given (see --help)');
    return 2;
  }
  let status = 0;
  // Configuration: a named file must exist; the default one is optional.
  let fileSettings: Settings | undefined;
  const configPath = args.config ? path.resolve(io.cwd, args.config) : findConfigFile(io.cwd);
  if (args.config && !fs.existsSync(configPath!)) {
    io.err(`crdb-restore-guard: ${args.config}: config file not found`);
    return 2;
  }
  if (configPath) {
    const v = readConfigFile(configPath);
    for (const p of v.problems) io.err(`crdb-restore-guard: warning: ${p}`);
    fileSettings = v.settings;
  }
  const cliSettings: Settings = { today: args.today };
  if (args.defaultTargetVersion !== undefined) cliSettings.defaultTargetVersion = args.defaultTargetVersion;
  const settings = mergeSettings(fileSettings, cliSettings);

  const { files, errors } = expandArguments(args.paths, io.cwd);
  for (const e of errors) io.err(`crdb-restore-guard: ${e}`);
  if (errors.length > 0) status = 2;

  // Two passes (docs/workspace.md): each file alone, noting what it says about collections;
  // then the files whose RESTOREs asked the other files, again, against every file's facts.
  const results: CliFinding[] = [];
  const workspace = new WorkspaceFacts();
  const again: string[] = [];
  const read = (file: string): string | undefined => {
    try {
      return fs.readFileSync(path.resolve(io.cwd, file), 'utf8');
    } catch (e) {
      io.err(`crdb-restore-guard: ${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
      status = 2;
      return undefined;
    }
  };
  for (const file of files) {
    const text = read(file);
    if (text === undefined || !mayHaveFindings(text)) continue;
    let asked = false;
    const options = analyzeOptions(settings, languageOf(file) ?? 'sql');
    options.otherFiles = () => {
      asked = true;
      return undefined;
    };
    const analysis = analyzeDocument(text, options);
    if (analysis.statements.length > 0) workspace.setFile(file, file, fileFactsOf(analysis, new LineIndex(text)));
    if (asked) again.push(file);
    else for (const f of analysis.findings) results.push(toCliFinding(file, f));
  }
  for (const file of again) {
    const text = read(file);
    if (text === undefined) continue;
    const options = analyzeOptions(settings, languageOf(file) ?? 'sql');
    options.otherFiles = (key, explicitSubdir) => workspace.backupFact(key, file, explicitSubdir);
    for (const f of analyzeDocument(text, options).findings) results.push(toCliFinding(file, f));
  }
  sortFindings(results);
  const output =
    args.format === 'json'
      ? formatJson(results)
      : args.format === 'sarif'
        ? formatSarif(results, VERSION, docsUri)
        : args.format === 'github'
          ? formatGithub(results)
          : formatText(results);
  if (output) io.out(output);
  if (args.format === 'text' && results.length > 0) {
    const count = (s: string) => results.filter((r) => r.severity === s).length;
    io.err(`${results.length} finding(s): ${count('error')} error, ${count('warning')} warning, ${count('information') + count('hint')} information, in ${files.length} file(s)`);
  }
  if (status === 2) return 2;
  return results.some((r) => r.severity === 'error') ? 1 : 0;
}
