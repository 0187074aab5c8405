#!/usr/bin/env python3
"""A support agent's send loop with voicelint in front of it.

The "model" here is a file of drafted replies (drafts.jsonl: one JSON object
per line with "ticket", "draft" and optionally "markdown"). For each draft the
agent checks it, applies the fixes voicelint knows (Hey -> Hello, 喂 -> 您好),
checks the fixed text again, and sends it only if no error-level finding is
left; otherwise it holds the draft for a human. It prints what it did.

    VOICELINT_LIBRARY=build/release/libvoicelint.so python3 samples/agent/agent.py

Rules: the embedded default rulebook plus policy.yml (promises an agent must
not make, which have no automatic rewrite). Options: --drafts FILE,
--rules PATH (repeatable; replaces both).
"""

import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
try:
    import voicelint
except ImportError:  # running from a source checkout
    sys.path.insert(0, os.path.join(HERE, "..", "..", "plugins", "python"))
    import voicelint


def describe(finding):
    where = f"{finding.line}:{finding.column}"
    return f"{finding.level:<10} {where:<6} {finding.rule} \"{finding.match}\""


def handle(linter, ticket, draft, markdown):
    """Checks, fixes and decides on one draft; returns True when sent."""
    print(f"{ticket}  draft: {draft!r}")
    findings = linter.check(draft, markdown=markdown)
    if not findings:
        print("  clean")
        print(f"  SENT: {draft!r}")
        return True
    for f in findings:
        print(f"  found  {describe(f)}" + (f" -> \"{f.replacement}\"" if f.replacement else ""))
    fixed = linter.fix(draft, markdown=markdown)
    remaining = linter.check(fixed, markdown=markdown)
    applied = sum(1 for f in findings if f.replacement)
    if applied:
        print(f"  fixed {applied} of {len(findings)}: {fixed!r}")
    blocking = [f for f in remaining if f.level == "error"]
    for f in remaining:
        print(f"  left   {describe(f)}: {f.message}")
    if blocking:
        print(f"  REFUSED: {len(blocking)} error(s) need a human; not sent")
        return False
    print(f"  SENT: {fixed!r}")
    return True


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--drafts", default=os.path.join(HERE, "drafts.jsonl"))
    parser.add_argument("--rules", action="append", help="rule file or folder (repeatable)")
    args = parser.parse_args(argv)
    rules = args.rules or ["default", os.path.join(HERE, "policy.yml")]
    try:
        linter = voicelint.Linter(rules)
    except voicelint.Error as e:
        print(f"agent: cannot load the rules: {e}", file=sys.stderr)
        return 2
    sent = refused = 0
    with linter, open(args.drafts, encoding="utf-8") as drafts:
        for line in drafts:
            if not line.strip():
                continue
            item = json.loads(line)
            if handle(linter, item["ticket"], item["draft"], item.get("markdown", False)):
                sent += 1
            else:
                refused += 1
            print()
    print(f"{sent} sent, {refused} held for a human")
    return 0


if __name__ == "__main__":
    sys.exit(main())
