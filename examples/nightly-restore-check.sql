-- nightly-restore-check.sql
--
-- About this example: the nightly job that backs up the staging cluster and proves that the
-- backups restore, as an operator would write it, mistakes included. It runs on staging
-- (25.2, an LTS patch) as
--     cockroach sql --url "$STAGING_URL" --file nightly-restore-check.sql
-- It shows SQL directives in both comment forms; the BACKUP ... TO / RESTORE ... FROM 'uri'
-- syntax that 25.2 no longer has (removed-syntax); a CREATE SCHEDULE FOR BACKUP, which is
-- not a version fact; a RESTORE whose backup version nothing states (missing-version); a
-- RESTORE ... WITH unsafe_restore_incompatible_version (restore-skips-release, reported as a
-- warning); and RESTORE in strings, comments and a dollar-quoted body, none of which is a
-- statement. README.md in this folder lists the findings the checker prints.

-- crdb: target-version=25.2.14

-- The schedule that writes the backups checked below. IF NOT EXISTS keeps re-runs harmless.
CREATE SCHEDULE IF NOT EXISTS staging_nightly
  FOR BACKUP INTO 's3://acme-crdb-backups/staging?AUTH=implicit'
  WITH revision_history
  RECURRING '@daily'
  FULL BACKUP '@weekly'
  WITH SCHEDULE OPTIONS first_run = 'now';

CREATE TABLE IF NOT EXISTS ops.restore_check_log (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  checked_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  step STRING NOT NULL,  -- e.g. 'RESTORE bank'
  note STRING
);

INSERT INTO ops.restore_check_log (step, note)
VALUES ('start', 'RESTORE DATABASE bank FROM LATEST IN ''s3://acme-crdb-backups/staging'' runs below'),
       ('start', e'don\'t RESTORE into prod; this job only touches staging');

/* Legacy export for the finance loader, which still reads this fixed path. The statements
   were copied from the 21.2 runbook. */
BACKUP DATABASE bank TO 's3://acme-crdb-backups/legacy/bank-nightly?AUTH=implicit'
  AS OF SYSTEM TIME '-10s';

RESTORE DATABASE bank FROM 's3://acme-crdb-backups/legacy/bank-nightly?AUTH=implicit'
  WITH new_db_name = 'bank_legacy_check';

-- Prove that last night's scheduled backup restores.
DROP DATABASE IF EXISTS bank_restore_check CASCADE;
RESTORE DATABASE bank FROM LATEST IN 's3://acme-crdb-backups/staging?AUTH=implicit'
  WITH new_db_name = 'bank_restore_check';

/* Disabled until the DR bucket has its first backup (OPS-2211):
RESTORE DATABASE bank FROM LATEST IN 's3://acme-crdb-backups/dr?AUTH=implicit'
  WITH new_db_name = 'bank_dr_check';  /* takes about 40 minutes */
*/

CREATE OR REPLACE FUNCTION ops.last_restore_check() RETURNS STRING
LANGUAGE SQL AS $body$
  SELECT coalesce(max(checked_at)::STRING, 'never') || ' (RESTORE FROM LATEST IN staging)'
  FROM ops.restore_check_log
  WHERE step = 'RESTORE bank';
$body$;

/* AUDIT-118, remove after 2026-12-15: the auditors need the 2024 quarter-end ledger
   archive, which was taken on 24.1. CockroachDB 25.2 refuses a 24.1 backup, so this
   restore bypasses its check. */
/* crdb: backup-version=24.1 */
RESTORE DATABASE ledger FROM '2024/12/31-230000.00' IN 'gs://acme-archive/ledger?AUTH=implicit'
  WITH unsafe_restore_incompatible_version, new_db_name = 'ledger_2024q4';

INSERT INTO ops.restore_check_log (step, note) VALUES ('RESTORE bank', 'done');
