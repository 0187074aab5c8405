#!/usr/bin/env bash
# Golden test: `voicelint check` on one sample must print exactly the expected
# output and exit with the expected code.
#   golden.sh VOICELINT SAMPLES_DIR SAMPLE FORMAT [OPTION...]
# OPTIONs are passed to `voicelint check` (e.g. --config library/.voicelint.yml,
# which wins over the default --no-config).
# With VOICELINT_UPDATE_GOLDEN=1 the expected file is rewritten instead.
set -u
voicelint=$1 samples=$2 sample=$3 format=$4
shift 4
expected="$samples/expected/$sample.$format"
actual=$(mktemp)
trap 'rm -f "$actual"' EXIT
cd "$samples" || exit 2
NO_COLOR=1 "$voicelint" check --no-config "$@" --format "$format" "$sample" >"$actual" 2>&1
echo "[exit $?]" >>"$actual"
if [ "${VOICELINT_UPDATE_GOLDEN:-}" = 1 ]; then
  mkdir -p "$(dirname "$expected")"
  cp "$actual" "$expected"
  echo "updated $expected"
  exit 0
fi
if ! diff -u "$expected" "$actual"; then
  echo "golden mismatch for $sample ($format); VOICELINT_UPDATE_GOLDEN=1 ctest -R golden rewrites it" >&2
  exit 1
fi
