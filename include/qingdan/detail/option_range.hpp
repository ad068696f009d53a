#pragma once

// An option checked before use, wherever it comes from (C++ options, the command line, Python).
#include <string_view>

#include <qingdan/detail/messages.hpp>
#include <qingdan/error.hpp>
#include <qingdan/phrase.hpp>

namespace qingdan::detail {

// `value` from `minimum` to `maximum`, which NaN is not; else QU003 naming `option`.
inline double checked_number(double value, std::string_view option, double minimum,
                             double maximum) {
  if (value >= minimum && value <= maximum) return value;
  throw usage_error(Code::option_out_of_range, Phrase(Message::option_out_of_range,
                                                      {{"option", option},
                                                       {"minimum", shortest_number_text(minimum)},
                                                       {"maximum", shortest_number_text(maximum)},
                                                       {"value", shortest_number_text(value)}}));
}

}  // namespace qingdan::detail
