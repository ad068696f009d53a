#pragma once

#include <chrono>
#include <cstdio>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace qingdan {

using Date = std::chrono::year_month_day;

// Parses a strict ISO date `YYYY-MM-DD` that names a real calendar day.
inline std::optional<Date> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto digits = [&](std::size_t from, std::size_t count) -> std::optional<int> {
    int value = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  auto year = digits(0, 4), month = digits(5, 2), day = digits(8, 2);
  if (!year || !month || !day) return std::nullopt;
  Date date{std::chrono::year{*year}, std::chrono::month{static_cast<unsigned>(*month)},
            std::chrono::day{static_cast<unsigned>(*day)}};
  if (!date.ok()) return std::nullopt;
  return date;
}

inline std::string to_iso(Date date) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return text;
}

// Parses a strict ISO month `YYYY-MM`.
inline std::optional<std::chrono::year_month> parse_iso_month(std::string_view text) {
  if (text.size() != 7) return std::nullopt;
  auto first_day = parse_iso_date(std::string(text) + "-01");
  if (!first_day) return std::nullopt;
  return first_day->year() / first_day->month();
}

// "YYYY-MM".
inline std::string month_text(std::chrono::year_month month) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u", static_cast<int>(month.year()),
                static_cast<unsigned>(month.month()));
  return text;
}

inline Date next_day(Date date) { return Date{std::chrono::sys_days{date} + std::chrono::days{1}}; }

// Today in the machine's local time zone: the date a policy office means by "today".
inline Date today() {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return Date{std::chrono::year{local.tm_year + 1900},
              std::chrono::month{static_cast<unsigned>(local.tm_mon + 1)},
              std::chrono::day{static_cast<unsigned>(local.tm_mday)}};
}

}  // namespace qingdan
