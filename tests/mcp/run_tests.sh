#!/usr/bin/env bash
# Runs the MCP tests with Node's test runner against VOICELINT_BIN.
#   run_tests.sh PATH/TO/voicelint
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
command -v node >/dev/null || { echo "node is not installed: run scripts/setup.sh" >&2; exit 1; }
if [ ! -d "$here/node_modules/@modelcontextprotocol/sdk" ]; then
  echo "the MCP SDK is not installed in $here/node_modules: run scripts/setup.sh" \
       "(or: npm ci --prefix tests/mcp)" >&2
  exit 1
fi
export VOICELINT_BIN=$1
cd "$here"
exec node --test sdk.test.mjs raw.test.mjs
