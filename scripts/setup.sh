#!/usr/bin/env bash
# Installs what voicelint needs to build and test, from Debian's packages.
# (python3-jsonschema and python3-yaml check the SARIF output and the CI samples in tests;
# neovim runs the tests of the Neovim plugin, plugins/nvim, headless.)
# Run as root (or with sudo) on Debian 12 or later. Idempotent: does nothing
# when everything is already installed.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config git
  libicu-dev libre2-dev libyaml-dev libmd4c-dev nlohmann-json3-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  python3 python3-pytest python3-jsonschema python3-yaml
  neovim
)
# Node.js (>= 18) runs the MCP client tests. Debian 12 ships 18; a newer node
# already on the machine (e.g. from NodeSource, which bundles npm) is kept.
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 18 ]; then
  echo "setup.sh: Node.js $(node --version) is too old for the MCP tests; 18 or later is needed" >&2
  exit 1
fi

# The MCP SDK for tests/mcp, exactly as locked, from the npm registry; skipped
# when the installed tree already matches the lock file.
# The same for the LSP client library of tests/lsp and the VS Code extension.
root="$(cd "$(dirname "$0")/.." && pwd)"
for node_dir in "$root/tests/mcp" "$root/tests/lsp" "$root/plugins/vscode"; do
  stamp="$node_dir/node_modules/.voicelint-package-lock.json"
  if ! cmp -s "$node_dir/package-lock.json" "$stamp"; then
    npm ci --prefix "$node_dir" --no-audit --no-fund --loglevel=error
    cp "$node_dir/package-lock.json" "$stamp"
  fi
done
