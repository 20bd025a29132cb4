// The GitHub Action (action.yml) run as a runner runs a composite action: its steps read from
// the YAML, `${{ … }}` expressions resolved from the inputs (defaults applied) and the github
// context, each step's env set with GITHUB_OUTPUT, its `run` executed by `bash --noprofile
// --norc -eo pipefail` in its working directory. The workflow commands it prints are parsed
// and checked: one `::error file=…` annotation per finding, and the step's status per fail-on.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO_ROOT } from '../protocol/lspClient';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = require('js-yaml') as { load(text: string): unknown };

interface ActionStep {
  id?: string;
  name?: string;
  shell: string;
  run: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}
interface Action {
  name: string;
  inputs: Record<string, { default?: string; required?: boolean }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

const action = yaml.load(fs.readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as Action;

interface Annotation {
  level: string;
  props: Record<string, string>;
  message: string;
}

/** Runs the action's steps like the runner: returns the exit status, stdout's annotations, and the outputs. */
function runAction(workspace: string, inputs: Record<string, string>): { status: number; annotations: Annotation[]; outputs: Record<string, string>; stdout: string } {
  const resolvedInputs: Record<string, string> = {};
  for (const [k, spec] of Object.entries(action.inputs)) resolvedInputs[k] = inputs[k] ?? spec.default ?? '';
  const github: Record<string, string> = { action_path: REPO_ROOT, workspace };
  const expr = (s: string) =>
    s.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, ref: string) => {
      const [scope, ...rest] = ref.split('.');
      const key = rest.join('.');
      if (scope === 'inputs') return resolvedInputs[key] ?? '';
      if (scope === 'github') return github[key] ?? '';
      throw new Error(`unresolved expression in action.yml: ${ref}`);
    });
  const outputFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'crdb-action-out-')), 'output');
  fs.writeFileSync(outputFile, '');
  let stdout = '';
  let status = 0;
  for (const step of action.runs.steps) {
    assert.strictEqual(step.shell, 'bash');
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), GITHUB_ACTIONS: 'true', CI: 'true', GITHUB_WORKSPACE: workspace, GITHUB_ACTION_PATH: REPO_ROOT, GITHUB_OUTPUT: outputFile, RUNNER_TEMP: os.tmpdir() };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expr(String(v));
    const script = path.join(path.dirname(outputFile), `step-${step.id ?? 'x'}.sh`);
    fs.writeFileSync(script, expr(step.run));
    const cwd = path.resolve(workspace, expr(step['working-directory'] ?? '.'));
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env, encoding: 'utf8', timeout: 60000 });
    stdout += r.stdout;
    status = r.status ?? -1;
    if (status !== 0) break;
  }
  const annotations: Annotation[] = [];
  for (const line of stdout.split('\n')) {
    const m = /^::(error|warning|notice) ([^:]*)::(.*)$/.exec(line);
    if (!m) continue;
    const props: Record<string, string> = {};
    for (const kv of m[2].split(',')) {
      const i = kv.indexOf('=');
      props[kv.slice(0, i)] = decodeURIComponent(kv.slice(i + 1));
    }
    annotations.push({ level: m[1], props, message: decodeURIComponent(m[3]) });
  }
  const outputs: Record<string, string> = {};
  for (const line of fs.readFileSync(outputFile, 'utf8').split('\n')) {
    const i = line.indexOf('=');
    if (i > 0) outputs[line.slice(0, i)] = line.slice(i + 1);
  }
  fs.rmSync(path.dirname(outputFile), { recursive: true, force: true });
  return { status, annotations, outputs, stdout };
}

const SKIP = "-- crdb: backup-version=23.2 target-version=24.3\nRESTORE DATABASE bank FROM LATEST IN 's3://b/bank';\n";
// 24.1 is out of support on 2026-11-26 (a warning), and the RESTORE is supported.
const WARN = "-- crdb: backup-version=24.1 target-version=24.3\nRESTORE DATABASE bank FROM LATEST IN 's3://b/bank';\n";

describe('GitHub Action (action.yml, run as a runner runs it)', function () {
  this.timeout(120000);
  let ws: string;
  before(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'crdb-action-'));
    fs.mkdirSync(path.join(ws, 'runbooks', "it's$(x)"), { recursive: true });
    fs.writeFileSync(path.join(ws, 'runbooks', 'restore.sql'), SKIP);
    fs.writeFileSync(path.join(ws, 'runbooks', "it's$(x)", 'eos.sql'), WARN);
    fs.writeFileSync(path.join(ws, 'guard.json'), JSON.stringify({ today: '2026-11-26' }));
    fs.writeFileSync(path.join(ws, 'clean.sql'), 'SELECT 1;\n');
  });
  after(() => fs.rmSync(ws, { recursive: true, force: true }));

  it('is a composite action with the paths, config and fail-on inputs', () => {
    assert.strictEqual(action.runs.using, 'composite');
    assert.deepStrictEqual(Object.keys(action.inputs).sort(), ['config', 'fail-on', 'paths', 'working-directory']);
    assert.strictEqual(action.inputs['fail-on'].default, 'error');
  });

  it('annotates each finding on its file and line and fails the step on an error', () => {
    const r = runAction(ws, { paths: 'runbooks', config: 'guard.json' });
    assert.strictEqual(r.status, 1, r.stdout);
    const errors = r.annotations.filter((a) => a.level === 'error');
    assert.deepStrictEqual(
      errors.map((a) => [a.props.file, a.props.line, a.props.col, a.props.title]),
      [['runbooks/restore.sql', '2', '1', 'restore-skips-release']],
    );
    assert.match(errors[0].message, /^Restoring a 23\.2 backup into 24\.3 skips regular release 24\.1 \(supported targets: 23\.2, 24\.1\)\./);
    // A path with a quote and $(…) is a path: the warning on it is annotated too.
    assert.ok(r.annotations.some((a) => a.level === 'warning' && a.props.file === "runbooks/it's$(x)/eos.sql" && a.props.title === 'version-end-of-support'), r.stdout);
    assert.strictEqual(r.outputs['exit-code'], '1');
  });

  it('fail-on: never reports and passes; warning fails on a warning alone; error passes it', () => {
    const never = runAction(ws, { paths: 'runbooks', config: 'guard.json', 'fail-on': 'never' });
    assert.strictEqual(never.status, 0);
    assert.ok(never.annotations.some((a) => a.level === 'error'));
    const warnOnly = ["runbooks/it's$(x)"];
    assert.strictEqual(runAction(ws, { paths: warnOnly[0], config: 'guard.json', 'fail-on': 'error' }).status, 0);
    const strict = runAction(ws, { paths: warnOnly[0], config: 'guard.json', 'fail-on': 'warning' });
    assert.strictEqual(strict.status, 1);
    assert.ok(strict.annotations.every((a) => a.level !== 'error') && strict.annotations.length > 0);
  });

  it('the default paths (.) with no finding pass; a bad fail-on or a missing path is an error of the step', () => {
    const clean = fs.mkdtempSync(path.join(os.tmpdir(), 'crdb-action-clean-'));
    fs.writeFileSync(path.join(clean, 'ok.sql'), 'SELECT 1;\n');
    const ok = runAction(clean, {});
    assert.strictEqual(ok.status, 0, ok.stdout);
    assert.deepStrictEqual(ok.annotations, []);
    const bad = runAction(clean, { 'fail-on': 'sometimes' });
    assert.strictEqual(bad.status, 2);
    assert.match(bad.annotations[0].message, /fail-on must be error, warning or never/);
    assert.strictEqual(runAction(clean, { paths: 'missing-dir' }).status, 2);
    fs.rmSync(clean, { recursive: true, force: true });
  });
});
