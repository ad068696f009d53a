#pragma once

#define QINGDAN_VERSION_MAJOR 0
#define QINGDAN_VERSION_MINOR 1
#define QINGDAN_VERSION_PATCH 0

namespace qingdan {
inline constexpr const char* version = "0.1.0";
// The rule-file format version this library reads (`qingdan: 1`).
inline constexpr int format_version = 1;
}  // namespace qingdan
