#include <gtest/gtest.h>
#include <utf8proc.h>

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <qingdan/detail/normalize.hpp>
#include <qingdan/error.hpp>
#include <qingdan/rulebook.hpp>

#include "answer/internals.hpp"
#include "answer/normalize_stages.hpp"
#include "temp_rulebook.hpp"

namespace qingdan::detail {
namespace {

// Seeded random texts compared with their references: a tenth as many under a sanitizer, where
// each costs some twenty times as much.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr std::size_t random_text_count = 20'000;
#else
constexpr std::size_t random_text_count = 200'000;
#endif

std::string utf8(char32_t point) {
  utf8proc_uint8_t bytes[4];
  auto length = utf8proc_encode_char(static_cast<utf8proc_int32_t>(point), bytes);
  return std::string(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(length));
}

std::vector<char32_t> code_points(std::string_view text) {
  std::vector<char32_t> points;
  for (std::size_t at = 0; at < text.size();) {
    utf8proc_int32_t point = 0;
    at += static_cast<std::size_t>(
        utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + at),
                         static_cast<utf8proc_ssize_t>(text.size() - at), &point));
    points.push_back(static_cast<char32_t>(point));
  }
  return points;
}

std::string code_point_name(char32_t point) {
  char name[12];
  std::snprintf(name, sizeof name, "U+%04X", static_cast<unsigned>(point));
  return name;
}

// ASCII and the CJK ideographs of U+3400–U+4DBF and U+4E00–U+9FFF only.
bool is_plain(std::string_view text) {
  for (char32_t point : code_points(text))
    if (point >= 0x80 && !(point >= 0x3400 && point <= 0x4DBF) &&
        !(point >= 0x4E00 && point <= 0x9FFF))
      return false;
  return true;
}

const TraditionalToSimplified& converter() { return TraditionalToSimplified::instance(); }

// Expects the tables, the folding and the whole normalisation to equal their references on
// `text`: OpenCC's own converter, utf8proc's folding, and normalize_text as it was before it had
// the tables and the plain folding (utf8proc's folding, then OpenCC's converter).
void expect_as_references(const std::string& text) {
  ASSERT_EQ(converter().convert(text), converter().convert_by_opencc(text)) << text;
  const std::string folded = fold_by_utf8proc(text);
  const std::string normalized = converter().convert_by_opencc(folded);
  ASSERT_EQ(converter().convert(folded), normalized) << text;
  std::string plain;
  if (fold_plain_text(text, plain)) {
    ASSERT_EQ(plain, folded) << text;
  }
  ASSERT_EQ(normalize_text(text), normalized) << text;
}

// A traditional form of each simplified character that OpenCC converts from one, to write
// simplified names as traditional variants.
std::unordered_map<std::string, std::string> traditional_forms() {
  std::unordered_map<std::string, std::string> forms;
  for (const std::string& key : converter().dictionary_keys()) {
    if (code_points(key).size() != 1) continue;
    const std::string simplified = converter().convert_by_opencc(key);
    if (simplified != key) forms.try_emplace(simplified, key);
  }
  return forms;
}

TEST(Normalize, FoldsTraditionalToSimplified) {
  EXPECT_EQ(normalize_text("核酸檢測組織動員"), "核酸检测组织动员");
  EXPECT_EQ(normalize_text("開具親屬關係證明"), "开具亲属关系证明");
}

TEST(Normalize, AppliesNfkcToFullWidthForms) {
  EXPECT_EQ(normalize_text("ＨＳ０１"), "hs01");
  EXPECT_EQ(normalize_text("１２３４５工单"), "12345工单");
}

TEST(Normalize, FoldsLatinCase) { EXPECT_EQ(normalize_text("App Check-In"), "appcheckin"); }

TEST(Normalize, RemovesWhiteSpaceAndPunctuation) {
  EXPECT_EQ(normalize_text(" 核酸　检测，组织。动员 "), "核酸检测组织动员");  // ideographic space
  EXPECT_EQ(normalize_text("《传染病防治法》（第九条）：“组织”；、"), "传染病防治法第九条组织");
  EXPECT_EQ(normalize_text("a-b_c.d/e!f?g#h"), "abcdefgh");
  EXPECT_EQ(normalize_text("敲门\u200b行动"), "敲门行动");  // zero-width space is ignorable
}

TEST(Normalize, KeepsTextThatIsAlreadyNormal) {
  EXPECT_EQ(normalize_text("测温验码登记"), "测温验码登记");
  EXPECT_EQ(normalize_text(""), "");
  EXPECT_EQ(normalize_text("，。"), "");
}

TEST(Normalize, RejectsInvalidUtf8) {
  EXPECT_THROW(normalize_text("\xff\xfe"), Error);
  EXPECT_FALSE(is_valid_utf8("核\xe6"));
  EXPECT_TRUE(is_valid_utf8("核酸"));
}

TEST(Normalize, ConvertsByTablesOfOpenccsDictionaries) {
  EXPECT_TRUE(converter().converts_by_tables());
  EXPECT_EQ(converter().convert("核酸檢測組織動員"), "核酸检测组织动员");
  EXPECT_EQ(converter().convert(""), "");
  EXPECT_EQ(converter().convert("abc"), "abc");
}

// Without its dictionaries, a text that may change is refused (QE001), and ASCII is not. (The
// dictionaries are missing rather than damaged: OpenCC leaks a buffer when it refuses a damaged
// one, which the sanitizer build would report.)
TEST(Normalize, RefusesToConvertWithoutOpenccsData) {
  constexpr const char* config_text = R"({"name": "t2s without its dictionaries",
    "segmentation": {"type": "mmseg", "dict": {"type": "ocd2", "file": "MissingPhrases.ocd2"}},
    "conversion_chain": [{"dict": {"type": "group", "dicts": [
      {"type": "ocd2", "file": "MissingPhrases.ocd2"},
      {"type": "ocd2", "file": "MissingCharacters.ocd2"}]}}]})";
  const qingdan::testing::TempRulebook folder;
  folder.write("t2s.json", config_text);
  const std::filesystem::path copy = folder.folder();
  for (const std::string& config :
       {(copy / "t2s.json").string(), std::string("/nonexistent/t2s.json")}) {
    SCOPED_TRACE(config);
    const TraditionalToSimplified without(config);
    EXPECT_FALSE(without.converts_by_tables());
    EXPECT_FALSE(without.may_change(U'a'));
    EXPECT_TRUE(without.may_change(U'組'));
    try {
      without.convert("組織");
      ADD_FAILURE() << "converted without data";
    } catch (const Error& refused) {
      EXPECT_EQ(refused.code(), "QE001");
      EXPECT_NE(std::string(refused.what()).find(config), std::string::npos) << refused.what();
    }
  }
}

// The characters fold_plain_text() takes without utf8proc are ones that NFKC and case folding
// leave alone (ASCII capitals aside), that utf8proc does not ignore, and that never compose with
// the character before them: then folding a text of them character by character is folding it
// whole.
TEST(Normalize, PlainCharactersAreStableUnderNfkcAndCaseFolding) {
  std::vector<char32_t> plain;
  for (char32_t point = 0; point < 0x80; ++point) plain.push_back(point);
  for (char32_t point = 0x3400; point <= 0x9FFF; ++point)
    if (is_plain_ideograph(point)) plain.push_back(point);
  EXPECT_EQ(plain.size(), 0x80u + (0x4DBF - 0x3400 + 1) + (0x9FFF - 0x4E00 + 1));

  std::vector<bool> composes_after(0x110000);  // a second character of a canonical decomposition
  for (char32_t point = 0; point < 0x110000; ++point) {
    utf8proc_int32_t parts[32];
    int last = 0;
    auto length = utf8proc_decompose_char(static_cast<utf8proc_int32_t>(point), parts, 32,
                                          UTF8PROC_DECOMPOSE, &last);
    for (utf8proc_ssize_t part = 1; part < length; ++part)
      composes_after[static_cast<std::size_t>(parts[part])] = true;
  }

  for (char32_t point : plain) {
    const utf8proc_property_t* property =
        utf8proc_get_property(static_cast<utf8proc_int32_t>(point));
    ASSERT_EQ(property->combining_class, 0) << code_point_name(point);
    ASSERT_FALSE(property->ignorable) << code_point_name(point);
    ASSERT_FALSE(composes_after[point]) << code_point_name(point);

    const std::string alone = utf8(point);
    utf8proc_uint8_t* mapped = nullptr;
    auto length = utf8proc_map(
        reinterpret_cast<const utf8proc_uint8_t*>(alone.data()),
        static_cast<utf8proc_ssize_t>(alone.size()), &mapped,
        static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                                       UTF8PROC_CASEFOLD | UTF8PROC_IGNORE));
    ASSERT_GE(length, 0);
    const std::string folded(reinterpret_cast<const char*>(mapped),
                             static_cast<std::size_t>(length));
    std::free(mapped);
    const char32_t expected = point >= 'A' && point <= 'Z' ? point - 'A' + 'a' : point;
    ASSERT_EQ(folded, utf8(expected)) << code_point_name(point);

    std::string plain_folded;
    ASSERT_TRUE(fold_plain_text(alone, plain_folded)) << code_point_name(point);
    ASSERT_EQ(plain_folded, fold_by_utf8proc(alone)) << code_point_name(point);
  }
}

TEST(Normalize, LeavesOtherCharactersToUtf8proc) {
  std::string folded;
  EXPECT_FALSE(fold_plain_text("ＨＳ０１", folded));
  EXPECT_FALSE(fold_plain_text("核酸，检测", folded));
  EXPECT_FALSE(fold_plain_text("\xe4\xb8", folded));  // cut short: utf8proc refuses it
  EXPECT_FALSE(fold_plain_text("\uF9A9", folded));    // a compatibility ideograph
  EXPECT_TRUE(fold_plain_text("Core 核酸-检测", folded));
  EXPECT_EQ(folded, "core核酸检测");
  EXPECT_THROW(normalize_text("核酸\xe4\xb8"), Error);
}

TEST(Normalize, TablesConvertTheShippedNamesAsOpencc) {
  const std::unordered_map<std::string, std::string> traditional_of = traditional_forms();
  std::size_t texts = 0, variants = 0;
  for (const char* folder : {"rules/shanghai-qingpu", "rules/national-village"}) {
    const Rulebook book = Rulebook::load(std::filesystem::path(QINGDAN_SOURCE_DIR) / folder);
    for (const TaskRecord& task : Internals::model(book).tasks) {
      std::vector<std::string> names{task.name};
      names.insert(names.end(), task.aliases.begin(), task.aliases.end());
      names.insert(names.end(), task.keywords.begin(), task.keywords.end());
      for (const std::string& name : names) {
        expect_as_references(name);
        // The same name as a variant in traditional characters, where OpenCC has them.
        std::string traditional;
        for (char32_t point : code_points(name)) {
          auto form = traditional_of.find(utf8(point));
          traditional += form != traditional_of.end() ? form->second : utf8(point);
        }
        expect_as_references(traditional);
        if (HasFatalFailure()) return;
        ++texts;
        if (traditional != name) ++variants;
      }
    }
  }
  EXPECT_GT(texts, 200u);
  EXPECT_GT(variants, 100u);
}

// Each of `keys` alone, its beginnings and ends, and keys side by side: the phrases' boundaries.
template <class Check>
void check_texts_of_keys(const std::vector<std::string>& keys, Check check) {
  std::mt19937 random(20240901);
  std::uniform_int_distribution<std::size_t> any_key(0, keys.size() - 1);
  for (std::size_t at = 0; at < keys.size(); ++at) {
    const std::string& key = keys[at];
    const std::string& next = keys[(at + 1) % keys.size()];
    check(key);
    check(key + next);
    check(keys[any_key(random)] + key + keys[any_key(random)]);
    check("A" + key + "，" + next + " 1");
    const std::vector<char32_t> points = code_points(key);
    std::string beginning;
    for (char32_t point : points) {
      beginning += utf8(point);
      check(beginning);
      check(beginning + keys[any_key(random)]);
    }
    for (std::size_t from = 1; from < points.size(); ++from) {
      std::string end;  // which may begin another key
      for (std::size_t part = from; part < points.size(); ++part) end += utf8(points[part]);
      check(end + keys[any_key(random)]);
      check(keys[any_key(random)] + end);
    }
    if (::testing::Test::HasFatalFailure()) return;
  }
}

TEST(Normalize, TablesConvertTheDictionariesKeysAsOpencc) {
  const std::vector<std::string> keys = converter().dictionary_keys();
  ASSERT_GT(keys.size(), 4000u);
  check_texts_of_keys(keys, expect_as_references);
}

// Texts mixing the dictionaries' keys and what OpenCC converts them to (traditional and
// simplified characters and phrases), pieces of phrases, other ideographs, ASCII, full-width
// forms, punctuation and marks that compose.
std::vector<std::string> random_texts(const TraditionalToSimplified& by, std::size_t count) {
  std::vector<std::string> pieces;
  for (const std::string& key : by.dictionary_keys()) {
    pieces.push_back(key);
    pieces.push_back(by.convert_by_opencc(key));
    const std::vector<char32_t> points = code_points(key);
    if (points.size() > 1) {
      pieces.push_back(utf8(points.front()) + utf8(points[1]));
      pieces.push_back(utf8(points.back()));
    }
  }
  const std::vector<std::string> others{
      " ",      "  ",      "-",      "_",  ".",      "/",      "(",      ")",  "·",  "　",
      "，",     "。",      "、",     "：", "；",     "（",     "）",     "《", "》", "“",
      "”",      "「",      "」",     "【", "】",     "！",     "？",     "\t", "\n", "\u200b",
      "\u00ad", "e\u0301", "\u0301", "ﬁ",  "K",      "Ⅻ",      "①",      "㈱", "㍿", "\u212a",
      "ß",      "İ",       "한",     "ᄀ", "\u1161", "\uF9A9", "\uF900", "𠀀", "𪚥", "〇",
      "々",     "ー",      "ｶ",      "ﾞ",  "😀"};
  std::mt19937 random(19);
  std::uniform_int_distribution<std::size_t> any_piece(0, pieces.size() - 1);
  std::uniform_int_distribution<std::size_t> any_other(0, others.size() - 1);
  std::uniform_int_distribution<int> kind(0, 9), length(1, 12);
  std::uniform_int_distribution<char32_t> ascii(0x20, 0x7E), full_width(0xFF01, 0xFF5E),
      ideograph(0x4E00, 0x9FFF), extension_a(0x3400, 0x4DBF);
  std::vector<std::string> texts;
  texts.reserve(count);
  for (std::size_t made = 0; made < count; ++made) {
    // Half are ASCII and ideographs only, which normalize_text folds without utf8proc.
    const bool plain = made % 2 == 0;
    std::string text;
    for (int piece = length(random); piece > 0; --piece) {
      switch (kind(random)) {
        case 0: text += utf8(ascii(random)); break;
        case 1: text += utf8(plain ? ideograph(random) : full_width(random)); break;
        case 2: text += utf8(plain ? extension_a(random) : ideograph(random)); break;
        case 3:
          if (!plain) {
            text += others[any_other(random)];
            break;
          }
          [[fallthrough]];
        default: {
          const std::string& chosen = pieces[any_piece(random)];
          if (!plain || is_plain(chosen)) text += chosen;
        }
      }
    }
    texts.push_back(std::move(text));
  }
  return texts;
}

TEST(Normalize, TablesAndFoldingMatchTheirReferencesOnRandomTexts) {
  std::size_t plain = 0, changed = 0;
  for (const std::string& text : random_texts(converter(), random_text_count)) {
    expect_as_references(text);
    if (HasFatalFailure()) return;
    std::string folded;
    if (fold_plain_text(text, folded)) ++plain;
    if (converter().convert(text) != text) ++changed;
  }
  // Both paths of the folding and of the conversion are taken often.
  EXPECT_GT(plain, random_text_count * 9 / 20);
  EXPECT_GT(changed, random_text_count / 4);
}

// t2s.json converts in one pass; configurations with phrases in more than one conversion convert
// segment by segment, as OpenCC does, and are held to OpenCC too.
TEST(Normalize, TablesConvertOtherConfigurationsAsOpencc) {
  EXPECT_TRUE(converter().converts_in_one_pass());
  std::size_t by_segments = 0;
  for (const char* config : {"tw2sp.json", "hk2s.json", "t2tw.json", "s2twp.json"}) {
    SCOPED_TRACE(config);
    const TraditionalToSimplified by(config);
    ASSERT_TRUE(by.converts_by_tables());
    if (!by.converts_in_one_pass()) ++by_segments;
    const auto expect_as_opencc = [&](const std::string& text) {
      ASSERT_EQ(by.convert(text), by.convert_by_opencc(text)) << text;
    };
    // Some dictionaries (s2t's phrases) are large: a sample of their keys.
    std::vector<std::string> keys = by.dictionary_keys();
    std::shuffle(keys.begin(), keys.end(), std::mt19937(7));
    keys.resize(std::min<std::size_t>(keys.size(), random_text_count / 40));
    check_texts_of_keys(keys, expect_as_opencc);
    if (HasFatalFailure()) return;
    for (const std::string& text : random_texts(by, random_text_count / 10)) {
      expect_as_opencc(text);
      if (HasFatalFailure()) return;
    }
  }
  EXPECT_GE(by_segments, 3u);
}

}  // namespace
}  // namespace qingdan::detail
