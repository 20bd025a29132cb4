#!/usr/bin/env bash
# `npm run test:e2e`: the product in real editors, end to end, offline.
#
#   1. test/e2e/setup.sh          code-server 4.100.3 + playwright-core into .e2e/ (cached)
#   2. npm run package            dist/ + out/ (tsc) + crdb-restore-guard.vsix
#   3. code-server/ui.mjs         VS Code UI in headless Chromium: diagnostics, Problems count
#                                 == CLI, hover, quick fix via Ctrl+., directive completion
#   4. code-server/api-suite.mjs  the vscode-API mocha suite inside code-server's extension host
#   5. editors.mjs                Neovim 0.7 and Emacs + eglot, headless, with the standalone server
#   6. web/worker.mjs             VS Code for the Web's server: dist/web/server.js in a real Web
#                                 Worker in Chromium, an LSP session over postMessage
#   7. precommit/try-repo.sh      the pre-commit hook through Debian's pre-commit (try-repo)
#
# Needs Debian's chromium, neovim, emacs-nox + elpa-eglot, ripgrep, libkrb5-dev, build-essential, pre-commit
# (scripts/ci-e2e.sh installs them). A missing one fails the run: nothing is skipped.
#
# Env: E2E_ONLY="ui api fixes editors web precommit" (a subset), E2E_SKIP_PACKAGE=1 (reuse dist/, out/ and the .vsix),
#      E2E_UPDATE_SCREENSHOT=1 (refresh docs/images/vscode-restore-hover.png from this run),
#      E2E_MUTANT=no-hover|no-code-action (run against a deliberately broken server copy: must fail),
#      E2E_INJECT_FAILING_TEST=1 (add a failing test to the vscode-API suite: must fail),
#      TOTAL_TIMEOUT_MS / STEP_TIMEOUT_MS / EDITOR_TIMEOUT_MS (see the scripts).
# Screenshots: .e2e/screenshots/. Run dirs of failed runs: .e2e/runs/.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
ONLY="${E2E_ONLY:-ui api fixes editors web precommit}"
T0=$SECONDS
declare -a NAMES=() RESULTS=() TIMES=()

stage() { # name, command...
  local name="$1"; shift
  local t=$SECONDS
  echo
  echo "=== [e2e] $name"
  "$@"
  local rc=$?
  NAMES+=("$name"); TIMES+=("$((SECONDS - t))"); RESULTS+=("$([ $rc = 0 ] && echo passed || echo "FAILED (exit $rc)")")
  echo "=== [e2e] $name: $([ $rc = 0 ] && echo passed || echo "FAILED (exit $rc)") in $((SECONDS - t))s"
  return $rc
}

summary() {
  echo
  echo "=== [e2e] timings"
  local passed=0 failed=0
  for i in "${!NAMES[@]}"; do
    printf '  %-34s %-18s %4ss\n' "${NAMES[$i]}" "${RESULTS[$i]}" "${TIMES[$i]}"
    if [ "${RESULTS[$i]}" = passed ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
  done
  printf '  %-34s %-18s %4ss\n' total "" "$((SECONDS - T0))"
  echo "e2e: $passed passed, $failed failed"
  [ "$failed" = 0 ]
}

for bin in /usr/bin/chromium nvim emacs rg pre-commit; do
  command -v "$bin" >/dev/null || { echo "[e2e] $bin is missing: run scripts/ci-e2e.sh (as root) or install it" >&2; exit 1; }
done

# Run dirs and screenshots of earlier runs would only confuse the reading of this one.
rm -rf .e2e/runs .e2e/screenshots .e2e/mutants

stage "setup (code-server, playwright-core)" bash test/e2e/setup.sh || { summary; exit 1; }
if [ "${E2E_SKIP_PACKAGE:-0}" != 1 ]; then
  stage "npm run package" npm run --silent package || { summary; exit 1; }
fi

if [ -n "${E2E_MUTANT:-}" ]; then
  E2E_SERVER_JS="$(node test/e2e/mutate-server.mjs "$E2E_MUTANT")" || { echo "[e2e] could not build mutant $E2E_MUTANT" >&2; exit 2; }
  export E2E_SERVER_JS CRDB_RESTORE_GUARD_SERVER="$E2E_SERVER_JS"
  echo "[e2e] E2E_MUTANT=$E2E_MUTANT: every suite runs $E2E_SERVER_JS (the suites that check it must FAIL)"
fi

for s in $ONLY; do
  case "$s" in
    ui)
      if [ "${E2E_UPDATE_SCREENSHOT:-0}" = 1 ]; then export README_SHOT="$ROOT/docs/images/vscode-restore-hover.png"; fi
      stage "VS Code UI (code-server)" node test/e2e/code-server/ui.mjs
      unset README_SHOT ;;
    api) stage "vscode-API suite (code-server)" node test/e2e/code-server/api-suite.mjs ;;
    fixes) stage "quick fixes, plan, restart (code-server)" node test/e2e/code-server/fixes.mjs ;;
    editors) stage "Neovim + Emacs (eglot)" node test/e2e/editors.mjs ;;
    web) stage "web worker server (Chromium)" node test/e2e/web/worker.mjs ;;
    precommit) stage "pre-commit hook (try-repo)" bash test/e2e/precommit/try-repo.sh ;;
    *) echo "[e2e] unknown suite in E2E_ONLY: $s" >&2; exit 2 ;;
  esac
done
summary
