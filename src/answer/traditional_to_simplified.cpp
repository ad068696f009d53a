#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/unordered/unordered_flat_map.hpp>
#include <opencc/Config.hpp>
#include <opencc/Conversion.hpp>
#include <opencc/ConversionChain.hpp>
#include <opencc/Converter.hpp>
#include <opencc/DictGroup.hpp>
#include <opencc/Exception.hpp>
#include <opencc/Lexicon.hpp>
#include <opencc/MaxMatchSegmentation.hpp>

#include <qingdan/detail/codes.hpp>
#include <qingdan/detail/string_hash.hpp>
#include <qingdan/error.hpp>

#include "answer/normalize_stages.hpp"
#include "load/sha256.hpp"

namespace qingdan::detail {

namespace {

constexpr bool is_continuation(char byte) {
  return (static_cast<unsigned char>(byte) & 0xC0) == 0x80;
}

// The length of the UTF-8 character that `lead` begins, as OpenCC counts it.
constexpr std::size_t character_length(char lead) {
  const auto byte = static_cast<unsigned char>(lead);
  if (byte < 0x80) return 1;
  if (byte < 0xE0) return 2;
  if (byte < 0xF0) return 3;
  return 4;
}

// The code point of the well-formed UTF-8 character at the start of `text`.
char32_t first_code_point(std::string_view text, std::size_t length) {
  const auto byte = [&](std::size_t at) { return static_cast<unsigned char>(text[at]); };
  switch (length) {
    case 1: return byte(0);
    case 2: return (char32_t{byte(0)} & 0x1F) << 6 | (byte(1) & 0x3F);
    case 3: return (char32_t{byte(0)} & 0x0F) << 12 | (byte(1) & 0x3F) << 6 | (byte(2) & 0x3F);
    default:
      return (char32_t{byte(0)} & 0x07) << 18 | (byte(1) & 0x3F) << 12 | (byte(2) & 0x3F) << 6 |
             (byte(3) & 0x3F);
  }
}

// Whether `text` is well-formed UTF-8 that OpenCC reads whole as a C string (no NUL). Keys and
// values are held to it so that a key is found by its first code point.
bool is_opencc_text(std::string_view text) {
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t length = character_length(text[at]);
    if (text[at] == '\0' || is_continuation(text[at]) ||
        static_cast<unsigned char>(text[at]) > 0xF4 || at + length > text.size())
      return false;
    for (std::size_t next = 1; next < length; ++next)
      if (!is_continuation(text[at + next])) return false;
    const char32_t point = first_code_point(text.substr(at), length);
    constexpr char32_t shortest[] = {0, 0, 0x80, 0x800, 0x10000};  // by length: no overlong form
    if (point < shortest[length] || point > 0x10FFFF || (point >= 0xD800 && point <= 0xDFFF))
      return false;
    at += length;
  }
  return true;
}

// The longest key of a dictionary that begins a text, and the value it is replaced with.
struct KeyMatch {
  std::size_t length = 0;  // bytes; 0: no key begins the text
  std::string_view value;
};

}  // namespace

// OpenCC's converter (Converter.cpp and the files it calls, 1.1) as tables: the text is cut into
// segments by maximum matching against the segmentation's dictionary, characters that begin no
// key gathered into one segment; each conversion of the chain then converts each segment on its
// own, replacing the longest key that begins the rest of the segment by its first value, or
// else copying one character. A group of dictionaries matches by its first member that has a
// key beginning the text, with that member's longest key.
//
// What every dictionary holds for a character is found in one row, by two array reads: few
// characters begin a key, fewer a phrase (a key of two characters or more), and the phrases are
// looked up by hash only for the lengths that some phrase beginning with that character has.
class ConversionTables {
 public:
  // None when the converter is one the tables do not reproduce: not a maximum-matching
  // segmentation, or a dictionary with an empty key, a key or value that is no C string of
  // UTF-8, or one key with two different values.
  static std::unique_ptr<const ConversionTables> of(const opencc::Converter& converter) {
    auto tables = std::make_unique<ConversionTables>();
    const auto* segmentation =
        dynamic_cast<const opencc::MaxMatchSegmentation*>(converter.GetSegmentation().get());
    if (segmentation == nullptr) return nullptr;
    std::vector<const opencc::Dict*> dictionaries;
    tables->add_group(*segmentation->GetDict(), tables->segmenter_, dictionaries);
    for (const opencc::ConversionPtr& conversion : converter.GetConversionChain()->GetConversions())
      tables->add_group(*conversion->GetDict(), tables->chain_.emplace_back(), dictionaries);
    if (!tables->read(dictionaries)) return nullptr;
    tables->in_one_pass_ = tables->segments_need_no_cutting();
    return tables;
  }

  bool converts_in_one_pass() const { return in_one_pass_; }

  // `text` is well-formed UTF-8.
  std::string convert(std::string_view text) const {
    text = text.substr(0, text.find('\0'));  // OpenCC reads a C string
    std::string converted;
    converted.reserve(text.size());
    if (in_one_pass_) {
      convert_by(chain_.front(), text, converted);
      return converted;
    }
    std::size_t unmatched = 0, at = 0;
    while (at < text.size()) {
      const std::size_t matched = longest_prefix(segmenter_, text.substr(at)).length;
      if (matched == 0) {
        at += character_length(text[at]);
        continue;
      }
      if (at > unmatched) convert_segment(text.substr(unmatched, at - unmatched), converted);
      convert_segment(text.substr(at, matched), converted);
      at += matched;
      unmatched = at;
    }
    if (at > unmatched) convert_segment(text.substr(unmatched), converted);
    return converted;
  }

 private:
  using Group = std::vector<std::uint32_t>;  // dictionaries, in order

  struct Value {
    std::uint32_t at = 0, size = 0;  // in values_
  };

  // The keys of one dictionary that begin with one character.
  struct KeysFrom {
    // Bit n: a phrase of n bytes begins with the character; bit 63: one of 63 bytes or more.
    std::uint64_t phrase_lengths = 0;
    std::uint32_t value_at = 0;  // the value of the character alone, when it is a key
    std::uint16_t value_size = 0;
    bool is_key = false;
  };

  static constexpr std::size_t long_phrase = 63;
  static constexpr std::size_t page_size = 256;  // code points

  // A group's members, nested groups flattened (a group matches as its first matching member).
  // Configurations name one dictionary file more than once (t2s.json: the segmentation's and
  // the conversion's phrases), and OpenCC opens it once.
  void add_group(const opencc::Dict& dict, Group& group,
                 std::vector<const opencc::Dict*>& dictionaries) {
    if (const auto* members = dynamic_cast<const opencc::DictGroup*>(&dict)) {
      for (const opencc::DictPtr& member : members->GetDicts())
        add_group(*member, group, dictionaries);
      return;
    }
    auto known = std::find(dictionaries.begin(), dictionaries.end(), &dict);
    group.push_back(static_cast<std::uint32_t>(known - dictionaries.begin()));
    if (known == dictionaries.end()) dictionaries.push_back(&dict);
  }

  bool read(const std::vector<const opencc::Dict*>& dictionaries) {
    dictionary_count_ = dictionaries.size();
    phrases_.resize(dictionary_count_);
    longest_phrase_.assign(dictionary_count_, 0);
    boost::unordered_flat_map<char32_t, std::uint32_t> row_of;
    keys_from_.resize(dictionary_count_);  // row 0: no key begins with the character
    for (std::uint32_t dictionary = 0; dictionary < dictionary_count_; ++dictionary) {
      for (const std::unique_ptr<opencc::DictEntry>& entry :
           *dictionaries[dictionary]->GetLexicon()) {
        const std::string& key = entry->Key();
        const std::string value = entry->GetDefault();
        if (key.empty() || !is_opencc_text(key) || !is_opencc_text(value) ||
            value.size() > UINT16_MAX)
          return false;
        const std::size_t first_length = character_length(key[0]);
        auto [row, added] = row_of.try_emplace(first_code_point(key, first_length),
                                               static_cast<std::uint32_t>(row_of.size() + 1));
        if (added) keys_from_.resize(keys_from_.size() + dictionary_count_);
        KeysFrom& from = keys_from_[row->second * dictionary_count_ + dictionary];
        if (key.size() == first_length) {
          if (from.is_key && value_of(from.value_at, from.value_size) != value) return false;
          from.is_key = true;
          from.value_at = store(value);
          from.value_size = static_cast<std::uint16_t>(value.size());
          continue;
        }
        from.phrase_lengths |= std::uint64_t{1} << std::min(key.size(), long_phrase);
        longest_phrase_[dictionary] = std::max(longest_phrase_[dictionary], key.size());
        auto [phrase, new_phrase] = phrases_[dictionary].try_emplace(key);
        if (!new_phrase && value_of(phrase->second.at, phrase->second.size) != value) return false;
        phrase->second = Value{store(value), static_cast<std::uint32_t>(value.size())};
      }
    }
    // Page 0 holds no row: the blocks of 256 code points where no key begins share it.
    page_of_block_.assign(0x110000 / page_size, 0);
    rows_by_page_.assign(page_size, 0);
    for (const auto& [point, row] : row_of) {
      std::uint32_t& page = page_of_block_[point / page_size];
      if (page == 0) {
        page = static_cast<std::uint32_t>(rows_by_page_.size() / page_size);
        rows_by_page_.resize(rows_by_page_.size() + page_size, 0);
      }
      rows_by_page_[page * page_size + point % page_size] = row;
    }
    return true;
  }

  // Whether converting the whole text at once gives what OpenCC gives by segments, as it does
  // for t2s.json: one conversion, whose group begins with the segmentation's dictionaries and
  // whose other members hold no phrase. Where the segmentation cuts a key, the conversion finds
  // the same key first, at the same place. Within a run of characters where the segmentation
  // found no key, the conversion finds none of the segmentation's either, and the other members'
  // keys, of one character, do not reach past the run.
  bool segments_need_no_cutting() const {
    if (chain_.size() != 1) return false;
    const Group& conversion = chain_.front();
    if (conversion.size() < segmenter_.size() ||
        !std::equal(segmenter_.begin(), segmenter_.end(), conversion.begin()))
      return false;
    return std::all_of(conversion.begin() + static_cast<std::ptrdiff_t>(segmenter_.size()),
                       conversion.end(),
                       [&](std::uint32_t dictionary) { return longest_phrase_[dictionary] == 0; });
  }

  std::uint32_t store(std::string_view value) {
    const auto at = static_cast<std::uint32_t>(values_.size());
    values_.append(value);
    return at;
  }
  std::string_view value_of(std::uint32_t at, std::size_t size) const {
    return std::string_view(values_).substr(at, size);
  }

  // The longest key of the group's first member that has a key beginning `text` (not empty).
  KeyMatch longest_prefix(const Group& group, std::string_view text) const {
    const std::size_t first_length = character_length(text[0]);
    const char32_t point = first_code_point(text, first_length);
    const std::uint32_t row =
        rows_by_page_[page_of_block_[point / page_size] * page_size + point % page_size];
    if (row == 0) return {};
    for (std::uint32_t dictionary : group) {
      const KeysFrom& from = keys_from_[row * dictionary_count_ + dictionary];
      if (from.phrase_lengths != 0)
        if (KeyMatch phrase = longest_phrase(dictionary, from.phrase_lengths, text);
            phrase.length > 0)
          return phrase;
      if (from.is_key) return {first_length, value_of(from.value_at, from.value_size)};
    }
    return {};
  }

  KeyMatch longest_phrase(std::uint32_t dictionary, std::uint64_t lengths,
                          std::string_view text) const {
    const StringMap<Value>& phrases = phrases_[dictionary];
    auto phrase_of = [&](std::size_t length) -> KeyMatch {
      auto found = phrases.find(text.substr(0, length));
      if (found == phrases.end()) return {};
      return {length, value_of(found->second.at, found->second.size)};
    };
    if (text.size() >= long_phrase && (lengths >> long_phrase) != 0) {
      for (std::size_t end = std::min(longest_phrase_[dictionary], text.size()); end >= long_phrase;
           --end)
        if (end == text.size() || !is_continuation(text[end]))
          if (KeyMatch match = phrase_of(end); match.length > 0) return match;
    }
    // A phrase ends where a character does: a length that cuts one finds nothing.
    lengths &= (std::uint64_t{1} << std::min(text.size() + 1, long_phrase)) - 1;
    for (; lengths != 0; lengths &= ~(std::uint64_t{1} << (std::bit_width(lengths) - 1)))
      if (KeyMatch match = phrase_of(std::bit_width(lengths) - 1); match.length > 0) return match;
    return {};
  }

  void convert_by(const Group& group, std::string_view segment, std::string& converted) const {
    for (std::size_t at = 0; at < segment.size();) {
      if (KeyMatch match = longest_prefix(group, segment.substr(at)); match.length > 0) {
        converted += match.value;
        at += match.length;
      } else {
        const std::size_t length = character_length(segment[at]);
        converted += segment.substr(at, length);
        at += length;
      }
    }
  }

  void convert_segment(std::string_view segment, std::string& converted) const {
    if (chain_.empty()) {
      converted += segment;
      return;
    }
    if (chain_.size() == 1) return convert_by(chain_.front(), segment, converted);
    std::string current(segment), next;
    for (std::size_t step = 0; step + 1 < chain_.size(); ++step) {
      next.clear();
      convert_by(chain_[step], current, next);
      current.swap(next);
    }
    convert_by(chain_.back(), current, converted);
  }

  Group segmenter_;
  std::vector<Group> chain_;
  bool in_one_pass_ = false;  // segments_need_no_cutting()
  std::size_t dictionary_count_ = 0;
  std::vector<std::uint32_t> page_of_block_;  // by code point / page_size
  std::vector<std::uint32_t> rows_by_page_;   // by page * page_size + code point % page_size
  std::vector<KeysFrom> keys_from_;           // by row * dictionary_count_ + dictionary
  std::vector<StringMap<Value>> phrases_;     // by dictionary
  std::vector<std::size_t> longest_phrase_;   // bytes, by dictionary
  std::string values_;
};

namespace {

void add_entries(const opencc::Dict& dict, std::string& entries) {
  if (const auto* group = dynamic_cast<const opencc::DictGroup*>(&dict)) {
    for (const opencc::DictPtr& member : group->GetDicts()) add_entries(*member, entries);
    entries += '\x1e';  // the end of a group
    return;
  }
  for (const std::unique_ptr<opencc::DictEntry>& entry : *dict.GetLexicon()) {
    entries += entry->Key();
    for (const std::string& value : entry->Values()) {
      entries += '\x1f';
      entries += value;
    }
    entries += '\n';
  }
  entries += '\x1d';  // the end of a dictionary
}

void add_keys(const opencc::Dict& dict, std::vector<std::string>& keys) {
  if (const auto* group = dynamic_cast<const opencc::DictGroup*>(&dict)) {
    for (const opencc::DictPtr& member : group->GetDicts()) add_keys(*member, keys);
    return;
  }
  for (const std::unique_ptr<opencc::DictEntry>& entry : *dict.GetLexicon())
    keys.push_back(entry->Key());
}

}  // namespace

const TraditionalToSimplified& TraditionalToSimplified::instance() {
  static const TraditionalToSimplified converter([] {
    const char* configured = std::getenv("QINGDAN_OPENCC_CONFIG");
    return std::string(configured != nullptr ? configured : "t2s.json");
  }());
  return converter;
}

TraditionalToSimplified::TraditionalToSimplified(const std::string& config) : config_(config) {
  try {
    converter_ = opencc::Config().NewFromFile(config);
    starts_a_key_.assign(0x110000, false);
    for (const opencc::ConversionPtr& conversion :
         converter_->GetConversionChain()->GetConversions()) {
      std::vector<std::string> keys;
      add_keys(*conversion->GetDict(), keys);
      for (const std::string& key : keys) {
        if (key.empty() || !is_opencc_text(key)) {  // converted by OpenCC: any text may change
          starts_a_key_.assign(0x110000, true);
          break;
        }
        starts_a_key_[first_code_point(key, character_length(key[0]))] = true;
      }
    }
    tables_ = ConversionTables::of(*converter_);
  } catch (const opencc::Exception& failure) {  // not a std::exception
    fail_to_open(config, failure.what());
  } catch (const std::exception& failure) {
    fail_to_open(config, failure.what());
  }
}

TraditionalToSimplified::~TraditionalToSimplified() = default;

void TraditionalToSimplified::fail_to_open(const std::string& config, const std::string& why) {
  converter_.reset();
  tables_.reset();
  starts_a_key_.assign(0x110000, true);
  std::fill_n(starts_a_key_.begin(), 0x80, false);
  error_ = "cannot open OpenCC's traditional-to-simplified data '" + config + "' (" + why +
           "); install Debian's libopencc1.1 and libopencc-data";
}

bool TraditionalToSimplified::converts_in_one_pass() const {
  return tables_ != nullptr && tables_->converts_in_one_pass();
}

std::string TraditionalToSimplified::convert(std::string_view text) const {
  if (tables_) return tables_->convert(text);
  return convert_by_opencc(std::string(text));
}

std::string TraditionalToSimplified::convert_by_opencc(const std::string& text) const {
  if (!converter_) throw usage_error(Code::conversion_data_missing, error_);
  return converter_->Convert(text);
}

std::string TraditionalToSimplified::identity() const {
  std::string described = config_ + '\n';
  if (!converter_) return sha256_hex(described + error_);
  if (const auto* segmentation =
          dynamic_cast<const opencc::MaxMatchSegmentation*>(converter_->GetSegmentation().get()))
    add_entries(*segmentation->GetDict(), described);
  described += "\nchain\n";
  for (const opencc::ConversionPtr& conversion : converter_->GetConversionChain()->GetConversions())
    add_entries(*conversion->GetDict(), described);
  return sha256_hex(described);
}

std::vector<std::string> TraditionalToSimplified::dictionary_keys() const {
  std::vector<std::string> keys;
  if (!converter_) return keys;
  if (const auto* segmentation =
          dynamic_cast<const opencc::MaxMatchSegmentation*>(converter_->GetSegmentation().get()))
    add_keys(*segmentation->GetDict(), keys);
  for (const opencc::ConversionPtr& conversion : converter_->GetConversionChain()->GetConversions())
    add_keys(*conversion->GetDict(), keys);
  return keys;
}

}  // namespace qingdan::detail
