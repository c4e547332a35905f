#!/usr/bin/env python3
"""Validates every JSON file of a rules folder against its schema, strictly.

Rule packs (RULES_DIR/*/*.json) against rules/schema.json; the keywords of field
purposes (RULES_DIR/purposes.json and RULES_DIR/*/purposes.json) against
rules/purposes.schema.json, plus what a schema cannot say: every group a language
file names is defined in purposes.json, and a language file's "language" is its
folder's name.

usage: validate_packs.py RULES_DIR
"""
import glob
import json
import os
import sys

import jsonschema


def validator(rules, name, part=None):
    """The schema of `name`, or its definition `part` alone (clearer messages than oneOf)."""
    with open(os.path.join(rules, name), encoding="utf-8") as f:
        schema = json.load(f)
    if part:
        schema.pop("oneOf", None)
        schema["$ref"] = "#/$defs/" + part
    return jsonschema.Draft202012Validator(schema)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def cross_checks(path, doc, groups):
    """Errors the schema cannot find in a purposes file."""
    if "keywords" not in doc:
        return []
    errors = []
    folder = os.path.basename(os.path.dirname(path))
    if doc.get("language") != folder:
        errors.append(f"language must be {folder!r}, its folder's name")
    for gid in doc.get("keywords", {}):
        if gid not in groups:
            errors.append(f"keywords/{gid}: no such group in purposes.json")
    return errors


def main(argv):
    rules = argv[1]
    packs_v = validator(rules, "schema.json")
    groups_v = validator(rules, "purposes.schema.json", "groups_file")
    language_v = validator(rules, "purposes.schema.json", "language_file")
    files = sorted(glob.glob(os.path.join(rules, "*", "*.json")))
    neutral = os.path.join(rules, "purposes.json")
    groups = set()
    if os.path.exists(neutral):
        files.insert(0, neutral)
        groups = {g.get("id") for g in load(neutral).get("groups", [])}
    failed = 0
    for path in files:
        doc = load(path)
        is_purposes = os.path.basename(path) == "purposes.json"
        v = (groups_v if path == neutral else language_v) if is_purposes else packs_v
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                  for e in v.iter_errors(doc)]
        if is_purposes and path != neutral:
            errors += cross_checks(path, doc, groups)
        for e in errors[:10]:
            print(f"{path}: {e}")
        failed += bool(errors)
    print(f"{len(files) - failed} passed, {failed} failed")
    return 1 if failed or not files else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
