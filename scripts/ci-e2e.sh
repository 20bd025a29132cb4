#!/usr/bin/env bash
# CI: the editor end-to-end suites (npm run test:e2e), after `npm ci` and `npm test`.
# Installs the Debian packages they need when missing (CI runs as root; `apt-get update` once,
# only when something is missing), then runs test/e2e/run.sh. Prints timings.
#   chromium            headless browser for code-server (driven by playwright-core)
#   neovim              Neovim 0.7 (Debian 12)
#   emacs-nox elpa-eglot  Emacs 28 + eglot 1.9
#   ripgrep             rg for code-server's search (its installer would download one)
#   libkrb5-dev build-essential python3   code-server's native modules, built locally
#   pre-commit          the pre-commit hook's test (pre-commit try-repo)
set -euo pipefail
cd "$(dirname "$0")/.."
T0=$SECONDS

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v nvim >/dev/null || need+=(neovim)
command -v emacs >/dev/null || need+=(emacs-nox)
ls -d /usr/share/emacs/site-lisp/elpa/eglot-* >/dev/null 2>&1 || need+=(elpa-eglot)
command -v rg >/dev/null || need+=(ripgrep)
[ -e /usr/include/gssapi/gssapi.h ] || [ -e /usr/include/krb5.h ] || [ -e /usr/include/krb5/krb5.h ] || need+=(libkrb5-dev)
{ command -v g++ && command -v make; } >/dev/null || need+=(build-essential)
command -v python3 >/dev/null || need+=(python3)
command -v pre-commit >/dev/null || need+=(pre-commit)

if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "[ci-e2e] missing Debian packages: ${need[*]}; run as root or install them" >&2
    exit 1
  fi
  echo "[ci-e2e] installing: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  echo "[ci-e2e] apt: $((SECONDS - T0))s"
else
  echo "[ci-e2e] Debian packages: all present"
fi
T1=$SECONDS

# npm test has just built dist/ and out/; `npm run package` inside run.sh rebuilds them with
# the .vsix (cheap, and the .vsix must match the sources).
rc=0
npm run --silent test:e2e || rc=$?
echo "[ci-e2e] timings: apt $((T1 - T0))s, test:e2e $((SECONDS - T1))s, total $((SECONDS - T0))s"
exit $rc
