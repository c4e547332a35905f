#!/usr/bin/env python3
"""Scans every real form page of the shared data one by one and checks each report.

usage: eval_reports.py HURDLE SOURCE_DIR DATA_DIR

For each page of DATA_DIR/forms/html: `hurdle scan --no-timestamps -f json PAGE` exits 0,
the report validates against docs/report.schema.json (breakdowns add up), and its fields
line up with the labelled controls of fields.tsv: the same count, the same indexes, the
same tags. Exits 77 (skipped) when the data is absent.
"""
import csv
import json
import os
import subprocess
import sys

import jsonschema

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from validate_report import check_sums  # noqa: E402


def labelled_controls(data):
    controls = {}
    with open(os.path.join(data, "forms", "fields.tsv"), encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            controls.setdefault(row["file"], []).append((int(row["ctrl_idx"]), row["tag"]))
    return controls


def report_fields(report):
    fields = []
    for off in report["offerings"]:
        for page in off["pages"]:
            for form in page["forms"]:
                fields += form["fields"]
            fields += page["fields_outside_forms"]
    return sorted(fields, key=lambda f: f["index"])


def main(argv):
    hurdle, src, data = argv[1], argv[2], argv[3]
    html = os.path.join(data, "forms", "html")
    if not os.path.isdir(html):
        print(f"skipped: {html} not found")
        return 77
    with open(os.path.join(src, "docs", "report.schema.json"), encoding="utf-8") as f:
        validator = jsonschema.Draft202012Validator(json.load(f))
    controls = labelled_controls(data)
    pages = sorted(os.listdir(html))
    failed = 0
    for name in pages:
        p = subprocess.run([hurdle, "scan", "--no-timestamps", "-f", "json",
                            os.path.join(html, name)], capture_output=True, timeout=120)
        problems = []
        if p.returncode != 0:
            problems.append(f"exit {p.returncode}: {p.stderr.decode(errors='replace').strip()}")
        else:
            report = json.loads(p.stdout)
            problems += [e.message for e in list(validator.iter_errors(report))[:3]]
            problems += check_sums(report, name)
            got = [(f["index"], f["tag"]) for f in report_fields(report)]
            if any("purpose" not in f or not f["purpose"] for f in report_fields(report)):
                problems.append("a field without purpose")
            want = sorted(controls.get(name, []))
            if got != want:
                problems.append(f"fields {len(got)} vs labelled controls {len(want)}")
        if problems:
            failed += 1
            print(f"FAIL {name}: {'; '.join(problems)}")
    print(f"{len(pages) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
