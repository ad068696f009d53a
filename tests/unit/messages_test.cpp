// The message catalogue: both languages for every message, the same placeholders in each, and
// the choice of language from a locale.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <string_view>

#include <qingdan/detail/messages.hpp>
#include <qingdan/detail/utf8.hpp>

namespace qingdan {
namespace {

using detail::Message;
using detail::say;

std::set<std::string> placeholders(std::string_view text) {
  std::set<std::string> names;
  for (std::size_t open = text.find('{'); open != std::string_view::npos;
       open = text.find('{', open + 1)) {
    std::size_t close = text.find('}', open);
    if (close == std::string_view::npos) break;
    names.emplace(text.substr(open + 1, close - open - 1));
  }
  return names;
}

bool has_chinese(std::string_view text) {
  for (char32_t point : detail::code_points(text))
    if ((point >= 0x4E00 && point <= 0x9FFF) || (point >= 0x3000 && point <= 0x303F) ||
        (point >= 0xFF00 && point <= 0xFFEF))
      return true;
  return false;
}

TEST(MessageCatalogue, EveryMessageHasBothLanguagesWithTheSamePlaceholders) {
  for (std::size_t id = 0; id < static_cast<std::size_t>(Message::count); ++id) {
    const detail::MessageText& text = detail::message_text(static_cast<Message>(id));
    SCOPED_TRACE(std::string(text.en));
    EXPECT_FALSE(text.en.empty());
    EXPECT_FALSE(text.zh.empty());
    EXPECT_EQ(placeholders(text.en), placeholders(text.zh));
    if (!placeholders(text.en).empty() &&
        text.en.find_first_not_of("{}abcdefghijklmnopqrstuvwxyz_") == std::string_view::npos)
      continue;  // a phrase made of placeholders only, the same in both languages
    EXPECT_NE(text.en, text.zh);
    EXPECT_TRUE(has_chinese(text.zh) || placeholders(text.zh).size() > 0)
        << "a Chinese text with no Chinese in it: " << text.zh;
  }
}

TEST(MessageCatalogue, SayFillsPlaceholdersAndKeepsOtherBraces) {
  EXPECT_EQ(say(Language::en, Message::duplicate_key, {{"key", "id"}, {"line", "4"}}),
            "duplicate key 'id' (first given at line 4)");
  EXPECT_EQ(say(Language::zh, Message::duplicate_key, {{"key", "id"}, {"line", "4"}}),
            "键 'id' 重复（第一次出现在第 4 行）");
  EXPECT_EQ(say(Language::en, Message::type_levels), "a list of {id, name}, top to bottom");
  EXPECT_EQ(say(Language::en, Message::must_not_be_empty, {}), "'{key}' must not be empty")
      << "a placeholder without a value stays visible rather than vanishing";
  EXPECT_EQ(say(Language::en, Message::must_not_be_empty, {{"key", "{key}"}}),
            "'{key}' must not be empty")
      << "values are inserted as they are, never read as placeholders";
}

TEST(Language, ParsedFromTheOptionText) {
  EXPECT_EQ(parse_language("zh"), Language::zh);
  EXPECT_EQ(parse_language("en"), Language::en);
  EXPECT_EQ(parse_language("fr"), std::nullopt);
  EXPECT_EQ(parse_language("ZH"), std::nullopt);
  EXPECT_EQ(parse_language(""), std::nullopt);
}

TEST(Language, ChineseForZhLocalesAndEnglishForEverythingElse) {
  for (const char* locale : {"zh_CN.UTF-8", "zh_TW.Big5", "zh", "zh-Hans", "ZH_cn"})
    EXPECT_EQ(language_of_locale(locale), Language::zh) << locale;
  for (const char* locale : {"C", "POSIX", "C.UTF-8", "en_US.UTF-8", "fr_FR", "zhx", "", "z"})
    EXPECT_EQ(language_of_locale(locale), Language::en) << locale;
}

}  // namespace
}  // namespace qingdan
