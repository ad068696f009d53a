#!/usr/bin/env bash
# Installs what qingdan needs on Debian 12 (only what is missing), builds the Python package as
# users get it (scripts/wheel.sh: an sdist, and a wheel repaired by auditwheel) and installs that
# wheel into .venv, as a policy office would, so that the tests run against it; then builds the
# C++ build in build/ci: everything, or only the targets named as arguments. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/debian-packages.sh

scripts/wheel.sh
wheel=$(echo build/wheelhouse/qingdan-*.whl)
.venv/bin/python -m pip install -q "$wheel[test]"
.venv/bin/python -m pip install -q --force-reinstall --no-deps "$wheel"

cmake --preset ci -DQINGDAN_EXAMPLES_PYTHON="$PWD/.venv/bin/python" >/dev/null
cmake --build --preset ci ${1:+--target "$@"}
