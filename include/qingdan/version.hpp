#pragma once

// The one place the version is written: CMakeLists.txt and pyproject.toml read it from here.
#define QINGDAN_VERSION "0.1.0"

namespace qingdan {
inline constexpr const char* version = QINGDAN_VERSION;
// The rule-file format version this library reads (`qingdan: 1`).
inline constexpr int format_version = 1;
}  // namespace qingdan
