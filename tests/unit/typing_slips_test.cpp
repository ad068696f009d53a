// Chinese typing slips in YAML (src/load/typing_slips.hpp): a full-width '：', '，' or '－' where
// YAML needs ':', ',' or '-', and a U+3000 or a tab in an indent, reported at the character
// (QL019); full-width punctuation in texts is Chinese, and loads as written.
#include <gtest/gtest.h>

#include "load/source_text.hpp"
#include "load/yaml_tree.hpp"
#include "temp_rulebook.hpp"

namespace qingdan {
namespace {

using testing::levels_yaml;
using testing::TempRulebook;

// The first error of a rulebook whose tasks.yaml is `tasks`.
std::string first_error(const std::string& tasks, Language language = Language::en) {
  TempRulebook rules{{{"rulebook.yaml", levels_yaml}, {"tasks.yaml", tasks}}};
  return rules.first_error({}, language);
}

const std::string head = "qingdan: 1\nkind: tasks\ntasks:\n";

#define EXPECT_STARTS(actual, prefix) \
  EXPECT_EQ(std::string(actual).substr(0, std::string_view(prefix).size()), prefix)

TEST(TypingSlips, AFullWidthColonAfterAKeyIsFoundWhereverYamlCppStops) {
  // A line of its own in a mapping: yaml-cpp takes it as a key without a value.
  EXPECT_EQ(first_error(head + "  - id: X-1\n    name：防汛\n"),
            "tasks.yaml:5:9: error: full-width '：' at 5:9; YAML needs ':' (half-width) and a "
            "space after a key [QL019]");
  // The first key of an item, followed by more: yaml-cpp stops at the next line.
  EXPECT_STARTS(first_error(head + "  - name：防汛\n    id: X-1\n"),
                "tasks.yaml:4:9: error: full-width '：' at");
  // The item's only key: a text where a mapping belongs.
  EXPECT_STARTS(first_error(head + "  - name： 防汛\n"),
                "tasks.yaml:4:9: error: full-width '：' at");
  // At the top, and in a flow mapping (a key alone, to YAML).
  EXPECT_STARTS(first_error("qingdan：1\nkind: tasks\ntasks: []\n"),
                "tasks.yaml:1:8: error: full-width '：' at");
  EXPECT_STARTS(first_error("qingdan: 1\nkind：tasks\ntasks: []\n"),
                "tasks.yaml:2:5: error: full-width '：' at");
  EXPECT_STARTS(first_error(head + "  - {id：X-1, name: 防汛}\n"),
                "tasks.yaml:4:8: error: full-width '：' at");
  EXPECT_EQ(first_error(head + "  - id: X-1\n    name：防汛\n", Language::zh),
            "tasks.yaml:5:9: 错误：第 5 行第 9 列是全角“：”；YAML 的键后面需要半角“:”和一个空格 "
            "[QL019]");
}

TEST(TypingSlips, AFullWidthCommaBetweenItemsOnOneLine) {
  EXPECT_EQ(first_error(head + "  - {id: X-1, name: 甲, aliases: [核酸，筛查]}\n"),
            "tasks.yaml:4:36: error: full-width '，' at 4:36; YAML needs ',' (half-width) between "
            "items written on one line, as in [a, b] (quote an item if the comma belongs to it) "
            "[QL019]");
  EXPECT_STARTS(first_error(head + "  - {id: X-1，name: 甲}\n"),
                "tasks.yaml:4:13: error: full-width '，' at");
  EXPECT_STARTS(first_error(head + "  - {id: X-1, name: 甲， category: 乙}\n"),
                "tasks.yaml:4:22: error: full-width '，' at");
}

TEST(TypingSlips, AFullWidthDashForAListItem) {
  EXPECT_EQ(first_error(head + "  － id: X-1\n    name: 甲\n"),
            "tasks.yaml:4:3: error: full-width '－' at 4:3; YAML needs '-' (half-width) and a "
            "space to start a list item [QL019]");
  EXPECT_STARTS(first_error(head + "  - {id: X-1, name: 甲}\n  －{id: X-2, name: 乙}\n"),
                "tasks.yaml:5:3: error: full-width '－' at");
  // Items of one key each read as one mapping, whose second key repeats the first.
  EXPECT_STARTS(first_error(head + "  － id: X-1\n  － id: X-2\n"),
                "tasks.yaml:4:3: error: full-width '－' at");
  // Items of a list of names read as one text.
  TempRulebook rules{{{"rulebook.yaml",
                       "qingdan: 1\nkind: rulebook\nlevels:\n  - {id: town}\n"
                       "  - {id: village}\nmodes:\n  － normal\n  － emergency\n"},
                      {"tasks.yaml", head + "  - {id: X-1, name: 甲}\n"}}};
  EXPECT_STARTS(rules.first_error(), "rulebook.yaml:7:3: error: full-width '－' at");
}

TEST(TypingSlips, AFullWidthSpaceOrATabInAnIndent) {
  EXPECT_EQ(first_error(head + "  - id: X-1\n\xE3\x80\x80\xE3\x80\x80name: 甲\n"),
            "tasks.yaml:5:1: error: full-width space (U+3000) at 5:1; YAML indents with "
            "half-width spaces [QL019]");
  EXPECT_STARTS(first_error(head + "  - id: X-1\n  \xE3\x80\x80name: 甲\n"),
                "tasks.yaml:5:3: error: full-width space (U+300");
  EXPECT_STARTS(first_error(head + "\xE3\x80\x80- id: X-1\n"),
                "tasks.yaml:4:1: error: full-width space (U+300");
  EXPECT_EQ(first_error(head + "  - id: X-1\n\tname: 甲\n"),
            "tasks.yaml:5:1: error: tab at 5:1; YAML indents with spaces, never with tabs [QL019]");
  EXPECT_STARTS(first_error(head + "  - id: X-1\n   \tname: 甲\n"),
                "tasks.yaml:5:4: error: tab at ");
  EXPECT_STARTS(first_error(head + "\t- id: X-1\n\t  name: 甲\n"),
                "tasks.yaml:4:1: error: tab at ");
  EXPECT_EQ(first_error(head + "  - id: X-1\n\tname: 甲\n", Language::zh),
            "tasks.yaml:5:1: 错误：第 5 行第 1 列是制表符（Tab）；YAML 只能用空格缩进，不能用 Tab "
            "[QL019]");
}

// The values a valid file's plain texts hold.
std::vector<std::string> texts_of(const std::string& yaml) {
  detail::Diagnostics diagnostics;
  auto source = detail::check_source("t.yaml", yaml, diagnostics);
  EXPECT_TRUE(source.has_value());
  auto root = detail::parse_yaml(*source, LoadOptions{}, diagnostics);
  EXPECT_FALSE(diagnostics.has_errors()) << diagnostics.all().at(0).to_string();
  std::vector<std::string> texts;
  auto walk = [&](auto& self, const detail::YamlNode& node) -> void {
    if (node.is_scalar()) texts.push_back(node.text);
    for (const detail::YamlNode* item : node.items) self(self, *item);
    for (const auto& member : node.members) {
      self(self, *member.key);
      self(self, *member.value);
    }
  };
  if (root) walk(walk, *root);
  return texts;
}

TEST(TypingSlips, FullWidthPunctuationInTextsIsChineseAndLoadsAsWritten) {
  EXPECT_EQ(texts_of("name: 防汛：巡查\nnote: 第一，第二；第三\n"),
            (std::vector<std::string>{"name", "防汛：巡查", "note", "第一，第二；第三"}));
  EXPECT_EQ(texts_of("a: [\"核酸，筛查\", '检测，组织']\nb: {name: 防汛，抗旱, c: 乙：丙}\n"),
            (std::vector<std::string>{"a", "核酸，筛查", "检测，组织", "b", "name", "防汛，抗旱",
                                      "c", "乙：丙"}));
  // A text over lines, a block text indented with full-width spaces, a quoted key.
  EXPECT_EQ(
      texts_of("note: 第一行\n  第二行：说明\nbasis: |\n  \xE3\x80\x80\xE3\x80\x80第一段：甲，乙\n"
               "  － 一点\n\"防汛：巡查\": x\n"),
      (std::vector<std::string>{"note", "第一行 第二行：说明", "basis",
                                "\xE3\x80\x80\xE3\x80\x80第一段：甲，乙\n－ 一点\n", "防汛：巡查",
                                "x"}));
  // A key with a '：' in it and a value; a value that starts with a full-width space.
  EXPECT_EQ(texts_of("上海市：浦东: {}\nnote: \xE3\x80\x80说明\n"),
            (std::vector<std::string>{"上海市：浦东", "note", "\xE3\x80\x80说明"}));
  // An alias in a flow list repeats a text written elsewhere, as it was written.
  EXPECT_EQ(texts_of("a: &x 防汛，抗旱\nb: [*x, y]\n"),
            (std::vector<std::string>{"a", "防汛，抗旱", "b", "防汛，抗旱", "y"}));
  // The whole rulebook loads.
  TempRulebook rules{
      {{"rulebook.yaml", levels_yaml},
       {"tasks.yaml", head +
                          "  - id: X-1\n    name: 防汛：巡查\n    aliases: [\"防汛，巡查\", 巡查]\n"
                          "  - {id: X-2, name: 防汛，抗旱, category: 乙：丙}\n"}}};
  EXPECT_EQ(rules.load().owner("防汛：巡查").task->id, "X-1");
}

TEST(TypingSlips, AnotherMistakeNearChineseTextKeepsYamlCppsMessage) {
  // The '：' of a text over lines is no key: fixed, the file would stop no further.
  EXPECT_EQ(first_error(head + "  - id: X-1\n    name: 甲\n    note: 第一行\n      第二行：说明\n"
                               "    category: [乙\n"),
            "tasks.yaml:9:1: error: invalid YAML: end of sequence flow not found [QL004]");
  EXPECT_STARTS(
      first_error(head + "  - id: X-1\n    name: 甲\n    note: 第一，第二\n  category: 乙\n"),
      "tasks.yaml:7:3: error: invalid YAML: ");
}

}  // namespace
}  // namespace qingdan
