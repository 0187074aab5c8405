#!/usr/bin/env python3
"""Re-runs voicelint on the labelled findings of labels.jsonl and reports,
per language, how many labelled true and false positives the current rules
still report, the precision over those, and how many kept true positives
now have a safe fix.

    python3 tests/accuracy/recheck.py build/dev/voicelint

The labels (tp / fp, and whether the fix of that time read right) were made
by hand on findings of the default rulebook of 2026-12-04, sampled from
../shared/corpus (up to 15 per rule, random.seed(1)). A finding the current
rules report that is not in the sample is not counted: the figure is the
precision on the labelled sample, not on the whole corpus.
"""
import collections
import json
import os
import subprocess
import sys


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else "build/dev/voicelint"
    here = os.path.dirname(os.path.abspath(__file__))
    rows = [json.loads(line) for line in open(os.path.join(here, "labels.jsonl"), encoding="utf-8")]
    text = "".join(r["text"].replace("\n", " ") + "\n" for r in rows)
    out = subprocess.run(
        [binary, "check", "--no-config", "--exit-zero", "--format", "jsonl", "-"],
        input=text.encode(), capture_output=True, check=True).stdout.decode()
    by_line = collections.defaultdict(list)
    for line in out.splitlines():
        f = json.loads(line)
        by_line[f["line"]].append(f)
    counts = collections.Counter()
    for number, row in enumerate(rows, 1):
        same = [f for f in by_line[number] if f["rule"] == row["rule"] and f["match"] == row["match"]]
        counts[(row["lang"], row["label"], bool(same))] += 1
        if same and row["label"] == "tp" and same[0]["applicability"] == "safe":
            counts[(row["lang"], "safe")] += 1
    for lang in ("en", "zh"):
        tp, fp = counts[(lang, "tp", True)], counts[(lang, "fp", True)]
        print(f"{lang}: true positives kept {tp}/{tp + counts[(lang, 'tp', False)]}, "
              f"false positives kept {fp}/{fp + counts[(lang, 'fp', False)]}, "
              f"precision {tp / max(1, tp + fp):.2f}, kept true positives with a safe fix "
              f"{counts[(lang, 'safe')]}")


if __name__ == "__main__":
    main()
