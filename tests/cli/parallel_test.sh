#!/usr/bin/env bash
# The worker pool changes nothing but speed: every format's output and the
# exit code are byte for byte the same with one worker and with several, over
# many files and over one file of many records (several chunks).
#
#   bash tests/cli/parallel_test.sh VOICELINT SOURCE_DIR
set -euo pipefail
voicelint=$(realpath "$1")
src=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

# Many files: the drafts and the library, copied several times over.
mkdir -p "$work/many"
for k in 1 2 3 4 5 6; do
  cp -r "$src/samples/drafts" "$work/many/drafts-$k"
  cp -r "$src/samples/library" "$work/many/library-$k"
done
# One file of many records: the JSON Lines sample repeated with new ids.
for k in $(seq 1 400); do
  sed "s/\"id\": *\"\([^\"]*\)\"/\"id\": \"\1-$k\"/" "$src/samples/library/saved-replies.jsonl"
done >"$work/big.jsonl"
records=$(wc -l <"$work/big.jsonl")
# One long text with thousands of findings, whose JSON is made on two threads.
for k in $(seq 1 300); do cat "$src"/samples/drafts/*.txt; done >"$work/long.txt"

compare() {  # LABEL ARGS...
  local label=$1
  shift
  local rc1=0 rc4=0
  (cd "$work" && "$voicelint" check --jobs 1 "$@") >"$work/out1" 2>"$work/err1" || rc1=$?
  (cd "$work" && "$voicelint" check --jobs 4 "$@") >"$work/out4" 2>"$work/err4" || rc4=$?
  if [[ $rc1 != "$rc4" ]] || ! cmp -s "$work/out1" "$work/out4" || ! cmp -s "$work/err1" "$work/err4"; then
    echo "FAIL: $label: --jobs 1 and --jobs 4 differ (exit $rc1 / $rc4)"
    diff "$work/out1" "$work/out4" | head -5 || true
    failures=$((failures + 1))
  elif [[ ! -s $work/out1 ]]; then
    echo "FAIL: $label: no output"
    failures=$((failures + 1))
  else
    echo "ok: $label ($(wc -c <"$work/out1") bytes, exit $rc1)"
  fi
}

for format in text json jsonl sarif github checkstyle junit rdjsonl; do
  compare "many files, $format" --format "$format" many
  compare "$records records, $format" --format "$format" --text-field text --id-field id big.jsonl
done
compare "one long text, json" --format json long.txt
compare "one long text, jsonl" --format jsonl long.txt
# A file that cannot be parsed among good ones: its error stays in its place.
printf '{"id": 1, "text": "hey"\n' >"$work/many/drafts-3/broken.json"
compare "many files with a broken one" --format json --text-field text many
echo "$failures failed"
[[ $failures == 0 ]]
