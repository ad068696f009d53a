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
  const std::string_view text = language == Language::zh ? zh : en;
  std::string result;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t open = text.find('{', at);
    const std::size_t close = open == std::string_view::npos ? open : text.find('}', open);
    if (close == std::string_view::npos) break;
    const std::string_view name = text.substr(open + 1, close - open - 1);
    const MessageArgument* found = nullptr;
    for (const MessageArgument& argument : arguments)
      if (argument.name == name) found = &argument;
    result.append(text.substr(at, (found ? open : close + 1) - at));
    if (found) result.append(found->value);
    at = close + 1;
  }
  result.append(text.substr(at));
  return result;
}

}  // namespace qingdan::cli
