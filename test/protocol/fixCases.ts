// Documents with one problem each, for the quick-fix round trips: every rule that has fixes,
// in SQL files, in markdown fences inside lists and block quotes, and in shell `-e "…"` SQL.

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
      'Set the target version to 23.2',
      'Set the target version to 24.1',
      'Insert the upgrade path 23.2 → 24.1 → 24.3',
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
      'Set the target version to 25.2',
      'Set the target version to 25.3',
      'Set the target version to 25.4',
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
    titles: ['Add a version directive (backup-version=25.2 target-version=25.2; edit the values)', ignoreTitle('missing-version')],
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
      'Set the target version to 23.2',
      'Set the target version to 24.1',
      'Insert the upgrade path 23.2 → 24.1 → 24.3',
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
      'Set the target version to 23.2',
      'Set the target version to 24.1',
      'Insert the upgrade path 23.2 → 24.1 → 24.3',
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
      'Set the target version to 25.2',
      'Set the target version to 25.3',
      'Set the target version to 25.4',
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
    titles: ['Add a version directive (backup-version=24.3 target-version=24.3; edit the values)', ignoreTitle('missing-version')],
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
      'Set the target version to 23.2',
      'Set the target version to 24.1',
      'Insert the upgrade path 23.2 → 24.1 → 24.3',
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
    titles: ['Add a version directive (backup-version=25.2 target-version=25.2; edit the values)', ignoreTitle('missing-version')],
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
];
