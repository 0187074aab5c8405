#!/usr/bin/python3
"""Checks samples/ci: both CI files parse, build voicelint with the README's
build commands, check a library, publish SARIF and gate with a baseline.

Usage: ci_samples_test.py SOURCE_DIR
"""
import re
import sys

import yaml


def main() -> int:
    src = sys.argv[1]
    readme = open(f"{src}/README.md", encoding="utf-8").read()
    main_command = re.search(r"<!-- main-command -->\s*```sh\n(.*)\n", readme).group(1)
    build = main_command.split(" && build/")[0]  # setup, configure, build
    failures = []

    def expect(what, condition):
        if not condition:
            failures.append(what)

    gh = yaml.safe_load(open(f"{src}/samples/ci/github-workflow.yml", encoding="utf-8"))
    steps = gh["jobs"]["voicelint"]["steps"]
    runs = "\n".join(s.get("run", "") for s in steps)
    expect("github: builds with the README's commands", build in runs)
    expect("github: writes SARIF", "--format sarif" in runs and "voicelint.sarif" in runs)
    upload = [s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif")]
    expect("github: uploads SARIF", upload and upload[0]["with"]["sarif_file"] == "voicelint.sarif")
    expect("github: security-events permission", gh["permissions"].get("security-events") == "write")
    expect("github: gates with a baseline", "--baseline" in steps[-1]["run"])

    gl = yaml.safe_load(open(f"{src}/samples/ci/gitlab-ci.yml", encoding="utf-8"))
    job = gl["brand-voice"]
    before = "\n".join(job["before_script"])
    script = "\n".join(job["script"])
    expect("gitlab: builds with the README's commands", build in before)
    expect("gitlab: writes SARIF", "--format sarif" in script)
    expect("gitlab: JUnit report", job["artifacts"]["reports"]["junit"] == "voicelint-junit.xml")
    expect("gitlab: gates with a baseline", "--baseline" in job["script"][-1])

    for f in failures:
        print("FAIL:", f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
