#!/usr/bin/env bash
# Every benchmark, one after the other, each printing its own figures.
#   bash bench/run_all.sh          the quick ones (about 5-10 minutes on 2 cores)
#   bash bench/run_all.sh --large  also the 1,000,000-unit runs (add 20-40 minutes)
# Run on an otherwise idle machine: the figures are wall-clock times.
set -euo pipefail
cd "$(dirname "$0")/.."
run() { echo; echo "=== python $*"; python "$@"; }
uptime
run bench/align_macdev.py
run bench/align_scale.py
run bench/segment_speed.py
run bench/segment_macdev.py
run bench/numbers_speed.py
run bench/extract_quality.py
run bench/extract_speed.py
run bench/lookup_bench.py
run bench/qa_bench.py
if [ "${1:-}" = "--large" ]; then
    run bench/store_import.py
    run bench/match_bench.py
    run bench/import_export.py
    run bench/large_memory.py
    run bench/match_stress.py
else
    run bench/import_export.py --sizes 100000
fi
uptime
