# Sourced by the README's commands and by .ci/run. Puts Node 22 and pnpm 10 on PATH:
# when the system's Node is older than 22, Node is fetched from the npm registry's `node`
# package into .tools/ (git-ignored); pnpm is installed there with npm (corepack's signature
# check cannot work against this registry). Then the workspace's dependencies are installed.
set -euo pipefail

LN_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LN_NODE_VERSION=22.23.3
LN_PNPM_VERSION=10.34.9
LN_TOOLS="$LN_ROOT/.tools"

ln_log() { printf '\033[1;36m[loyalnest]\033[0m %s\n' "$*" >&2; }

ln_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ln_ensure_node() {
  if [ "$(ln_node_major)" -ge 22 ]; then return; fi
  local bin="$LN_TOOLS/node/node_modules/node/bin"
  if [ ! -x "$bin/node" ] || [ "$("$bin/node" --version)" != "v$LN_NODE_VERSION" ]; then
    ln_log "system Node is $(node --version 2>/dev/null || echo missing); fetching Node $LN_NODE_VERSION into .tools/"
    mkdir -p "$LN_TOOLS/node"
    npm install --prefix "$LN_TOOLS/node" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
      "node@$LN_NODE_VERSION" >&2
  fi
  export PATH="$bin:$PATH"
}

ln_ensure_pnpm() {
  local bin="$LN_TOOLS/pnpm/node_modules/.bin"
  if [ ! -x "$bin/pnpm" ] || [ "$("$bin/pnpm" --version)" != "$LN_PNPM_VERSION" ]; then
    ln_log "installing pnpm $LN_PNPM_VERSION into .tools/"
    mkdir -p "$LN_TOOLS/pnpm"
    npm install --prefix "$LN_TOOLS/pnpm" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
      "pnpm@$LN_PNPM_VERSION" >&2
  fi
  export PATH="$bin:$PATH"
}

ln_install_workspace() {
  (cd "$LN_ROOT" && pnpm install --frozen-lockfile --reporter=append-only >&2)
}

ln_ensure_node
ln_ensure_pnpm
export TURBO_TELEMETRY_DISABLED=1 NEXT_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
if [ "${LN_SKIP_INSTALL:-0}" != "1" ]; then ln_install_workspace; fi
