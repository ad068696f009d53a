#pragma once

#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>

namespace qingdan::serve {

// `when` in ISO 8601, UTC: 2026-11-30T18:50:01Z, or with `milliseconds` 2026-11-30T18:50:01.123Z.
inline std::string utc_time(std::chrono::system_clock::time_point when, bool milliseconds = false) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(when);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char text[96];
  int written =
      std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d", parts.tm_year + 1900,
                    parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec);
  if (milliseconds)
    written += std::snprintf(
        text + written, sizeof text - static_cast<std::size_t>(written), ".%03d",
        static_cast<int>(
            std::chrono::duration_cast<std::chrono::milliseconds>(when.time_since_epoch()).count() %
            1000));
  return std::string(text, static_cast<std::size_t>(written)) + 'Z';
}

}  // namespace qingdan::serve
