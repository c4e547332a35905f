#!/bin/sh
# bench/run.sh: build the release preset, generate the benchmark corpus if it is
# missing, run the benchmark. See bench/README.md.
#
#   bench/run.sh [hurdle_bench options...]     e.g. bench/run.sh -r 9
#
# Environment: PAGES (default 2000), KB (default 94), SEED (default 1),
# RULES (default rules). The corpus is regenerated when PAGES/KB/SEED change.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

pages=${PAGES:-2000}
kb=${KB:-94}
seed=${SEED:-1}
rules=${RULES:-rules}
build=build/release
corpus=$build/bench-corpus
stamp="pages=$pages kb=$kb seed=$seed"

cmake --preset release
cmake --build --preset release

if [ ! -f "$corpus/.stamp" ] || [ "$(cat "$corpus/.stamp")" != "$stamp" ]; then
    rm -rf "$corpus"
    "$build/bench/hurdle_gen_corpus" -n "$pages" -k "$kb" -s "$seed" "$corpus"
    echo "$stamp" > "$corpus/.stamp"
fi

exec "$build/bench/hurdle_bench" -R "$rules" "$@" "$corpus"
