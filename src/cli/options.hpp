#pragma once

#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include <qingdan/date.hpp>
#include <qingdan/detail/messages.hpp>
#include <qingdan/detail/option_range.hpp>
#include <qingdan/error.hpp>

#include "cli/words.hpp"

namespace qingdan::cli {

// A date given on the command line, checked before use.
inline Date parse_date_option(const std::string& text, const std::string& option,
                              Language language) {
  if (auto date = parse_iso_date(text)) return *date;
  throw usage_error(detail::Code::bad_date_value,
                    detail::say(language, detail::Message::bad_date_for_option,
                                {{"text", text}, {"option", option}}));
}

// A month given on the command line as YYYY-MM.
inline std::chrono::year_month parse_month_option(const std::string& text,
                                                  const std::string& option, Language language) {
  if (auto month = parse_iso_month(text)) return *month;
  throw usage_error(detail::Code::bad_date_value,
                    detail::say(language, detail::Message::bad_month_for_option,
                                {{"text", text}, {"option", option}}));
}

// A number of days given on the command line: 30, 30d or 30天.
inline int parse_days_option(const std::string& text, const std::string& option,
                             Language language) {
  std::string_view digits(text);
  if (digits.ends_with("天"))
    digits.remove_suffix(std::string_view("天").size());
  else if (digits.ends_with('d'))
    digits.remove_suffix(1);
  int days = 0;
  auto [end, failure] = std::from_chars(digits.data(), digits.data() + digits.size(), days);
  if (digits.empty() || failure != std::errc() || end != digits.data() + digits.size() ||
      days < 0 || days > 36'500)
    throw usage_error(detail::Code::option_out_of_range,
                      detail::say(language, detail::Message::bad_days_for_option,
                                  {{"text", text}, {"option", option}}));
  return days;
}

using detail::checked_number;  // a number given on the command line, checked before use

// The checks below are CLI11 validators that throw a qingdan::Error, worded in the user's
// language, for a value they refuse; they add nothing to the option's type in the help, whose
// description says what the option takes.

// The number `text` is, all of it ("0.9", "1e-3", "nan"), or nothing.
inline std::optional<double> number_in(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  double value = 0;
  auto [end, failure] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (failure != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// `option` takes one of `values` ("zh", "en"); anything else is QU004.
inline CLI::Validator one_of(std::string option, std::vector<std::string> values,
                             Language language) {
  return {[option, values, language](std::string& text) -> std::string {
            for (const std::string& value : values)
              if (text == value) return {};
            std::string listed;
            for (std::size_t i = 0; i < values.size(); ++i)
              listed += (i == 0                  ? ""
                         : i + 1 < values.size() ? words(language, ", ", "、")
                                                 : words(language, " or ", " 或 ")) +
                        values[i];
            throw usage_error(detail::Code::bad_command_line,
                              words(language, "{option} must be {values}, found '{text}'",
                                    "{option} 必须是 {values}，这里是 '{text}'",
                                    {{"option", option}, {"values", listed}, {"text", text}}));
          },
          ""};
}

// `option` takes a number from `minimum` to `maximum`; anything else (text, NaN) is QU003.
inline CLI::Validator number_from(std::string option, double minimum, double maximum,
                                  Language language) {
  return {[option, minimum, maximum, language](std::string& text) -> std::string {
            auto value = number_in(text);
            if (value && *value >= minimum && *value <= maximum) return {};
            throw usage_error(detail::Code::option_out_of_range,
                              detail::say(language, detail::Message::option_out_of_range,
                                          {{"option", option},
                                           {"minimum", detail::shortest_number_text(minimum)},
                                           {"maximum", detail::shortest_number_text(maximum)},
                                           {"value", text}}));
          },
          ""};
}

// `option` takes a whole number from `minimum` to `maximum`; anything else is QU003.
inline CLI::Validator whole_number_from(std::string option, std::int64_t minimum,
                                        std::int64_t maximum, Language language) {
  return {[option, minimum, maximum, language](std::string& text) -> std::string {
            std::int64_t value = 0;
            auto [end, failure] = std::from_chars(text.data(), text.data() + text.size(), value);
            if (failure == std::errc() && end == text.data() + text.size() && value >= minimum &&
                value <= maximum)
              return {};
            throw usage_error(
                detail::Code::option_out_of_range,
                words(language,
                      "{option} must be a whole number from {minimum} to {maximum}, "
                      "found {value}",
                      "{option} 必须是 {minimum} 到 {maximum} 之间的整数，这里是 {value}",
                      {{"option", option},
                       {"minimum", std::to_string(minimum)},
                       {"maximum", std::to_string(maximum)},
                       {"value", text}}));
          },
          ""};
}

// `option` takes a share (of a village's capacity, of the entries tests apply), as a fraction
// from 0 to 1 ("0.9") or a percentage from 0% to 100% ("90%"), which it turns into the fraction.
// A bare number above 1 is refused rather than read as hundreds of per cent, with the share it
// likely meant: `--warn-at 90` suggests 0.9.
inline CLI::Validator share_or_percentage(std::string option, Language language) {
  return {[option, language](std::string& text) -> std::string {
            std::string_view number = text;
            const bool percent = number.ends_with('%');
            if (percent) number.remove_suffix(1);
            while (percent && number.ends_with(' ')) number.remove_suffix(1);
            std::optional<double> value = number_in(number);
            if (value && percent) *value /= 100;
            if (value && *value >= 0 && *value <= 1) {
              text = detail::shortest_number_text(*value);
              return {};
            }
            std::string message =
                words(language,
                      "{option} must be a share from 0 to 1 or a percentage from 0% to 100%, "
                      "found {value}",
                      "{option} 必须是 0 到 1 之间的比例或 0% 到 100% 之间的百分数，这里是 {value}",
                      {{"option", option}, {"value", text}});
            if (value && !percent && *value > 1 && *value <= 100)
              message += words(language, "; did you mean {share} ({percent}%)?",
                               "；是否想写 {share}（即 {percent}%）？",
                               {{"share", detail::shortest_number_text(*value / 100)},
                                {"percent", detail::shortest_number_text(*value)}});
            throw usage_error(detail::Code::option_out_of_range, message);
          },
          ""};
}

}  // namespace qingdan::cli
