#!/usr/bin/env bash
# Runs one Lua test file of tests/nvim in headless Neovim with the plugin of
# plugins/nvim on the runtimepath and nothing of the user's (-u NONE, no
# shada, no swap files, XDG folders in a temporary directory).
#   run_tests.sh TEST.lua     (VOICELINT_LIBRARY / VOICELINT_BIN set by CTest)
# Exit code 0 when every case passed; 1 with the failures on standard output.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
test_file=$1
nvim=${NVIM:-nvim}
if ! command -v "$nvim" >/dev/null; then
  echo "nvim is not installed: run scripts/setup.sh (it installs Debian's neovim)" >&2
  exit 1
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data" \
  XDG_STATE_HOME="$scratch/state" XDG_CACHE_HOME="$scratch/cache" TMPDIR="$scratch"
export VOICELINT_NVIM_TESTS="$here" VOICELINT_SOURCE_DIR="$root"
# A Lua error outside a test case would leave Neovim waiting for input:
# timeout turns that into a failure instead of a hang.
status=0
timeout 120 "$nvim" --headless -u NONE -i NONE -n \
  --cmd "set runtimepath^=$root/plugins/nvim" \
  --cmd "runtime! plugin/voicelint.lua" \
  -c "lua local ok, err = xpcall(dofile, debug.traceback, [[$here/$test_file]]) if not ok then io.stdout:write('error loading the tests: ' .. err .. '\n') vim.cmd('cquit 2') end" \
  </dev/null || status=$?
if [ "$status" -eq 124 ]; then
  echo "$test_file: Neovim did not finish within 120 s" >&2
fi
exit "$status"
