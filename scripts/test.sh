#!/usr/bin/env bash
# Sets everything up, then runs every test: the C++ tests, examples and consumer projects
# (warnings are errors), the pytest suites against the repaired wheel installed in .venv (which
# scripts/setup.sh builds; tests/python/test_wheel.py checks it), the C++ tests again
# under AddressSanitizer and UndefinedBehaviorSanitizer, the concurrency tests under
# ThreadSanitizer, a short smoke of every libFuzzer target, and the formatting check.
set -euo pipefail
cd "$(dirname "$0")/.."
# The HTML report and the served page are tested in a real browser: Debian's chromium, headless
# (the page through chromium-driver); qingdan.spark on Spark in local mode, which needs Java 17.
# The fuzz targets need clang and its libFuzzer runtime.
QINGDAN_EXTRA_PACKAGES="chromium chromium-driver openjdk-17-jre-headless clang-14 libclang-rt-14-dev" \
  scripts/setup.sh

# Each stage says when it starts, in seconds since this script began: where a run's time went.
stage() { echo "== $1 (at ${SECONDS} s)"; }

# Every load of a rule folder in the tests keeps its compiled snapshot here, not in ~/.cache.
export QINGDAN_CACHE_DIR="$PWD/build/test-cache"

stage "formatting"
git ls-files '*.cpp' '*.hpp' | xargs clang-format --dry-run --Werror

stage "C++ tests, examples and consumer projects"
ctest --preset ci

stage "Python API and command-line tests, against the repaired wheel"
QINGDAN_EXPECT_REPAIRED_WHEEL=1 .venv/bin/python -m pytest

stage "C++ tests under ASan and UBSan"
cmake --preset asan >/dev/null
cmake --build --preset asan
ctest --preset asan

stage "concurrency tests under ThreadSanitizer"
cmake --preset tsan >/dev/null
cmake --build --preset tsan
ctest --preset tsan

stage "fuzzing smoke: every libFuzzer target for 10 s"
scripts/fuzz.sh 10

echo "all tests passed (in ${SECONDS} s)"
