#!/usr/bin/env bash
# Whole-process benchmark: voicelint against ripgrep (and textlint with the prh
# rule) on the shared corpora and glossaries, interleaved, median of N runs,
# with MB/s, the ratio to rg and peak RSS (/usr/bin/time).
#
#   bash tests/bench/compare.sh [VOICELINT] [CORPUS_DIR] [RUNS]
#   defaults: build/release/voicelint ../shared/corpus 5
#
# It installs what it needs: ripgrep and time from Debian (as root, when
# missing), textlint and textlint-rule-prh from npm into tests/bench/textlint/
# (skipped with a note when npm or a recent enough node is missing).
# Results are recorded in BENCHMARKS.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
voicelint=${1:-$root/build/release/voicelint}
corpus=${2:-$root/../shared/corpus}
runs=${3:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

need_apt=()
command -v rg >/dev/null || need_apt+=(ripgrep)
[[ -x /usr/bin/time ]] || need_apt+=(time)
if ((${#need_apt[@]})); then
  if [[ $(id -u) == 0 ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "compare.sh: install ${need_apt[*]} first" >&2
    exit 1
  fi
fi
for f in en_agent.txt zh_agent.txt small-en.yml small-en.txt small-zh.yml small-zh.txt \
  large-en.yml large-en.txt; do
  [[ -r $corpus/$f ]] || { echo "compare.sh: missing $corpus/$f" >&2; exit 1; }
done
[[ -x $voicelint ]] || { echo "compare.sh: no voicelint at $voicelint (build the release preset)" >&2; exit 1; }

textlint=
if command -v npm >/dev/null && node -e 'process.exit(Number(process.versions.node.split(".")[0]) < 18 ? 1 : 0)'; then
  if [[ ! -x $here/textlint/node_modules/.bin/textlint ]]; then
    (cd "$here/textlint" && npm ci --no-audit --no-fund --loglevel=error >/dev/null 2>&1) ||
      echo "note: npm ci of textlint failed; textlint rows are left out" >&2
  fi
  [[ -x $here/textlint/node_modules/.bin/textlint ]] && textlint=$here/textlint/node_modules/.bin/textlint
else
  echo "note: npm or node >= 18 missing; textlint rows are left out" >&2
fi

# Inputs: prefixes of the corpora cut at line ends, and a 500-phrase glossary
# (every tenth rule of large-en.yml, so all initial letters are represented).
prefix() {  # FILE BYTES OUT
  head -c "$2" "$1" >"$3.tmp"
  if [[ $(stat -c %s "$1") -gt $2 ]]; then sed '$d' "$3.tmp" >"$3"; else mv "$3.tmp" "$3"; fi
  rm -f "$3.tmp"
}
for size in 1000 10000 100000 1000000; do prefix "$corpus/en_agent.txt" $size "$work/en-$size.txt"; done
cp "$corpus/en_agent.txt" "$work/en-full.txt"
prefix "$corpus/zh_agent.txt" 1000000 "$work/zh-1000000.txt"
cp "$corpus/zh_agent.txt" "$work/zh-full.txt"
awk '/^  - id:/ { n++ } n == 0 || (n - 1) % 10 == 0' \
  "$corpus/large-en.yml" >"$work/medium-en.yml"
sed -n 's/^    avoid: \["\(.*\)"\]$/\1/p' "$work/medium-en.yml" | sed 's/\\"/"/g' >"$work/medium-en.txt"
cp "$corpus"/small-en.* "$corpus"/small-zh.* "$corpus"/large-en.* "$work/"

# prh rules from a phrase list: each phrase, case-insensitive, as a whole word
# in English (prh reports a match that differs from "expected").
prh() {  # PHRASES.txt LANG OUT.yml
  echo "version: 1" >"$3"
  echo "rules:" >>"$3"
  while IFS= read -r p; do
    [[ -n $p ]] || continue
    local re
    re=$(printf '%s' "$p" | sed 's/[][\/.^$*+?(){}|]/\\&/g')
    if [[ $2 == en ]]; then re="\\\\b$re\\\\b"; fi
    printf '  - expected: "(%s)"\n    pattern: "/%s/i"\n' "${p//\"/\\\"}" "$re" >>"$3"
  done <"$1"
}

now_ns() { date +%s%N; }
# run NAME CMD...: one timed run; appends "seconds kilobytes" to $work/NAME
run() {
  local name=$1
  shift
  local t0 t1
  t0=$(now_ns)
  /usr/bin/time -f "%M" -o "$work/rss" "$@" >/dev/null 2>"$work/stderr" || true
  t1=$(now_ns)
  echo "$(((t1 - t0) / 1000)) $(tail -n 1 "$work/rss")" >>"$work/$name"
}
median() {  # FILE COLUMN
  sort -n -k"$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END { print v[int((NR + 1) / 2)] }'
}

printf '%-34s %10s %9s %9s %8s %9s\n' "scenario" "bytes" "median_s" "MB/s" "vs_rg" "peak_MB"
scenario() {  # LABEL TEXT GLOSSARY(.yml/.txt stem) LANG WITH_TEXTLINT
  local label=$1 text=$2 gloss=$3 lang=$4 with_textlint=$5
  local bytes
  bytes=$(stat -c %s "$text")
  rm -f "$work"/t.*
  local -a tools=(voicelint rg)
  if [[ -n $textlint && $with_textlint == 1 ]]; then
    prh "$work/$gloss.txt" "$lang" "$work/prh.yml"
    printf '{"rules": {"prh": {"rulePaths": ["%s"]}}}\n' "$work/prh.yml" >"$work/textlintrc.json"
    tools+=(textlint)
  fi
  local r
  for ((r = 0; r < runs; r++)); do
    for tool in "${tools[@]}"; do
      case $tool in
        voicelint) run t.voicelint "$voicelint" check --no-config --exit-zero --format json \
          --rules "$work/$gloss.yml" "$text" ;;
        rg) run t.rg rg -c -i -w -F -f "$work/$gloss.txt" "$text" ;;
        textlint) run t.textlint "$textlint" --config "$work/textlintrc.json" --format json "$text" ;;
      esac
    done
  done
  local rg_us
  rg_us=$(median "$work/t.rg" 1)
  for tool in "${tools[@]}"; do
    local us kb
    us=$(median "$work/t.$tool" 1)
    kb=$(sort -n -k2 "$work/t.$tool" | tail -n 1 | awk '{ print $2 }')
    awk -v l="$label $tool" -v b="$bytes" -v us="$us" -v rg="$rg_us" -v kb="$kb" 'BEGIN {
      printf "%-34s %10d %9.3f %9.1f %8.2f %9.1f\n", l, b, us / 1e6, b / us, rg / us, kb / 1024 }'
  done
}

scenario "small-en en_agent" "$work/en-full.txt" small-en en 0
scenario "small-zh zh_agent" "$work/zh-full.txt" small-zh zh 0
scenario "medium-en(500) en_agent" "$work/en-full.txt" medium-en en 0
scenario "large-en(5090) en_agent" "$work/en-full.txt" large-en en 0
for size in 1000 10000 100000 1000000; do
  scenario "small-en en_agent[$size]" "$work/en-$size.txt" small-en en 0
  scenario "large-en en_agent[$size]" "$work/en-$size.txt" large-en en 0
done
scenario "small-en en_agent[1MB] +textlint" "$work/en-1000000.txt" small-en en 1
scenario "small-zh zh_agent[1MB] +textlint" "$work/zh-1000000.txt" small-zh zh 1
printf '\ncold start (default rulebook, echo "Hey, no problem" | voicelint check -):\n'
rm -f "$work/t.cold"
for ((r = 0; r < 20; r++)); do
  t0=$(now_ns)
  echo "Hey, no problem" | "$voicelint" check --no-config - >/dev/null || true
  t1=$(now_ns)
  echo "$(((t1 - t0) / 1000)) 0" >>"$work/t.cold"
done
awk '{ print $1 }' "$work/t.cold" | sort -n | awk '{ v[NR] = $1 } END {
  printf "median %.1f ms, min %.1f ms over %d runs\n", v[int((NR + 1) / 2)] / 1000, v[1] / 1000, NR }'
