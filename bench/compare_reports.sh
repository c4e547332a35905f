#!/bin/sh
# bench/compare_reports.sh: record or check hurdle's JSON reports on a fixed set of pages,
# byte for byte, so a speed change can prove it changed no result. See bench/README.md.
#
#   bench/compare_reports.sh record DIR    write DIR/<n>.json (+ .err, exit code) per page
#   bench/compare_reports.sh check DIR     rescan, compare with DIR; exit 1 on any difference
#
# Pages: every .html of corpus/site and corpus/cases, the first BENCH_PAGES (default 40)
# generated bench pages (written once to build/compare-pages, so their paths stay the same),
# and every file of $FORMS (default /work/shared/data/forms/html) when that folder exists.
# Environment: HURDLE (default build/dev/hurdle), GEN (default
# build/dev/bench/hurdle_gen_corpus), BENCH_PAGES, FORMS, JOBS (default 2).
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

mode=${1:-}
dir=${2:-}
if [ "$mode" != record ] && [ "$mode" != check ] || [ -z "$dir" ]; then
    echo "usage: bench/compare_reports.sh record|check DIR" >&2
    exit 2
fi

hurdle=${HURDLE:-build/dev/hurdle}
gen=${GEN:-build/dev/bench/hurdle_gen_corpus}
bench_pages=${BENCH_PAGES:-40}
forms=${FORMS:-/work/shared/data/forms/html}
jobs=${JOBS:-2}
pages_dir=build/compare-pages
stamp="n=$bench_pages k=94 s=1"

if [ ! -f "$pages_dir/.stamp" ] || [ "$(cat "$pages_dir/.stamp")" != "$stamp" ]; then
    rm -rf "$pages_dir"
    "$gen" -n "$bench_pages" -k 94 -s 1 "$pages_dir" >/dev/null
    echo "$stamp" > "$pages_dir/.stamp"
fi

out=$dir
[ "$mode" = check ] && out=$(mktemp -d)
mkdir -p "$out"

list="$out/pages.txt"
{
    find corpus/site corpus/cases -name '*.html' | LC_ALL=C sort
    find "$pages_dir" -name '*.html' | LC_ALL=C sort
    if [ -d "$forms" ]; then find "$forms" -type f | LC_ALL=C sort; fi
} > "$list"

# One report per page, named by its line number in the list; the exit code goes in the .err.
export hurdle out
awk '{ print NR " " $0 }' "$list" | xargs -P "$jobs" -L 1 sh -c '
    rc=0
    "$hurdle" scan --no-timestamps -f json "$1" > "$out/$0.json" 2> "$out/$0.err" || rc=$?
    echo "exit $rc" >> "$out/$0.err"'

n=$(wc -l < "$list")
if [ "$mode" = record ]; then
    echo "recorded $n reports in $dir"
    exit 0
fi

status=0
if ! diff -r "$dir" "$out" > "$out.diff" 2>&1; then
    status=1
    echo "DIFFERENT: $(grep -c '^diff\|^Only' "$out.diff" || true) files differ (diff in $out.diff)"
    head -40 "$out.diff"
else
    echo "identical: $n reports match $dir"
    rm -f "$out.diff"
    rm -rf "$out"
fi
exit $status
