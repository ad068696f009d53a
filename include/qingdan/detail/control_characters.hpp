#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace qingdan::detail {

// Text as it may reach a terminal: C0 control characters, DEL and the C1 controls (U+0080 to
// U+009F, which some terminals obey like ESC) are written as \xHH or \u00HH, so a rule file or
// a file name cannot move the cursor, recolour the screen or forge a line of output. Newlines
// and tabs stay when `keep_layout` is set (a multi-line report); a one-line message escapes them.
inline std::string escape_controls(std::string_view text, bool keep_layout = false) {
  constexpr char hex[] = "0123456789ABCDEF";
  std::string escaped;
  escaped.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == 0xC2 && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9F) {
        escaped += "\\u00";
        escaped += hex[next >> 4];
        escaped += hex[next & 0xF];
        ++i;
        continue;
      }
    }
    const bool layout = byte == '\n' || byte == '\t';
    if ((byte < 0x20 || byte == 0x7F) && !(layout && keep_layout)) {
      if (byte == '\n') {
        escaped += "\\n";
      } else if (byte == '\t') {
        escaped += "\\t";
      } else {
        escaped += "\\x";
        escaped += hex[byte >> 4];
        escaped += hex[byte & 0xF];
      }
      continue;
    }
    escaped += static_cast<char>(byte);
  }
  return escaped;
}

}  // namespace qingdan::detail
