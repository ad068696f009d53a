#pragma once

#include <string>
#include <string_view>

#include <qingdan/language.hpp>

namespace qingdan::detail {

// The text under which names and aliases are matched (docs/format.md §4.2): Unicode NFKC,
// traditional to simplified Chinese, case folding, and no white space or punctuation. Throws
// qingdan::Error on invalid UTF-8 (QQ004). Defined in src/answer/normalize.cpp (utf8proc and
// OpenCC).
std::string normalize_text(std::string_view text);

// True when `text` is well-formed UTF-8.
bool is_valid_utf8(std::string_view text);

}  // namespace qingdan::detail
