#pragma once

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include <qingdan/date.hpp>
#include <qingdan/detail/messages.hpp>
#include <qingdan/detail/option_range.hpp>
#include <qingdan/error.hpp>

namespace qingdan::cli {

// A date given on the command line, checked before use.
inline Date parse_date_option(const std::string& text, const std::string& option,
                              Language language) {
  if (auto date = parse_iso_date(text)) return *date;
  throw usage_error("QU001", detail::say(language, detail::Message::bad_date_for_option,
                                         {{"text", text}, {"option", option}}));
}

// A month given on the command line as YYYY-MM.
inline std::chrono::year_month parse_month_option(const std::string& text,
                                                  const std::string& option, Language language) {
  if (auto month = parse_iso_month(text)) return *month;
  throw usage_error("QU001", detail::say(language, detail::Message::bad_month_for_option,
                                         {{"text", text}, {"option", option}}));
}

using detail::checked_number;  // a number given on the command line, checked before use

}  // namespace qingdan::cli
