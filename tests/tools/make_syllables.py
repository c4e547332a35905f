#!/usr/bin/env python3
"""Builds tests/data/syllables_en.tsv, the syllable truth list of the English
syllable counter (docs/readability.md), from two Debian packages that are
needed only to BUILD the list, never to build or run hurdle:

- festlex-cmu: the CMU pronouncing dictionary 0.4 in Festival's syllabified
  form (/usr/share/festival/dicts/cmu/cmudict-0.4.out). A word's syllables
  are its syllable groups, each of which carries one stress digit (0, 1, 2),
  i.e. one vowel phoneme. Words whose entries (one per part of speech)
  disagree on the count ("aged", "blessed", "separate") are left out.
- wamerican-small: SCOWL's "small" American English list (size 35, the
  common words; /usr/share/dict/american-english-small). Only words of
  lower-case letters a-z are kept, so proper names and contractions are out.

The words of both, sorted by code point, are the pool; the list is every
STEP-th word of the pool (index 0, STEP, 2*STEP...), a deterministic sample
that keeps the pool's spread of lengths. The other words of the pool form
the development set (--dev) the counter may be tuned on; the list is for
measuring only.

usage: make_syllables.py [--dev] [CMUDICT] [WORDLIST] > tests/data/syllables_en.tsv
"""
import re
import sys
from collections import defaultdict

STEP = 20
CMU = "/usr/share/festival/dicts/cmu/cmudict-0.4.out"
WORDS = "/usr/share/dict/american-english-small"
ENTRY = re.compile(r'^\("([^"]+)" \S+ (.*)\)$')
GROUP = re.compile(r"\)\s*[012]\)")

HEADER = """\
# English words with their syllable counts, the truth list of hurdle's syllable counter.
# Source: the CMU Pronouncing Dictionary 0.4 (Carnegie Mellon University; BSD-style licence,
# no commercial restrictions) as syllabified by Festival in Debian's festlex-cmu 2.4
# (University of Edinburgh, free licence); a word's syllables are its stress-marked vowels.
# Words: SCOWL size 35 via Debian's wamerican-small (Kevin Atkinson, free licence), lower-case
# a-z only, minus words whose CMU entries disagree; every %dth of the sorted intersection.
# Built by tests/tools/make_syllables.py; see docs/readability.md. Do not edit by hand.
word\tsyllables"""


def load_cmu(path):
    counts = defaultdict(set)
    with open(path, encoding="latin-1") as f:
        for line in f:
            m = ENTRY.match(line.strip())
            if m:
                counts[m.group(1)].add(len(GROUP.findall(m.group(2))))
    return counts


def main(argv):
    dev = "--dev" in argv
    args = [a for a in argv if a != "--dev"]
    counts = load_cmu(args[0] if args else CMU)
    with open(args[1] if len(args) > 1 else WORDS, encoding="utf-8") as f:
        words = {w.strip() for w in f}
    pool = sorted(w for w in words
                  if re.fullmatch(r"[a-z]+", w) and len(counts.get(w, ())) == 1)
    if not dev:
        print(HEADER % STEP)
    for i, w in enumerate(pool):
        if (i % STEP == 0) != dev:
            print("%s\t%d" % (w, next(iter(counts[w]))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
