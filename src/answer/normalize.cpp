#include <qingdan/detail/normalize.hpp>

#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <utf8proc.h>
#include <opencc/Config.hpp>
#include <opencc/Conversion.hpp>
#include <opencc/ConversionChain.hpp>
#include <opencc/Converter.hpp>
#include <opencc/DictGroup.hpp>
#include <opencc/Exception.hpp>
#include <opencc/Lexicon.hpp>

#include <qingdan/detail/messages.hpp>
#include <qingdan/error.hpp>

namespace qingdan::detail {

namespace {

// OpenCC's phrase-aware traditional-to-simplified converter, opened once per process. Its
// conversion only reads shared dictionaries, so one converter serves every thread. It also knows
// every character that begins a key of its dictionaries: conversion replaces keys and copies
// everything else, so a text with none of them converts to itself and is spared the work.
class TraditionalToSimplified {
 public:
  static const TraditionalToSimplified& instance() {
    static const TraditionalToSimplified converter;
    return converter;
  }

  // Without its data every non-ASCII text is sent to convert(), which reports the problem.
  bool may_change(utf8proc_int32_t point) const {
    if (!converter_) return point >= 0x80;
    return point >= 0 && static_cast<std::size_t>(point) < starts_a_key_.size() &&
           starts_a_key_[static_cast<std::size_t>(point)];
  }

  std::string convert(const std::string& text) const {
    if (!converter_) throw usage_error(Code::conversion_data_missing, error_);
    return converter_->Convert(text);
  }

 private:
  TraditionalToSimplified() {
    const char* configured = std::getenv("QINGDAN_OPENCC_CONFIG");
    const std::string config = configured != nullptr ? configured : "t2s.json";
    try {
      converter_ = opencc::Config().NewFromFile(config);
      for (const opencc::ConversionPtr& conversion :
           converter_->GetConversionChain()->GetConversions())
        note_keys(*conversion->GetDict());
    } catch (const opencc::Exception& failure) {  // not a std::exception
      fail_to_open(config, failure.what());
    } catch (const std::exception& failure) {
      fail_to_open(config, failure.what());
    }
  }

  void fail_to_open(const std::string& config, const std::string& why) {
    converter_.reset();
    error_ = "cannot open OpenCC's traditional-to-simplified data '" + config + "' (" + why +
             "); install Debian's libopencc1.1 and libopencc-data";
  }

  void note_keys(const opencc::Dict& dict) {
    if (const auto* group = dynamic_cast<const opencc::DictGroup*>(&dict)) {
      for (const opencc::DictPtr& member : group->GetDicts()) note_keys(*member);
      return;
    }
    for (const auto& entry : *dict.GetLexicon()) {
      const std::string key = entry->Key();
      utf8proc_int32_t first = 0;
      if (utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(key.data()),
                           static_cast<utf8proc_ssize_t>(key.size()), &first) > 0 &&
          first >= 0 && static_cast<std::size_t>(first) < starts_a_key_.size())
        starts_a_key_[static_cast<std::size_t>(first)] = true;
    }
  }

  opencc::ConverterPtr converter_;
  std::string error_;
  std::vector<bool> starts_a_key_ = std::vector<bool>(0x110000);  // by code point
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

std::string normalize_text(std::string_view text) {
  utf8proc_uint8_t* mapped = nullptr;
  auto options = static_cast<utf8proc_option_t>(
      UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
  utf8proc_ssize_t length =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                   static_cast<utf8proc_ssize_t>(text.size()), &mapped, options);
  if (length < 0) throw usage_error(Code::query_not_utf8, Phrase(Message::text_not_utf8, {}));
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(mapped, &std::free);

  const TraditionalToSimplified& converter = TraditionalToSimplified::instance();
  std::string kept;
  kept.reserve(static_cast<std::size_t>(length));
  bool may_change = false;
  for (utf8proc_ssize_t at = 0; at < length;) {
    utf8proc_int32_t point = 0;
    utf8proc_ssize_t step = utf8proc_iterate(mapped + at, length - at, &point);
    if (!is_removed(point)) {
      kept.append(reinterpret_cast<const char*>(mapped + at), static_cast<std::size_t>(step));
      may_change = may_change || converter.may_change(point);
    }
    at += step;
  }
  return may_change ? converter.convert(kept) : kept;
}

}  // namespace qingdan::detail
