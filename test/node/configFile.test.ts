// The config file under hostile input (issue 15 items 11 and 12): deep nesting, huge keys and
// huge files are reported briefly and analysis goes on with defaults; what the file holds is
// never echoed; a link out of the workspace is not followed.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { runCli } from '../../server/src/cli/main';
import { validateSettings } from '../../server/src/core/settings';
import { MAX_CONFIG_BYTES, readConfigFile } from '../../server/src/node/configFile';
import { jsonErrorOffset } from '../../server/src/node/jsonErrorOffset';
import { describeGrowth, growth } from '../helpers/growth';

const SKIPS = "-- crdb: backup-version=23.2 target-version=24.3\nRESTORE DATABASE d FROM LATEST IN 's3://x';\n";

function tempDir(): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'crdb-config-')));
}

function cli(dir: string, args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status = runCli(args, { cwd: dir, out: (s) => out.push(s), err: (s) => err.push(s) });
  return { status, out: out.join('\n'), err: err.join('\n') };
}

describe('config file: hostile contents', () => {
  it('unknown rule ids: 4× the entries, about 4× the time (20 listed, the rest counted)', () => {
    const make = (n: number) => JSON.stringify({ defaultTargetVersion: '24.3', rules: Object.fromEntries(Array.from({ length: n }, (_, i) => [`r${i}`, 'off'])) });
    const check = (text: string) => {
      const v = validateSettings(JSON.parse(text), 'config');
      assert.strictEqual(v.problems.length, 21);
    };
    const g = growth(make, check, 12500, { limit: 9 });
    assert.ok(g.ratio < 9, describeGrowth(g, 12500));
  });

  it('20,000 levels of nesting: "too deep", defaults used, the CLI still checks (was RangeError, exit 2)', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, '.crdb-restore-guard.json'), `{"rules": ${'['.repeat(20000)}${']'.repeat(20000)}}`);
    fs.writeFileSync(path.join(dir, 'a.sql'), SKIPS);
    const r = cli(dir, ['--today', '2025-06-01', 'a.sql']);
    assert.match(r.err, /too deep \(nested more than 64 levels\); using defaults/);
    assert.strictEqual(r.status, 1, 'the finding is reported (exit 1), not an internal error (exit 2)');
    assert.match(r.out, /restore-skips-release/);
  });

  it('a 20 MB key is echoed in at most ~80 characters', () => {
    const key = 'k'.repeat(20 * 1048576);
    const v = validateSettings({ rules: { [key]: 'error' }, [key]: 1 }, 'settings');
    assert.strictEqual(v.problems.length, 2);
    for (const p of v.problems) assert.ok(p.length < 200, `${p.length} characters`);
  });

  it('a value of any size or depth is echoed briefly', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 20000; i++) deep = { a: deep };
    const v = validateSettings({ today: 'y'.repeat(1e6), defaultTargetVersion: { a: 1 } }, 'settings');
    assert.deepStrictEqual(v.problems, [
      `settings: defaultTargetVersion: expected a version such as "24.3", got an object`,
      `settings: today: expected a date YYYY-MM-DD, got "${'y'.repeat(80)}…"`,
    ]);
    assert.match(validateSettings({ rules: deep }, 'settings').problems[0], /too deep/);
  });

  it(`a config file over ${MAX_CONFIG_BYTES / 1048576} MB is refused before it is parsed`, () => {
    const dir = tempDir();
    const file = path.join(dir, '.crdb-restore-guard.json');
    fs.writeFileSync(file, `{"today": "2025-06-01", "x": "${'a'.repeat(MAX_CONFIG_BYTES)}"}`);
    const v = readConfigFile(file);
    assert.deepStrictEqual(v.settings, {});
    assert.deepStrictEqual(v.problems, [`${file}: larger than 1 MB; not read; using defaults`]);
  });

  it('a parse error names line and column, never the text (was: Unexpected token \'G\', "GITHUB_TOK"…)', () => {
    const dir = tempDir();
    const file = path.join(dir, '.crdb-restore-guard.json');
    fs.writeFileSync(file, '{\n  "today": "2025-06-01",\n  GITHUB_TOKEN=ghp_secret\n}');
    const v = readConfigFile(file);
    assert.deepStrictEqual(v.problems, [`${file}: invalid JSON at line 3, column 3; using defaults`]);
  });

  it('a config that links out of the workspace folder is not followed (server and default CLI config)', () => {
    const outside = tempDir();
    const secret = path.join(outside, 'environ');
    fs.writeFileSync(secret, 'GITHUB_TOKEN=ghp_secret\n');
    const ws = tempDir();
    fs.symlinkSync(secret, path.join(ws, '.crdb-restore-guard.json'));
    fs.writeFileSync(path.join(ws, 'a.sql'), SKIPS);
    const v = readConfigFile(path.join(ws, '.crdb-restore-guard.json'), { within: ws });
    assert.deepStrictEqual(v.problems, [`${path.join(ws, '.crdb-restore-guard.json')}: is a link to a file outside the workspace folder; not read; using defaults`]);
    const r = cli(ws, ['--today', '2025-06-01', 'a.sql']);
    assert.doesNotMatch(r.err, /GITHUB|ghp_/);
    assert.match(r.err, /is a link to a file outside the workspace folder/);
    // A link inside the folder is followed.
    fs.writeFileSync(path.join(ws, 'real.json'), '{"today": "2025-06-01"}');
    fs.unlinkSync(path.join(ws, '.crdb-restore-guard.json'));
    fs.symlinkSync(path.join(ws, 'real.json'), path.join(ws, '.crdb-restore-guard.json'));
    assert.deepStrictEqual(readConfigFile(path.join(ws, '.crdb-restore-guard.json'), { within: ws }), { settings: { today: '2025-06-01' }, problems: [] });
  });

  it('the error offset is where JSON.parse stops (property, against V8\'s positions)', () => {
    const json = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v, null, 1));
    fc.assert(
      fc.property(json, fc.nat(), fc.constantFrom('', ',', '}', ']', ':', '"', 'x', '{', '[', '\\', '\n', '1'), fc.boolean(), (text, at, insert, cut) => {
        const k = at % (text.length + 1);
        const bad = cut ? text.slice(0, k) : text.slice(0, k) + insert + text.slice(k);
        let position: number | undefined;
        try {
          JSON.parse(bad);
          return;
        } catch (e) {
          const m = /at position (\d+)/.exec((e as Error).message);
          if (m) position = Number(m[1]);
          else if (/Unexpected end of JSON input/.test((e as Error).message)) position = bad.length;
        }
        if (position === undefined) return; // V8 named no position
        assert.strictEqual(jsonErrorOffset(bad), position, JSON.stringify(bad));
      }),
      { numRuns: 2000 },
    );
    assert.strictEqual(jsonErrorOffset('{"a": 1}'), 8);
  });
});
