#!/usr/bin/env python3
"""Validates every rule pack under a rules folder against rules/schema.json.

usage: validate_packs.py RULES_DIR
"""
import glob
import json
import os
import sys

import jsonschema


def main(argv):
    rules = argv[1]
    with open(os.path.join(rules, "schema.json"), encoding="utf-8") as f:
        validator = jsonschema.Draft202012Validator(json.load(f))
    packs = sorted(glob.glob(os.path.join(rules, "*", "*.json")))
    failed = 0
    for path in packs:
        with open(path, encoding="utf-8") as f:
            pack = json.load(f)
        errors = list(validator.iter_errors(pack))
        for e in errors[:10]:
            print(f"{path}: {'/'.join(map(str, e.absolute_path))}: {e.message}")
        failed += bool(errors)
    print(f"{len(packs) - failed} passed, {failed} failed")
    return 1 if failed or not packs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
