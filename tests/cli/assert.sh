# Assertions shared by the CLI test scripts (sourced). Each counts into
# `passed` / `failed` and explains a failure on standard error.
passed=0 failed=0

check() {  # check NAME CONDITION-EXIT-STATUS
  if [ "$2" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $1" >&2; fi
}
expect_exit() {  # expect_exit NAME CODE COMMAND...
  local name=$1 code=$2; shift 2
  "$@" >out.txt 2>err.txt
  local got=$?
  [ "$got" -eq "$code" ] || { echo "  exit $got, wanted $code; stderr:"; sed 's/^/    /' err.txt; } >&2
  check "$name" $((got != code))
}
contains() {  # contains NAME FILE TEXT
  grep -qF -- "$3" "$2"; local s=$?
  [ $s -eq 0 ] || { echo "  '$3' not in $2:"; sed 's/^/    /' "$2" | head -20; } >&2
  check "$1" $s
}
