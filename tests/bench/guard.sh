#!/usr/bin/env bash
# Throughput regression guard (CTest label "bench"): voicelint with the small
# English glossary must reach at least half of ripgrep's throughput on the same
# corpus, both timed in this run, interleaved, best of five.
#
#   bash tests/bench/guard.sh build/release/voicelint ../shared/corpus
set -euo pipefail
voicelint=$1
corpus=$2
for f in en_agent.txt small-en.yml small-en.txt; do
  [[ -r $corpus/$f ]] || { echo "guard: missing $corpus/$f (set VOICELINT_CORPUS_DIR)" >&2; exit 1; }
done
command -v rg >/dev/null || { echo "guard: ripgrep (rg) is not installed" >&2; exit 1; }

now() { date +%s.%N; }
best_vl=999 best_rg=999
for _ in 1 2 3 4 5; do
  t0=$(now)
  "$voicelint" check --no-config --exit-zero --format json --rules "$corpus/small-en.yml" \
    "$corpus/en_agent.txt" >/dev/null
  t1=$(now)
  rg -c -i -w -F -f "$corpus/small-en.txt" "$corpus/en_agent.txt" >/dev/null || true
  t2=$(now)
  best_vl=$(awk -v a="$t0" -v z="$t1" -v b="$best_vl" 'BEGIN {d = z - a; print (d < b) ? d : b}')
  best_rg=$(awk -v a="$t1" -v z="$t2" -v b="$best_rg" 'BEGIN {d = z - a; print (d < b) ? d : b}')
done
bytes=$(stat -c %s "$corpus/en_agent.txt")
awk -v b="$bytes" -v v="$best_vl" -v r="$best_rg" 'BEGIN {
  vl = b / v / 1e6; rg = b / r / 1e6;
  printf "voicelint %.1f MB/s (%.3f s), rg %.1f MB/s (%.3f s), ratio %.2f\n", vl, v, rg, r, vl / rg;
  if (vl < rg / 2) { print "FAIL: voicelint is below half the throughput of rg"; exit 1 }
  print "ok: at least half the throughput of rg"
}'
