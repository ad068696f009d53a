#!/usr/bin/env bash
# cibuildwheel's before-all for the release wheels (pyproject.toml, [tool.cibuildwheel]), run as
# root inside the manylinux_2_28 image (AlmaLinux 8). The image's own packages are too old for
# qingdan (yaml-cpp 0.6, Boost 1.66, libzip 1.5, expat 2.2, no CLI11 or OpenCC), so this builds
# them from pinned upstream releases into /usr/local: the versions Debian 12 ships, which the tests
# run against, where they build with the image's compiler (yaml-cpp 0.7.0 does not with GCC 13 and
# later: 0.8.0), and the current releases of libzip and expat. auditwheel then copies the shared
# libraries into each wheel, as it does on Debian; expat is linked statically, since the manylinux
# policy lets a wheel load the system's libexpat, which may be older than 2.4.
# Not for Debian: there scripts/setup.sh installs Debian's packages.
set -euo pipefail

prefix=/usr/local
jobs=$(nproc)
work=$(mktemp -d)
# Any of the image's interpreters, for OpenCC's dictionary scripts.
python=$(ls -d /opt/python/cp3*/bin/python | sort -V | tail -n 1)

dnf install -y zlib-devel bzip2-devel openssl-devel pkgconf-pkg-config
command -v cmake >/dev/null || pipx install cmake
command -v ninja >/dev/null || pipx install ninja

# Unpacks a .tar.gz release into $work.
fetch() {
  curl --fail --silent --show-error --location --retry 3 "$1" | tar -xz -C "$work"
}

# Builds and installs a CMake project: its source folder, then its options.
cmake_install() {
  local source=$1
  shift
  cmake -S "$source" -B "$source/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_INSTALL_PREFIX="$prefix" -DCMAKE_POSITION_INDEPENDENT_CODE=ON "$@"
  cmake --build "$source/build" -j "$jobs"
  cmake --install "$source/build"
}

# The XML of .xlsx village files: 2.4 or later (its guard against entity amplification).
fetch https://github.com/libexpat/libexpat/releases/download/R_2_6_4/expat-2.6.4.tar.gz
cmake_install "$work/expat-2.6.4" -DEXPAT_SHARED_LIBS=OFF -DEXPAT_BUILD_TOOLS=OFF \
  -DEXPAT_BUILD_EXAMPLES=OFF -DEXPAT_BUILD_TESTS=OFF -DEXPAT_BUILD_DOCS=OFF

# .xlsx archives; qingdan refuses encrypted parts, so no crypto back end.
fetch https://github.com/nih-at/libzip/releases/download/v1.11.2/libzip-1.11.2.tar.gz
cmake_install "$work/libzip-1.11.2" -DBUILD_SHARED_LIBS=ON -DENABLE_OPENSSL=OFF \
  -DENABLE_GNUTLS=OFF -DENABLE_MBEDTLS=OFF -DENABLE_LZMA=OFF -DENABLE_ZSTD=OFF -DBUILD_TOOLS=OFF \
  -DBUILD_REGRESS=OFF -DBUILD_OSSFUZZ=OFF -DBUILD_EXAMPLES=OFF -DBUILD_DOC=OFF

fetch https://github.com/jbeder/yaml-cpp/archive/refs/tags/0.8.0.tar.gz
cmake_install "$work/yaml-cpp-0.8.0" -DYAML_BUILD_SHARED_LIBS=ON -DYAML_CPP_BUILD_TESTS=OFF \
  -DYAML_CPP_BUILD_TOOLS=OFF -DYAML_CPP_BUILD_CONTRIB=OFF

# utf8proc's Makefile writes the pkg-config file qingdan looks for (libutf8proc).
fetch https://github.com/JuliaStrings/utf8proc/archive/refs/tags/v2.8.0.tar.gz
make -C "$work/utf8proc-2.8.0" -j "$jobs" prefix="$prefix" install

# OpenCC, with its t2s.json and dictionaries in $prefix/share/opencc, which the wheel packages.
fetch https://github.com/BYVoid/OpenCC/archive/refs/tags/ver.1.1.6.tar.gz
cmake_install "$work/OpenCC-ver.1.1.6" -DBUILD_SHARED_LIBS=ON -DENABLE_GTEST=OFF \
  -DENABLE_BENCHMARK=OFF -DBUILD_DOCUMENTATION=OFF -DBUILD_PYTHON=OFF \
  -DPython3_EXECUTABLE="$python" -DPYTHON_EXECUTABLE="$python"

fetch https://github.com/CLIUtils/CLI11/archive/refs/tags/v2.3.2.tar.gz
cmake_install "$work/CLI11-2.3.2" -DCLI11_BUILD_TESTS=OFF -DCLI11_BUILD_EXAMPLES=OFF \
  -DCLI11_BUILD_DOCS=OFF -DCLI11_PRECOMPILED=OFF

# Boost: the headers (unordered_flat_map, Asio, Beast) and Boost.JSON, with its CMake package.
fetch https://archives.boost.io/release/1.81.0/source/boost_1_81_0.tar.gz
(
  cd "$work/boost_1_81_0"
  ./bootstrap.sh --prefix="$prefix" --with-libraries=json
  ./b2 -j "$jobs" variant=release link=shared threading=multi install
)

# The loader, the build and auditwheel find the libraries in $prefix.
printf '%s\n' "$prefix/lib64" "$prefix/lib" >/etc/ld.so.conf.d/qingdan-dependencies.conf
ldconfig
rm -rf "$work"
