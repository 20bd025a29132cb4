#!/usr/bin/env bash
# The step of action.yml: runs the CLI with --format github (one annotation per finding) and
# decides the step's status from the `fail-on` input. Inputs come as environment variables,
# never interpolated into the script, so a path with quotes or `$(…)` is only a path.
#   CRDB_GUARD_ACTION_PATH  the action's directory      CRDB_GUARD_PATHS    paths (spaces/new lines)
#   CRDB_GUARD_CONFIG       config file ('' = default)  CRDB_GUARD_FAIL_ON  error | warning | never
#   CRDB_GUARD_PACKAGE      npm package spec used when the action has no dist/ (default: the
#                           action's own name@version)
set -uo pipefail

fail_on="${CRDB_GUARD_FAIL_ON:-error}"
case "$fail_on" in
  error | warning | never) ;;
  *) echo "::error title=crdb-restore-guard::fail-on must be error, warning or never, not \"$fail_on\""; exit 2 ;;
esac

args=(--format github)
[ -n "${CRDB_GUARD_CONFIG:-}" ] && args+=(--config "$CRDB_GUARD_CONFIG")
# `warning`: any warning fails the step (the CLI's --max-warnings 0).
[ "$fail_on" = warning ] && args+=(--max-warnings 0)
read -r -d '' -a paths <<< "${CRDB_GUARD_PATHS:-.}"
[ ${#paths[@]} -gt 0 ] || paths=(.)

cli="$CRDB_GUARD_ACTION_PATH/dist/cli.js"
if [ -f "$cli" ]; then
  node "$cli" "${args[@]}" -- "${paths[@]}"
  status=$?
else
  spec="${CRDB_GUARD_PACKAGE:-$(node -p "const p = require(process.argv[1]); p.name + '@' + p.version" "$CRDB_GUARD_ACTION_PATH/package.json")}"
  npm exec --yes --package "$spec" -- crdb-restore-guard "${args[@]}" -- "${paths[@]}"
  status=$?
fi

[ -n "${GITHUB_OUTPUT:-}" ] && echo "exit-code=$status" >> "$GITHUB_OUTPUT"
if [ "$status" = 2 ]; then exit 2; fi
if [ "$fail_on" = never ]; then exit 0; fi
exit "$status"
