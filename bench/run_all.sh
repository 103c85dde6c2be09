#!/usr/bin/env bash
# Every benchmark, one after the other, each printing its own figures.
#   bash bench/run_all.sh          the quick ones (about 20-30 minutes on 2 cores)
#   bash bench/run_all.sh --large  also the 1,000,000-unit and long runs (add 1-2 hours)
# Benchmarks that need ../shared (mac-dev, the term gold, real files), Chromium (serve_bench)
# or PostgreSQL (pg_bench) say so and stop; the next one runs.
# Run on an otherwise idle machine: the figures are wall-clock times.
set -uo pipefail
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
run bench/terms_quality.py
run bench/terms_speed.py
run bench/realfiles.py
run bench/import_codes.py
run bench/zh_variants.py
run bench/edit_bench.py
run bench/edit_scale.py --pg
run bench/glossary_server.py
run bench/serve_bench.py
run bench/chaos.py --seconds 60 --concurrent-seconds 30
if [ "${1:-}" = "--large" ]; then
    run bench/store_import.py
    run bench/match_bench.py
    run bench/import_export.py
    run bench/large_memory.py
    run bench/match_stress.py
    run bench/align_targets.py
    run bench/pg_bench.py
    run bench/chaos.py
else
    run bench/import_export.py --sizes 100000
    run bench/align_targets.py --scale --scale-model --no-loco
    run bench/pg_bench.py --units 50000 --clients 16 --seconds 60
fi
uptime
