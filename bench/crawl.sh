#!/bin/sh
# bench/crawl.sh: the crawl benchmark (bench/README.md, "The crawl benchmark"). Builds the
# release preset's hurdle, then runs bench/crawl_bench.py, which generates the site if needed
# (bench/gen_site.py, into build/release/bench-site), serves it with nginx on 127.0.0.1 and
# times `wget --recursive` and `hurdle scan` on it.
#
#   bench/crawl.sh [-r ROUNDS] [crawl_bench.py options...]      e.g. bench/crawl.sh -r 5
#
# Environment: PAGES (default 10000), SEED (default 1); HURDLE=path/to/hurdle skips the
# build and benchmarks that binary.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

if [ -z "${HURDLE:-}" ]; then
    cmake --preset release >&2
    cmake --build --preset release --target hurdle_cli >&2
    HURDLE=build/release/hurdle
fi

exec python3 bench/crawl_bench.py --hurdle "$HURDLE" "$@"
