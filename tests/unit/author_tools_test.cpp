// docs/format.md §6.7 and §7, diff and test: the rule-author tools.
#include <gtest/gtest.h>

#include "temp_rulebook.hpp"

namespace qingdan {
namespace {

using namespace std::chrono;
using testing::levels_yaml;
using testing::list_yaml;
using testing::tasks_yaml;

class AuthorTools : public ::testing::Test {
 protected:
  testing::TempRulebook rules{
      {{"rulebook.yaml", levels_yaml},
       {"tasks.yaml", tasks_yaml},
       {"collab-2022.yaml",
        list_yaml("list: collaboration\nversion: \"2022\"\neffective: 2022-01-01\n",
                  "  - {id: X-1, task: HS-02, owner: {level: district}, assist: [village]}\n"
                  "  - {id: X-2, task: QZ-01, owner: {level: district}, assist: [village]}\n")},
       {"collab-2024.yaml",
        list_yaml("list: collaboration\nversion: \"2024\"\neffective: 2024-08-06\n",
                  "  - {id: X-2, task: QZ-01, owner: {level: town}, assist: [village]}\n"
                  "  - {id: X-3, task: ZZ-01, owner: {level: town}, assist: [village]}\n")},
       {"neg-2024.yaml", list_yaml("list: negative\nversion: \"2024\"\neffective: 2024-08-06\n",
                                   "  - {id: N-1, category: 证明事项}\n")}}};
};

TEST_F(AuthorTools, DiffListsEveryChangeOfTheLevelsRoleOrTheOwner) {
  RulebookDiff diff = rules.load().diff(year{2023} / 1 / 1, year{2025} / 1 / 1);
  EXPECT_EQ(diff.level, "village");
  EXPECT_EQ(diff.jurisdiction, "上海市");
  std::vector<std::string> lines;
  for (const RoleChange& change : diff.changes)
    lines.push_back(change.task.id + " " + change.kind());
  EXPECT_EQ(lines, (std::vector<std::string>{"HS-02 no longer assisted", "ZM-01 newly forbidden",
                                             "ZZ-01 newly assisted", "QZ-01 owner changed"}));
  const RoleChange& forbidden = diff.changes[1];
  EXPECT_FALSE(forbidden.before);
  EXPECT_EQ(forbidden.after, Role::forbidden);
  EXPECT_EQ(forbidden.entries_after.at(0).id, "N-1");
  EXPECT_EQ(diff.changes[3].owner_before, "district");
  EXPECT_EQ(diff.changes[3].owner_after, "town");
  EXPECT_EQ(diff.count("newly forbidden"), 1u);
}

TEST_F(AuthorTools, DiffForAnotherLevelAndNoChange) {
  Rulebook book = rules.load();
  RulebookDiff town =
      book.diff(year{2023} / 1 / 1, year{2025} / 1 / 1, DiffOptions{"", "town", ""});
  std::vector<std::string> lines;
  for (const RoleChange& change : town.changes)
    lines.push_back(change.task.id + " " + change.kind());
  // The town comes to own QZ-01 and ZZ-01; HS-02 loses its owner (the district) altogether.
  EXPECT_EQ(lines, (std::vector<std::string>{"HS-02 owner changed", "ZZ-01 role changed",
                                             "QZ-01 role changed"}));
  EXPECT_EQ(town.changes[1].after, Role::owns);
  EXPECT_TRUE(book.diff(year{2023} / 1 / 1, year{2023} / 6 / 1).changes.empty());
  EXPECT_THROW(book.diff(year{2023} / 1 / 1, year{2025} / 1 / 1, DiffOptions{"", "hamlet", ""}),
               Error);
}

TEST_F(AuthorTools, TestRunReportsFailuresFieldByFieldAndCoverage) {
  rules.write("tests.yaml", R"(qingdan: 1
kind: tests
cases:
  - name: 村协助抗原
    task: HS-02
    at: 2023-01-01
    expect: {status: listed, roles: {district: owns, village: assists}, entries: [X-1]}
  - name: 证明（写错的期望）
    task: 开具亲属关系证明
    at: 2025-01-01
    expect: {roles: {village: assists}, owner: {level: district}, entries: [X-2]}
)");
  RuleTestRun run = run_rule_tests(rules.load());
  ASSERT_EQ(run.cases.size(), 2u);
  EXPECT_TRUE(run.cases[0].passed);
  const CaseResult& failing = run.cases[1];
  EXPECT_FALSE(failing.passed);
  EXPECT_EQ(failing.file, "tests.yaml");
  EXPECT_EQ(failing.line, 8u);
  auto worded = [&](Language language) {
    std::vector<std::string> lines;
    for (const Phrase& difference : failing.differences) lines.push_back(difference.in(language));
    return lines;
  };
  EXPECT_EQ(
      worded(Language::en),
      (std::vector<std::string>{"owner level: expected district, got none",
                                "roles: expected (village: assists), got (village: forbidden)",
                                "entries: expected X-2 among the applied entries, got N-1"}));
  EXPECT_EQ(worded(Language::zh),
            (std::vector<std::string>{"负责层级：应为 district，实为 无",
                                      "角色：应为 （village：协助），实为 （village：不得承担）",
                                      "条目：适用的条目中应有 X-2，实为 N-1"}));
  EXPECT_EQ(run.failed(), 1u);
  EXPECT_EQ(run.total, 5u);    // X-1, X-2 (2022), X-2, X-3 (2024), N-1
  EXPECT_EQ(run.covered, 2u);  // X-1 by the passing case, N-1 by the failing one
  EXPECT_DOUBLE_EQ(run.coverage(), 0.4);
  ASSERT_EQ(run.uncovered.size(), 3u);
  EXPECT_EQ(run.uncovered[0].id, "X-2");
  EXPECT_EQ(run.uncovered[0].edition, "2022");
}

// One mistake in a list is one error: the test cases that expect its entries do not each add a
// "no edition has an entry" (QL212), which would be listed first when the tests file's name
// sorts before the list's and so hide the mistake from `qingdan test`.
TEST_F(AuthorTools, AListThatFailsToLoadIsTheOneErrorNotEachCaseNamingItsEntries) {
  const char* cases = R"(qingdan: 1
kind: tests
cases:
  - {name: 抗原, task: HS-02, at: 2023-01-01, expect: {entries: [X-1]}}
  - {name: 证明, task: ZM-01, at: 2025-01-01, expect: {entries: [N-1]}}
  - {name: 写错的编号, task: ZM-01, at: 2025-01-01, expect: {entries: [N-404]}}
)";
  rules.write("a-tests.yaml", cases);
  // The edition is dropped by the reader (a list that is not one of the four) ...
  rules.write("neg-2024.yaml",
              list_yaml("list: negtive\nversion: \"2024\"\neffective: 2024-08-06\n",
                        "  - {id: N-1, category: 证明事项}\n"));
  LintReport report = lint(rules.folder());
  ASSERT_EQ(report.count(Severity::error), 1u) << report.diagnostics.at(1).to_string();
  EXPECT_EQ(report.diagnostics.at(0).code, "QL105");
  EXPECT_EQ(rules.first_error().substr(0, 21), "neg-2024.yaml:3:7: er");
  // ... or by the assembly (an edition for a jurisdiction that does not exist).
  rules.write("neg-2024.yaml",
              list_yaml("list: negative\njurisdiction: 上海市/青浦\nversion: \"2024\"\n"
                        "effective: 2024-08-06\n",
                        "  - {id: N-1, category: 证明事项}\n"));
  report = lint(rules.folder());
  ASSERT_EQ(report.count(Severity::error), 1u) << report.diagnostics.at(1).to_string();
  EXPECT_EQ(report.diagnostics.at(0).code, "QL204");
  // Once the rules load, a case that names an entry no edition has is reported, as before.
  rules.write("neg-2024.yaml",
              list_yaml("list: negative\nversion: \"2024\"\neffective: 2024-08-06\n",
                        "  - {id: N-1, category: 证明事项}\n"));
  EXPECT_EQ(rules.first_error(),
            "a-tests.yaml:6:67: error: no edition has an entry with id 'N-404' [QL212]");
  // An error in a tests file loses no entry: the other cases are still checked.
  rules.write("a-tests.yaml", std::string(cases) +
                                  "  - {name: 错的角色, task: ZM-01, expect: {roles: {village: "
                                  "forbiden}}}\n");
  report = lint(rules.folder());
  std::vector<std::string> codes;
  for (const Diagnostic& diagnostic : report.diagnostics)
    if (diagnostic.severity == Severity::error) codes.push_back(diagnostic.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"QL212", "QL105"}));
}

// What `qingdan lint` and `qingdan test --min-coverage 0.8` check of the shipped rulebooks
// (CTest runs the tool on them too), here through the library, so the sanitizer builds run it.
TEST(ShippedRulebooks, AreLintCleanAndPassTheirTestsCoveringEightyPercentOfEntries) {
  for (const char* folder : {"rules/shanghai-qingpu", "rules/national-village"}) {
    SCOPED_TRACE(folder);
    const LintReport report = lint(folder);
    EXPECT_FALSE(report.has_errors());
    for (const Diagnostic& diagnostic : report.diagnostics) ADD_FAILURE() << diagnostic.to_string();
    const RuleTestRun run = run_rule_tests(Rulebook::load(folder));
    EXPECT_GT(run.cases.size(), 50u);
    EXPECT_EQ(run.failed(), 0u);
    EXPECT_GE(run.coverage(), 0.8);
  }
}

}  // namespace
}  // namespace qingdan
