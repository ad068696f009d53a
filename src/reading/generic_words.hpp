#pragma once

#include <string_view>
#include <vector>

namespace qingdan::detail {

// The generic directive words qingdan ships (src/reading/generic_words.txt), as written there.
const std::vector<std::string_view>& shipped_generic_words();

}  // namespace qingdan::detail
