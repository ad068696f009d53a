#!/usr/bin/env bash
# Builds the release build and runs the C++ benchmarks (Google Benchmark), printing figures:
# the directive check at national scale, the owner query on the Qingpu rulebook, and the owner
# query and loading on synthetic rulebooks of QINGDAN_BENCH_SIZES tasks (default
# 1000,10000,100000). Extra arguments go to the benchmark binary, e.g.
#   scripts/bench.sh --benchmark_filter=Owner --benchmark_repetitions=5
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh qingdan_bench
build/ci/tests/bench/qingdan_bench --benchmark_repetitions=3 --benchmark_report_aggregates_only=true "$@"
