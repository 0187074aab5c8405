#!/usr/bin/env bash
# Runs the LSP tests with Node's test runner against VOICELINT_BIN.
#   run_tests.sh PATH/TO/voicelint
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
command -v node >/dev/null || { echo "node is not installed: run scripts/setup.sh" >&2; exit 1; }
if [ ! -d "$here/node_modules/vscode-languageserver-protocol" ]; then
  echo "vscode-languageserver-protocol is not installed in $here/node_modules: run scripts/setup.sh" \
       "(or: npm ci --prefix tests/lsp)" >&2
  exit 1
fi
export VOICELINT_BIN=$(realpath "$1")
cd "$here"
exec node --test lsp.test.mjs
