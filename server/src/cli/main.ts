// `crdb-restore-guard [options] <file|dir|glob>…` — the same checks as the editor, for people
// at a terminal, for CI and for pre-commit hooks (README.md, "Command line").
// Exit status: 0 no error findings, 1 at least one (or more warnings than --max-warnings),
// 2 usage or I/O error.
import * as fs from 'fs';
import * as path from 'path';
import { analyzeDocument } from '../core/analyze';
import type { Analysis, AnalyzeOptions, RuleId } from '../core/analysisTypes';
import { applyEdits, fixAll } from '../core/fixes/fixAll';
import { RULES } from '../core/rules';
import { analyzeOptions, languageOf, localToday, mergeSettings, type Settings } from '../core/settings';
import { LineIndex } from '../core/lineIndex';
import { fileFactsOf } from '../core/workspace/fileFacts';
import { mayHaveFindings } from '../core/workspace/quickCheck';
import { WorkspaceFacts } from '../core/workspace/workspaceFacts';
import { findConfigFile, readConfigFile } from '../node/configFile';
import { expandArguments } from '../node/fileWalker';
import { parseArgs, USAGE, UsageError, type Parsed } from './args';
import { formatGitlab, formatJunit } from './ciReports';
import { unifiedDiff } from './fixDiff';
import { formatCompact, formatGithub, formatJson, sortFindings, toCliFinding, type CliFinding } from './formats';
import { formatSarif } from './sarif';
import { countBySeverity, formatStylish } from './stylish';
import { escapeControl } from './terminalText';

declare const PACKAGE_VERSION: string | undefined;
declare const PACKAGE_HOMEPAGE: string | undefined;
const VERSION = typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : '0.0.0-dev';
const HOMEPAGE = typeof PACKAGE_HOMEPAGE === 'string' && PACKAGE_HOMEPAGE ? PACKAGE_HOMEPAGE : undefined;

export interface CliIo {
  cwd: string;
  out: (s: string) => void;
  err: (s: string) => void;
  /** Colour the stylish output (a TTY, or FORCE_COLOR). */
  colour?: boolean;
  /** Standard input, read when --stdin asks for it. */
  readStdin?: () => string;
}

/** A rule's documentation page shipped beside the bundle (dist/cli.js → docs/rules/<id>.md). */
function ruleDocs(rule: RuleId): string | undefined {
  try {
    return fs.readFileSync(path.resolve(__dirname, '..', 'docs', 'rules', `${rule}.md`), 'utf8');
  } catch {
    return undefined;
  }
}

/** One input: its reported name, its text, and where it is written back by --fix. */
interface Input {
  name: string;
  text: string;
  writeTo?: string;
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
  if (args.paths.length === 0 && !args.stdin && !args.printConfig) {
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
    // The default config (found in the working directory) is not followed out of it; a named one is.
    const v = readConfigFile(configPath, args.config ? {} : { within: io.cwd });
    for (const p of v.problems) io.err(`crdb-restore-guard: warning: ${escapeControl(p)}`);
    fileSettings = v.settings;
  }
  const cliSettings: Settings = { today: args.today };
  if (args.defaultTargetVersion !== undefined) cliSettings.defaultTargetVersion = args.defaultTargetVersion;
  const settings = mergeSettings(fileSettings, cliSettings);

  if (args.printConfig) {
    io.out(JSON.stringify(configInForce(settings, configPath, io.cwd), null, 2));
    return 0;
  }

  const inputs: Input[] = [];
  if (args.stdin) {
    inputs.push({ name: args.stdinFilename ?? '<stdin>', text: io.readStdin ? io.readStdin() : '' });
  } else {
    const { files, errors, warnings } = expandArguments(args.paths, io.cwd);
    for (const w of warnings) io.err(`crdb-restore-guard: warning: ${escapeControl(w)}`);
    for (const e of errors) io.err(`crdb-restore-guard: ${escapeControl(e)}`);
    if (errors.length > 0) status = 2;
    for (const file of files) {
      const abs = path.resolve(io.cwd, file);
      try {
        inputs.push({ name: file, text: fs.readFileSync(abs, 'utf8'), writeTo: abs });
      } catch (e) {
        io.err(`crdb-restore-guard: ${escapeControl(file)}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
        status = 2;
      }
    }
  }

  const results: CliFinding[] = [];
  const diffs: string[] = [];
  let fixedFindings = 0;
  let fixedFiles = 0;
  /** Reports `input`'s findings, after applying the fix-all first with --fix / --fix-dry-run. */
  const finish = (input: Input, options: AnalyzeOptions, analysis: Analysis): void => {
    if (args.fix || args.fixDryRun) {
      // One pass of the editor's fix-all: the same edits `source.fixAll.crdbRestoreGuard` applies.
      const { edits, fixed } = fixAll(analysis, input.text);
      if (edits.length > 0) {
        const fixedText = applyEdits(input.text, edits);
        if (args.fixDryRun) diffs.push(unifiedDiff(input.name.split(path.sep).join('/'), input.text, edits));
        else if (input.writeTo) {
          try {
            fs.writeFileSync(input.writeTo, fixedText);
          } catch (e) {
            io.err(`crdb-restore-guard: ${escapeControl(input.name)}: cannot write (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
            status = 2;
            return;
          }
        }
        fixedFindings += fixed;
        fixedFiles++;
        analysis = analyzeDocument(fixedText, options);
      }
    }
    for (const f of analysis.findings) results.push(toCliFinding(input.name, f));
  };
  // Two passes (docs/workspace.md): each file alone, noting what it says about collections;
  // then the files whose RESTOREs asked the other files, again, against every file's facts.
  const workspace = new WorkspaceFacts();
  const again: Input[] = [];
  for (const input of inputs) {
    if (!mayHaveFindings(input.text)) continue;
    let asked = false;
    const options = analyzeOptions(settings, languageOf(input.name) ?? 'sql');
    options.otherFiles = () => {
      asked = true;
      return undefined;
    };
    const analysis = analyzeDocument(input.text, options);
    if (analysis.statements.length > 0) workspace.setFile(input.name, input.name, fileFactsOf(analysis, new LineIndex(input.text)));
    if (asked) again.push(input);
    else finish(input, options, analysis);
  }
  for (const input of again) {
    const options = analyzeOptions(settings, languageOf(input.name) ?? 'sql');
    options.otherFiles = (key, explicitSubdir) => workspace.backupFact(key, input.name, explicitSubdir);
    finish(input, options, analyzeDocument(input.text, options));
  }
  sortFindings(results);
  const counts = countBySeverity(results);
  const reported = args.quiet ? results.filter((r) => r.severity === 'error') : results;

  if (args.fixDryRun) {
    if (diffs.length > 0) io.out(diffs.join('\n'));
    io.err(`crdb-restore-guard: --fix-dry-run: ${fixedFindings} problem(s) in ${fixedFiles} file(s) have a fix; ${reported.length} problem(s) would be left`);
  } else {
    if (args.fix && fixedFiles > 0) io.err(`crdb-restore-guard: fixed ${fixedFindings} problem(s) in ${fixedFiles} file(s)`);
    const output = format(args, reported, inputs, io);
    if (output) io.out(output);
    if (args.format === 'compact' && reported.length > 0) {
      const c = countBySeverity(reported);
      io.err(`${reported.length} finding(s): ${c.errors} error, ${c.warnings} warning, ${c.infos} information, in ${inputs.length} file(s)`);
    }
  }
  if (status === 2) return 2;
  if (counts.errors > 0) return 1;
  if (args.maxWarnings !== undefined && counts.warnings > args.maxWarnings) {
    io.err(`crdb-restore-guard: too many warnings (${counts.warnings}); the maximum is ${args.maxWarnings}`);
    return 1;
  }
  return 0;
}

function format(args: Parsed, list: CliFinding[], inputs: readonly Input[], io: CliIo): string {
  switch (args.format) {
    case 'compact':
      return formatCompact(list);
    case 'json':
      return formatJson(list);
    case 'sarif': {
      const texts = new Map(inputs.map((i) => [i.name, i.text]));
      return formatSarif(list, { version: VERSION, cwd: io.cwd, ruleDocs, homepage: HOMEPAGE, textOf: (file) => texts.get(file) });
    }
    case 'github':
      return formatGithub(list);
    case 'gitlab':
      return formatGitlab(list);
    case 'junit':
      return formatJunit(list, inputs.map((i) => i.name));
    case 'stylish':
    case 'text':
      return formatStylish(list, io.colour === true);
  }
}

/** What --print-config shows: the file it read and every setting in force, defaults filled in. */
function configInForce(settings: Settings, configPath: string | undefined, cwd: string): unknown {
  const rules: Record<string, string> = {};
  for (const r of RULES.values()) rules[r.id] = settings.rules?.[r.id] ?? r.defaultSeverity;
  return {
    configFile: configPath ? path.relative(cwd, configPath) || configPath : null,
    settings: { ...settings, today: settings.today ?? localToday(), rules, extraReleases: settings.extraReleases ?? [] },
  };
}
