#pragma once

#include <cstddef>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

namespace qingdan::detail {

// What qingdan calls a control character, everywhere: C0 (U+0000 to U+001F), DEL and the C1
// controls (U+0080 to U+009F, which some terminals obey like ESC). `layout` allows the two that
// lay out a longer text: line feed and tab. A name or id allows none; a note, a basis or a title
// the layout ones; what reaches a terminal is escaped but for them; JSON escapes them all.
inline bool is_control(char32_t point, bool layout) {
  if (layout && (point == U'\n' || point == U'\t')) return false;
  return point < 0x20 || (point >= 0x7F && point <= 0x9F);
}

// Calls `found(offset, bytes, point)` for each control character of UTF-8 `text`.
template <class Found>
void for_each_control(std::string_view text, bool layout, Found found) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == 0xC2 && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      if (next <= 0x9F && is_control(next, layout)) found(i, std::size_t{2}, char32_t{next});
    } else if (byte < 0x80 && is_control(byte, layout)) {
      found(i, std::size_t{1}, char32_t{byte});
    }
  }
}

// The first control character of `text` as "U+001B", if any.
inline std::optional<std::string> first_control_character(std::string_view text, bool layout) {
  std::optional<std::string> first;
  for_each_control(text, layout, [&](std::size_t, std::size_t, char32_t point) {
    if (first) return;
    char code[8];
    std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(point));
    first = code;
  });
  return first;
}

// `text` with every control character written as \xHH (C1: \u00HH), so that a rule file or a
// file name cannot move a terminal's cursor, recolour it or forge a line of output. Newlines and
// tabs stay when `keep_layout` is set (a multi-line report); a one-line message escapes them as
// \n and \t.
inline std::string escape_controls(std::string_view text, bool keep_layout = false) {
  constexpr char hex[] = "0123456789ABCDEF";
  std::string escaped;
  escaped.reserve(text.size());
  std::size_t copied = 0;
  for_each_control(text, keep_layout, [&](std::size_t at, std::size_t bytes, char32_t point) {
    escaped.append(text.substr(copied, at - copied));
    copied = at + bytes;
    if (point == U'\n') {
      escaped += "\\n";
    } else if (point == U'\t') {
      escaped += "\\t";
    } else {
      escaped += bytes == 2 ? "\\u00" : "\\x";
      escaped += hex[point >> 4];
      escaped += hex[point & 0xF];
    }
  });
  escaped.append(text.substr(copied));
  return escaped;
}

}  // namespace qingdan::detail
