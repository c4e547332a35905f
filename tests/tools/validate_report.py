#!/usr/bin/env python3
"""Validates hurdle JSON reports against docs/report.schema.json.

usage: validate_report.py SCHEMA REPORT...   (exit 0 when every report is valid)

Beyond the schema it checks what a schema cannot say: every breakdown adds up
to its score, and field indexes within a page are distinct.
"""
import json
import sys

import jsonschema


def check_sums(report, name):
    errors = []

    def scored(obj, where):
        total = round(sum(c["score"] for c in obj["breakdown"]), 1)
        if obj["breakdown"] and abs(total - obj["score"]) > 1e-6:
            errors.append(f"{name}: {where}: breakdown adds up to {total}, score is {obj['score']}")

    for i, off in enumerate(report["offerings"]):
        scored(off["friction"], f"offerings[{i}].friction")
        for dim, obj in off["dimensions"].items():
            scored(obj, f"offerings[{i}].dimensions.{dim}")
        for p, page in enumerate(off["pages"]):
            idx = [f["index"] for form in page["forms"] for f in form["fields"]]
            idx += [f["index"] for f in page["fields_outside_forms"]]
            if len(idx) != len(set(idx)):
                errors.append(f"{name}: offerings[{i}].pages[{p}]: duplicate field index")
    return errors


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft202012Validator(schema)
    failed = 0
    for path in argv[2:]:
        with open(path, encoding="utf-8") as f:
            report = json.load(f)
        errors = [f"{path}: {'/'.join(map(str, e.absolute_path))}: {e.message}"
                  for e in validator.iter_errors(report)]
        if not errors:
            errors = check_sums(report, path)
        for e in errors[:20]:
            print(e, file=sys.stderr)
        failed += bool(errors)
    print(f"{len(argv) - 2 - failed} valid, {failed} invalid")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
