// Documents with one problem each, for the quick-fix round trips: every rule (each has at
// least the "ignore" fix), in SQL files, in markdown fences inside lists and block quotes, in
// front matter, behind terminal prompts, and in shell `-e "…"` / `--execute=` / heredoc SQL.

export interface FixCase {
  name: string;
  file: string;
  text: string;
  /** The rule whose diagnostic the fixes are asked for. */
  rule: string;
  /** Titles of the quick fixes offered for it, in order (without "Show documentation"). */
  titles: string[];
}

const ignoreTitle = (rule: string, on: 'statement' | 'directive' = 'statement') => `Ignore ${rule} for this ${on}`;

export const FIX_CASES: FixCase[] = [
  // ---- SQL files
  {
    name: 'restore-skips-release in SQL',
    file: 'skips.sql',
    rule: 'restore-skips-release',
    text: `-- crdb: backup-version=23.2 target-version=24.3
RESTORE DATABASE bank FROM LATEST IN 's3://backups/bank';
`,
    titles: [
      'Restore through 24.1 (upgrade path 23.2 → 24.1 → 24.3)',
      'Run this RESTORE on a 23.2 cluster',
      'Run this RESTORE on a 24.1 cluster',
      ignoreTitle('restore-skips-release'),
    ],
  },
  {
    name: 'restore-to-older-version in SQL',
    file: 'older.sql',
    rule: 'restore-to-older-version',
    text: `-- crdb: backup-version=25.2 target-version=24.3
RESTORE TABLE bank.accounts FROM LATEST IN 'gs://b/c';
`,
    titles: [
      'Run this RESTORE on a 25.2 cluster',
      'Run this RESTORE on a 25.3 cluster',
      'Run this RESTORE on a 25.4 cluster',
      ignoreTitle('restore-to-older-version'),
    ],
  },
  {
    name: 'full-restore-mixed-version in SQL',
    file: 'mixed.sql',
    rule: 'full-restore-mixed-version',
    text: `-- crdb: backup-version=24.1 target-version=24.3 mixed-version
RESTORE FROM LATEST IN 's3://backups/prod';
`,
    titles: ['Finalize the upgrade before this full-cluster RESTORE', ignoreTitle('full-restore-mixed-version')],
  },
  {
    name: 'missing-version in SQL',
    file: 'missing.sql',
    rule: 'missing-version',
    text: `SELECT 1;
RESTORE DATABASE bank FROM LATEST IN 's3://backups/bank';
`,
    titles: ['Add a version directive (fill in the ? values)', ignoreTitle('missing-version')],
  },
  {
    name: 'unknown-directive-key in SQL',
    file: 'key.sql',
    rule: 'unknown-directive-key',
    text: `-- crdb: backup-version=24.1 target-verison=24.3
RESTORE DATABASE bank FROM LATEST IN 's3://backups/bank';
`,
    titles: ['Change "target-verison" to "target-version"', ignoreTitle('unknown-directive-key', 'directive')],
  },
  {
    name: 'invalid-directive-value (mixed-version=yes) in SQL',
    file: 'value.sql',
    rule: 'invalid-directive-value',
    text: `-- crdb: backup-version=24.1 target-version=24.3 mixed-version=yes
RESTORE DATABASE bank FROM LATEST IN 's3://backups/bank';
`,
    titles: ['Change the value to true', ignoreTitle('invalid-directive-value', 'directive')],
  },
  {
    name: 'invalid-directive-value (ignore= typo) in SQL',
    file: 'ignoreid.sql',
    rule: 'invalid-directive-value',
    text: `-- crdb: backup-version=24.1 target-version=24.3 ignore=restore-skip-release
RESTORE DATABASE bank FROM LATEST IN 's3://backups/bank';
`,
    titles: ['Change to "restore-skips-release"', 'Ignore invalid-directive-value for this directive'],
  },
  // ---- markdown: fences in lists and block quotes, HTML directives, shell -e
  {
    name: 'restore-skips-release in a fence inside a list item',
    file: 'list.md',
    rule: 'restore-skips-release',
    text: `# Restore runbook

1. Restore the database:

   \`\`\`sql
   -- crdb: backup-version=23.2 target-version=24.3
   RESTORE DATABASE bank FROM LATEST IN 's3://backups/bank';
   \`\`\`
2. Check the row counts.
`,
    titles: [
      'Restore through 24.1 (upgrade path 23.2 → 24.1 → 24.3)',
      'Run this RESTORE on a 23.2 cluster',
      'Run this RESTORE on a 24.1 cluster',
      ignoreTitle('restore-skips-release'),
    ],
  },
  {
    name: 'restore-skips-release with an HTML directive, fence in a list (no attached directive)',
    file: 'listhtml.md',
    rule: 'restore-skips-release',
    text: `<!-- crdb: backup-version=23.2 target-version=24.3 -->
Steps:

- Restore:
  \`\`\`sql
  SELECT now();
  RESTORE DATABASE bank FROM LATEST IN 's3://backups/bank';
  \`\`\`
`,
    titles: [
      'Restore through 24.1 (upgrade path 23.2 → 24.1 → 24.3)',
      'Run this RESTORE on a 23.2 cluster',
      'Run this RESTORE on a 24.1 cluster',
      ignoreTitle('restore-skips-release'),
    ],
  },
  {
    name: 'restore-to-older-version in a fence inside a block quote',
    file: 'quote.md',
    rule: 'restore-to-older-version',
    text: `> **Note**
>
> \`\`\`sql
> -- crdb: backup-version=25.2 target-version=24.3
> RESTORE TABLE bank.accounts FROM LATEST IN 'gs://b/c';
> \`\`\`
`,
    titles: [
      'Run this RESTORE on a 25.2 cluster',
      'Run this RESTORE on a 25.3 cluster',
      'Run this RESTORE on a 25.4 cluster',
      ignoreTitle('restore-to-older-version'),
    ],
  },
  {
    name: 'full-restore-mixed-version in a fence inside a block quote in a list',
    file: 'quotelist.md',
    rule: 'full-restore-mixed-version',
    text: `<!-- crdb: backup-version=24.1 target-version=24.3 mixed-version -->
- On the new cluster:
  > ~~~sql
  > SHOW DATABASES;
  > RESTORE FROM LATEST IN 's3://backups/prod';
  > ~~~
`,
    titles: ['Finalize the upgrade before this full-cluster RESTORE', ignoreTitle('full-restore-mixed-version')],
  },
  {
    name: 'missing-version in a fence inside a list item',
    file: 'listmissing.md',
    rule: 'missing-version',
    text: `<!-- crdb: target-version=24.3 -->
* Restore:

  \`\`\`sql
  RESTORE DATABASE bank FROM LATEST IN 's3://backups/bank';
  \`\`\`
`,
    titles: ['Add a version directive (fill in the ? values)', ignoreTitle('missing-version')],
  },
  {
    name: 'unknown-directive-key in an HTML comment',
    file: 'htmlkey.md',
    rule: 'unknown-directive-key',
    text: `<!-- crdb: backup-version=24.1 traget-version=24.3 -->
\`\`\`sql
RESTORE DATABASE bank FROM LATEST IN 's3://backups/bank';
\`\`\`
`,
    titles: ['Change "traget-version" to "target-version"', ignoreTitle('unknown-directive-key', 'directive')],
  },
  {
    name: 'invalid-directive-value in a block-quoted fence',
    file: 'quotevalue.md',
    rule: 'invalid-directive-value',
    text: `> \`\`\`sql
> -- crdb: backup-version=24.1 target-version=24.3 mixed-version=no
> RESTORE DATABASE bank FROM LATEST IN 's3://backups/bank';
> \`\`\`
`,
    titles: ['Change the value to false', ignoreTitle('invalid-directive-value', 'directive')],
  },
  {
    name: 'restore-skips-release in a shell -e "…" block',
    file: 'shell.md',
    rule: 'restore-skips-release',
    text: `\`\`\`sh
# crdb: backup-version=23.2 target-version=24.3
cockroach sql --url "$URL" -e "RESTORE DATABASE bank FROM LATEST IN 's3://backups/bank';"
\`\`\`
`,
    titles: [
      'Run this RESTORE on a 23.2 cluster',
      'Run this RESTORE on a 24.1 cluster',
      ignoreTitle('restore-skips-release'),
    ],
  },
  {
    name: 'missing-version in a shell -e "…" block',
    file: 'shellmissing.md',
    rule: 'missing-version',
    text: `\`\`\`bash
cockroach sql --insecure \\
  -e "RESTORE DATABASE bank FROM LATEST IN 's3://backups/bank';"
\`\`\`
`,
    titles: ['Add a version directive (fill in the ? values)', ignoreTitle('missing-version')],
  },
  {
    name: 'full-restore-mixed-version in a shell -e "…" block',
    file: 'shellmixed.md',
    rule: 'full-restore-mixed-version',
    text: `<!-- crdb: backup-version=24.1 target-version=24.3 mixed-version=true -->
\`\`\`shell
cockroach sql -e "RESTORE FROM LATEST IN 's3://backups/prod';"
\`\`\`
`,
    titles: ['Finalize the upgrade before this full-cluster RESTORE', ignoreTitle('full-restore-mixed-version')],
  },
  {
    name: 'invalid-directive-value in front matter',
    file: 'frontmatter.md',
    rule: 'invalid-directive-value',
    text: `---
title: Restore
crdb:
  backup-version: "24.1"
  target-version: "24.3"
  mixed-version: yes
---
\`\`\`sql
RESTORE FROM LATEST IN 's3://backups/prod';
\`\`\`
`,
    titles: ['Change the value to true', ignoreTitle('invalid-directive-value', 'directive')],
  },
  {
    name: 'restore-skips-release set by front matter, RESTORE behind a terminal prompt',
    file: 'prompt.md',
    rule: 'restore-skips-release',
    text: `---
crdb:
  backup-version: "23.2"
  target-version: "24.3"
---
\`\`\`sql
root@localhost:26257/defaultdb> SHOW DATABASES;
  database_name
-----------------
  bank
(1 row)

root@localhost:26257/defaultdb> RESTORE DATABASE bank
                             -> FROM LATEST IN 's3://backups/bank';
\`\`\`
`,
    titles: [
      'Run this RESTORE on a 23.2 cluster',
      'Run this RESTORE on a 24.1 cluster',
      ignoreTitle('restore-skips-release'),
    ],
  },
  {
    name: 'restore-skips-release in a CRLF runbook, fence in a list',
    file: 'crlf.md',
    rule: 'restore-skips-release',
    text: "1. Restore:\r\n\r\n   ```sql\r\n   SELECT 1;\r\n   -- crdb: backup-version=23.2 target-version=24.3\r\n   RESTORE DATABASE bank FROM LATEST IN 's3://b';\r\n   ```\r\n",
    titles: [
      'Restore through 24.1 (upgrade path 23.2 → 24.1 → 24.3)',
      'Run this RESTORE on a 23.2 cluster',
      'Run this RESTORE on a 24.1 cluster',
      ignoreTitle('restore-skips-release'),
    ],
  },
  {
    name: 'missing-version in a cockroach sql heredoc',
    file: 'heredoc.md',
    rule: 'missing-version',
    text: "```sh\ncockroach sql --insecure <<EOF\nSELECT 1;\nRESTORE DATABASE bank FROM LATEST IN 's3://b';\nEOF\n```\n",
    titles: ['Add a version directive (fill in the ? values)', ignoreTitle('missing-version')],
  },
  {
    name: 'restore-to-older-version in a --execute="…" value',
    file: 'execute.md',
    rule: 'restore-to-older-version',
    text: "```console\n# crdb: backup-version=25.2 target-version=24.3\n$ cockroach sql --execute=\"RESTORE TABLE t FROM LATEST IN 's3://b';\"\n```\n",
    titles: [
      'Run this RESTORE on a 25.2 cluster',
      'Run this RESTORE on a 25.3 cluster',
      'Run this RESTORE on a 25.4 cluster',
      ignoreTitle('restore-to-older-version'),
    ],
  },
  // ---- rules whose only fix is "ignore"
  {
    name: 'version-end-of-support (ignore only)',
    file: 'eos.sql',
    rule: 'version-end-of-support',
    text: "-- crdb: backup-version=22.1 target-version=22.2\nRESTORE DATABASE bank FROM LATEST IN 's3://b';\n",
    titles: [ignoreTitle('version-end-of-support', 'directive')],
  },
  {
    name: 'invalid-version (ignore only)',
    file: 'invalid-version.sql',
    rule: 'invalid-version',
    text: "-- crdb: backup-version=24.1 target-version=24.x\nRESTORE DATABASE bank FROM LATEST IN 's3://b';\n",
    titles: [ignoreTitle('invalid-version', 'directive')],
  },
  {
    name: 'unknown-version (ignore only)',
    file: 'unknown-version.sql',
    rule: 'unknown-version',
    text: "-- crdb: backup-version=24.3 target-version=27.1\nRESTORE DATABASE bank FROM LATEST IN 's3://b';\n",
    titles: [ignoreTitle('unknown-version', 'directive')],
  },
  {
    name: 'removed-syntax on a BACKUP with a trailing directive, in markdown (ignore only)',
    file: 'removed.md',
    rule: 'removed-syntax',
    text: "```sql\nBACKUP DATABASE bank TO 's3://b/x'; -- crdb: target-version=25.2\n```\n",
    titles: [ignoreTitle('removed-syntax')],
  },
  {
    name: 'incremental-location-removed (ignore only)',
    file: 'incremental.sql',
    rule: 'incremental-location-removed',
    text: "-- crdb: backup-version=26.1 target-version=26.2\nRESTORE DATABASE bank FROM LATEST IN 's3://b' WITH incremental_location = 's3://i';\n",
    titles: [ignoreTitle('incremental-location-removed')],
  },
  // ---- directive look-alikes: the rewrite makes the directive count (no "ignore": no statement owns them)
  {
    name: 'directive-lookalike: crdb: as a markdown prose line',
    file: 'lookalike-prose.md',
    rule: 'directive-lookalike',
    text: "Restore on the new cluster:\n\ncrdb: backup-version=24.1 target-version=24.3\n\n```sql\nRESTORE DATABASE bank FROM LATEST IN 's3://b';\n```\n",
    titles: ['Rewrite as <!-- crdb: backup-version=24.1 target-version=24.3 -->'],
  },
  {
    name: 'directive-lookalike: # crdb: in SQL hides the RESTORE after it',
    file: 'lookalike-hash.sql',
    rule: 'directive-lookalike',
    text: "# crdb: backup-version=23.2 target-version=24.3\nRESTORE DATABASE bank FROM LATEST IN 's3://backups/bank';\n",
    titles: ['Rewrite as -- crdb: backup-version=23.2 target-version=24.3'],
  },
  {
    name: 'directive-lookalike: an HTML comment without the colon, in a list',
    file: 'lookalike-html.md',
    rule: 'directive-lookalike',
    text: "1. On the new cluster:\n   <!-- crdb backup-version=24.1 target-version=24.3 -->\n   ```sql\n   RESTORE DATABASE bank FROM LATEST IN 's3://b';\n   ```\n",
    titles: ['Rewrite as <!-- crdb: backup-version=24.1 target-version=24.3 -->'],
  },
];
