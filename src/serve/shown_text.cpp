#include "serve/shown_text.hpp"

namespace qingdan::serve {

namespace {

// Length of the well-formed UTF-8 sequence at `at` (RFC 3629: no overlong forms, no surrogates,
// nothing above U+10FFFF), or 0.
std::size_t sequence_length(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (at + length > text.size()) return 0;
  if (byte(at + 1) < low || byte(at + 1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k)
    if ((byte(at + k) & 0xC0) != 0x80) return 0;
  return length;
}

}  // namespace

std::string shown_text(std::string_view text, std::size_t most) {
  constexpr char hex[] = "0123456789ABCDEF";
  std::string shown;
  std::size_t characters = 0;
  for (std::size_t at = 0; at < text.size();) {
    if (characters == most) {
      shown += "…";
      break;
    }
    const auto lead = static_cast<unsigned char>(text[at]);
    const std::size_t length = sequence_length(text, at);
    const bool control =
        lead < 0x20 || lead == 0x7F ||
        (length == 2 && lead == 0xC2 && static_cast<unsigned char>(text[at + 1]) < 0xA0);
    if (length == 0 || control) {
      for (std::size_t k = 0; k < (length == 0 ? 1 : length); ++k) {
        const auto b = static_cast<unsigned char>(text[at + k]);
        shown += '%';
        shown += hex[b >> 4];
        shown += hex[b & 0xF];
      }
      at += length == 0 ? 1 : length;
    } else {
      shown.append(text, at, length);
      at += length;
    }
    ++characters;
  }
  return shown;
}

}  // namespace qingdan::serve
