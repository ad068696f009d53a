#include "serve/request_fields.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <qingdan/detail/messages.hpp>
#include <qingdan/detail/normalize.hpp>

#include "serve/api_error.hpp"
#include "serve/shown_text.hpp"

namespace qingdan::serve {

namespace json = boost::json;
using detail::Message;
using detail::say;
using detail::words;

namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decoded, '+' read as a space; nothing when an escape is broken.
std::optional<std::string> url_decoded(std::string_view text) {
  std::string decoded;
  decoded.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      decoded += ' ';
    } else if (text[i] == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      const int high = hex_digit(text[i + 1]), low = hex_digit(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      decoded += static_cast<char>(high * 16 + low);
      i += 2;
    } else {
      decoded += text[i];
    }
  }
  return decoded;
}

// 1-based line and column (in characters) of byte `offset` of `text`.
json::object text_position(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t line = 1, line_start = 0;
  for (std::size_t i = 0; i < offset; ++i)
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  std::size_t column = 1;
  for (std::size_t i = line_start; i < offset; ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  return json::object{{"line", line}, {"column", column}};
}

}  // namespace

json::value parse_json_body(std::string_view body, Language language) {
  json::parse_options options;
  options.max_depth = 64;
  json::stream_parser parser({}, options);
  boost::system::error_code failure;
  // write() refuses what follows the value too ("{…} {…}"): a body is one JSON value.
  const std::size_t consumed = parser.write(body.data(), body.size(), failure);
  if (!failure) parser.finish(failure);
  if (failure || !parser.done())
    throw ApiError(400, detail::Code::http_bad_request,
                   say(language, Message::http_bad_json, {{"reason", failure.message()}}),
                   text_position(body, consumed));
  return parser.release();
}

RequestFields RequestFields::from_query(std::string_view query, Language language) {
  RequestFields fields;
  fields.language_ = language;
  while (!query.empty()) {
    const std::size_t end = std::min(query.find('&'), query.size());
    const std::string_view pair = query.substr(0, end);
    query.remove_prefix(std::min(end + 1, query.size()));
    if (pair.empty()) continue;
    const std::size_t equals = std::min(pair.find('='), pair.size());
    auto name = url_decoded(pair.substr(0, equals));
    auto value = url_decoded(pair.substr(std::min(equals + 1, pair.size())));
    if (!name || !value || !detail::is_valid_utf8(*name) || !detail::is_valid_utf8(*value)) {
      const std::string shown = shown_text(pair.substr(0, equals), 64);
      throw ApiError(
          400, detail::Code::http_bad_request,
          say(language, Message::http_bad_parameter,
              {{"name", shown},
               {"expected",
                words(language, "UTF-8 text, percent-escaped", "以百分号转义的 UTF-8 文本")},
               {"value", shown_text(pair.substr(std::min(equals + 1, pair.size())), 64)}}),
          json::object{{"parameter", shown}});
    }
    if (fields.find_parameter(*name) != nullptr)
      throw ApiError(400, detail::Code::http_bad_request,
                     say(language, Message::http_parameter_twice, {{"name", *name}}),
                     json::object{{"parameter", *name}});
    fields.parameters_.push_back(Parameter{std::move(*name), std::move(*value)});
  }
  return fields;
}

RequestFields RequestFields::from_json(const json::object& object, std::string path,
                                       Language language) {
  RequestFields fields;
  fields.language_ = language;
  fields.object_ = &object;
  fields.path_ = std::move(path);
  return fields;
}

const RequestFields::Parameter* RequestFields::find_parameter(std::string_view name) const {
  for (const Parameter& parameter : parameters_)
    if (parameter.name == name) return &parameter;
  return nullptr;
}

json::object RequestFields::position_of(std::string_view name) const {
  if (object_ != nullptr) return json::object{{"field", where(name)}};
  return json::object{{"parameter", name}};
}

void RequestFields::refuse(std::string_view name, std::string_view expected,
                           std::string_view value) const {
  json::object position = position_of(name);
  if (object_ != nullptr && value.empty())
    throw ApiError(400, detail::Code::http_bad_request,
                   say(language_, Message::http_wrong_json_type,
                       {{"name", where(name)}, {"expected", expected}}),
                   std::move(position));
  throw ApiError(
      400, detail::Code::http_bad_request,
      say(language_, Message::http_bad_parameter,
          {{"name", where(name)}, {"expected", expected}, {"value", shown_text(value, 80)}}),
      std::move(position));
}

const json::value* RequestFields::json(std::string_view name) const {
  if (object_ == nullptr) return nullptr;
  const json::value* value = object_->if_contains(name);
  return value == nullptr || value->is_null() ? nullptr : value;
}

std::optional<std::string> RequestFields::text(std::string_view name) const {
  if (object_ == nullptr) {
    const Parameter* parameter = find_parameter(name);
    if (parameter == nullptr) return std::nullopt;
    return parameter->value;
  }
  const json::value* value = json(name);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) refuse(name, words(language_, "a string", "字符串"), "");
  return std::string(value->get_string());
}

std::string RequestFields::required_text(std::string_view name) const {
  auto value = text(name);
  if (!value || value->empty()) {
    json::object position = position_of(name);
    throw ApiError(400, detail::Code::http_bad_request,
                   say(language_, Message::http_missing_parameter, {{"name", where(name)}}),
                   std::move(position));
  }
  return std::move(*value);
}

std::optional<bool> RequestFields::flag(std::string_view name) const {
  const std::string_view expected =
      language_ == Language::zh ? "true、false、1 或 0" : "true, false, 1 or 0";
  if (object_ != nullptr) {
    const json::value* value = json(name);
    if (value == nullptr) return std::nullopt;
    if (!value->is_bool()) refuse(name, expected, "");
    return value->get_bool();
  }
  const Parameter* parameter = find_parameter(name);
  if (parameter == nullptr) return std::nullopt;
  if (parameter->value.empty() || parameter->value == "1" || parameter->value == "true")
    return true;
  if (parameter->value == "0" || parameter->value == "false") return false;
  refuse(name, expected, parameter->value);
}

std::optional<Date> RequestFields::date(std::string_view name) const {
  auto value = text(name);
  if (!value || value->empty()) return std::nullopt;
  if (auto date = parse_iso_date(*value)) return date;
  refuse(name, words(language_, "a date YYYY-MM-DD", "YYYY-MM-DD 格式的日期"), *value);
}

std::optional<std::chrono::year_month> RequestFields::month(std::string_view name) const {
  auto value = text(name);
  if (!value || value->empty()) return std::nullopt;
  if (auto month = parse_iso_month(*value)) return month;
  refuse(name, words(language_, "a month YYYY-MM", "YYYY-MM 格式的月份"), *value);
}

std::optional<std::int64_t> RequestFields::whole_number(std::string_view name, std::int64_t least,
                                                        std::int64_t most) const {
  const std::string expected =
      words(language_, "a whole number from {least} to {most}", "{least} 到 {most} 之间的整数",
            {{"least", std::to_string(least)}, {"most", std::to_string(most)}});
  std::int64_t number = 0;
  if (object_ != nullptr) {
    const json::value* value = json(name);
    if (value == nullptr) return std::nullopt;
    if (value->is_int64())
      number = value->get_int64();
    else if (value->is_uint64() && value->get_uint64() <= static_cast<std::uint64_t>(most))
      number = static_cast<std::int64_t>(value->get_uint64());
    else
      refuse(name, expected, value->is_number() ? json::serialize(*value) : "");
    if (number < least || number > most) refuse(name, expected, std::to_string(number));
    return number;
  }
  const Parameter* parameter = find_parameter(name);
  if (parameter == nullptr) return std::nullopt;
  const std::string& text = parameter->value;
  auto [end, failure] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (text.empty() || failure != std::errc() || end != text.data() + text.size() ||
      number < least || number > most)
    refuse(name, expected, text);
  return number;
}

std::optional<double> RequestFields::number(std::string_view name, double least,
                                            double most) const {
  const std::string expected =
      words(language_, "a number from {least} to {most}", "{least} 到 {most} 之间的数",
            {{"least", detail::shortest_number_text(least)},
             {"most", detail::shortest_number_text(most)}});
  double number = 0;
  std::string written;
  if (object_ != nullptr) {
    const json::value* value = json(name);
    if (value == nullptr) return std::nullopt;
    if (!value->is_number()) refuse(name, expected, "");
    number = value->to_number<double>();
    written = json::serialize(*value);
  } else {
    const Parameter* parameter = find_parameter(name);
    if (parameter == nullptr) return std::nullopt;
    written = parameter->value;
    auto [end, failure] = std::from_chars(written.data(), written.data() + written.size(), number);
    if (written.empty() || failure != std::errc() || end != written.data() + written.size())
      refuse(name, expected, written);
  }
  if (!std::isfinite(number) || number < least || number > most) refuse(name, expected, written);
  return number;
}

void RequestFields::allow_only(std::initializer_list<std::string_view> known) const {
  std::string listed;
  for (std::string_view name : known) {
    if (!listed.empty()) listed += ", ";
    listed += name;
  }
  auto check = [&](std::string_view name) {
    if (std::find(known.begin(), known.end(), name) != known.end()) return;
    json::object position = position_of(name);
    throw ApiError(400, detail::Code::http_bad_request,
                   known.size() == 0
                       ? say(language_, Message::http_takes_no_parameter,
                             {{"name", shown_text(where(name), 80)}})
                       : say(language_, Message::http_unknown_parameter,
                             {{"name", shown_text(where(name), 80)}, {"known", listed}}),
                   std::move(position));
  };
  if (object_ != nullptr)
    for (const auto& member : *object_) check(member.key());
  else
    for (const Parameter& parameter : parameters_) check(parameter.name);
}

}  // namespace qingdan::serve
