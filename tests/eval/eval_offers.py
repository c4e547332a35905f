#!/usr/bin/env python3
"""Measures hurdle's offer facts (hd_facts) against the labelled offer texts.

usage: eval_offers.py OFFER_FACTS RULES_DIR DATA_DIR [FLOOR] [-v]

Each text of DATA_DIR/offers/items.jsonl is wrapped in a minimal HTML page (a paragraph a
line), scanned by OFFER_FACTS (tests/eval/offer_facts.c, which prints the first offering's
facts), and each labelled fact of the item's kind is compared (docs/evaluation.md):
names and numbers are equal (null: not stated); lists are equal as sets, after the aliases
below; a labelled true needs hurdle's yes, a labelled false anything but yes. Prints the
share right per fact and overall; fails under FLOOR. Exits 77 (skipped) without the data.
"""
import html
import json
import os
import subprocess
import sys
import tempfile

REBATE = ["submission", "proofs", "window_days", "payout_weeks_min", "payout_weeks_max",
          "payout_form", "one_per_household", "no_photocopies", "void_where_prohibited"]
SIGNUP = ["trial_requires_card", "trial_days", "auto_renewal", "cancel_by_phone_only",
          "cancel_methods", "early_termination_fee", "contact_sales"]
FACTS = {"rebate": REBATE, "signup": SIGNUP, "pricing": SIGNUP}
# label spellings -> hurdle's vocabulary
ALIASES = {"upc_barcode": "upc", "online_account": "online", "email_written_notice": "email",
           "account_manager": "contact_support"}


def page_of(text):
    paras = "".join("<p>%s</p>\n" % html.escape(line) for line in text.split("\n") if line.strip())
    return ("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<title>Offer</title></head><body>\n%s</body></html>\n" % paras)


def same(name, label, got):
    if isinstance(label, bool):
        return (got is True) == label
    if isinstance(label, list) or (label is None and isinstance(got, list)):
        want = {ALIASES.get(v, v) for v in (label or [])}
        return want == set(got or [])
    return label == got


def scan(tool, rules, items):
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for item in items:
            path = os.path.join(tmp, item["id"] + ".html")
            with open(path, "w", encoding="utf-8") as f:
                f.write(page_of(item["text"]))
            paths.append(path)
        out = subprocess.run([tool, rules] + paths, check=True, capture_output=True,
                             text=True).stdout
    return [json.loads(line)["facts"] for line in out.splitlines()]


def main(argv):
    if len(argv) < 4:
        print(__doc__)
        return 2
    tool, rules, data = argv[1:4]
    floor = float(argv[4]) if len(argv) > 4 and argv[4] != "-v" else 0.0
    verbose = "-v" in argv
    path = os.path.join(data, "offers", "items.jsonl")
    if not os.path.exists(path):
        print("skipped: %s not found" % path)
        return 77
    with open(path, encoding="utf-8") as f:
        items = [json.loads(line) for line in f if line.strip()]
    got = scan(tool, rules, items)
    per = {}
    for item, facts in zip(items, got):
        for name in FACTS.get(item["kind"], []):
            if name not in item["labels"]:
                continue
            ok = same(name, item["labels"][name], facts.get(name))
            tot = per.setdefault(name, [0, 0])
            tot[0] += ok
            tot[1] += 1
            if not ok and verbose:
                print("  MISS %s %s: label %s, hurdle %s" % (item["id"], name,
                      json.dumps(item["labels"][name]), json.dumps(facts.get(name))))
    right = sum(v[0] for v in per.values())
    total = sum(v[1] for v in per.values())
    for name in REBATE + SIGNUP:
        if name in per:
            r, t = per[name]
            print("%-22s %3d/%3d = %5.1f%%" % (name, r, t, 100.0 * r / t))
    acc = right / total if total else 0.0
    print("offer facts: %d/%d = %.1f%% right" % (right, total, 100.0 * acc))
    if acc < floor:
        print("FAIL: accuracy %.3f is under the floor %.3f" % (acc, floor))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
