#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include <boost/unordered/unordered_flat_map.hpp>

namespace qingdan::detail {

// Lets string-keyed maps be searched with a std::string_view, without building a std::string.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const noexcept {
    return std::hash<std::string_view>{}(text);
  }
};

struct StringEqual {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const noexcept { return a == b; }
};

template <class Value>
using StringMap = boost::unordered_flat_map<std::string, Value, StringHash, StringEqual>;

// Keyed by views of strings kept elsewhere, which must not move while the map lives.
template <class Value>
using StringViewMap = boost::unordered_flat_map<std::string_view, Value, StringHash, StringEqual>;

}  // namespace qingdan::detail
