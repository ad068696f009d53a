#pragma once

// The stages of normalize_text (include/qingdan/detail/normalize.hpp), each beside the reference
// it must equal: the folding of plain text beside utf8proc's, the conversion tables beside
// OpenCC's own converter. Not installed: the library and its tests use them.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace opencc {
class Converter;
}

namespace qingdan::detail {

// Unicode NFKC, case folding and the removal of white space, control characters and
// punctuation, through utf8proc_map. Throws qingdan::Error (QQ004) on invalid UTF-8.
std::string fold_by_utf8proc(std::string_view text);

// The same folding, without utf8proc, of a text whose every character is ASCII or a CJK
// ideograph of U+3400–U+4DBF or U+4E00–U+9FFF (NFKC and case folding leave them as they are,
// but for ASCII capitals). False, with `folded` left unspecified, for any other text.
bool fold_plain_text(std::string_view text, std::string& folded);

// True for the code points fold_plain_text() takes as they are (ASCII aside).
constexpr bool is_plain_ideograph(char32_t point) {
  return (point >= 0x3400 && point <= 0x4DBF) || (point >= 0x4E00 && point <= 0x9FFF);
}

class ConversionTables;

// OpenCC's phrase-aware traditional-to-simplified conversion (t2s.json, or the configuration that
// QINGDAN_OPENCC_CONFIG names), opened once per process. Its dictionaries are read once into
// tables (ConversionTables) that convert as OpenCC's converter does, without its
// segmenter's allocations; a configuration the tables do not reproduce is converted by OpenCC.
// Conversion only reads, so one instance serves every thread.
class TraditionalToSimplified {
 public:
  // The configuration named by QINGDAN_OPENCC_CONFIG, else t2s.json in OpenCC's data folder.
  static const TraditionalToSimplified& instance();

  // Another of OpenCC's configurations (a file, or a name in OpenCC's data folder), converted
  // alike.
  explicit TraditionalToSimplified(const std::string& config);

  TraditionalToSimplified(const TraditionalToSimplified&) = delete;
  TraditionalToSimplified& operator=(const TraditionalToSimplified&) = delete;
  ~TraditionalToSimplified();

  // False when no key of a conversion's dictionaries begins with `point`: conversion replaces
  // keys and copies everything else, so a text of such characters converts to itself. Without
  // the data every non-ASCII character may change, so that convert() reports the problem.
  bool may_change(char32_t point) const {
    return point < starts_a_key_.size() ? starts_a_key_[point] : false;
  }

  // `text` (well-formed UTF-8) converted exactly as OpenCC's converter does. Throws qingdan::Error
  // (QE001) when OpenCC's data cannot be read.
  std::string convert(std::string_view text) const;

  // OpenCC's own converter, which convert() reproduces.
  std::string convert_by_opencc(const std::string& text) const;

  // Whether convert() goes by the tables rather than by OpenCC's converter.
  bool converts_by_tables() const { return tables_ != nullptr; }

  // Whether the tables convert the whole text in one pass, which for this configuration gives
  // what OpenCC gives by segments.
  bool converts_in_one_pass() const;

  // Every key of every dictionary that the segmentation and the conversions read, as OpenCC
  // lists them.
  std::vector<std::string> dictionary_keys() const;

  // A digest of the configuration's name and of every key and value of its dictionaries, or of
  // why they could not be read: what a normalised text depends on beyond utf8proc. Computed on
  // each call.
  std::string identity() const;

 private:
  void fail_to_open(const std::string& config, const std::string& why);

  std::string config_;
  std::shared_ptr<opencc::Converter> converter_;
  std::unique_ptr<const ConversionTables> tables_;
  std::string error_;
  std::vector<bool> starts_a_key_;  // by code point
};

}  // namespace qingdan::detail
