#!/usr/bin/env python3
"""Validates every JSON file of a rules folder against its schema, strictly.

Word lists (RULES_DIR/*/*.tsv): every entry has a phrase and its advice, and no phrase of a
folder's lists repeats or lies inside another (the matcher reports every overlapping phrase, so
"per seat" beside "seat" would count one use twice).

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
import re
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


WORD = re.compile(r"[a-z0-9\x80-\U0010ffff]+(?:'[a-z0-9]+)*")


def word_list_errors(rules):
    """Errors of the word lists, folder by folder."""
    errors = []
    for folder in sorted(glob.glob(os.path.join(rules, "*", ""))):
        seen = {}
        for path in sorted(glob.glob(os.path.join(folder, "*.tsv"))):
            rows = [l.rstrip("\n") for l in open(path, encoding="utf-8")
                    if not l.startswith("#")][1:]
            for n, row in enumerate(rows, 1):
                cells = row.split("\t")
                key = tuple(WORD.findall(cells[0].lower()))
                if len(cells) != 2 or not key or not cells[1].strip():
                    errors.append(f"{path}: entry {n}: expected phrase<TAB>advice")
                elif key in seen:
                    errors.append(f"{path}: {cells[0]!r} repeats {seen[key]}")
                else:
                    seen[key] = f"{os.path.basename(path)}: {cells[0]!r}"
        for a, where in seen.items():
            for i in range(len(a)):
                for j in range(i + 1, len(a) + 1):
                    if (i, j) != (0, len(a)) and a[i:j] in seen:
                        errors.append(f"{where} holds {seen[a[i:j]]}")
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
    words = word_list_errors(rules)
    for e in words:
        print(e)
    failed += bool(words)
    print(f"{len(files) - failed} passed, {failed} failed")
    return 1 if failed or not files else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
