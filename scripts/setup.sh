#!/usr/bin/env bash
# Installs what qingdan needs on Debian 12 (only what is missing), then builds the Python package
# into .venv and the C++ build in build/ci: everything, or only the targets named as arguments.
# Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake ninja-build pkg-config git
          libyaml-cpp-dev libboost1.81-dev libboost-json1.81-dev libutf8proc-dev libopencc-dev
          libssl-dev libzip-dev libexpat1-dev libcli11-dev libgtest-dev googletest libbenchmark-dev clang-format
          python3-dev python3-venv ${QINGDAN_EXTRA_PACKAGES:-})
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$package")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q ".[test]"

cmake --preset ci -DQINGDAN_EXAMPLES_PYTHON="$PWD/.venv/bin/python" >/dev/null
cmake --build --preset ci ${1:+--target "$@"}
