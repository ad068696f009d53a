#!/usr/bin/env bash
# Installs the Debian 12 packages qingdan's builds and tests need, and those named in
# QINGDAN_EXTRA_PACKAGES: only what is missing.
set -euo pipefail

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
