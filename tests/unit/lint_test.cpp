// docs/format.md §2.2 and §6.6, lint: every load error in one pass, and rule conflicts with their
// date ranges.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "temp_rulebook.hpp"

namespace qingdan {
namespace {

using testing::levels_yaml;
using testing::list_yaml;
using testing::tasks_yaml;
using testing::TempRulebook;

std::vector<std::string> codes(const LintReport& report) {
  std::vector<std::string> found;
  for (const Diagnostic& diagnostic : report.diagnostics) found.push_back(diagnostic.code);
  return found;
}

TEST(Lint, ReportsEveryLoadErrorInFileOrder) {
  TempRulebook rules{
      {{"rulebook.yaml", levels_yaml},
       {"tasks.yaml", tasks_yaml},
       {"a.yaml", list_yaml("list: negative\nversion: \"1\"\neffective: 2022-01-01\n",
                            "  - {id: N-1, task: ZM-99, mode: [normal]}\n"
                            "  - {id: N-2, task: ZM-01, levels: [villag]}\n")},
       {"b.yaml",
        "qingdan: 1\nkind: list\nlist: power\nversion: \"1\"\neffective: 2022-13-01\n"
        "entries: []\n"}}};
  LintReport report = lint(rules.folder());
  EXPECT_EQ(codes(report), (std::vector<std::string>{"QL202", "QL102", "QL203", "QL103"}));
  EXPECT_EQ(report.count(Severity::error), 4u);
  EXPECT_EQ(rules.relative(report.diagnostics[0].file), "a.yaml");
  EXPECT_EQ(report.diagnostics[0].line, 7u);
  EXPECT_EQ(rules.relative(report.diagnostics[3].file), "b.yaml");
  EXPECT_FALSE(report.fingerprint.empty());
}

TEST(Lint, CleanRulebookHasNoDiagnostics) {
  TempRulebook rules{{{"rulebook.yaml", levels_yaml}, {"tasks.yaml", tasks_yaml}}};
  LintReport report = lint(rules.folder());
  EXPECT_TRUE(report.diagnostics.empty());
  EXPECT_FALSE(report.has_errors());
  EXPECT_EQ(report.fingerprint, rules.load().fingerprint());
}

TEST(Lint, AssistsAndForbiddenIsAConflictOverItsDateRange) {
  TempRulebook rules{
      {{"rulebook.yaml", levels_yaml},
       {"tasks.yaml", tasks_yaml},
       {"collab.yaml",
        list_yaml("list: collaboration\nversion: \"2022\"\neffective: 2022-01-01\n",
                  "  - {id: X-1, task: HS-02, owner: {level: district}, assist: [village]}\n")},
       {"neg-2022.yaml",
        list_yaml("list: negative\njurisdiction: 青浦区\nversion: \"2022\"\neffective: 2022-03-01\n"
                  "until: 2022-06-30\n",
                  "  - {id: N-1, category: 疫情防控, modes: [normal]}\n")}}};
  EXPECT_NO_THROW(rules.load());  // conflicts do not stop a rulebook from loading
  LintReport report = lint(rules.folder());
  ASSERT_EQ(report.diagnostics.size(), 1u);
  const Diagnostic& conflict = report.diagnostics[0];
  EXPECT_EQ(conflict.code, "QL300");
  EXPECT_EQ(conflict.severity, Severity::error);
  EXPECT_EQ(rules.relative(conflict.file), "neg-2022.yaml");
  EXPECT_EQ(conflict.line, 9u);
  EXPECT_EQ(
      conflict.message,
      "task HS-02 抗原试剂发放与上门回收: village (村居) assists by entry X-1 but is forbidden by "
      "negative entry N-1 in 上海市/青浦区 from 2022-03-01 to 2022-06-30, mode normal");
}

TEST(Lint, ASnapshotIsLintedForTheConflictsOfItsLists) {
  TempRulebook rules{
      {{"rulebook.yaml", levels_yaml},
       {"tasks.yaml", tasks_yaml},
       {"collab.yaml",
        list_yaml("list: collaboration\nversion: \"2022\"\neffective: 2022-01-01\n",
                  "  - {id: X-1, task: HS-02, owner: {level: district}, assist: [village]}\n")},
       {"neg.yaml", list_yaml("list: negative\nversion: \"2022\"\neffective: 2022-03-01\n",
                              "  - {id: N-1, category: 疫情防控}\n")}}};
  // Beside the folder, not in it, and named after it: another run's snapshot is never this one.
  const std::filesystem::path snapshot = rules.folder().string() + ".qds";
  rules.load().save_snapshot(snapshot);
  LintReport report = lint(snapshot);
  const LintReport of_folder = lint(rules.folder());
  ASSERT_EQ(codes(report), (std::vector<std::string>{"QL300"}));
  EXPECT_EQ(report.diagnostics[0].file, "neg.yaml");  // as named in the rulebook's folder
  EXPECT_EQ(report.diagnostics[0].line, 7u);
  EXPECT_EQ(report.diagnostics[0].message, of_folder.diagnostics[0].message);
  EXPECT_EQ(report.fingerprint, of_folder.fingerprint);

  std::string bytes;
  {
    std::ifstream in(snapshot, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x5a);
  std::ofstream(snapshot, std::ios::binary | std::ios::trunc) << bytes;
  EXPECT_EQ(codes(lint(snapshot)), (std::vector<std::string>{"QL017"}));
  std::filesystem::remove(snapshot);
}

TEST(Lint, ForbiddingTheOwnerIsAWarning) {
  TempRulebook rules{
      {{"rulebook.yaml", levels_yaml},
       {"tasks.yaml", tasks_yaml},
       {"self.yaml", list_yaml("list: self_governance\nversion: \"1\"\neffective: 2022-01-01\n",
                               "  - {id: S-1, task: ZZ-01}\n")},
       {"neg.yaml", list_yaml("list: negative\nversion: \"1\"\neffective: 2023-01-01\n",
                              "  - {id: N-1, task: ZZ-01}\n")}}};
  LintReport report = lint(rules.folder());
  ASSERT_EQ(report.diagnostics.size(), 1u);
  EXPECT_EQ(report.diagnostics[0].code, "QL301");
  EXPECT_EQ(report.diagnostics[0].severity, Severity::warning);
  EXPECT_NE(report.diagnostics[0].message.find("from 2023-01-01 on, mode normal, emergency"),
            std::string::npos);
}

}  // namespace
}  // namespace qingdan
