// Deterministic benchmark inputs: CockroachDB runbooks (markdown) and SQL scripts built from a
// seeded PRNG, so every run of `npm run bench` measures the same bytes.
//
// The text is what operators write, traps included: strings and comments that mention
// RESTORE, nested block comments, dollar-quoted bodies, e'…' escapes, `-- crdb:` directives
// (some misspelt or invalid, so findings with fixes are produced), terminal prompts and
// result rows (markdown only), fences inside numbered lists and block quotes, `~~~` fences, shell blocks with
// `cockroach sql -e "…"` and `\` continuations, heredocs, console transcripts, indented code
// blocks and non-SQL fences that must be ignored, HTML blocks and HTML-comment directives,
// tables and front matter.

/** mulberry32: a small, fast, seedable PRNG. */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    chance: (p) => next() < p,
  };
}

const MAJORS = ['23.1', '23.2', '24.1', '24.2', '24.3', '25.1', '25.2', '25.3', '25.4', '26.1', '26.2'];
const DBS = ['bank', 'payments', 'orders', 'shop', 'ledger', 'movr', 'inventory', 'auth'];
const TABLES = ['accounts', 'customers', 'transfers', 'rides', 'users', 'vehicles', 'events', 'line_items'];
const BUCKETS = ['acme-crdb-backups', 'acme-dr', 'acme-archive', 'ops-backups', 'shop-use1', 'shop-usw1'];
const SCHEMES = ['s3', 's3', 'gs', 'azure-blob', 'nodelocal'];
const HOSTS = ['prod-lb.internal', 'dr-lb.internal', 'reporting-lb.internal', 'localhost', 'staging-lb'];
const WORDS = (
  'the cluster backup restore job node region schedule version upgrade finalize bucket ' +
  'collection incremental full revision history replica range lease zone config drill ' +
  'operator window change freeze staging production reporting rollback latency quorum ' +
  'certificate load balancer changefeed snapshot archive retention policy ticket runbook'
).split(' ');

function version(r) {
  const m = r.pick(MAJORS);
  return r.chance(0.3) ? `${m}.${r.int(0, 14)}` : m;
}

function collection(r) {
  const scheme = r.pick(SCHEMES);
  const host = scheme === 'nodelocal' ? '1' : r.pick(BUCKETS);
  const path = r.pick(['prod', 'dr', 'staging', 'nightly', 'weekly', 'reporting']);
  const query = scheme === 's3' ? '?AUTH=implicit' : scheme === 'gs' ? '?AUTH=specified' : '';
  return `'${scheme}://${host}/${path}${query}'`;
}

function sentence(r, min = 6, max = 16) {
  const n = r.int(min, max);
  const out = [];
  for (let i = 0; i < n; i++) {
    let w = r.pick(WORDS);
    const k = r.next();
    if (k < 0.04) w = `\`${w}\``;
    else if (k < 0.06) w = `**${w}**`;
    else if (k < 0.07) w = `[${w}](https://example.invalid/${w})`;
    out.push(w);
  }
  const s = out.join(' ');
  return `${s[0].toUpperCase()}${s.slice(1)}.`;
}

// ---------------------------------------------------------------------------------------------
// SQL statements. Each returns { text, pg } where `pg` says whether pgsql-ast-parser accepts it
// (checked by hand on every template; the bench verifies the joined result once).

const STATEMENTS = [
  // --- BACKUP / RESTORE / schedules: CockroachDB-only syntax (pg: false).
  [6, (r) => ({ text: `BACKUP INTO ${collection(r)}\n  AS OF SYSTEM TIME '-10s'\n  WITH revision_history, detached;`, pg: false })],
  [4, (r) => ({ text: `BACKUP DATABASE ${r.pick(DBS)} INTO LATEST IN ${collection(r)};`, pg: false })],
  [2, (r) => ({ text: `BACKUP TABLE ${r.pick(DBS)}.${r.pick(TABLES)} INTO ${collection(r)} WITH incremental_location = ${collection(r)};`, pg: false })],
  [2, (r) => ({ text: `BACKUP DATABASE ${r.pick(DBS)} INTO\n  (${collection(r).slice(0, -1)}&COCKROACH_LOCALITY=default',\n   ${collection(r).slice(0, -1)}&COCKROACH_LOCALITY=region%3Dus-west1');`, pg: false })],
  [1, (r) => ({ text: `BACKUP DATABASE ${r.pick(DBS)} TO ${collection(r)} AS OF SYSTEM TIME '-10s';`, pg: false })],
  [6, (r) => ({ text: `RESTORE DATABASE ${r.pick(DBS)}, ${r.pick(DBS)}\n  FROM LATEST IN ${collection(r)}\n  WITH detached;`, pg: false })],
  [3, (r) => ({ text: `RESTORE TABLE ${r.pick(DBS)}.${r.pick(TABLES)} FROM LATEST IN ${collection(r)} WITH into_db = '${r.pick(DBS)}_check';`, pg: false })],
  [2, (r) => ({ text: `RESTORE FROM LATEST IN ${collection(r)};`, pg: false })],
  [2, (r) => ({ text: `RESTORE ${r.pick(DBS)}.${r.pick(TABLES)} FROM '2025/0${r.int(1, 9)}/1${r.int(0, 9)}-230000.00' IN ${collection(r)}\n  WITH unsafe_restore_incompatible_version, new_db_name = '${r.pick(DBS)}_old';`, pg: false })],
  [1, (r) => ({ text: `RESTORE DATABASE ${r.pick(DBS)} FROM ${collection(r)} WITH new_db_name = 'legacy_check';`, pg: false })],
  [1, (r) => ({ text: `RESTORE SYSTEM USERS FROM LATEST IN ${collection(r)};`, pg: false })],
  [1, () => ({ text: `RESTORE DATABASE bank FROM LATEST IN $1 WITH detached;`, pg: false })],
  [2, (r) => ({ text: `CREATE SCHEDULE IF NOT EXISTS ${r.pick(DBS)}_nightly\n  FOR BACKUP INTO ${collection(r)}\n  WITH revision_history\n  RECURRING '@daily'\n  FULL BACKUP '@weekly'\n  WITH SCHEDULE OPTIONS first_run = 'now';`, pg: false })],
  [2, (r) => ({ text: `SET CLUSTER SETTING version = '${r.pick(MAJORS)}';`, pg: false })],
  [1, (r) => ({ text: `DROP DATABASE IF EXISTS ${r.pick(DBS)}_check CASCADE;`, pg: false })],
  [1, (r) => ({ text: `INSERT INTO ops.restore_log (step, note) VALUES ('${r.pick(WORDS)}', e'don\\'t RESTORE into prod; it\\'s ${r.pick(WORDS)}');`, pg: false })],
  [1, (r) => ({ text: `CREATE OR REPLACE FUNCTION ops.last_${r.pick(WORDS)}() RETURNS STRING\nLANGUAGE SQL AS $body$\n  SELECT coalesce(max(checked_at)::STRING, 'never') || ' (RESTORE FROM LATEST IN staging; done)'\n  FROM ops.restore_log\n  WHERE step = 'RESTORE ${r.pick(DBS)}';\n$body$;`, pg: false })],
  // --- Ordinary SQL around them (pg: true).
  [6, (r) => ({ text: `SELECT id, note FROM ops.restore_log WHERE note = 'RESTORE DATABASE ${r.pick(DBS)} FROM LATEST IN ''s3://${r.pick(BUCKETS)}/x''' ORDER BY id LIMIT ${r.int(1, 100)};`, pg: true })],
  [4, (r) => ({ text: `SELECT count(*) FROM ${r.pick(DBS)}.${r.pick(TABLES)} WHERE "${r.pick(WORDS)} id" > ${r.int(0, 9999)};`, pg: true })],
  [3, (r) => ({ text: `INSERT INTO ops.restore_log (step, note)\nVALUES ('${r.pick(WORDS)}', 'BACKUP INTO ''s3://${r.pick(BUCKETS)}'' -- not a comment'),\n       ('${r.pick(WORDS)}', E'x');`, pg: true })],
  [3, (r) => ({ text: `UPDATE ${r.pick(DBS)}.${r.pick(TABLES)} SET balance = balance - ${r.int(1, 500)} WHERE id = ${r.int(1, 1e6)};`, pg: true })],
  [2, (r) => ({ text: `DELETE FROM ${r.pick(DBS)}.${r.pick(TABLES)} WHERE id IN (${r.int(1, 99)}, ${r.int(100, 999)}, ${r.int(1000, 9999)});`, pg: true })],
  [2, (r) => ({ text: `CREATE TABLE IF NOT EXISTS ops.${r.pick(WORDS)}_log (\n  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),\n  checked_at TIMESTAMPTZ NOT NULL DEFAULT now(),\n  step STRING NOT NULL,  -- e.g. 'RESTORE bank'\n  note STRING\n);`, pg: true })],
  [2, (r) => ({ text: `CREATE FUNCTION ops.check_${r.pick(WORDS)}() RETURNS text AS $$\n  SELECT 'RESTORE; BACKUP; -- not SQL here'\n$$ LANGUAGE sql;`, pg: true })],
  [2, (r) => ({ text: `SELECT node_id, build_tag FROM crdb_internal.gossip_nodes WHERE build_tag <> 'v${version(r)}' ORDER BY node_id;`, pg: true })],
  [2, () => ({ text: `SHOW JOBS;`, pg: true })],
  [1, (r) => ({ text: `WITH recent AS (SELECT job_id, status FROM ops.jobs WHERE description LIKE 'RESTORE%' AND id > $1)\nSELECT job_id FROM recent WHERE status = '${r.pick(['running', 'failed', 'succeeded'])}';`, pg: true })],
  [1, (r) => ({ text: `ALTER TABLE ${r.pick(DBS)}.${r.pick(TABLES)} ADD COLUMN ${r.pick(WORDS)}_note text;`, pg: true })],
];
const STATEMENT_TOTAL = STATEMENTS.reduce((s, [w]) => s + w, 0);

function statement(r) {
  let k = r.next() * STATEMENT_TOTAL;
  for (const [w, make] of STATEMENTS) {
    k -= w;
    if (k < 0) return make(r);
  }
  return STATEMENTS[0][1](r);
}

/** Comments and directives between statements (all accepted by pgsql-ast-parser). */
function sqlComment(r) {
  const k = r.next();
  if (k < 0.3) return `-- crdb: target-version=${version(r)}`;
  if (k < 0.45) return `-- crdb: backup-version=${version(r)} target-version=${version(r)}`;
  if (k < 0.5) return `/* crdb: backup-version=${version(r)} */`;
  if (k < 0.53) return `-- crdb: targt-version=${version(r)}`; // misspelt key: a finding with a fix
  if (k < 0.55) return `-- crdb: target-version=${r.pick(MAJORS)}.x`; // invalid version
  if (k < 0.58) return `-- crdb: mixed-version=${r.pick(['true', 'false'])}`;
  if (k < 0.6) return '-- crdb: ignore=restore-skips-release';
  if (k < 0.75) return `-- ${sentence(r, 4, 10)} RESTORE FROM LATEST IN 's3://x'; is only an example`;
  if (k < 0.9) return `/* Disabled until ${r.pick(WORDS)} (OPS-${r.int(1000, 9999)}):\nRESTORE DATABASE ${r.pick(DBS)} FROM LATEST IN ${collection(r)};  /* nested, ${r.pick(WORDS)} */\n*/`;
  return `-- ${sentence(r, 4, 12)}`;
}

/** A run of SQL lines (statements with comments between): `{ text, pg }` pieces. */
function sqlPieces(r, count) {
  const out = [];
  for (let i = 0; i < count; i++) {
    if (r.chance(0.45)) out.push({ text: sqlComment(r), pg: true });
    out.push(statement(r));
  }
  return out;
}

/**
 * A SQL file of about `bytes` characters. Returns `{ text, pgText, pgParts, pgStatements }`:
 * `pgText` holds, in order, the statements and comments pgsql-ast-parser accepts (the peer's
 * input), `pgParts` the same one statement or comment each.
 */
export function makeSql(seed, bytes) {
  const r = prng(seed);
  const parts = [];
  const pgParts = [];
  let size = 0;
  let pgStatements = 0;
  parts.push(`-- Generated benchmark script (seed ${seed}).\n-- crdb: target-version=24.3\n`);
  while (size < bytes) {
    // No prompts here: in a block that uses prompts, unprompted lines after a finished
    // statement are output (SPEC §11.8), so one pasted transcript would turn the rest of a
    // script into output. Transcripts are exercised by the markdown runbooks.
    const piece = r.chance(0.4) ? { text: sqlComment(r), pg: true } : statement(r);
    const text = `${piece.text}\n${r.chance(0.2) ? '\n' : ''}`;
    parts.push(text);
    size += text.length;
    if (piece.pg) {
      pgParts.push(text);
      if (!text.startsWith('--') && !text.startsWith('/*')) pgStatements++;
    }
  }
  return { text: parts.join(''), pgText: pgParts.join(''), pgParts, pgStatements };
}

// ---------------------------------------------------------------------------------------------
// Markdown runbooks, section by section. Each section is an array of lines.

function indentLines(lines, prefix, firstPrefix = prefix) {
  return lines.map((l, i) => (l === '' && !prefix.includes('>') ? '' : `${i === 0 ? firstPrefix : prefix}${l}`));
}

function sqlBody(r) {
  return sqlPieces(r, r.int(1, 4))
    .map((p) => p.text)
    .join('\n')
    .split('\n');
}

function fence(r, info, body) {
  const marker = r.chance(0.15) ? '~~~' : '```';
  return [`${marker}${info}`, ...body, marker];
}

const SECTIONS = [
  // Headings and prose.
  [8, (r, ctx) => [`${'#'.repeat(r.int(2, 3))} ${++ctx.step}. ${sentence(r, 3, 7).slice(0, -1)}`, '']],
  [1, (r, ctx) => [`${++ctx.step}. ${sentence(r, 3, 6).slice(0, -1)}`, '-'.repeat(r.int(3, 30)), '']],
  [20, (r) => [...Array.from({ length: r.int(1, 4) }, () => sentence(r, 20, 32)), '']],
  [2, (r) => [`${sentence(r, 4, 8)} Inline \`<!-- crdb: target-version=99.9 -->\` in a code span is not a directive, and neither is \`RESTORE FROM LATEST IN 's3://x'\`.`, '']],
  // HTML-comment directives: own block, and inline in prose.
  [5, (r) => [`<!-- crdb: target-version=${version(r)}${r.chance(0.2) ? ' mixed-version' : ''} -->`, '']],
  [1, (r) => [`<!-- crdb: backup-version=${version(r)} -->`, '']],
  [1, (r) => [`${sentence(r, 4, 8)} <!-- crdb: target-version=${version(r)} --> ${sentence(r, 3, 6)}`, '']],
  [1, (r) => [`<!-- crdb: targt-version=${version(r)} -->`, '']],
  [1, (r) => ['<!--', `${sentence(r)} RESTORE FROM LATEST IN 's3://commented-out';`, '-->', '']],
  // SQL fences: top level, in lists, in quotes.
  [14, (r) => [...fence(r, r.pick(['sql', 'sql', 'sql', 'SQL', 'sql title="step"', 'psql']), sqlBody(r)), '']],
  [5, (r, ctx) => {
    const lines = [];
    const n = r.int(2, 4);
    for (let i = 1; i <= n; i++) {
      lines.push(`${i}. ${sentence(r, 5, 10)}`, '');
      if (r.chance(0.7)) lines.push(...indentLines(fence(r, 'sql', sqlBody(r)), '   '), '');
    }
    ctx.lists++;
    return lines;
  }],
  [3, (r) => [`- ${sentence(r, 4, 8)}`, ...indentLines([...fence(r, 'sql', sqlBody(r))], '  '), `- ${sentence(r, 4, 8)}`, `  - ${sentence(r, 3, 6)}`, '']],
  [3, (r) => [`> **${sentence(r, 2, 4)}** ${sentence(r, 6, 10)}`, '>', ...indentLines(fence(r, 'sql', sqlBody(r)), '> '), '']],
  [1, (r) => [`1. ${sentence(r, 4, 8)}`, '', ...indentLines(fence(r, 'sql', sqlBody(r)), '   > '), '']],
  // Shell blocks and transcripts.
  [5, (r) => {
    const db = r.pick(DBS);
    return [
      ...fence(r, r.pick(['bash', 'sh', 'shell', 'zsh']), [
        `# crdb: target-version=${version(r)}`,
        `export COCKROACH_URL="postgresql://root@${r.pick(HOSTS)}:26257/defaultdb?sslmode=verify-full"`,
        'cockroach sql --url "$COCKROACH_URL" \\',
        '  --certs-dir=/etc/cockroach/certs \\',
        `  -e "DROP DATABASE IF EXISTS ${db}_reporting CASCADE;" \\`,
        `  -e "RESTORE DATABASE ${db} FROM LATEST IN ${collection(r)}`,
        `      WITH new_db_name = '${db}_reporting';"`,
        `echo "restored ${db}; next: RESTORE is done" # not SQL`,
      ]),
      '',
    ];
  }],
  [2, (r) => [
    ...fence(r, 'bash', [
      `cockroach sql --host=${r.pick(HOSTS)} --execute='RESTORE TABLE ${r.pick(DBS)}.${r.pick(TABLES)} FROM LATEST IN ${collection(r).replace(/'/g, '"')};'`,
      'cockroach sql --insecure <<EOF',
      `-- crdb: backup-version=${version(r)}`,
      `RESTORE DATABASE ${r.pick(DBS)} FROM LATEST IN ${collection(r)};`,
      'EOF',
    ]),
    '',
  ]],
  [2, (r) => [
    ...fence(r, 'console', [
      `$ cockroach sql --url "$COCKROACH_URL" -e "BACKUP INTO ${collection(r)};"`,
      '        job_id        |  status   | fraction_completed |  rows',
      '----------------------+-----------+--------------------+---------',
      `  ${r.int(1e8, 9e8)}${r.int(1e9, 9e9)} | succeeded |                  1 | ${r.int(1, 1e7)}`,
      '(1 row)',
    ]),
    '',
  ]],
  [3, (r) => {
    const host = r.pick(HOSTS);
    const p = `root@${host}:26257/defaultdb> `;
    return [
      ...fence(r, 'sql', [
        `${p}RESTORE DATABASE ${r.pick(DBS)}`,
        `${' '.repeat(p.length - 3)}-> FROM LATEST IN ${collection(r)}`,
        `${' '.repeat(p.length - 3)}-> WITH new_db_name = '${r.pick(DBS)}_drill';`,
        '        job_id        |  status   |  rows',
        '----------------------+-----------+----------',
        `  ${r.int(1e8, 9e8)}${r.int(1e9, 9e9)} | succeeded | ${r.int(1, 1e7)}`,
        '(1 row)',
        '',
        `Time: ${r.int(1, 60)}.${r.int(100, 999)}s total (execution ${r.int(1, 60)}.${r.int(100, 999)}s / network 0.002s)`,
        '',
        `> SELECT count(*) FROM ${r.pick(DBS)}.${r.pick(TABLES)};`,
      ]),
      '',
    ];
  }],
  // Code that is not SQL, and must stay out.
  [3, (r) => [`${sentence(r, 4, 8)}:`, '', `    RESTORE DATABASE ${r.pick(DBS)} FROM LATEST IN ${collection(r)};`, `    -- indented code: not analysed (${r.pick(WORDS)})`, '']],
  [2, (r) => [...fence(r, r.pick(['yaml', 'text', 'json', '']), [`# ${sentence(r, 3, 6)}`, `restore: "RESTORE FROM LATEST IN ${collection(r).replace(/'/g, '')}"`, `schedule: '@daily'`]), '']],
  [1, (r) => ['````markdown', '```sql', `RESTORE DATABASE ${r.pick(DBS)} FROM LATEST IN ${collection(r)};`, '```', '````', '']],
  // Tables and HTML blocks.
  [3, (r) => [
    '| Cluster | Version | Load balancer |',
    '|---------|---------|---------------|',
    ...Array.from({ length: r.int(2, 5) }, () => `| ${r.pick(['prod', 'dr', 'reporting', 'staging'])} | ${version(r)} | \`${r.pick(HOSTS)}:26257\` |`),
    '',
  ]],
  [1, (r) => ['<details>', `<summary>${sentence(r, 2, 4)}</summary>`, '', sentence(r), '', ...fence(r, 'sql', sqlBody(r)), '', '</details>', '']],
];
const SECTION_TOTAL = SECTIONS.reduce((s, [w]) => s + w, 0);

function section(r, ctx) {
  let k = r.next() * SECTION_TOTAL;
  for (const [w, make] of SECTIONS) {
    k -= w;
    if (k < 0) return make(r, ctx);
  }
  return SECTIONS[0][1](r, ctx);
}

function frontMatter(r, title) {
  return ['---', `title: "${title}"`, `owner: sre-${r.pick(WORDS)}`, 'crdb:', `  target-version: "${r.pick(MAJORS)}"`, '---', ''];
}

/**
 * A runbook of exactly `lines` lines (no trailing line break), or of about `bytes`
 * characters when `bytes` is given.
 */
export function makeRunbook(seed, { lines = 2000, bytes } = {}) {
  const r = prng(seed);
  const ctx = { step: 0, lists: 0 };
  const title = `Runbook ${seed}: ${sentence(r, 3, 6).slice(0, -1)}`;
  const out = [...frontMatter(r, title), `# ${title}`, ''];
  if (bytes !== undefined) {
    const parts = [out.join('\n')];
    let size = parts[0].length;
    while (size < bytes) {
      const s = section(r, ctx).join('\n');
      parts.push(s);
      size += s.length + 1;
    }
    return parts.join('\n');
  }
  for (;;) {
    const s = section(r, ctx);
    if (out.length + s.length > lines) break;
    out.push(...s);
  }
  while (out.length < lines) out.push(out.length % 2 === 0 ? '' : sentence(r, 6, 12));
  return out.join('\n');
}

/** `count` runbooks of varied size (about 60 to 600 lines), named runbook-NNN.md. */
export function makeRunbookSet(seed, count) {
  const r = prng(seed);
  const files = [];
  for (let i = 0; i < count; i++) {
    files.push({ name: `runbook-${String(i).padStart(3, '0')}.md`, text: makeRunbook(seed * 1000 + i, { lines: r.int(60, 600) }) });
  }
  return files;
}

// ---------------------------------------------------------------------------------------------
// A documentation tree the size of CockroachDB's (the workspace index benchmark): thousands of
// markdown pages, mostly prose and SQL examples about everything but backups, some about
// backups (prose that names BACKUP and RESTORE, example statements), and a few that write and
// read shared collections with version directives, as runbooks in such a tree do.

const DOC_WORDS = (
  'the table index column row query statement transaction node cluster region zone replica ' +
  'range lease schema database user role privilege function type value key primary secondary ' +
  'insert update delete select join filter order limit view sequence changefeed job setting ' +
  'latency throughput storage memory cpu disk network certificate connection driver client'
).split(' ');
const DOC_SQL = [
  'SELECT id, name FROM users WHERE city = $1 ORDER BY name LIMIT 10;',
  'CREATE TABLE IF NOT EXISTS accounts (id UUID PRIMARY KEY DEFAULT gen_random_uuid(), balance DECIMAL);',
  "INSERT INTO accounts (balance) VALUES (100.50), (25.00);",
  'UPDATE accounts SET balance = balance - 10 WHERE id = $1;',
  'SHOW RANGES FROM TABLE accounts;',
  "SET CLUSTER SETTING kv.rangefeed.enabled = true;",
  'CREATE INDEX ON rides (city, start_time) STORING (revenue);',
  "SELECT * FROM [SHOW JOBS] WHERE status = 'running';",
];
const SHARED_COLLECTIONS = Array.from({ length: 40 }, (_, i) => `s3://acme-docs-${i % 8}/coll-${i}`);

function docProse(r) {
  const n = r.int(8, 22);
  const out = [];
  for (let i = 0; i < n; i++) out.push(r.pick(DOC_WORDS));
  const s = out.join(' ');
  return `${s[0].toUpperCase()}${s.slice(1)}.`;
}

function docPage(r, bytes, kind) {
  const parts = ['---', `title: ${docProse(r).slice(0, 40)}`, 'toc: true', '---', ''];
  let size = 0;
  const push = (s) => {
    parts.push(s);
    size += s.length + 1;
  };
  if (kind === 'writer') {
    const c = r.pick(SHARED_COLLECTIONS);
    push(`<!-- crdb: target-version=${r.pick(MAJORS)} -->`);
    push('Take the nightly backup:');
    push('```sql');
    push(r.chance(0.3) ? `CREATE SCHEDULE nightly FOR BACKUP INTO '${c}' RECURRING '@daily';` : `BACKUP INTO '${c}' AS OF SYSTEM TIME '-10s';`);
    push('```');
  }
  while (size < bytes) {
    const roll = r.next();
    if (roll < 0.55) push(`${docProse(r)} ${docProse(r)} ${docProse(r)}\n`);
    else if (roll < 0.7) push(`## ${docProse(r).slice(0, 30)}\n`);
    else if (roll < 0.85) push(`- ${docProse(r)}\n- ${docProse(r)}\n`);
    else if (kind !== 'plain' && roll < 0.9) {
      push('Back up the database before the change, and restore it if the change fails:\n');
      push('```sql');
      push(`BACKUP DATABASE bank INTO 's3://acme-docs-examples/bank?AUTH=implicit';`);
      push(`RESTORE DATABASE bank FROM LATEST IN '${kind === 'reader' ? r.pick(SHARED_COLLECTIONS) : 's3://acme-docs-examples/bank'}';`);
      push('```\n');
    } else {
      push('```sql');
      push(r.pick(DOC_SQL));
      push(r.pick(DOC_SQL));
      push('```\n');
    }
  }
  return `${parts.join('\n')}\n`;
}

/**
 * `files` markdown pages of about `bytes` in all, in version folders and sections like the
 * CockroachDB docs: 88 % never name a backup, 10 % show BACKUP/RESTORE examples (some restoring
 * from shared collections), 2 % write a shared collection under a version directive.
 */
export function* makeDocsTree(seed, { files = 15000, bytes = 150e6 } = {}) {
  const r = prng(seed);
  const mean = bytes / files;
  for (let i = 0; i < files; i++) {
    const roll = r.next();
    const kind = roll < 0.02 ? 'writer' : roll < 0.07 ? 'reader' : roll < 0.12 ? 'examples' : 'plain';
    const size = Math.round(mean * (0.25 + 1.5 * r.next()));
    const name = `v${23 + (i % 4)}.${1 + (i % 3)}/section-${Math.floor(i / 150)}/page-${i}.md`;
    yield { name, text: docPage(r, size, kind) };
  }
}
