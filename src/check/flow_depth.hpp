#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace qingdan::detail {

// The byte offset of the first `[` or `{` that opens a flow collection nested deeper than
// `limit`, if any. yaml-cpp queues every token of nested flow collections before its events
// reach the depth limit (about 240 bytes per `[`), so deep flow nesting is refused here, before
// the parser sees the text. The scan follows yaml-cpp's tokens: brackets inside quoted scalars,
// comments and block-context plain scalars open nothing.
std::optional<std::size_t> flow_nesting_over(std::string_view text, std::size_t limit);

}  // namespace qingdan::detail
