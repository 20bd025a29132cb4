// fast-check generators for the fuzzer: SQL files and markdown runbooks assembled from
// realistic fragments (RESTORE/BACKUP statements, directives, strings, comments, dollar
// quotes, prompts, fences in lists and block quotes, shell blocks, front matter), plus
// mutations that break them (truncation, unterminated constructs, NUL, lone surrogates,
// CR/CRLF/mixed line ends, a BOM).
//
// Documents are built from pieces: plain text, or the *body* of a string literal or comment
// that the analysis must treat as inert. The builder records where each body lands in the
// final text, so the insertion property knows where plain words may be inserted.
import * as fc from 'fast-check';
import { ALL_RULE_IDS } from '../../server/src/core/rules/ruleTable';

/** Text, or the inert body of a string literal / comment (where plain words may be inserted). */
export type Piece = string | { body: string };

/** Where an inert body sits in the document: `[start, end)`. */
export interface Slot {
  start: number;
  end: number;
}

export type Lang = 'sql' | 'markdown';

export interface FuzzDoc {
  lang: Lang;
  text: string;
  /** Inert bodies (string literals and non-directive comments) of the document. */
  slots: Slot[];
}

export type Eol = 'lf' | 'crlf' | 'cr' | 'mixed';

/** Concatenates pieces, converting `\n` to the chosen line ends and recording the bodies' spans. */
export function build(lang: Lang, pieces: Piece[], eol: Eol = 'lf', bom = false): FuzzDoc {
  const parts: string[] = [];
  const slots: Slot[] = [];
  let length = 0;
  let nl = 0;
  const ends = ['\n', '\r\n', '\r'];
  const convert = (s: string) => {
    if (eol === 'lf' || s.indexOf('\n') < 0) return s;
    if (eol === 'crlf') return s.replace(/\n/g, '\r\n');
    if (eol === 'cr') return s.replace(/\n/g, '\r');
    return s.replace(/\n/g, () => ends[nl++ % 3]);
  };
  if (bom) {
    parts.push('\uFEFF');
    length = 1;
  }
  for (const p of pieces) {
    const s = convert(typeof p === 'string' ? p : p.body);
    if (typeof p !== 'string') slots.push({ start: length, end: length + s.length });
    parts.push(s);
    length += s.length;
  }
  return { lang, text: parts.join(''), slots };
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

export const VERSIONS = [
  '22.1', '22.2', '23.1', '23.2', '24.1', '24.2', '24.3', '25.1', '25.2', '25.3', '25.4', '26.1', '26.2', '26.3',
  'v24.1.7', '24.1.0-beta.2', '23.2.9', '2.1', '19.2', '27.1', '24.10', '26.4',
];
/** Versions in evidence: catalogued ones with a patch, and ones the catalog does not have. */
const EVIDENCE_VERSIONS = ['23.2.6', '24.1.5', '24.3.1', '25.2.0', '25.4.2', '24.2.1-rc.1', '27.1.0', '99.9.9'];
const BAD_VERSIONS = ['abc', '24', '24.1.', '', '999.1', '24..1', 'v', '24.1-', '1.2.3.4', 'latest'];
const KEYS = ['target-version', 'backup-version', 'mixed-version', 'ignore'];
const BAD_KEYS = ['target-versoin', 'backup_version', 'TARGET-VERSION', 'foo', 'mixed', 'ignores', 'targetversion'];
const RULE_IDS = ALL_RULE_IDS;
const URIS = [
  's3://backups/bank?AUTH=implicit', 's3://backups/bank', 'S3://Backups/bank/', 's3://backups/prod', 'gs://b/c',
  'nodelocal://1/x', 'external://bk', 'azure-blob://c/p?AZURE_ACCOUNT_NAME=a', 's3://a?COCKROACH_LOCALITY=default',
  's3://b?COCKROACH_LOCALITY=region%3Dus-east',
];

/**
 * Context of generated SQL: top level; inside a shell double-quoted string (no `"`, `$`, `\`
 * or backtick, which the shell would interpret); inside a shell single-quoted string (no `'`).
 */
export type Ctx = 'sql' | 'dq' | 'sq';

/** Plain words: what the insertion property inserts (no quotes, comment markers, `;`, `$`, newlines, `crdb`, `:`). */
export const PLAIN_WORDS = [
  'lorem', 'ipsum', 'RESTORE', 'BACKUP', 'FROM', 'LATEST', 'IN', 'INTO', 'DATABASE', 'TABLE', 'SYSTEM', 'USERS',
  'WITH', 'target', 'version', '24.3', '23.2', 'x1', 'é', '中文', '😀', 'AS', 'OF', 'TIME', 'detached', 'mixed',
  '(', ')', ',', '.', '!', '?', '=', '+', '%', '@', '_', '  ', '\t',
];

export const plainWords: fc.Arbitrary<string> = fc
  .array(fc.constantFrom(...PLAIN_WORDS), { minLength: 1, maxLength: 6 })
  .map((ws) => ws.join(' '));

// Inert body atoms per kind of body. None contains ':' (so no insertion can form `crdb:`).
const BODY_WORDS = ['lorem', 'RESTORE FROM LATEST IN x', 'BACKUP INTO y', 'é', '中文', '😀', ' ', '  ', '.', ',', '(', ')', '!', '?', '#', '<', '>', '=', '@'];

function atoms(extra: string[]): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...BODY_WORDS, ...extra), { maxLength: 8 }).map((a) => a.join(''));
}

/** Bodies of '…' strings: `''` escapes, and text that would be syntax outside the string. */
function stringBody(ctx: Ctx): fc.Arbitrary<string> {
  const extra = ["''", ';', '--', '/*', '*/', 'RESTORE FROM LATEST IN ', '\n', '\\'];
  if (ctx === 'sql') extra.push('"', '$$', '$a$', '`');
  return atoms(extra);
}
/** Bodies of e'…' strings: backslash escapes. Only top-level SQL (the shell would eat the backslashes). */
const eStringBody = atoms(["\\'", '\\\\', '\\n', "''", ';', '--', '/*']);
function lineCommentBody(ctx: Ctx): fc.Arbitrary<string> {
  const extra = [';', '--', '/*', '*/', 'RESTORE FROM LATEST IN ', '-'];
  if (ctx !== 'sq') extra.push("'");
  if (ctx !== 'dq') extra.push('"', '$$', '`');
  return atoms(extra).map((b) => ` ${b}`);
}
function blockCommentBody(ctx: Ctx): fc.Arbitrary<string> {
  const extra = [';', '--', '/* nested */', '/* a /* b */ c */', '\n', '*', '/', 'RESTORE FROM LATEST IN '];
  if (ctx !== 'sq') extra.push("'");
  if (ctx !== 'dq') extra.push('"', '$$', '`');
  return atoms(extra).map((b) => ` ${b} `);
}
function dollarBody(ctx: Ctx): fc.Arbitrary<string> {
  const extra = [';', '--', '/*', '*/', '\n', '"', 'RESTORE FROM LATEST IN '];
  if (ctx !== 'sq') extra.push("'");
  return atoms(extra);
}
function qidentBody(ctx: Ctx): fc.Arbitrary<string> {
  return atoms(ctx === 'sq' ? [';', '--', '/*', '""', '$$'] : ["''", "'", ';', '--', '/*', '""', '$$']);
}
/** HTML comment bodies in markdown prose (not directives). */
const htmlCommentBody = atoms(["'", '"', '```', '-', '->', '\n', '`code`', '*', '_', '[x]']).map((b) => ` ${b} `);
/** `# …` comment lines in shell blocks. */
const shellCommentBody = atoms(["'", '"', '-', '`', '$x', ';']).map((b) => ` ${b}`);

// ---------------------------------------------------------------------------------------------
// SQL fragments

type P = Piece[];
const s = (x: string): P => [x];
const cat = (...xs: P[]): P => ([] as P).concat(...xs);

/** An inert string literal: '…', e'…' (top level only), or $$…$$ / $tag$…$tag$ (not in double quotes). */
export function inertString(ctx: Ctx): fc.Arbitrary<P> {
  const options: fc.Arbitrary<P>[] = [];
  if (ctx !== 'sq') options.push(stringBody(ctx).map((b) => cat(s("'"), [{ body: b }], s("'"))));
  if (ctx === 'sql') options.push(eStringBody.map((b) => cat(s("e'"), [{ body: b }], s("'"))));
  if (ctx !== 'dq') {
    options.push(
      fc.tuple(fc.constantFrom('', 'a', 'tag', 'x_1', 'é'), dollarBody(ctx)).map(([tag, b]) => cat(s(`$${tag}$`), [{ body: b }], s(`$${tag}$`))),
    );
  }
  return fc.oneof(...options);
}

/** A comment that is not a directive: `-- …` (with its line end) or a nesting block comment. */
export function inertComment(ctx: Ctx): fc.Arbitrary<P> {
  return fc.oneof(
    lineCommentBody(ctx).map((b) => cat(s('--'), [{ body: b }], s('\n'))),
    blockCommentBody(ctx).map((b) => cat(s('/*'), [{ body: b }], s('*/'))),
  );
}

/** Whitespace between tokens, sometimes with a comment in it. */
function gap(ctx: Ctx): fc.Arbitrary<P> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(' ', ' ', '\n', '  ', '\t', '\n  ').map(s) },
    { weight: 1, arbitrary: inertComment(ctx).map((c) => cat(s(' '), c, s(' '))) },
  );
}

function uriLiteral(ctx: Ctx): fc.Arbitrary<string> {
  return fc.constantFrom(...URIS).map((u) => (ctx === 'sq' ? `$$${u}$$` : `'${u}'`));
}

function collection(ctx: Ctx): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: uriLiteral(ctx) },
    { weight: 1, arbitrary: fc.tuple(uriLiteral(ctx), uriLiteral(ctx)).map(([a, b]) => `(${a}, ${b})`) },
    { weight: 1, arbitrary: fc.constantFrom(ctx === 'dq' ? "'s3://x/y'" : '$2') },
  );
}

function withOptions(ctx: Ctx): fc.Arbitrary<P> {
  const str = ctx === 'sq' ? fc.constant(s('$$x$$')) : inertString(ctx);
  return fc.oneof(
    fc.constant(s('')),
    fc.constantFrom(' WITH detached', ' WITH unsafe_restore_incompatible_version', ' WITH OPTIONS (detached, skip_missing_foreign_keys)', ' WITH revision_history').map(s),
    str.map((v) => cat(s(' WITH incremental_location = '), v)),
    str.map((v) => cat(s(' WITH new_db_name = '), v, s(', detached'))),
  );
}

function asOf(ctx: Ctx): fc.Arbitrary<P> {
  if (ctx === 'sq') return fc.constant(s(''));
  return fc.oneof(fc.constant(s('')), stringBody(ctx).map((b) => cat(s(" AS OF SYSTEM TIME '-10s"), [{ body: b }], s("'"))));
}

export function restoreStmt(ctx: Ctx): fc.Arbitrary<P> {
  const target = fc.constantFrom('', 'TABLE bank.accounts', 'TABLE t1, t2', 'DATABASE bank', 'DATABASE a, b', 'SYSTEM USERS', 'bank.customers', 'VIRTUAL CLUSTER vc');
  const locator = fc.constantFrom('LATEST', ctx === 'sq' ? '$$2024/01/01-120000.00$$' : "'2024/01/01-120000.00'", '$1', ctx === 'sq' ? 'LATEST' : "'latest'");
  const current = fc
    .tuple(fc.constantFrom('RESTORE', 'restore', 'Restore'), target, locator, collection(ctx), gap(ctx), gap(ctx), asOf(ctx), withOptions(ctx))
    .map(([kw, t, loc, coll, g1, g2, a, w]) => cat(s(kw), g1, s(t ? `${t} ` : ''), s('FROM'), g2, s(`${loc} IN ${coll}`), a, w));
  const old = fc
    .tuple(target, uriLiteral(ctx), fc.option(uriLiteral(ctx)), withOptions(ctx))
    .map(([t, u1, u2, w]) => cat(s(`RESTORE ${t ? `${t} ` : ''}FROM ${u1}${u2 ? `, ${u2}` : ''}`), w));
  return fc.oneof({ weight: 4, arbitrary: current }, { weight: 1, arbitrary: old });
}

export function backupStmt(ctx: Ctx): fc.Arbitrary<P> {
  const target = fc.constantFrom('', ' TABLE bank.accounts', ' DATABASE bank', ' DATABASE a, b');
  const into = fc.constantFrom('', 'LATEST IN ', ctx === 'sq' ? '' : "'2024/01/01-120000.00' IN ");
  const current = fc
    .tuple(target, into, collection(ctx), gap(ctx), asOf(ctx), withOptions(ctx))
    .map(([t, i, coll, g, a, w]) => cat(s(`BACKUP${t}`), g, s(`INTO ${i}${coll}`), a, w));
  const old = fc.tuple(target, uriLiteral(ctx)).map(([t, u]) => s(`BACKUP${t} TO ${u}`));
  const schedule = fc
    .tuple(target, collection(ctx))
    .map(([t, c]) =>
      s(
        ctx === 'sq'
          ? `CREATE SCHEDULE s FOR BACKUP${t} INTO ${c} RECURRING $$@daily$$`
          : `CREATE SCHEDULE s FOR BACKUP${t} INTO ${c} RECURRING '@daily' WITH SCHEDULE OPTIONS first_run = 'now'`,
      ),
    );
  return fc.oneof({ weight: 4, arbitrary: current }, { weight: 1, arbitrary: old }, { weight: 1, arbitrary: schedule });
}

export function otherStmt(ctx: Ctx): fc.Arbitrary<P> {
  const str = inertString(ctx);
  const options: fc.Arbitrary<P>[] = [
    fc.constantFrom('SELECT 1', 'SET CLUSTER SETTING kv.rangefeed.enabled = true', 'CREATE TABLE t (a INT PRIMARY KEY)', 'SHOW JOBS', 'SELECT a >= 2 FROM t', 'SELECT j @> j2 FROM t').map(s),
    str.map((v) => cat(s('SELECT '), v)),
    fc.tuple(str, str).map(([a, b]) => cat(s('INSERT INTO t VALUES ('), a, s(', '), b, s(')'))),
    str.map((v) => cat(s('COMMENT ON TABLE t IS '), v)),
    collection(ctx).map((c) => s(`SHOW BACKUPS IN ${c}`)),
    fc.constant(s('CREATE FUNCTION f() RETURNS INT LANGUAGE SQL BEGIN ATOMIC SELECT 1; SELECT 2; END')),
    // Version evidence (docs/how-versions-are-known.md), and shapes that are not evidence.
    fc.constantFrom(...VERSIONS, ...BAD_VERSIONS, '{{ page.version }}').map((v) =>
      s(ctx === 'sq' ? `SET CLUSTER SETTING version = $$${v}$$` : `SET CLUSTER SETTING version = '${v}'`),
    ),
    fc.constantFrom(...VERSIONS, 'DEFAULT', '<previous version>').map((v) =>
      s(`SET CLUSTER SETTING cluster.preserve_downgrade_option = ${v === 'DEFAULT' ? v : ctx === 'sq' ? `$$${v}$$` : `'${v}'`}`),
    ),
    fc.constantFrom('RESET CLUSTER SETTING cluster.preserve_downgrade_option', 'RESET CLUSTER SETTING version', 'SHOW CLUSTER SETTING version').map(s),
  ];
  if (ctx !== 'dq') options.push(qidentBody(ctx).map((b) => cat(s('SELECT "'), [{ body: b }], s('" FROM t'))));
  return fc.oneof(...options);
}

export function directiveText(): fc.Arbitrary<string> {
  const value = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...VERSIONS) },
    { weight: 1, arbitrary: fc.constantFrom(...BAD_VERSIONS) },
  );
  const entry = fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom('target-version', 'backup-version'), value).map(([k, v]) => `${k}=${v}`) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('target-version', 'backup-version'), fc.constantFrom(...VERSIONS)).map(([k, v]) => `${k}="${v}"`) },
    { weight: 1, arbitrary: fc.constantFrom('mixed-version', 'mixed-version=true', 'mixed-version=false', 'mixed-version=yes') },
    { weight: 1, arbitrary: fc.array(fc.constantFrom(...RULE_IDS, 'no-such-rule'), { minLength: 1, maxLength: 3 }).map((ids) => `ignore=${ids.join(',')}`) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...BAD_KEYS, ...KEYS), value).map(([k, v]) => `${k}=${v}`) },
    { weight: 1, arbitrary: fc.constantFrom('target-version=', 'key', '=24.1', 'target-version=\'24.1') },
  );
  return fc.array(entry, { minLength: 0, maxLength: 3 }).map((es) => `crdb: ${es.join(' ')}`);
}

/** A directive in SQL: `-- crdb: …` (with its line end) or `/* crdb: … *\/`. Quotes adapted to the context. */
export function sqlDirective(ctx: Ctx): fc.Arbitrary<P> {
  const adapt = (d: string) => (ctx === 'dq' ? d.replace(/"/g, "'") : ctx === 'sq' ? d.replace(/'/g, '"') : d);
  return fc.oneof(
    directiveText().map((d) => s(`-- ${adapt(d)}\n`)),
    directiveText().map((d) => s(`/* ${adapt(d)} */`)),
  );
}

const PROMPTS = ['> ', 'root@localhost:26257/defaultdb> ', 'demo@127.0.0.1:26257/movr  OPEN> '];

/** A sequence of SQL statements, directives and comments, with terminators and separators. */
export function sqlScript(ctx: Ctx, maxItems = 12): fc.Arbitrary<P> {
  const stmt = fc.oneof(
    { weight: 4, arbitrary: restoreStmt(ctx) },
    { weight: 3, arbitrary: backupStmt(ctx) },
    { weight: 2, arbitrary: otherStmt(ctx) },
  );
  const term = fc.constantFrom(';\n', ';\n', '; ', ';', '\n', ';\n\n', ' ;  -- trailing\n');
  const item = fc.oneof(
    { weight: 6, arbitrary: fc.tuple(stmt, term).map(([a, t]) => cat(a, s(t))) },
    { weight: 3, arbitrary: sqlDirective(ctx) },
    // A directive trailing on the statement's line belongs to it.
    { weight: 1, arbitrary: fc.tuple(stmt, sqlDirective(ctx)).map(([a, d]) => cat(a, s('; '), d, s('\n'))) },
    { weight: 2, arbitrary: inertComment(ctx).map((c) => cat(c, s('\n'))) },
  );
  const items = fc.array(item, { minLength: 0, maxLength: maxItems });
  if (ctx !== 'sql') return items.map((xs) => cat(...xs));
  // Top level: sometimes a terminal transcript (prompts, continuation prompts, output lines).
  const prompted = fc
    .array(
      fc.tuple(fc.constantFrom(...PROMPTS), stmt, fc.constantFrom(';\n', ';\n  job_id\n-----------\n  1234\n(1 row)\n', ';\nERROR: x\n')),
      { maxLength: 4 },
    )
    .map((xs) =>
      cat(
        ...xs.map(([p, st, out]) =>
          // A statement's later lines get the `-> ` continuation prompt.
          cat(s(p), st.map((x) => (typeof x === 'string' ? x.replace(/\n/g, '\n-> ') : x)), s(out)),
        ),
      ),
    );
  const backslashed = restoreStmt(ctx).map((st) => cat(st.map((x) => (typeof x === 'string' ? x.replace(/ (FROM|IN) /g, ' \\\n  $1 ') : x)), s(';\n')));
  return fc
    .tuple(items, fc.option(prompted, { freq: 4 }), fc.option(backslashed, { freq: 6 }), items)
    .map(([a, p, b, c]) => cat(...a, p ?? [], b ?? [], ...c));
}

// ---------------------------------------------------------------------------------------------
// Markdown fragments

/** Prefixes every line after the first with `cont` (and the first with `first`). */
function contain(pieces: P, first: string, cont: string): P {
  return cat(
    s(first),
    pieces.map((x) => {
      if (typeof x === 'string') return x.replace(/\n/g, `\n${cont}`);
      return { body: x.body.replace(/\n/g, `\n${cont}`) };
    }),
  );
}

const CONTAINERS: [string, string][] = [
  ['', ''],
  ['', ''],
  ['- ', '  '],
  ['1. ', '   '],
  ['> ', '> '],
  ['>', '>'],
  ['- > ', '  > '],
  ['> - ', '>   '],
  ['  * ', '    '],
  ['- - ', '    '],
  ['> > ', '> > '],
];

const SQL_INFOS = ['sql', 'SQL', 'psql', 'crdb', 'cockroachdb', 'cockroach', 'sql title="restore"', 'sql{1,3}', '{.sql}', 'sql,ignore'];
const SHELL_INFOS = ['sh', 'bash', 'shell', 'console', 'zsh', 'shell-session'];

/** A fenced code block: SQL, shell or something else; closed, unclosed or closed by the wrong marker. */
function fence(): fc.Arbitrary<P> {
  const marker = fc.constantFrom('```', '````', '~~~', '~~~~');
  const closing = fc.constantFrom('same', 'same', 'same', 'same', 'none', 'other');
  const sqlFence = fc.tuple(marker, fc.constantFrom(...SQL_INFOS), sqlScript('sql', 6), closing).map(([m, info, body, c]) => ({ m, info, body, c }));
  const shellFence = fc.tuple(marker, fc.constantFrom(...SHELL_INFOS), shellScript(), closing).map(([m, info, body, c]) => ({ m, info, body, c }));
  const otherFence = fc
    .tuple(marker, fc.constantFrom('', 'text', 'yaml', 'sqlx', 'js'), sqlScript('sql', 3), closing)
    .map(([m, info, body, c]) => ({ m, info, body: body.map((x) => (typeof x === 'string' ? x : x.body)), c }));
  // YAML manifests and transcripts: evidence in blocks of any language.
  const evidenceFence = fc
    .tuple(marker, fc.constantFrom('yaml', 'console', 'text', ''), fc.constantFrom(...EVIDENCE_VERSIONS), closing)
    .map(([m, info, v, c]) => ({
      m,
      info,
      body: [`spec:\n  cockroachDBVersion: v${v}\n  image: cockroachdb/cockroach:v${v} # pinned\n  tag: v${v}\n  CockroachDB CCL v${v} (x86_64)`] as P,
      c,
    }));
  return fc
    .tuple(
      fc.oneof({ weight: 4, arbitrary: sqlFence }, { weight: 2, arbitrary: shellFence }, { weight: 1, arbitrary: otherFence }, { weight: 1, arbitrary: evidenceFence }),
      fc.constantFrom(...CONTAINERS),
    )
    .map(([{ m, info, body, c }, [first, cont]]) => {
      const close = c === 'same' ? `\n${m}\n` : c === 'other' ? `\n${m[0] === '`' ? '~~~' : '```'}\n` : '\n';
      const inner = cat(s(`${m}${info}\n`), body, s(close));
      return contain(inner, first, cont);
    });
}

/** Lines of a shell block: `cockroach sql -e "…"`, `--execute='…'`, heredocs, `# …` comments, prompts, output. */
export function shellScript(): fc.Arbitrary<P> {
  const dq = sqlScript('dq', 3);
  const sq = sqlScript('sq', 3);
  const line = fc.oneof(
    dq.map((sql) => cat(s('cockroach sql --insecure -e "'), sql, s('"\n'))),
    dq.map((sql) => cat(s('$ cockroach sql --url "$DATABASE_URL" --execute="'), sql, s('"\n'))),
    sq.map((sql) => cat(s("cockroach sql --execute '"), sql, s("'\n"))),
    sq.map((sql) => cat(s("./cockroach sql \\\n  --certs-dir=certs \\\n  -e '"), sql, s("'\n"))),
    sqlScript('sql', 3).map((sql) => cat(s('cockroach sql --insecure <<EOF\n'), sql, s('\nEOF\n'))),
    directiveText().map((d) => s(`# ${d}\n`)),
    shellCommentBody.map((b) => cat(s('#'), [{ body: b }], s('\n'))),
    fc.constantFrom('echo "hello $USER"\n', 'export X=1; ls -la | grep x\n', 'cockroach start --insecure &\n', 'job_id\n------\n(1 row)\n').map(s),
    // Binaries and transcript banners, with placeholders and comments that are no evidence.
    fc.constantFrom(...EVIDENCE_VERSIONS).chain((v) =>
      fc.constantFrom(
        `curl -O https://binaries.cockroachdb.com/cockroach-v${v}.linux-amd64.tgz\n`,
        `docker pull cockroachdb/cockroach:v${v}\n`,
        `helm upgrade db cockroachdb/cockroachdb --set image.tag=v${v} --reuse-values\n`,
        `Build Tag:        v${v}\n`,
        `# Server version: CockroachDB CCL v${v} (x86_64-pc-linux-gnu)\n`,
        `# curl -O https://binaries.cockroachdb.com/cockroach-v${v}.linux-amd64.tgz\n`,
        `# Client version: CockroachDB OSS v${v}\n`,
      ).map(s),
    ),
    fc.constantFrom('curl -O https://x/cockroach-{VERSION}.tgz\n', 'docker pull cockroachdb/cockroach:$TAG\n', 'docker pull cockroachdb/cockroach:v{{ v }}\n').map(s),
  );
  return fc.array(line, { maxLength: 4 }).map((ls) => cat(...ls));
}

function frontMatter(): fc.Arbitrary<P> {
  const v = fc.constantFrom(...VERSIONS, ...BAD_VERSIONS);
  return fc.oneof(
    fc.tuple(v, v).map(([a, b]) => s(`---\ntitle: Restore\ncrdb:\n  target-version: "${a}"\n  backup-version: ${b}\n---\n`)),
    fc.tuple(v, fc.constantFrom('true', 'false', 'yes')).map(([a, m]) => s(`---\ncrdb: { target-version: ${a}, mixed-version: ${m} }\n---\n`)),
    v.map((a) => s(`---\ncrdb:\n  target-versoin: ${a}\n  ignore: missing-version\n...\n`)),
    v.map((a) => s(`---\ncrdb:\n  target-version: '${a}'\n`)), // never closed: not front matter
    fc.constant(s('---\n---\n')),
  );
}

/** `crdb:` as written, or one of the spellings the parser does not read, chosen from the text (no extra randomness needed). */
function fcColonless(d: string): string {
  return ['crdb:', 'crdb', 'crdb :', 'CRDB:'][d.length % 4];
}

function prose(): fc.Arbitrary<P> {
  return fc.oneof(
    fc.constantFrom(
      '# Restore runbook\n',
      'Take the backup on the old cluster:\n',
      'Some *emphasis*, a [link](https://example.invalid) and `RESTORE FROM LATEST IN x`.\n',
      'Use `<!-- crdb: target-version=22.2 -->` in your docs.\n',
      '\\<!-- crdb: target-version=22.2 -->\n',
      '    RESTORE FROM LATEST IN \'s3://indented/code\';\n',
      '<div>\n<!-- crdb: target-version=24.3 -->\n</div>\n',
      '***\n',
      'Setext\n===\n',
      '<!-- unterminated comment\n',
      '| a | b |\n|---|---|\n| 1 | 2 |\n',
      // Evidence shapes in prose, headings, links and inline code: never evidence.
      '## Upgrade to cockroach-v24.3.1\n',
      'Download [cockroach-v24.3.1](https://binaries.cockroachdb.com/cockroach-v24.3.1.linux-amd64.tgz) first.\n',
      "Run `SET CLUSTER SETTING version = '24.3'` and check `Build Tag: v24.3.1`.\n",
      "Then SET CLUSTER SETTING cluster.preserve_downgrade_option = '24.1'; in prose.\n",
    ).map(s),
    directiveText().map((d) => s(`<!-- ${d} -->\n`)),
    // Directive look-alikes (docs/rules/directive-lookalike.md): directive text where none is read.
    // Comments are closed on their line (an open one would swallow the recorded bodies after it).
    fc
      .tuple(fc.constantFrom<[string, string]>(['', ''], ['-- ', ''], ['/* ', ' */'], ['// ', ''], ['# ', ''], ['- ', ''], ['> ', ''], ['<!-- ', ' -->']), directiveText())
      .map(([[open, close], d]) => s(`${open}${d.replace(/^crdb:/, fcColonless(d))}${close}\n`)),
    fc.tuple(fc.constantFrom(...CONTAINERS), directiveText()).map(([[first], d]) => s(`${first}Restore on the new cluster <!-- ${d} --> now.\n`)),
    htmlCommentBody.map((b) => cat(s('Text <!--'), [{ body: b }], s('--> more text\n'))),
    htmlCommentBody.map((b) => cat(s('<!--'), [{ body: b }], s('-->\n'))),
  );
}

/** A markdown runbook: optional front matter, then prose and fences separated by blank lines or not. */
export function markdownDoc(maxBlocks = 10): fc.Arbitrary<P> {
  const block = fc.oneof({ weight: 3, arbitrary: fence() }, { weight: 2, arbitrary: prose() });
  return fc
    .tuple(fc.option(frontMatter(), { freq: 3 }), fc.array(fc.tuple(block, fc.constantFrom('\n', '\n', '')), { maxLength: maxBlocks }))
    .map(([fm, blocks]) => cat(fm ?? [], ...blocks.map(([b, sep]) => cat(b, s(sep)))));
}

// ---------------------------------------------------------------------------------------------
// Whole documents

/** A well-formed-ish document with its inert bodies known (for the insertion property). */
export const structuredDoc: fc.Arbitrary<FuzzDoc> = fc
  .tuple(
    fc.oneof(
      sqlScript('sql').map((p) => ['sql', p] as const),
      markdownDoc().map((p) => ['markdown', p] as const),
    ),
    fc.constantFrom<Eol>('lf', 'lf', 'lf', 'crlf', 'cr', 'mixed'),
    fc.integer({ min: 0, max: 9 }),
  )
  .map(([[lang, pieces], eol, bomRoll]) => build(lang, pieces, eol, bomRoll === 0));

const SPECIAL_INSERTS = [
  "'", '"', '$$', '$a$', '/*', '*/', '--', ';', '\n', '\r', '\r\n', '\0', '\uD800', '\uDC00', '\uFEFF', '```', '~~~',
  '<!--', '-->', '> ', '\\', '\n---\n', 'RESTORE FROM LATEST IN \'s3://x\'', ' crdb: target-version=24.3 ', '\t', '\u2028',
  '😀', 'e\'', '-e "', '<<EOF\n',
];

/** One mutation: the text changed in a way that may break any structure. */
export type Mutation =
  | { op: 'truncate'; at: number }
  | { op: 'delete'; at: number; len: number }
  | { op: 'insert'; at: number; what: string }
  | { op: 'duplicate'; at: number; len: number }
  | { op: 'eol'; to: string }
  | { op: 'bom' };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }).map((at) => ({ op: 'truncate' as const, at })),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 40 })).map(([at, len]) => ({ op: 'delete' as const, at, len })),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...SPECIAL_INSERTS)).map(([at, what]) => ({ op: 'insert' as const, at, what })),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 200 })).map(([at, len]) => ({ op: 'duplicate' as const, at, len })),
  fc.constantFrom('\r\n', '\r', '\n\r').map((to) => ({ op: 'eol' as const, to })),
  fc.constant({ op: 'bom' as const }),
);

export function applyMutation(text: string, m: Mutation): string {
  const pos = (at: number) => Math.min(text.length, Math.floor(at * (text.length + 1)));
  switch (m.op) {
    case 'truncate':
      return text.slice(0, pos(m.at));
    case 'delete': {
      const p = pos(m.at);
      return text.slice(0, p) + text.slice(p + m.len);
    }
    case 'insert': {
      const p = pos(m.at);
      return text.slice(0, p) + m.what + text.slice(p);
    }
    case 'duplicate': {
      const p = pos(m.at);
      return text.slice(0, p) + text.slice(p, p + m.len) + text.slice(p);
    }
    case 'eol':
      return text.replace(/\n/g, m.to);
    case 'bom':
      return `\uFEFF${text}`;
  }
}

/** A structured document broken by a few mutations. */
export const mutatedDoc: fc.Arbitrary<{ lang: Lang; text: string }> = fc
  .tuple(structuredDoc, fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.boolean())
  .map(([d, ms, swapLang]) => ({
    // Also feed SQL to the markdown extractor and the other way round.
    lang: swapLang && ms.length > 2 ? (d.lang === 'sql' ? 'markdown' : 'sql') : d.lang,
    text: ms.reduce(applyMutation, d.text),
  }));

/** Raw noise over the characters that matter to the scanners. */
export const noiseDoc: fc.Arbitrary<{ lang: Lang; text: string }> = fc
  .tuple(
    fc.constantFrom<Lang>('sql', 'markdown'),
    fc.array(
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...SPECIAL_INSERTS, 'RESTORE', 'BACKUP', 'FROM', 'LATEST', 'IN', 'INTO', ' ', '\n', 'crdb:', 'target-version=', '24.3', '- ', '1. ', '>', '#', '`', '$1', 'x') },
        { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 5 }) },
      ),
      { maxLength: 80 },
    ),
  )
  .map(([lang, parts]) => ({ lang, text: parts.join('') }));

const R = "RESTORE DATABASE d FROM LATEST IN 's3://x';";

/**
 * Hostile shapes (issue 15): `ignore=` with thousands of empty entries (fixes were rebuilt per
 * entry), runs of `[` (the plain-text hover), collection URIs with markdown and control
 * characters (hover escaping), directives with thousands of keys.
 */
export const hostileDoc: fc.Arbitrary<{ lang: Lang; text: string }> = fc
  .tuple(fc.constantFrom<Lang>('sql', 'markdown'), fc.integer({ min: 1, max: 3000 }), fc.nat(5))
  .map(([lang, n, shape]) => {
    const sqlLines = [
      `-- crdb: backup-version=23.2 target-version=24.3 ignore=${','.repeat(n)}\n${R}\n`,
      `-- crdb: ignore=${'x,'.repeat(n)}restore-skips-relase\n${R}\n`,
      `-- crdb: target-version=24.3\nRESTORE DATABASE d FROM LATEST IN '${'['.repeat(n)}';\n`,
      `-- crdb: target-version=24.3\nRESTORE DATABASE d FROM LATEST IN 's3://b/![x](https://e.example/p.png)<img>|\u001b]0;t\u0007${'`'.repeat(n % 50)}';\n`,
      `-- crdb: ${'target-version=24.3 '.repeat(Math.min(n, 500))}\n${R}\n`,
      `${'['.repeat(n)}\n${R}\n`,
    ];
    const body = sqlLines[shape];
    return { lang, text: lang === 'sql' ? body : `# Runbook\n\n\`\`\`sql\n${body}\`\`\`\n${'['.repeat(n)}\n` };
  });

/** Any document the fuzzer runs: structured, mutated, noise or hostile. */
export const anyDoc: fc.Arbitrary<{ lang: Lang; text: string }> = fc.oneof(
  { weight: 3, arbitrary: structuredDoc.map((d) => ({ lang: d.lang, text: d.text })) },
  { weight: 4, arbitrary: mutatedDoc },
  { weight: 1, arbitrary: noiseDoc },
  { weight: 1, arbitrary: hostileDoc },
);

/** `count` distinct extra releases (30.1, 30.2, …), every third one regular. */
export function manyExtraReleases(count: number): { version: string; type: 'regular' | 'innovation' }[] {
  return Array.from({ length: count }, (_, i) => ({ version: `${30 + Math.floor(i / 50)}.${(i % 50) + 1}`, type: i % 3 === 0 ? ('regular' as const) : ('innovation' as const) }));
}

/** A .gitignore of many-wildcard lines (and ordinary ones) and a path to match against it. */
export const gitignoreCase: fc.Arbitrary<{ patterns: string; path: string; isDir: boolean }> = fc.record({
  patterns: fc
    .array(
      fc.array(fc.constantFrom('*', 'a', '*a', '**', '/', '?', '[a-c]', '[!b]', '!', '\\', 'b', '.sql', '**/', '/**', ' ', '['), { minLength: 1, maxLength: 40 }).map((p) => p.join('')),
      { minLength: 1, maxLength: 6 },
    )
    .map((lines) => lines.join('\n')),
  path: fc.tuple(fc.integer({ min: 1, max: 400 }), fc.constantFrom('.sql', 'b', '/a.md', '/b/c.sql', '')).map(([n, tail]) => `${'a'.repeat(n)}${tail}`),
  isDir: fc.boolean(),
});

/** Settings the analysis runs with: the defaults, or a default target, rule levels and extra releases. */
export interface FuzzSettings {
  defaultTargetVersion?: string;
  rules?: Record<string, string>;
  extraReleases?: { version: string; type: 'regular' | 'innovation'; gaDate?: string; supportEnd?: string }[];
  today: string;
}

export const fuzzSettings: fc.Arbitrary<FuzzSettings> = fc.record(
  {
    today: fc.constantFrom('2025-06-01', '2027-01-01', '2020-01-01'),
    defaultTargetVersion: fc.constantFrom('24.3', '25.2', '2.1', '27.1'),
    rules: fc.dictionary(fc.constantFrom(...RULE_IDS), fc.constantFrom('error', 'warning', 'information', 'hint', 'off'), { maxKeys: 3 }),
    extraReleases: fc.oneof(
      fc.constantFrom<NonNullable<FuzzSettings['extraReleases']>>(
        [{ version: '26.4', type: 'regular' as const, gaDate: '2026-11-01', supportEnd: '2027-11-01' }],
        [{ version: '27.1', type: 'innovation' as const }, { version: '27.2', type: 'regular' as const }],
        [{ version: '24.2', type: 'regular' as const }],
      ),
      // Hundreds of entries (the policy was cubic in them).
      fc.integer({ min: 100, max: 1000 }).map(manyExtraReleases),
    ),
  },
  { requiredKeys: ['today'] },
);
