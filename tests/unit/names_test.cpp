// Chinese names wherever an id is accepted: levels and modes by name or alias, lists, frequencies,
// units and roles by their Chinese words; a name that would name two levels is refused.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <qingdan/qingdan.hpp>

#include "temp_rulebook.hpp"

namespace qingdan {
namespace {

using std::chrono::year;

const std::string header = R"(qingdan: 1
kind: rulebook
name: 名称
levels:
  - {id: district, name: 区}
  - {id: town, name: 街镇, aliases: [街道, 镇]}
  - {id: village, name: 村居, aliases: [村, 社区]}
modes:
  - {id: normal, name: 常态}
  - {id: emergency, name: 应急, aliases: [战时]}
jurisdictions:
  青浦区:
    练塘镇:
      徐练村: {}
)";

class Names : public ::testing::Test {
 protected:
  testing::TempRulebook rules{
      {{"rulebook.yaml", header},
       {"tasks.yaml", testing::tasks_yaml},
       {"collab.yaml",
        testing::list_yaml("list: 协作清单\nversion: \"1\"\neffective: 2022-01-01\n",
                           "  - {id: X-1, task: HS-01, owner: {level: 区}, assist: [村], "
                           "modes: [战时], requires: [经费]}\n")},
       {"neg.yaml", testing::list_yaml("list: 负面清单\nversion: \"1\"\neffective: 2022-01-01\n",
                                       "  - {id: N-1, task: ZM-01, levels: [社区, 镇]}\n")}}};
};

TEST_F(Names, LevelsModesListsAndConditionsAreReadByTheirChineseNames) {
  Rulebook book = rules.load();
  Query wartime{.at = Date{year{2023} / 1 / 1}, .jurisdiction = "徐练村", .mode = "战时"};
  Decision decision = book.owner("HS-01", wartime);
  EXPECT_EQ(decision.mode, "emergency");
  EXPECT_EQ(decision.roles, (RoleMap{{"district", Role::owns}, {"village", Role::assists}}));
  ASSERT_EQ(decision.entries.size(), 1u);
  EXPECT_EQ(decision.entries[0].list, ListKind::collaboration);
  EXPECT_TRUE(decision.entries[0].requires_funding);
  EXPECT_EQ(book.owner("HS-01", {.at = wartime.at, .mode = "应急"}).mode, "emergency");
  EXPECT_EQ(book.owner("HS-01", {.at = wartime.at, .mode = "常态"}).status, Status::unlisted);
  Decision forbidden = book.owner("ZM-01", {.at = wartime.at});
  EXPECT_EQ(forbidden.roles, (RoleMap{{"town", Role::forbidden}, {"village", Role::forbidden}}));
  DiffOptions options;
  options.level = "村";
  options.mode = "战时";
  EXPECT_EQ(book.diff(Date{year{2021} / 1 / 1}, Date{year{2023} / 1 / 1}, options).changes.size(),
            2u);
}

TEST_F(Names, ADirectiveNamesLevelsFrequenciesAndUnitsInChinese) {
  Rulebook book = rules.load();
  Directive directive = Directive::parse(R"(qingdan: 1
kind: directive
id: D-1
issued: 2023-01-01
jurisdiction: 青浦区
mode: 战时
items:
  - {task: HS-01, to: 村居, frequency: 每周, effort_hours: 1, per: 户, funding: true}
  - {task: ZM-01, to: 村, frequency: 一次, effort_hours: 1}
)",
                                         "d.yaml");
  EXPECT_EQ(directive.items[0].per, EffortUnit::household);
  EXPECT_EQ(directive.items[0].frequency.text, "每周");
  EXPECT_NEAR(directive.items[0].frequency.per_month, 52.0 / 12, 1e-9);
  EXPECT_TRUE(is_once(directive.items[1].frequency));
  Report report = book.check(directive);  // one directive, no villages
  EXPECT_EQ(report.errors(), 1u);
  EXPECT_EQ(report.warnings(), 0u);
  ASSERT_EQ(report.findings.size(), 1u) << report.findings[0].message.in(Language::en);
  EXPECT_EQ(report.findings[0].code, FindingCode::forbidden);
  EXPECT_EQ(
      report.findings[0].message.in(Language::zh),
      "不得把 ZM-01 开具亲属关系证明 交给 村居（village）：负面清单条目 N-1（版本 1，青浦区）禁止");
  EXPECT_EQ(report.items[0].to, "village");
}

TEST_F(Names, ATestCaseNamesItsOwnerLevelModeAndRolesInChinese) {
  rules.write("tests.yaml", R"(qingdan: 1
kind: tests
cases:
  - name: 战时村协助
    task: HS-01
    at: 2023-01-01
    in: 徐练村
    mode: 战时
    expect: {status: 已列入清单, owner: {level: 区}, roles: {区: 负责, 村: 协助}}
  - name: 写错的期望
    task: HS-01
    at: 2023-01-01
    mode: 应急
    expect: {owner: {level: 街道}}
)");
  RuleTestRun run = run_rule_tests(rules.load());
  ASSERT_EQ(run.cases.size(), 2u);
  EXPECT_TRUE(run.cases[0].passed)
      << (run.cases[0].differences.empty() ? std::string()
                                           : run.cases[0].differences[0].in(Language::en));
  ASSERT_EQ(run.cases[1].differences.size(), 1u);
  EXPECT_EQ(run.cases[1].differences[0].in(Language::en),
            "owner level: expected town, got district");
}

TEST_F(Names, ANameOrAliasNamesOneLevelOnly) {
  rules.write("rulebook.yaml",
              std::string(header).replace(header.find("[村, 社区]"),
                                          std::string("[村, 社区]").size(), "[村, 镇]"));
  EXPECT_EQ(rules.first_error(),
            "rulebook.yaml:7:42: error: '镇' already names town; a name or alias stands for one "
            "only [QL206]");
}

}  // namespace
}  // namespace qingdan
