#pragma once

#include <optional>
#include <string>

#include <qingdan/date.hpp>

namespace qingdan {

// Where and when an owner question is asked. Every field is optional: `at` defaults to today,
// `jurisdiction` to the root of the rulebook's tree, `mode` to the first declared mode.
// Designated initialisers may name any of them: {.at = …, .jurisdiction = "徐练村"}.
struct Query {
  std::optional<Date> at{};
  std::string jurisdiction{};  // a path or a unique suffix of one, e.g. "练塘镇/徐练村"
  std::string mode{};          // its id or its name (战时)
};

}  // namespace qingdan
