#!/usr/bin/env bash
# Compiles the extension and runs `npm test` (unit tests and an LSP exchange
# with VOICELINT_BIN) as CTest does.
#   run_tests.sh PATH/TO/voicelint
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
command -v node >/dev/null || { echo "node is not installed: run scripts/setup.sh" >&2; exit 1; }
if [ ! -d "$here/node_modules/vscode-languageclient" ]; then
  echo "the extension's packages are not installed in $here/node_modules: run scripts/setup.sh" \
       "(or: npm ci --prefix plugins/vscode)" >&2
  exit 1
fi
export VOICELINT_BIN=$(realpath "$1")
cd "$here"
exec npm test --silent
