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
NOISE = re.compile(r'/\*.*?\*/|//[^\n]*|"(?:\\.|[^"\\\n])*"', re.S)


def code_only(text):
    """The text with comments and string literals blanked, line numbers kept."""
    return NOISE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def main(argv):
    src = argv[1]
    hits = 0
    files = 0
    for sub in ("src", "include", "bench", "fuzz", "tests"):
        for path in sorted(glob.glob(os.path.join(src, sub, "**", "*.[ch]"), recursive=True)):
            files += 1
            with open(path, encoding="utf-8", errors="replace") as f:
                text = f.read()
            lines = text.splitlines()
            for n, code in enumerate(code_only(text).splitlines(), 1):
                if CALL.search(code):
                    print(f"{os.path.relpath(path, src)}:{n}: banned call: {lines[n - 1].strip()}")
                    hits += 1
    print(f"{files} files checked: {hits} banned calls")
    return 1 if hits or not files else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
