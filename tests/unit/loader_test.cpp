// Loading a rulebook folder: what is accepted, the limits of docs/format.md §11, and all or
// nothing.
#include <gtest/gtest.h>
#include <utf8proc.h>

#include <filesystem>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "answer/internals.hpp"
#include "check/flow_depth.hpp"
#include "load/source_text.hpp"
#include "temp_rulebook.hpp"

namespace qingdan {
namespace {

using testing::levels_yaml;
using testing::list_yaml;
using testing::tasks_yaml;
using testing::TempRulebook;
namespace fs = std::filesystem;

const std::string negative_list =
    list_yaml("list: negative\nversion: \"1\"\neffective: 2022-01-01\n",
              "  - {id: N-1, category: 证明事项}\n");

TEST(Loader, LoadsFilesInNestedFoldersAndCountsThem) {
  TempRulebook rules{{{"rulebook.yaml", levels_yaml},
                      {"catalogue/tasks.yml", tasks_yaml},
                      {"lists/2022/negative.yaml", negative_list},
                      {"notes.txt", "not a rule file"}}};
  Rulebook book = rules.load();
  EXPECT_EQ(book.name(), "测试");
  EXPECT_EQ(book.task_count(), 5u);
  EXPECT_EQ(book.edition_count(), 1u);
  EXPECT_EQ(book.entry_count(), 1u);
  EXPECT_EQ(book.levels().front(), (Level{"city", "市"}));
  EXPECT_EQ(detail::Internals::model(book).mode_ids(),
            (std::vector<std::string>{"normal", "emergency"}));
  EXPECT_EQ(book.fingerprint().size(), 64u);
}

TEST(Loader, AcceptsByteOrderMarkAndCrlfLineEnds) {
  std::string crlf_tasks;
  for (char c : std::string(tasks_yaml)) {
    if (c == '\n') crlf_tasks += '\r';
    crlf_tasks += c;
  }
  TempRulebook rules{
      {{"rulebook.yaml", "\xEF\xBB\xBF" + std::string(levels_yaml)}, {"tasks.yaml", crlf_tasks}}};
  EXPECT_EQ(rules.load().owner("核酸筛查").task->id, "HS-01");
}

TEST(Loader, ModesDefaultToNormalAndJurisdictionsToAnUnnamedRoot) {
  TempRulebook rules{
      {{"rulebook.yaml", "qingdan: 1\nkind: rulebook\nlevels: [{id: town}, {id: village}]\n"},
       {"tasks.yaml", tasks_yaml},
       {"neg.yaml", negative_list}}};
  Rulebook book = rules.load();
  EXPECT_EQ(detail::Internals::model(book).mode_ids(), (std::vector<std::string>{"normal"}));
  Decision d = book.owner("ZM-01", Query{Date{std::chrono::year{2022} / 3 / 1}, "", ""});
  EXPECT_EQ(d.jurisdiction, "");
  EXPECT_EQ(d.roles, (RoleMap{{"village", Role::forbidden}}));
}

TEST(Loader, CategoryMatchingNoTaskIsAWarningNotAnError) {
  TempRulebook rules{
      {{"rulebook.yaml", levels_yaml},
       {"tasks.yaml", tasks_yaml},
       {"neg.yaml", list_yaml("list: negative\nversion: \"1\"\neffective: 2022-01-01\n",
                              "  - {id: N-1, category: 证明事项类}\n")}}};
  EXPECT_NO_THROW(rules.load());
  LintReport report = lint(rules.folder());
  ASSERT_EQ(report.diagnostics.size(), 1u);
  EXPECT_EQ(report.diagnostics[0].severity, Severity::warning);
  EXPECT_EQ(report.diagnostics[0].code, "QL211");
  EXPECT_NE(report.diagnostics[0].message.find("did you mean '证明事项'"), std::string::npos);
}

TEST(Loader, FileSizeLimitCanBeRaised) {
  TempRulebook rules{{{"rulebook.yaml", levels_yaml}, {"tasks.yaml", tasks_yaml}}};
  LoadOptions tight;
  tight.max_file_bytes = 100;
  EXPECT_NE(rules.first_error(tight).find(
                "over the limit of 100 (raise LoadOptions::max_file_bytes) [QL002]"),
            std::string::npos);
  LoadOptions roomy;
  roomy.max_file_bytes = 1000;
  EXPECT_NO_THROW(rules.load(roomy));
}

TEST(Loader, ABracketAfterAQuotedScalarAcrossLinesCountsAsFlow) {
  // yaml-cpp opens a flow collection at a bracket right after an indented quoted scalar that
  // ran onto another line; the scan that guards its recursion counts it too.
  EXPECT_TRUE(detail::flow_nesting_over("    \"a\n\"[[[[[\n", 4).has_value());
  EXPECT_TRUE(detail::flow_nesting_over("key: 'a\n  b'[[[[[\n", 4).has_value());
  EXPECT_FALSE(detail::flow_nesting_over("key: \"a\n  b\"\nnext: [[[[1]]]]\n", 4).has_value());
}

TEST(Loader, DepthLimitIsExactAndNeverOverflowsTheStack) {
  auto nested = [](int depth) {
    return "qingdan: 1\nkind: tasks\ntasks: []\nnote: " + std::string(depth, '[') +
           std::string(depth, ']') + "\n";
  };
  TempRulebook rules{{{"rulebook.yaml", levels_yaml}}};
  rules.write("tasks.yaml", nested(63));  // the top mapping is level 1
  EXPECT_NE(rules.first_error().find("unknown key 'note'"), std::string::npos);
  rules.write("tasks.yaml", nested(64));
  EXPECT_NE(rules.first_error().find("nesting is deeper than 64 levels"), std::string::npos);
  rules.write("tasks.yaml", nested(100000));
  EXPECT_NE(rules.first_error().find("[QL005]"), std::string::npos);
}

TEST(Loader, AliasesAreBoundedAndMayNotContainThemselves) {
  TempRulebook rules{{{"rulebook.yaml", levels_yaml}}};
  rules.write("tasks.yaml", "qingdan: 1\nkind: tasks\nx: &x [1, 2, 3]\ntasks: []\ny: [*x, *x]\n");
  LoadOptions options;
  options.max_alias_nodes = 8;  // each *x repeats the list and its three items
  EXPECT_NE(rules.first_error(options).find("unknown key 'x'"), std::string::npos);
  options.max_alias_nodes = 7;
  EXPECT_NE(rules.first_error(options).find("aliases repeat more than 7 nodes"), std::string::npos);
  rules.write("tasks.yaml", "qingdan: 1\nkind: tasks\ntasks: &t [*t]\n");
  EXPECT_NE(rules.first_error().find("[QL006]"), std::string::npos);
}

TEST(Loader, TextLengthAndEntryCountAreBounded) {
  TempRulebook rules{
      {{"rulebook.yaml", levels_yaml}, {"tasks.yaml", tasks_yaml}, {"neg.yaml", negative_list}}};
  LoadOptions options;
  options.max_text_bytes = 10;
  EXPECT_NE(rules.first_error(options).find(
                "over the limit of 10 (raise LoadOptions::max_text_bytes) [QL013]"),
            std::string::npos);
  options = LoadOptions{};
  options.max_entries = 0;
  EXPECT_NE(rules.first_error(options).find("more than 0 entries in the rulebook"),
            std::string::npos);
}

TEST(Loader, ReadsNothingOutsideTheFolder) {
  TempRulebook outside{{{"stolen.yaml", tasks_yaml}}};
  TempRulebook rules{{{"rulebook.yaml", levels_yaml}}};
  fs::create_symlink(outside.folder() / "stolen.yaml", rules.folder() / "tasks.yaml");
  EXPECT_NE(rules.first_error().find(
                "tasks.yaml: error: symbolic link leads outside the rulebook folder"),
            std::string::npos);
}

TEST(Loader, FollowsLinksInsideTheFolderAndRefusesLoops) {
  TempRulebook rules{{{"rulebook.yaml", levels_yaml}, {"shared/tasks.yaml", tasks_yaml}}};
  fs::create_directories(rules.folder() / "lists");
  fs::create_directory_symlink(rules.folder() / "shared", rules.folder() / "lists" / "catalogue");
  fs::remove(rules.folder() / "shared" / "tasks.yaml");
  rules.write("shared/neg.yaml", negative_list);
  rules.write("tasks.yaml", tasks_yaml);
  // shared/neg.yaml is read twice (once through the link): two editions on one day.
  EXPECT_NE(rules.first_error().find("[QL208]"), std::string::npos);
  fs::remove(rules.folder() / "lists" / "catalogue");
  fs::create_directory_symlink(rules.folder(), rules.folder() / "lists" / "loop");
  EXPECT_NE(rules.first_error().find("symbolic links form a loop here [QL014]"), std::string::npos);
}

TEST(Loader, MissingFolderAndFileInsteadOfFolderAreErrors) {
  TempRulebook rules{{{"rulebook.yaml", levels_yaml}}};
  EXPECT_THROW(Rulebook::load(rules.folder() / "nowhere"), Error);
  try {
    Rulebook::load(rules.folder() / "rulebook.yaml");
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), "QL015");
  }
}

TEST(Loader, AllOrNothingLeavesAnEarlierRulebookUntouched) {
  TempRulebook rules{
      {{"rulebook.yaml", levels_yaml}, {"tasks.yaml", tasks_yaml}, {"neg.yaml", negative_list}}};
  Rulebook book = rules.load();
  std::string fingerprint = book.fingerprint();
  rules.write("broken.yaml", "qingdan: 1\nkind: list\n");
  EXPECT_THROW(book = rules.load(), Error);
  EXPECT_EQ(book.fingerprint(), fingerprint);
  EXPECT_EQ(book.owner("ZM-01", Query{Date{std::chrono::year{2022} / 3 / 1}, "", ""}).status,
            Status::listed);
}

TEST(Loader, DirectiveAndVillageFilesAreNotPartOfTheRulebook) {
  TempRulebook rules{{{"rulebook.yaml", levels_yaml},
                      {"tasks.yaml", tasks_yaml},
                      {"directive.yaml", "qingdan: 1\nkind: directive\nid: D-1\n"}}};
  EXPECT_NO_THROW(rules.load());
  LintReport report = lint(rules.folder());
  ASSERT_EQ(report.diagnostics.size(), 1u);
  EXPECT_EQ(report.diagnostics[0].code, "QL012");
  EXPECT_EQ(report.diagnostics[0].severity, Severity::warning);
}

}  // namespace
}  // namespace qingdan

namespace qingdan {
namespace {

// The reference: utf8proc's decoder, one character at a time.
std::optional<std::size_t> first_invalid_by_utf8proc(std::string_view text) {
  for (std::size_t at = 0; at < text.size();) {
    utf8proc_int32_t point = 0;
    auto length = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + at),
                                   static_cast<utf8proc_ssize_t>(text.size() - at), &point);
    if (length <= 0) return at;
    at += static_cast<std::size_t>(length);
  }
  return std::nullopt;
}

TEST(SourceText, FindsTheFirstInvalidUtf8WhereUtf8procDoes) {
  std::vector<std::string> texts{"",
                                 "纯中文的名称",
                                 "ascii only, long enough to skip words",
                                 "\xED\xA0\x80",
                                 "\xF4\x90\x80\x80",
                                 "\xE0\x9F\xBF",
                                 "\xC1\xBF",
                                 "\xF0\x8F\xBF\xBF",
                                 "\xEF\xBF\xBF",
                                 "\xF4\x8F\xBF\xBF",
                                 "a\xE4\xB8",
                                 "12345678\xE4\xB8\xAD",
                                 "\xC2\x80\xDF\xBF\xE1\x80\x80"};
  std::mt19937 random(20261201);
  // Bytes near the boundaries of the table's ranges, in runs long enough to cross the ASCII
  // words the fast path skips.
  const std::vector<unsigned char> alphabet{0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0,
                                            0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE4, 0xED,
                                            0xEE, 0xEF, 0xF0, 0xF3, 0xF4, 0xF5, 0xFF, 0xB8};
  for (int i = 0; i < 200'000; ++i) {
    std::string text(random() % 24, 'a');
    for (char& byte : text)
      if (random() % 3 != 0) byte = static_cast<char>(alphabet[random() % alphabet.size()]);
    texts.push_back(std::move(text));
  }
  for (const std::string& text : texts)
    ASSERT_EQ(detail::first_invalid_utf8(text), first_invalid_by_utf8proc(text))
        << ::testing::PrintToString(text);
}

}  // namespace
}  // namespace qingdan
