#include <qingdan/detail/normalize.hpp>

#include <cstdlib>
#include <memory>
#include <string>

#include <utf8proc.h>

#include <qingdan/detail/messages.hpp>
#include <qingdan/error.hpp>

#include "answer/normalize_stages.hpp"

namespace qingdan::detail {

namespace {

bool is_removed(utf8proc_int32_t point) {
  if (point < 0x80)  // ASCII: keep letters and digits only
    return !((point >= '0' && point <= '9') || (point >= 'a' && point <= 'z') ||
             (point >= 'A' && point <= 'Z'));
  switch (utf8proc_category(point)) {
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF:
    case UTF8PROC_CATEGORY_PC:
    case UTF8PROC_CATEGORY_PD:
    case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE:
    case UTF8PROC_CATEGORY_PI:
    case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO: return true;
    default: return false;
  }
}

// Whether conversion may change `folded` (well-formed UTF-8), decoded here rather than by a call
// into utf8proc for each character.
bool may_change(const TraditionalToSimplified& converter, std::string_view folded) {
  for (std::size_t at = 0; at < folded.size();) {
    const auto byte = [&](std::size_t offset) {
      return char32_t{static_cast<unsigned char>(folded[at + offset])};
    };
    char32_t point = byte(0);
    if (point < 0x80) {
      at += 1;
    } else if (point < 0xE0) {
      point = (point & 0x1F) << 6 | (byte(1) & 0x3F);
      at += 2;
    } else if (point < 0xF0) {
      point = (point & 0x0F) << 12 | (byte(1) & 0x3F) << 6 | (byte(2) & 0x3F);
      at += 3;
    } else {
      point =
          (point & 0x07) << 18 | (byte(1) & 0x3F) << 12 | (byte(2) & 0x3F) << 6 | (byte(3) & 0x3F);
      at += 4;
    }
    if (converter.may_change(point)) return true;
  }
  return false;
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
  for (std::size_t at = 0; at < text.size();) {
    utf8proc_int32_t point = 0;
    auto length = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + at),
                                   static_cast<utf8proc_ssize_t>(text.size() - at), &point);
    if (length <= 0) return false;
    at += static_cast<std::size_t>(length);
  }
  return true;
}

std::string fold_by_utf8proc(std::string_view text) {
  utf8proc_uint8_t* mapped = nullptr;
  auto options = static_cast<utf8proc_option_t>(
      UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
  utf8proc_ssize_t length =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                   static_cast<utf8proc_ssize_t>(text.size()), &mapped, options);
  if (length < 0) throw usage_error(Code::query_not_utf8, Phrase(Message::text_not_utf8, {}));
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(mapped, &std::free);

  std::string kept;
  kept.reserve(static_cast<std::size_t>(length));
  for (utf8proc_ssize_t at = 0; at < length;) {
    utf8proc_int32_t point = 0;
    utf8proc_ssize_t step = utf8proc_iterate(mapped + at, length - at, &point);
    if (!is_removed(point))
      kept.append(reinterpret_cast<const char*>(mapped + at), static_cast<std::size_t>(step));
    at += step;
  }
  return kept;
}

bool fold_plain_text(std::string_view text, std::string& folded) {
  folded.clear();
  folded.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    const auto lead = static_cast<unsigned char>(text[at]);
    if (lead < 0x80) {
      if (lead >= 'A' && lead <= 'Z')
        folded += static_cast<char>(lead - 'A' + 'a');
      else if ((lead >= 'a' && lead <= 'z') || (lead >= '0' && lead <= '9'))
        folded += static_cast<char>(lead);
      ++at;
      continue;
    }
    // The ideographs are three bytes each, led by 0xE3 to 0xE9.
    if (lead < 0xE3 || lead > 0xE9 || text.size() - at < 3) return false;
    const auto second = static_cast<unsigned char>(text[at + 1]);
    const auto third = static_cast<unsigned char>(text[at + 2]);
    if ((second & 0xC0) != 0x80 || (third & 0xC0) != 0x80) return false;
    const char32_t point = (char32_t{lead} & 0x0F) << 12 | (second & 0x3F) << 6 | (third & 0x3F);
    if (!is_plain_ideograph(point)) return false;
    folded.append(text.substr(at, 3));
    at += 3;
  }
  return true;
}

std::string normalize_text(std::string_view text) {
  std::string folded;
  if (!fold_plain_text(text, folded)) folded = fold_by_utf8proc(text);
  const TraditionalToSimplified& converter = TraditionalToSimplified::instance();
  if (may_change(converter, folded)) return converter.convert(folded);
  return folded;
}

}  // namespace qingdan::detail
