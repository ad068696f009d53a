#include <qingdan/detail/normalize.hpp>

#include <cstdlib>
#include <memory>
#include <mutex>

#include <opencc.h>
#include <utf8proc.h>

#include <qingdan/detail/messages.hpp>
#include <qingdan/error.hpp>

namespace qingdan::detail {

namespace {

// OpenCC's phrase-aware traditional-to-simplified converter, opened once per process. Its
// conversion only reads shared dictionaries, so one converter serves every thread.
class TraditionalToSimplified {
 public:
  static const TraditionalToSimplified& instance() {
    static const TraditionalToSimplified converter;
    return converter;
  }

  std::string convert(std::string_view text) const {
    if (handle_ == failed) throw usage_error("QE001", error_);
    char* converted = opencc_convert_utf8(handle_, text.data(), text.size());
    if (converted == nullptr) return std::string(text);
    std::string result(converted);
    opencc_convert_utf8_free(converted);
    return result;
  }

 private:
  static inline const opencc_t failed = reinterpret_cast<opencc_t>(-1);

  TraditionalToSimplified() {
    const char* configured = std::getenv("QINGDAN_OPENCC_CONFIG");
    const char* config = configured != nullptr ? configured : "t2s.json";
    handle_ = opencc_open(config);
    if (handle_ == failed)
      error_ = std::string("cannot open OpenCC's traditional-to-simplified data '") + config +
               "' (" + opencc_error() + "); install Debian's libopencc1.1 and libopencc-data";
  }
  ~TraditionalToSimplified() {
    if (handle_ != failed) opencc_close(handle_);
  }

  opencc_t handle_ = failed;
  std::string error_;
};

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

std::string normalize_text(std::string_view text, Language language) {
  utf8proc_uint8_t* mapped = nullptr;
  auto options = static_cast<utf8proc_option_t>(
      UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
  utf8proc_ssize_t length =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                   static_cast<utf8proc_ssize_t>(text.size()), &mapped, options);
  if (length < 0) throw usage_error("QQ004", say(language, Message::text_not_utf8));
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(mapped, &std::free);

  std::string kept;
  kept.reserve(static_cast<std::size_t>(length));
  bool ascii = true;
  for (utf8proc_ssize_t at = 0; at < length;) {
    utf8proc_int32_t point = 0;
    utf8proc_ssize_t step = utf8proc_iterate(mapped + at, length - at, &point);
    if (!is_removed(point)) {
      kept.append(reinterpret_cast<const char*>(mapped + at), static_cast<std::size_t>(step));
      ascii = ascii && point < 0x80;
    }
    at += step;
  }
  if (ascii) return kept;
  return TraditionalToSimplified::instance().convert(kept);
}

}  // namespace qingdan::detail
