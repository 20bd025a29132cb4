#!/usr/bin/env bash
# Installs what the editor end-to-end tests need into the git-ignored cache dir .e2e/ and
# reuses it on later runs (a stamp file per component):
#   .e2e/code-server/   code-server 4.100.3 (= VS Code 1.100.3, web), the newest that runs on Node 20
#   .e2e/deps/          playwright-core (the driver only; the browser is Debian's /usr/bin/chromium)
#
# Offline-safe: the only network it needs, on the first run, is the npm registry. Nothing is
# fetched from GitHub, nodejs.org or Microsoft: code-server's postinstall (which downloads
# ripgrep from GitHub) is skipped with --ignore-scripts and replayed here by hand, with
# @vscode/ripgrep's binary taken from Debian's `ripgrep` and native modules compiled locally
# against /usr/include/node. Debian packages it needs (installed by scripts/ci-e2e.sh):
# build-essential, python3, libkrb5-dev, ripgrep, chromium.
#
# Env: E2E_CACHE (<repo>/.e2e), CS_VERSION (4.100.3), PLAYWRIGHT_CORE_VERSION (1.65.1).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
CACHE="${E2E_CACHE:-$ROOT/.e2e}"
CS_VERSION="${CS_VERSION:-4.100.3}"
PW_VERSION="${PLAYWRIGHT_CORE_VERSION:-1.65.1}"
PREFIX="$CACHE/code-server"
CS="$PREFIX/node_modules/code-server"
CS_STAMP="$PREFIX/.installed-$CS_VERSION"
DEPS="$CACHE/deps"
PW_STAMP="$DEPS/.installed-playwright-core-$PW_VERSION"
NPM_FLAGS=(--no-audit --no-fund --loglevel=error)
T_ALL=$SECONDS
step_t=$SECONDS
step() { echo "[e2e-setup] $1 ($((SECONDS - step_t))s)"; step_t=$SECONDS; }

[ "$(node -p 'process.versions.node.split(".")[0]')" = 20 ] || {
  echo "[e2e-setup] code-server $CS_VERSION needs Node 20 (found $(node -v))" >&2; exit 1; }

missing=()
command -v rg >/dev/null || missing+=(ripgrep)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v g++ >/dev/null && command -v make >/dev/null || missing+=(build-essential)
[ -e /usr/include/gssapi/gssapi.h ] || [ -e /usr/include/krb5.h ] || [ -e /usr/include/krb5/krb5.h ] || missing+=(libkrb5-dev)
if [ ${#missing[@]} -gt 0 ]; then
  echo "[e2e-setup] missing Debian packages: ${missing[*]} (scripts/ci-e2e.sh installs them)" >&2; exit 1
fi

# node-gyp must not download Node headers from nodejs.org: use the ones shipped with node.
if [ -z "${npm_config_nodedir:-}" ] && [ -e /usr/include/node/node_version.h ]; then export npm_config_nodedir=/usr; fi

# --- playwright-core (no browser download: playwright-core has no install script) -------------
if [ -f "$PW_STAMP" ] && [ -f "$DEPS/node_modules/playwright-core/package.json" ]; then
  echo "[e2e-setup] playwright-core $PW_VERSION: cached"
else
  mkdir -p "$DEPS"
  echo '{ "name": "crdb-restore-guard-e2e-deps", "private": true }' > "$DEPS/package.json"
  npm install "${NPM_FLAGS[@]}" --prefix "$DEPS" --save-exact "playwright-core@$PW_VERSION"
  touch "$PW_STAMP"
  step "npm install playwright-core@$PW_VERSION"
fi

# --- code-server ----------------------------------------------------------------------------
if [ -f "$CS_STAMP" ] && [ -f "$CS/out/node/entry.js" ]; then
  echo "[e2e-setup] code-server $CS_VERSION: cached in $PREFIX"
  echo "[e2e-setup] done in $((SECONDS - T_ALL))s"
  exit 0
fi
rm -rf "$PREFIX"
mkdir -p "$PREFIX"
cd "$PREFIX"
echo '{ "name": "crdb-restore-guard-code-server", "private": true }' > package.json
npm install "${NPM_FLAGS[@]}" --ignore-scripts "code-server@$CS_VERSION"
step "npm install --ignore-scripts code-server@$CS_VERSION"

# argon2 is loaded even with --auth none; its prebuilt download fails offline and node-pre-gyp
# falls back to compiling it from source.
npm rebuild "${NPM_FLAGS[@]}" argon2
step "npm rebuild argon2 (from source)"

# Replay code-server's postinstall.sh (vscode_install) by hand.
cd "$CS/lib/vscode"
npm install "${NPM_FLAGS[@]}" --omit=dev --ignore-scripts
step "lib/vscode: npm install --omit=dev --ignore-scripts"
# @vscode/ripgrep's postinstall downloads rg from GitHub unless bin/ exists: use Debian's rg.
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sfn "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
# node-pty's postinstall runs `npx node-gyp …`: give npx npm's bundled node-gyp.
NPM_GYP="$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"
if [ -f "$NPM_GYP" ]; then
  mkdir -p node_modules/.bin && ln -sfn "$(readlink -f "$NPM_GYP")" node_modules/.bin/node-gyp
else
  export npm_config_yes=true   # let npx fetch node-gyp from the npm registry
fi
npm rebuild "${NPM_FLAGS[@]}"   # node-pty, spdlog, kerberos, native-watchdog, ... built locally
step "lib/vscode: npm rebuild (native modules)"
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
(cd extensions && npm install "${NPM_FLAGS[@]}" --omit=dev)
step "symlinks + lib/vscode/extensions"

# Verify: every native module loads, and code-server starts far enough to print its version.
"$CS/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" --version >/dev/null
for m in node-pty @vscode/spdlog native-watchdog kerberos @parcel/watcher; do
  node -e "require('$CS/lib/vscode/node_modules/$m')" || { echo "[e2e-setup] native module $m failed to load" >&2; exit 1; }
done
node -e "require('$PREFIX/node_modules/argon2')"
XDG_CONFIG_HOME="$PREFIX/xdg/config" XDG_DATA_HOME="$PREFIX/xdg/data" node "$CS/out/node/entry.js" --version
touch "$CS_STAMP"
step "verify"
echo "[e2e-setup] done in $((SECONDS - T_ALL))s; code-server: $CS/out/node/entry.js"
