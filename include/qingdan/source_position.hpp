#pragma once

#include <cstdint>
#include <string>

namespace qingdan {

// A place in a user's file: the file as named to the loader, 1-based line and column (columns
// count Unicode characters); 0 means "not known". Diagnostics, findings and directive items are
// positioned with it.
struct SourcePosition {
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  friend bool operator==(const SourcePosition&, const SourcePosition&) = default;
};

}  // namespace qingdan
