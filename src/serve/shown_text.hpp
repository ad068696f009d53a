#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace qingdan::serve {

// `text` as a message or a log may quote it whatever a client sent: at most `most` characters,
// "…" when cut; a byte that is not part of well-formed UTF-8, or a control character, is written
// %XX. The result is always valid UTF-8 with no control character.
std::string shown_text(std::string_view text, std::size_t most = 80);

}  // namespace qingdan::serve
