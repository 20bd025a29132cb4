// The SARIF the CLI writes, checked by the official validator (@microsoft/sarif-multitool, a
// dev dependency that ships its own binary) with its SARIF rules and its GitHub code-scanning
// rules, on the examples: no error and no warning. The one warning it can raise, SARIF2005
// (no informationUri), is expected exactly while package.json names no public homepage: the
// log never points at the installation, and we do not invent a URL. With a homepage, the
// same findings validate with no result at all.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { formatSarif } from '../../server/src/cli/sarif';
import type { CliFinding } from '../../server/src/cli/formats';
import { REPO_ROOT } from '../protocol/lspClient';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
const EXAMPLES = path.join(REPO_ROOT, 'examples');
const TODAY = '2025-06-01';

/** The validator's native binary (the npm package resolves to its path). */
function validatorBinary(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const bin = require('@microsoft/sarif-multitool') as string;
  assert.ok(fs.existsSync(bin), `sarif-multitool binary missing: ${bin}`);
  return bin;
}

interface ValidatorResult {
  ruleId: string;
  level: string;
  text: string;
}

/** Runs `validate` with the SARIF and GitHub rule sets at error and warning level. */
function validate(log: string, dir: string, levels = 'Error;Warning'): ValidatorResult[] {
  const input = path.join(dir, 'input.sarif');
  const output = path.join(dir, 'validation.sarif');
  fs.writeFileSync(input, log);
  // No shell (the package's bin.js runs one, which would split the ';' lists).
  const r = spawnSync(validatorBinary(), ['validate', input, '--rule-kind', 'Sarif;Gh', '--level', levels, '--output', output, '--log', 'ForceOverwrite'], {
    encoding: 'utf8',
    timeout: 120000,
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
  });
  assert.strictEqual(r.status, 0, `validator failed: ${r.stdout}\n${r.stderr}`);
  const result = JSON.parse(fs.readFileSync(output, 'utf8').replace(/^\uFEFF/, ''));
  return (result.runs[0].results ?? []).map((x: { ruleId: string; level?: string; message: { text?: string; arguments?: string[] } }) => ({
    ruleId: x.ruleId,
    level: x.level ?? 'warning',
    text: x.message.text ?? (x.message.arguments ?? []).join(' | '),
  }));
}

describe('SARIF: the official validator (sarif-multitool, SARIF and GitHub rules)', function () {
  this.timeout(300000);
  let dir: string;
  let cliLog: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crdb-sarif-'));
    const r = spawnSync(process.execPath, [CLI, '--today', TODAY, '--format', 'sarif', '.'], { cwd: EXAMPLES, encoding: 'utf8' });
    assert.strictEqual(r.status, 1, r.stderr);
    cliLog = r.stdout;
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the negative controls: a result without locations (GitHub rules) or without a message (schema) is reported', () => {
    const noLocation = JSON.parse(cliLog);
    delete noLocation.runs[0].results[0].locations;
    assert.ok(validate(JSON.stringify(noLocation), dir).some((f) => f.level === 'error' && /^GH\d+$/.test(f.ruleId)));
    const noMessage = JSON.parse(cliLog);
    delete noMessage.runs[0].results[1].message;
    assert.ok(validate(JSON.stringify(noMessage), dir).some((f) => f.level === 'error' && f.ruleId === 'JSON1002'));
  });

  it('the examples: no error, and no warning but the missing homepage', () => {
    const log = JSON.parse(cliLog);
    assert.ok(log.runs[0].results.length >= 5, 'the examples have findings to validate');
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    const found = validate(cliLog, dir);
    const expected = pkg.homepage ? [] : ['SARIF2005'];
    assert.deepStrictEqual([...new Set(found.map((f) => f.ruleId))], expected, JSON.stringify(found, null, 2));
    // Nothing of the installation: no file URI but the %SRCROOT% base (the checkout).
    const fileUris = cliLog.match(/file:\/\/[^"]*/g) ?? [];
    assert.deepStrictEqual(fileUris, [`file://${EXAMPLES}/`]);
  });

  it('with a public homepage, the same findings validate with no result at all', () => {
    const findings = JSON.parse(spawnSync(process.execPath, [CLI, '--today', TODAY, '--format', 'json', '.'], { cwd: EXAMPLES, encoding: 'utf8' }).stdout) as CliFinding[];
    const log = formatSarif(findings, {
      version: '1.2.3',
      cwd: EXAMPLES,
      homepage: 'https://crdb-restore-guard.example.org',
      ruleDocs: (rule) => fs.readFileSync(path.join(REPO_ROOT, 'docs', 'rules', `${rule}.md`), 'utf8'),
      textOf: (file) => fs.readFileSync(path.join(EXAMPLES, file), 'utf8'),
    });
    assert.deepStrictEqual(validate(log, dir), []);
    // Not a validator that read nothing: at note level it has advice (the conventions we do
    // not follow by choice: kebab-case rule ids, message text rather than message ids).
    const notes = validate(log, dir, 'Error;Warning;Note');
    assert.ok(notes.length > 0 && notes.every((n) => n.level === 'note'), JSON.stringify(notes));
  });

  it('rules carry their docs as help (markdown and text), a readable name, and no helpUri', () => {
    const rules = JSON.parse(cliLog).runs[0].tool.driver.rules as { id: string; name: string; help: { text: string; markdown: string }; helpUri?: string }[];
    const skip = rules.find((r) => r.id === 'restore-skips-release')!;
    assert.strictEqual(skip.name, 'RestoreSkipsRelease');
    assert.strictEqual(skip.help.markdown, fs.readFileSync(path.join(REPO_ROOT, 'docs', 'rules', 'restore-skips-release.md'), 'utf8'));
    assert.ok(!skip.help.text.includes('**') && skip.help.text.includes('What it catches'), skip.help.text);
    for (const r of rules) {
      assert.notStrictEqual(r.name, r.id);
      assert.ok(r.help.markdown.length > 100, r.id);
      assert.strictEqual(r.helpUri, undefined);
    }
  });

  it('absolute inputs: paths relative to %SRCROOT%, snippets of the code', () => {
    const r = spawnSync(process.execPath, [CLI, '--today', TODAY, '--format', 'sarif', path.join(EXAMPLES, 'nightly-restore-check.sql')], { cwd: EXAMPLES, encoding: 'utf8' });
    const run = JSON.parse(r.stdout).runs[0];
    assert.deepStrictEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: `file://${EXAMPLES}/` } });
    const loc = run.results[0].locations[0].physicalLocation;
    assert.deepStrictEqual(loc.artifactLocation, { uri: 'nightly-restore-check.sql', uriBaseId: '%SRCROOT%' });
    assert.match(loc.region.snippet.text, /^BACKUP /);
    assert.ok(loc.contextRegion.snippet.text.includes(loc.region.snippet.text));
  });
});
