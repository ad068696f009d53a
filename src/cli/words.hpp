#pragma once

// What the command line itself says (help, usage errors), in English and Chinese side by side
// where it is said: words(language, "Rulebook folder", "规则库文件夹"). Library messages stay in
// qingdan/detail/messages.hpp; these are the command line's own.
#include <qingdan/detail/messages.hpp>

namespace qingdan::cli {

using detail::MessageArgument;  // {"name", value} for a {name} in the text
using detail::words;

}  // namespace qingdan::cli
