-- Fixture for the vscode-api suite: a restore into an older version, and a line to complete.
-- crdb: backup-version=25.2 target-version=24.3
RESTORE TABLE bank.accounts FROM LATEST IN 'gs://b/c';

-- crdb: target-version=
