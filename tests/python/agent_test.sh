#!/usr/bin/env bash
# Golden test of samples/agent/agent.py: its report must be exactly
# samples/agent/expected_output.txt. VOICELINT_UPDATE_GOLDEN=1 rewrites it.
#   agent_test.sh SAMPLES_AGENT_DIR   (VOICELINT_LIBRARY set by CTest)
set -u
dir=$1
python=/usr/bin/python3
[ -x "$python" ] || python=$(command -v python3)
actual=$(mktemp)
trap 'rm -f "$actual"' EXIT
"$python" "$dir/agent.py" >"$actual" 2>&1
echo "[exit $?]" >>"$actual"
if [ "${VOICELINT_UPDATE_GOLDEN:-}" = 1 ]; then
  cp "$actual" "$dir/expected_output.txt"
  echo "updated $dir/expected_output.txt"
  exit 0
fi
if ! diff -u "$dir/expected_output.txt" "$actual"; then
  echo "agent output changed; VOICELINT_UPDATE_GOLDEN=1 ctest -R agent rewrites it" >&2
  exit 1
fi
