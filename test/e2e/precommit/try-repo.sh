#!/usr/bin/env bash
# The pre-commit hook (.pre-commit-hooks.yaml) through Debian's `pre-commit`, as a user runs it:
# `pre-commit try-repo <this project> crdb-restore-guard --all-files` in a temporary git
# repository, once with a failing runbook (the hook must fail and name the finding) and once
# with it fixed (the hook must pass). pre-commit clones the project at its last commit,
# installs it with the system Node (npm registry only) and runs the bin. Slow
# (npm install + build, per try-repo run: try-repo keeps no environment between runs), so it is
# a stage of `npm run test:e2e`, not of `npm test`.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
command -v pre-commit >/dev/null || { echo "[pre-commit] pre-commit is missing: apt-get install pre-commit" >&2; exit 1; }
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
export PRE_COMMIT_HOME="$TMP/cache" # a fresh hook environment: the install is part of the test

# The project's last commit, pinned, so both runs check the same code (without --ref, try-repo
# snapshots uncommitted changes, which may differ between the runs).
REF="$(git -C "$ROOT" rev-parse HEAD)"
cd "$TMP" && git init -q repo && cd repo
git config user.email ci@example.invalid && git config user.name ci
mkdir -p docs
cat > docs/restore.md <<'MD'
# Restore prod

<!-- crdb: target-version=23.2 -->
```sql
BACKUP INTO 's3://backups/prod';
```

<!-- crdb: target-version=24.3 -->
```sql
RESTORE FROM LATEST IN 's3://backups/prod';
```
MD
echo "SELECT 1;" > ok.sql
git add -A && git commit -qm runbook

set +e
out="$(pre-commit try-repo "$ROOT" crdb-restore-guard --ref "$REF" --all-files 2>&1)"
rc=$?
set -e
echo "$out" | sed 's/^/  | /'
[ "$rc" = 1 ] || { echo "[pre-commit] FAILED: expected the hook to fail (exit 1), got $rc" >&2; exit 1; }
echo "$out" | grep -q "docs/restore.md:10:1 error restore-skips-release" || { echo "[pre-commit] FAILED: the finding is not in the hook's output" >&2; exit 1; }

# Fixed: restore through 24.1 first.
sed -i 's/target-version=24.3 -->/target-version=24.1 -->/' docs/restore.md
git add -A && git commit -qm fixed
out="$(pre-commit try-repo "$ROOT" crdb-restore-guard --ref "$REF" --all-files 2>&1)" || { echo "$out" | sed 's/^/  | /'; echo "[pre-commit] FAILED: the fixed runbook does not pass" >&2; exit 1; }
echo "$out" | sed 's/^/  | /'
echo "$out" | grep -Eq "CockroachDB Restore Guard\.+Passed" || { echo "[pre-commit] FAILED: no Passed line" >&2; exit 1; }
echo "[pre-commit] passed: the failing runbook fails the hook, the fixed one passes"
