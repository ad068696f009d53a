#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include <qingdan/date.hpp>
#include <qingdan/language.hpp>

namespace qingdan::serve {

// `body` as JSON; a body that is not gives a 400 positioned at the line and column where it
// stops being JSON.
boost::json::value parse_json_body(std::string_view body, Language language);

// The named values of a request: the parameters of its query string (`?task=…&at=…`) or the
// members of a JSON object (a POST body, or one query of a batch). Each getter checks the value's
// form and throws a 400 ApiError that names the parameter, or the field's path in the body.
class RequestFields {
 public:
  // Percent-decoded; '+' is a space. A parameter given twice or a bad escape is a 400.
  static RequestFields from_query(std::string_view query, Language language);
  // `path` prefixes the names in messages ("queries[2]."); empty for the body itself.
  static RequestFields from_json(const boost::json::object& object, std::string path,
                                 Language language);

  std::optional<std::string> text(std::string_view name) const;
  std::string required_text(std::string_view name) const;
  std::optional<bool> flag(std::string_view name) const;
  std::optional<Date> date(std::string_view name) const;
  std::optional<std::chrono::year_month> month(std::string_view name) const;
  std::optional<std::int64_t> whole_number(std::string_view name, std::int64_t least,
                                           std::int64_t most) const;
  std::optional<double> number(std::string_view name, double least, double most) const;
  // The JSON value itself (null when absent); a query string has none.
  const boost::json::value* json(std::string_view name) const;
  // Refuses a name not among `known`.
  void allow_only(std::initializer_list<std::string_view> known) const;

  std::string where(std::string_view name) const { return path_ + std::string(name); }
  // Where `name` is: {"field": path} in a JSON body, {"parameter": name} in a query string.
  boost::json::object position_of(std::string_view name) const;
  Language language() const { return language_; }

 private:
  struct Parameter {
    std::string name;
    std::string value;
  };
  const Parameter* find_parameter(std::string_view name) const;
  [[noreturn]] void refuse(std::string_view name, std::string_view expected,
                           std::string_view value) const;

  Language language_ = Language::en;
  std::vector<Parameter> parameters_;            // of a query string
  const boost::json::object* object_ = nullptr;  // of a JSON body
  std::string path_;
};

}  // namespace qingdan::serve
