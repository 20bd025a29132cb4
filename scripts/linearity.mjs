#!/usr/bin/env node
// Linear time, measured: analysis time of adversarial documents of size n and 2n, for each
// shape (long comment nests, many quotes, many directives, many fences, long lines, many
// statements on one line, …). Linear time means t(2n) / t(n) ≈ 2; a shape passes at ≤ 2.5.
//
//   node scripts/linearity.mjs [--shape NAME] [--json]      (after `npm run build`)
//
// Not part of `npm test` (timings on a shared machine are noisy); the benchmark script calls
// `runLinearity()`. Each size is timed as the best of several runs after a warm-up, and n is
// grown until one analysis takes long enough to measure.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

export const MAX_RATIO = 2.5;

const R = "RESTORE DATABASE d FROM LATEST IN 's3://x';";

/** Adversarial shapes: name, language, and the document of size parameter n. */
export const SHAPES = [
  { name: 'comment nest, never closed', lang: 'sql', make: (n) => '/*'.repeat(n) },
  { name: 'comment nest, closed', lang: 'sql', make: (n) => `${'/* '.repeat(n)}${' */'.repeat(n)} ${R}` },
  { name: 'comment nest in a fence', lang: 'markdown', make: (n) => `\`\`\`sql\n${'/*\n'.repeat(n)}\`\`\`\n` },
  { name: 'many quotes', lang: 'sql', make: (n) => "'".repeat(n) },
  { name: 'many strings', lang: 'sql', make: (n) => `SELECT ${"'a', ".repeat(n)}1;` },
  { name: 'unbalanced quote per line', lang: 'sql', make: (n) => "x'\n".repeat(n) },
  { name: 'many quoted identifiers', lang: 'sql', make: (n) => '"a"'.repeat(n) },
  { name: 'many dollar tags', lang: 'sql', make: (n) => Array.from({ length: n }, (_, i) => `$t${i}$ `).join('') },
  { name: 'many directives', lang: 'sql', make: (n) => '-- crdb: target-version=24.3 backup-version=23.2\n'.repeat(n) },
  { name: 'one directive, many keys', lang: 'sql', make: (n) => `-- crdb: ${'targt-version=24.3 '.repeat(n)}\n${R}\n` },
  { name: 'directive + RESTORE pairs', lang: 'sql', make: (n) => `-- crdb: backup-version=23.2 target-version=24.3\n${R}\n`.repeat(n) },
  { name: 'BACKUP + RESTORE, one collection', lang: 'sql', make: (n) => `-- crdb: target-version=24.3\nBACKUP INTO 's3://x';\n${R}\n`.repeat(n) },
  { name: 'BACKUPs then RESTOREs, many collections', lang: 'sql', make: (n) => Array.from({ length: n }, (_, i) => `BACKUP INTO 's3://x/${i}';\n`).join('') + Array.from({ length: n }, (_, i) => `RESTORE FROM LATEST IN 's3://x/${i}';\n`).join('') },
  { name: 'many RESTOREs, one line', lang: 'sql', make: (n) => `${R} `.repeat(n) },
  { name: 'long RESTORE line', lang: 'sql', make: (n) => `RESTORE DATABASE d FROM LATEST IN 's3://x' ${'x '.repeat(n)};` },
  { name: 'long collection list', lang: 'sql', make: (n) => `RESTORE FROM LATEST IN (${"'s3://a', ".repeat(n)}'s3://b');` },
  { name: 'long WITH list', lang: 'sql', make: (n) => `${R.slice(0, -1)} WITH ${'detached, '.repeat(n)}detached;` },
  { name: 'prompted transcript', lang: 'sql', make: (n) => `> ${R}\njob_id\n------\n1\n`.repeat(n) },
  { name: 'markdown directives', lang: 'markdown', make: (n) => '<!-- crdb: target-version=24.3 -->\n\n'.repeat(n) },
  { name: 'many fences', lang: 'markdown', make: (n) => `\`\`\`sql\n${R}\n\`\`\`\n`.repeat(n) },
  { name: 'fences in lists and quotes', lang: 'markdown', make: (n) => `- > \`\`\`sql\n  > ${R}\n  > \`\`\`\n`.repeat(n) },
  { name: 'unclosed fence openers', lang: 'markdown', make: (n) => '~~~~\n```sql\n'.repeat(n) },
  { name: 'one long fence line', lang: 'markdown', make: (n) => `\`\`\`sql\n${`${R} `.repeat(n)}\n\`\`\`\n` },
  { name: 'long paragraph line', lang: 'markdown', make: (n) => `${'word '.repeat(n)}\n` },
  { name: 'comments and code spans in a paragraph', lang: 'markdown', make: (n) => `${'`a` <!-- c --> `` b '.repeat(n)}\n` },
  { name: 'unclosed comment openers', lang: 'markdown', make: (n) => '<!-- '.repeat(n) },
  { name: 'shell -e lines', lang: 'markdown', make: (n) => `\`\`\`bash\n${`cockroach sql -e "${R}"\n`.repeat(n)}\`\`\`\n` },
  { name: 'shell heredocs', lang: 'markdown', make: (n) => `\`\`\`bash\n${`cockroach sql <<EOF\n${R}\nEOF\n`.repeat(n)}\`\`\`\n` },
  { name: 'shell unclosed quotes', lang: 'markdown', make: (n) => `\`\`\`bash\n${'cockroach sql -e "x\n'.repeat(n)}\`\`\`\n` },
  { name: 'front matter lines', lang: 'markdown', make: (n) => `---\ncrdb:\n${'  target-version: 24.3\n'.repeat(n)}---\n${R}\n` },
  // Hostile shapes of issue 15: each times the path that was super-linear (`run`, given the
  // loaded product modules), not only the analysis.
  { name: 'ignore=,,,, with every fix built', lang: 'sql', make: (n) => `-- crdb: backup-version=23.2 target-version=24.3 ignore=${','.repeat(n)}\n${R}\n`, run: (m, text) => { for (const f of m.analyze(text, 'sql').findings) f.fixes; } },
  { name: 'many [ in a collection, plain-text hover', lang: 'sql', make: (n) => `-- crdb: target-version=24.3\nRESTORE DATABASE d FROM LATEST IN '${'['.repeat(n)}';\n`, run: (m, text) => m.plainHover(text) },
  { name: 'many-wildcard .gitignore line vs a long name', lang: 'sql', make: (n) => `${'a'.repeat(n)}.sql`, run: (m, text) => m.gitignore(`${'*a'.repeat(12)}*b`, text) },
  { name: 'many extraReleases, the newest 20 planned from the oldest', lang: 'sql', make: (n) => String(n), run: (m, text) => m.releases(Number(text)) },
  { name: 'fix-all over many fixes', lang: 'sql', make: (n) => "-- crdb: target-verson=24.3\n".repeat(n), run: (m, text) => m.fixAll(text) },
  // Version evidence (docs/how-versions-are-known.md): many pieces, anchors without a version, comments before them.
  { name: 'evidence: hold, binaries, RESTORE, reset', lang: 'markdown', make: (n) => `\`\`\`sql\nSET CLUSTER SETTING cluster.preserve_downgrade_option = '24.1';\n\`\`\`\n\`\`\`shell\ncurl -O https://x/cockroach-v24.3.1.linux-amd64.tgz\n\`\`\`\n\`\`\`sql\n${R}\nRESET CLUSTER SETTING cluster.preserve_downgrade_option;\n\`\`\`\n`.repeat(n) },
  { name: 'evidence: many binaries in one block', lang: 'markdown', make: (n) => `\`\`\`shell\n${'curl https://x/cockroach-v24.3.1.tgz cockroachdb/cockroach:v24.1.2 image.tag=v25.2.1\n'.repeat(n)}\`\`\`\n${R}\n` },
  { name: 'evidence: anchors without versions on one line', lang: 'markdown', make: (n) => `\`\`\`\n${'cockroach-v Build Tag: image.tag= CockroachDB CCL v '.repeat(n)}\n\`\`\`\n` },
  { name: 'evidence: # comment then many anchors', lang: 'markdown', make: (n) => `\`\`\`yaml\n${'a'.repeat(n)} #${' cockroach-v24.3.1'.repeat(n)}\n\`\`\`\n` },
  { name: 'evidence: anchors in prose', lang: 'markdown', make: (n) => `${'cockroach-v24.3.1 cockroachdb/cockroach:v24.3.1 '.repeat(n)}\n\n\`\`\`sql\n${R}\n\`\`\`\n` },
  { name: 'evidence: many cluster settings', lang: 'sql', make: (n) => `SET CLUSTER SETTING version = '24.3'; RESET CLUSTER SETTING cluster.preserve_downgrade_option; SET CLUSTER SETTING kv.x = '1';\n`.repeat(n) + R },
  // Link reference definitions left open (the parser's `reference` rule, now off, was quadratic on them).
  { name: 'unfenced JSON array', lang: 'markdown', make: (n) => JSON.stringify(Array.from({ length: n }, (_, i) => ({ id: i, name: `n${i}`, ok: true })), null, 2) },
  { name: 'open link title', lang: 'markdown', make: (n) => `[a]: /u "\n${'x\n'.repeat(n)}` },
  // Directive look-alikes (docs/rules/directive-lookalike.md): each line below is one, and each is reported with its fix built.
  { name: 'look-alikes: # crdb: lines in SQL', lang: 'sql', make: (n) => `${'# crdb: backup-version=24.1 target-version=24.3\n'.repeat(n)}${R}\n`, run: (m, text) => { for (const f of m.analyze(text, 'sql').findings) f.fixes; } },
  { name: 'look-alikes: # crdb: statements on one line', lang: 'sql', make: (n) => '# crdb: target-version=24.3; '.repeat(n) },
  { name: 'look-alikes: comments without the colon', lang: 'sql', make: (n) => `-- crdb backup-version=24.1 target-version=24.3\n${R}\n`.repeat(n) },
  { name: 'look-alikes: crdb: lines in one paragraph', lang: 'markdown', make: (n) => 'crdb: backup-version=24.1 target-version=24.3\n'.repeat(n), run: (m, text) => { for (const f of m.analyze(text, 'markdown').findings) f.fixes; } },
  { name: 'look-alikes: HTML comments and prose lines', lang: 'markdown', make: (n) => `<!-- crdb target-version=24.3 -->\n\n- crdb: backup-version=24.1\n\nNote: a line that may become one = yes\n\n`.repeat(n) },
];

function load() {
  const { analyzeDocument } = require(join(root, 'out/server/src/core/analyze.js'));
  const { analyzeOptions } = require(join(root, 'out/server/src/core/settings.js'));
  const options = { sql: analyzeOptions({ today: '2025-06-01' }, 'sql'), markdown: analyzeOptions({ today: '2025-06-01' }, 'markdown') };
  return (text, lang) => analyzeDocument(text, options[lang]);
}

/** What the hostile shapes run besides the analysis: hover text, .gitignore matching, the policy, fix-all. */
function loadHostile(analyze) {
  const { hoverAt, toPlainText } = require(join(root, 'out/server/src/lsp/hover.js'));
  const { compileGitignore, gitignoreVerdict } = require(join(root, 'out/server/src/node/gitignoreMatcher.js'));
  const { catalogWith } = require(join(root, 'out/server/src/core/catalog/catalog.js'));
  const { verdict, upgradePath } = require(join(root, 'out/server/src/core/policy.js'));
  const { fixAllEdits } = require(join(root, 'out/server/src/core/fixes/fixAll.js'));
  const { TextDocument } = require('vscode-languageserver-textdocument');
  const { analyzeOptions } = require(join(root, 'out/server/src/core/settings.js'));
  const options = analyzeOptions({ today: '2025-06-01' }, 'sql');
  return {
    analyze,
    plainHover: (text) => {
      const h = hoverAt(analyze(text, 'sql'), text.indexOf('RESTORE') + 1, options.catalog, options.today);
      return toPlainText(h.markdown);
    },
    gitignore: (pattern, name) => gitignoreVerdict(compileGitignore(pattern), name, false),
    releases: (n) => {
      // Versions 30.1 … 99.999: up to 69,930 distinct releases.
      const extra = Array.from({ length: n }, (_, i) => ({ version: `${30 + Math.floor(i / 999)}.${(i % 999) + 1}`, type: i % 3 === 0 ? 'regular' : 'innovation' }));
      const catalog = catalogWith(extra);
      const first = catalog.releases[0].version;
      for (const r of catalog.releases.slice(-20)) {
        verdict(catalog, first, r.version);
        upgradePath(catalog, first, r.version);
      }
    },
    fixAll: (text) => fixAllEdits(analyze(text, 'sql'), TextDocument.create('untitled:/a.sql', 'sql', 1, text)),
  };
}

/** A full collection before each timed run, so garbage left by the previous one is not billed to this one. */
let collect = () => undefined;
try {
  v8.setFlagsFromString('--expose_gc');
  collect = vm.runInNewContext('gc');
} catch {
  // timings are then a little noisier
}

function timeOnce(analyze, text, lang) {
  collect();
  const t0 = performance.now();
  analyze(text, lang);
  return performance.now() - t0;
}

/** Best of `reps` runs (the least disturbed by GC and the machine). */
function best(analyze, text, lang, reps) {
  let m = Infinity;
  for (let i = 0; i < reps; i++) m = Math.min(m, timeOnce(analyze, text, lang));
  return m;
}

/**
 * Measures every shape (or those whose name includes `filter`). Returns one result per shape:
 * `{ name, n, chars, msN, ms2N, ratio, pass }`; `pass` is ratio ≤ MAX_RATIO.
 */
export function runLinearity({ filter, minMs = 40, maxN = 1 << 22, reps = 5, log = () => undefined } = {}) {
  const analyzeText = load();
  const hostile = loadHostile(analyzeText);
  const results = [];
  for (const shape of SHAPES) {
    if (filter && !shape.name.includes(filter)) continue;
    const analyze = shape.run ? (text) => shape.run(hostile, text) : analyzeText;
    // Grow n until one analysis takes at least minMs (so the timer's resolution does not matter).
    let n = 256;
    for (;;) {
      const text = shape.make(n);
      analyze(text, shape.lang); // warm-up
      if (best(analyze, text, shape.lang, 3) >= minMs || n >= maxN || text.length > 8e6) break;
      n *= 2;
    }
    const a = shape.make(n);
    const b = shape.make(2 * n);
    analyze(b, shape.lang);
    // Interleave the two sizes so a slow phase of the machine hits both. A shape over the
    // limit is measured again (up to twice): a super-linear one fails every time, noise does not.
    let msN = Infinity;
    let ms2N = Infinity;
    let attempts = 0;
    while (attempts < 3 && (attempts === 0 || ms2N / msN > MAX_RATIO)) {
      attempts++;
      for (let i = 0; i < reps; i++) {
        msN = Math.min(msN, timeOnce(analyze, a, shape.lang));
        ms2N = Math.min(ms2N, timeOnce(analyze, b, shape.lang));
      }
    }
    const ratio = ms2N / msN;
    const r = { name: shape.name, lang: shape.lang, n, chars: a.length, msN: round(msN), ms2N: round(ms2N), ratio: round(ratio), attempts, pass: ratio <= MAX_RATIO };
    results.push(r);
    log(r);
  }
  return results;
}

function round(x) {
  return Math.round(x * 100) / 100;
}

function format(r) {
  return `${r.pass ? 'pass' : 'FAIL'}  ${r.ratio.toFixed(2).padStart(5)}×  ${String(r.msN.toFixed(1)).padStart(7)} ms → ${String(r.ms2N.toFixed(1)).padStart(7)} ms  n=${String(r.n).padEnd(8)} ${(r.chars / 1024).toFixed(0).padStart(6)} KiB  ${r.lang.padEnd(8)} ${r.name}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const si = args.indexOf('--shape');
  const filter = si >= 0 ? args[si + 1] : undefined;
  if (!json) console.log(`linearity: analysis time at n and 2n; pass when t(2n)/t(n) ≤ ${MAX_RATIO}`);
  const results = runLinearity({ filter, log: json ? undefined : (r) => console.log(format(r)) });
  const failed = results.filter((r) => !r.pass);
  if (json) console.log(JSON.stringify(results, null, 2));
  else console.log(failed.length === 0 ? `linearity: all ${results.length} shapes pass` : `linearity: ${failed.length} of ${results.length} shapes FAIL: ${failed.map((r) => r.name).join('; ')}`);
  process.exit(failed.length === 0 ? 0 : 1);
}
