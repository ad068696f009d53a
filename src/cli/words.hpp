#pragma once

// What the command line itself says (help, usage errors), in English and Chinese side by side
// where it is said: words(language, "Rulebook folder", "规则库文件夹"). Library messages stay in
// qingdan/detail/messages.hpp; these are the command line's own.
#include <initializer_list>
#include <string>
#include <string_view>

#include <qingdan/detail/messages.hpp>
#include <qingdan/language.hpp>

namespace qingdan::cli {

using detail::MessageArgument;  // {"name", value} for a {name} in the text

// `en` or `zh`, as `language` asks, with each {placeholder} filled in from `arguments`. Both
// texts use the same placeholders; a brace that opens no known one is kept as written.
inline std::string words(Language language, std::string_view en, std::string_view zh,
                         std::initializer_list<MessageArgument> arguments = {}) {
  return detail::fill_placeholders(language == Language::zh ? zh : en, arguments);
}

}  // namespace qingdan::cli
