#!/usr/bin/env python3
"""Fails when a banned C function (STYLE.md section 5) is called in src/, include/,
bench/ or fuzz/.

usage: check_banned.py SOURCE_DIR
"""
import glob
import os
import re
import sys

BANNED = ["strcpy", "strcat", "sprintf", "vsprintf", "strncpy", "strtok", "atoi", "atol", "gets"]
CALL = re.compile(r"(?<![A-Za-z0-9_])(" + "|".join(BANNED) + r")\s*\(")


def main(argv):
    src = argv[1]
    hits = 0
    files = 0
    for sub in ("src", "include", "bench", "fuzz", "tests"):
        for path in sorted(glob.glob(os.path.join(src, sub, "**", "*.[ch]"), recursive=True)):
            files += 1
            with open(path, encoding="utf-8", errors="replace") as f:
                for n, line in enumerate(f, 1):
                    code = line.split("//")[0]
                    if CALL.search(code):
                        print(f"{os.path.relpath(path, src)}:{n}: banned call: {line.strip()}")
                        hits += 1
    print(f"{files} files checked: {hits} banned calls")
    return 1 if hits or not files else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
