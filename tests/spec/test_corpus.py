#!/usr/bin/env python3
"""Corpus spec tests: each corpus/cases/<case>/page.html against its expected.json.

usage: test_corpus.py HURDLE SOURCE_DIR

expected.json holds what must stay true of the page's analysis: the offering
kind, the form kinds, every field's (index, purpose, required, visible), the
rule ids that fire and those that must not, and the dimension grades. It is
compared exactly (keys sorted, no time stamps). HURDLE_UPDATE_GOLDEN=1 writes
the current analysis as expected.json, to be reviewed before it is committed.
Every rule of the `fields` and `opacity` dimensions must fire on at least one case.

A case with several pages (an offering whose later pages matter, e.g. a checkout that
adds a fee) holds them beside page.html: every *.html of the folder is scanned
together, page.html first, so they group into offerings by their links; the
projection reads the first offering and its entry page.

A case may also hold bounds.json, calibration bounds on the first offering's dimension
scores that hold whatever the golden says: {"jargon_max": 20} (score at most 20),
{"jargon_min": 60} (at least 60); any dimension may be named.
"""
import glob
import json
import os
import subprocess
import sys


# Every rule of these dimensions must fire on at least one corpus case.
SHOWN_DIMENSIONS = {"fields", "opacity"}


def project(report):
    off = report["offerings"][0]
    page = off["pages"][0]
    fields = []
    for form in page["forms"]:
        fields += form["fields"]
    fields += page["fields_outside_forms"]
    fields.sort(key=lambda f: f["index"])
    return {
        "offering_kind": off["kind"],
        "page_kind": page["kind"],
        "form_kinds": [f["kind"] for f in page["forms"]],
        "fields": [[f["index"], f["purpose"], f["required"], f["visible"]] for f in fields],
        "findings": sorted(f["rule"] for f in off["findings"]),
        "grades": {d: s["grade"] for d, s in sorted(off["dimensions"].items())},
        "prices": [[p["amount"], p["currency"], p["period"]] for p in page["prices"]],
    }


def bounds_errors(case_dir, report):
    """The calibration bounds of bounds.json that the report breaks."""
    path = os.path.join(case_dir, "bounds.json")
    if not os.path.isfile(path):
        return []
    with open(path, encoding="utf-8") as f:
        bounds = json.load(f)
    dims = report["offerings"][0]["dimensions"]
    errors = []
    for key, bound in sorted(bounds.items()):
        dim, _, side = key.rpartition("_")
        if dim not in dims or side not in ("min", "max"):
            errors.append(f"bounds.json: unknown bound {key}")
            continue
        score = dims[dim]["score"]
        if (side == "min" and score < bound) or (side == "max" and score > bound):
            errors.append(f"{dim} score {score} is not {'>=' if side == 'min' else '<='} {bound}")
    return errors


def case_pages(page):
    """page.html, then the case folder's other pages in sorted order."""
    folder = os.path.dirname(page)
    others = sorted(f for f in os.listdir(folder) if f.endswith(".html") and f != "page.html")
    return [page] + [os.path.join(folder, f) for f in others]


def main(argv):
    hurdle, src = argv[1], argv[2]
    cases_dir = os.path.join(src, "corpus", "cases")
    update = bool(os.environ.get("HURDLE_UPDATE_GOLDEN"))
    passed = failed = 0
    for case in sorted(os.listdir(cases_dir)):
        page = os.path.join(cases_dir, case, "page.html")
        expected_path = os.path.join(cases_dir, case, "expected.json")
        if not os.path.isfile(page):
            continue
        p = subprocess.run([hurdle, "scan", "--no-timestamps", "-f", "json"] + case_pages(page),
                           capture_output=True, timeout=120)
        if p.returncode != 0:
            print(f"FAIL {case}: exit {p.returncode}: {p.stderr.decode()}")
            failed += 1
            continue
        report = json.loads(p.stdout)
        got = project(report)
        bad_bounds = bounds_errors(os.path.join(cases_dir, case), report)
        for e in bad_bounds:
            print(f"FAIL {case}: {e}")
        if bad_bounds:
            failed += 1
            continue
        if update:
            with open(expected_path, "w", encoding="utf-8") as f:
                json.dump(got, f, indent=2, sort_keys=True, ensure_ascii=False)
                f.write("\n")
        if not os.path.isfile(expected_path):
            print(f"FAIL {case}: no expected.json")
            failed += 1
            continue
        with open(expected_path, encoding="utf-8") as f:
            want = json.load(f)
        if want == got:
            passed += 1
            continue
        failed += 1
        print(f"FAIL {case}:")
        for key in sorted(set(want) | set(got)):
            if want.get(key) != got.get(key):
                print(f"  {key}: expected {json.dumps(want.get(key))}")
                print(f"  {key}:      got {json.dumps(got.get(key))}")
    missing = unshown_rules(src, cases_dir)
    for rule in missing:
        print(f"FAIL no corpus case shows {rule}")
    failed += len(missing)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or passed == 0 else 0


def unshown_rules(src, cases_dir):
    """Rules of the dimensions whose rules must each be shown by a corpus case."""
    rules = set()
    for pack in glob.glob(os.path.join(src, "rules", "*", "*.json")):
        with open(pack, encoding="utf-8") as f:
            for rule in json.load(f).get("rules", []):
                if rule.get("dimension") in SHOWN_DIMENSIONS:
                    rules.add(rule["id"])
    shown = set()
    for path in glob.glob(os.path.join(cases_dir, "*", "expected.json")):
        with open(path, encoding="utf-8") as f:
            shown |= set(json.load(f)["findings"])
    return sorted(rules - shown)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
