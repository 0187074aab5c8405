#!/usr/bin/python3
"""Validates SARIF documents against the OASIS SARIF 2.1.0 JSON schema.

Usage: validate_sarif.py SCHEMA FILE...   Exit 0 when every file is valid,
1 (listing the violations) otherwise. Uses python3-jsonschema (Debian).
"""
import json
import sys

import jsonschema


def main() -> int:
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    failed = False
    for path in sys.argv[2:]:
        document = json.load(open(path, encoding="utf-8"))
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
        for error in errors[:20]:
            print(f"{path}: {'/'.join(map(str, error.path))}: {error.message}", file=sys.stderr)
        failed |= bool(errors)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
