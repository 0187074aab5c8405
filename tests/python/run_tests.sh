#!/usr/bin/env bash
# Runs a pytest suite with Debian's python3 (pyenv or venv shims may shadow it
# without pytest). Fails, never skips, when pytest is missing.
#   run_tests.sh PYTEST_ARGS...
set -euo pipefail
python=/usr/bin/python3
[ -x "$python" ] || python=$(command -v python3)
if ! "$python" -c 'import pytest' 2>/dev/null; then
  echo "pytest is not installed for $python: run scripts/setup.sh (it installs python3-pytest)" >&2
  exit 1
fi
exec "$python" -m pytest -q -p no:cacheprovider "$@"
