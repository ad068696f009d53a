// docs/format.md §3.3, §3.7, §5.6, §8.6, §8.7 and §8.8: the approvals register, emergencies
// that follow the rules, the year's ledger and its caps.
#include <gtest/gtest.h>

#include <algorithm>

#include <qingdan/json.hpp>
#include <qingdan/lint.hpp>
#include <qingdan/report_output.hpp>

#include "temp_rulebook.hpp"

namespace qingdan {
namespace {

using testing::list_yaml;
using testing::TempRulebook;

const char* const workflow_rulebook = R"(qingdan: 1
kind: rulebook
name: 测试
levels:
  - {id: city, name: 市}
  - {id: district, name: 区}
  - {id: town, name: 街镇}
  - {id: village, name: 村居}
modes:
  - normal
  - {id: emergency, name: 应急, approval: after, report_within_days: 7, sunset_days: 30}
caps:
  village: {inspection: 4, sign: 0}
jurisdictions:
  上海市:
    青浦区:
      练塘镇:
        徐练村: {}
        东庄村: {}
      朱家角镇:
        张马村: {}
)";

const char* const workflow_tasks = R"(qingdan: 1
kind: tasks
tasks:
  - {id: T-UNL, name: 未列入事项}
  - {id: T-COL, name: 协作事项}
  - {id: T-NEG, name: 负面事项}
  - {id: T-CAT, name: 类别事项, category: 类别甲}
)";

const char* const workflow_approvals = R"(qingdan: 1
kind: approvals
entries:
  - {id: A-OK, task: T-UNL, jurisdiction: 上海市/青浦区, levels: [village], from: 2023-01-01}
  - {id: A-OLD, task: T-UNL, from: 2022-01-01, until: 2022-12-31}
  - {id: A-TOWN, task: T-UNL, levels: [town], from: 2023-01-01}
  - {id: A-LT, task: T-UNL, jurisdiction: 练塘镇, from: 2023-01-01}
  - {id: A-CAP, task: T-UNL, from: 2023-01-01, max_per_month: 4}
  - {id: A-FUND, task: T-UNL, from: 2023-01-01, funding: true}
  - {id: A-COL, task: T-COL, from: 2023-01-01}
  - {id: A-CAT, category: 类别甲, from: 2023-01-01}
)";

class Workflow : public ::testing::Test {
 protected:
  static Directive directive(const std::string& items, const std::string& header = {},
                             const std::string& id = "D-1",
                             const std::string& issued = "2023-05-01") {
    const std::string place =
        header.find("jurisdiction:") == std::string::npos ? "jurisdiction: 上海市/青浦区\n" : "";
    return Directive::parse("qingdan: 1\nkind: directive\nid: " + id + "\nissued: " + issued +
                                "\n" + place + header + "items:\n" + items,
                            id + ".yaml");
  }
  static std::string item(const std::string& task, const std::string& more = {},
                          const std::string& frequency = "monthly") {
    return "  - {task: " + task + ", frequency: " + frequency + ", effort_hours: 1" + more + "}\n";
  }
  static std::vector<std::string> codes(const Report& report) {
    std::vector<std::string> found;
    for (const Finding& finding : report.findings) found.emplace_back(code_of(finding.code));
    return found;
  }
  static std::string messages(const Report& report, Language language = Language::en) {
    std::string all;
    for (const Finding& finding : report.findings) all += finding.message.in(language) + "\n";
    return all;
  }
  Report check(const Directive& d, const std::vector<Directive>& ledger = {},
               const Villages& villages = {}) const {
    CheckOptions options;
    options.ledger = ledger;
    return book.check(std::vector<Directive>{d}, villages, options);
  }

  TempRulebook rules{
      {{"rulebook.yaml", workflow_rulebook},
       {"tasks.yaml", workflow_tasks},
       {"approvals.yaml", workflow_approvals},
       {"collab.yaml",
        list_yaml("list: collaboration\nversion: \"1\"\neffective: 2022-01-01\n",
                  "  - {id: C-1, task: T-COL, owner: {level: district}, assist: [village],"
                  " requires: [approval]}\n")},
       {"neg.yaml", list_yaml("list: negative\nversion: \"1\"\neffective: 2022-01-01\n",
                              "  - {id: N-1, task: T-NEG}\n")}}};
  Rulebook book = rules.load();
};

// Approvals ---------------------------------------------------------------------------------------

TEST_F(Workflow, ACitedApprovalThatCoversTheItemClearsQD003AndQD005) {
  EXPECT_EQ(codes(check(directive(item("T-UNL")))), std::vector<std::string>{"QD003"});
  EXPECT_TRUE(check(directive(item("T-UNL", ", approved: A-OK"))).findings.empty());
  EXPECT_EQ(codes(check(directive(item("T-COL")))), std::vector<std::string>{"QD005"});
  EXPECT_TRUE(check(directive(item("T-COL", ", approved: A-COL"))).findings.empty());
  // An approval of a category covers each task of it.
  EXPECT_TRUE(check(directive(item("T-CAT", ", approved: A-CAT"))).findings.empty());
}

TEST_F(Workflow, EachConditionACitedApprovalFailsIsOneQD015Error) {
  auto only = [&](const std::string& more, const std::string& frequency = "monthly") {
    Report report = check(directive(item("T-UNL", more, frequency)));
    std::vector<Finding> invalid;
    for (const Finding& finding : report.findings)
      if (finding.code == FindingCode::approval_invalid) invalid.push_back(finding);
    EXPECT_EQ(report.findings.size(), invalid.size() + 1) << messages(report);  // and QD003
    EXPECT_EQ(codes(report).back(), "QD003");  // errors first; a failed approval clears nothing
    return invalid;
  };
  auto expired = only(", approved: A-OLD");
  ASSERT_EQ(expired.size(), 1u);
  EXPECT_EQ(expired[0].severity, Severity::error);
  EXPECT_EQ(expired[0].message.in(Language::en),
            "approval A-OLD expired after 2022-12-31; the directive is issued on 2023-05-01");
  EXPECT_EQ(expired[0].message.in(Language::zh),
            "准入 A-OLD 已于 2022-12-31 到期；而指令于 2023-05-01 下发");
  auto town = only(", approved: A-TOWN");
  ASSERT_EQ(town.size(), 1u);
  EXPECT_EQ(town[0].message.in(Language::en),
            "approval A-TOWN lets the task go to town (街镇), not to village (村居)");
  auto place = only(", approved: A-LT");
  ASSERT_EQ(place.size(), 1u);
  EXPECT_EQ(place[0].message.in(Language::en),
            "approval A-LT holds in 上海市/青浦区/练塘镇, not in 上海市/青浦区 where the "
            "directive applies");
  EXPECT_EQ(codes(check(directive(item("T-UNL", ", approved: A-LT"), "jurisdiction: 徐练村\n"))),
            std::vector<std::string>{});
  EXPECT_TRUE(check(directive(item("T-UNL", ", approved: A-CAP"))).findings.empty());  // monthly
  auto cap = only(", approved: A-CAP", "weekly");
  ASSERT_EQ(cap.size(), 1u);
  EXPECT_EQ(cap[0].message.in(Language::en),
            "approval A-CAP allows at most 4 times a month; the item asks 4.333 (weekly)");
  auto funding = only(", approved: A-FUND");
  ASSERT_EQ(funding.size(), 1u);
  EXPECT_NE(funding[0].message.in(Language::en).find("费随事转"), std::string::npos);
  EXPECT_TRUE(
      check(directive(item("T-UNL", ", approved: A-FUND, funding: true"))).findings.empty());
  auto other_task = only(", approved: A-COL");
  ASSERT_EQ(other_task.size(), 1u);
  EXPECT_EQ(other_task[0].message.in(Language::en),
            "approval A-COL is for T-COL 协作事项, not for T-UNL 未列入事项");
  auto unknown = only(", approved: A-OKK");
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_EQ(unknown[0].message.in(Language::en),
            "the item cites approval 'A-OKK', which the approvals register does not have (did "
            "you mean 'A-OK'?)");
  // Two conditions failed: two findings.
  EXPECT_EQ(only(", approved: A-OLD, to: town").size(), 2u);
}

TEST_F(Workflow, ApprovedTrueIsTheIssuersWordAndClearsNothing) {
  Report report = check(directive(item("T-UNL", ", approved: true")));
  EXPECT_EQ(codes(report), (std::vector<std::string>{"QD003", "QD015"}));
  EXPECT_EQ(report.findings[1].severity, Severity::warning);
  EXPECT_EQ(report.verdict, CheckVerdict::review);
  EXPECT_TRUE(check(directive(item("T-UNL", ", approved: false"))).findings.size() == 1);
}

TEST_F(Workflow, AnApprovalCannotLiftAProhibition) {
  TempRulebook forbidden{{{"rulebook.yaml", workflow_rulebook},
                          {"tasks.yaml", workflow_tasks},
                          {"approvals.yaml",
                           "qingdan: 1\nkind: approvals\nentries:\n"
                           "  - {id: A-NEG, task: T-NEG, from: 2023-01-01}\n"},
                          {"neg.yaml", list_yaml("list: negative\nversion: \"1\"\neffective: "
                                                 "2022-01-01\n",
                                                 "  - {id: N-1, task: T-NEG}\n")}}};
  Rulebook loaded = forbidden.load();
  Report report = loaded.check(directive(item("T-NEG", ", approved: A-NEG")));
  EXPECT_EQ(codes(report), std::vector<std::string>{"QD001"});
  LintReport lint_report = lint(forbidden.folder());
  ASSERT_EQ(lint_report.diagnostics.size(), 1u);
  EXPECT_EQ(lint_report.diagnostics[0].code, "QL302");
  EXPECT_EQ(lint_report.diagnostics[0].line, 4u);
  EXPECT_NE(lint_report.diagnostics[0].message.find("negative entry N-1"), std::string::npos);
  // An approval covers the places below its own: a negative list of one of them forbids it too.
  forbidden.write("neg.yaml", list_yaml("list: negative\njurisdiction: 练塘镇\nversion: \"1\"\n"
                                        "effective: 2022-01-01\n",
                                        "  - {id: N-1, task: T-NEG}\n"));
  LintReport below = lint(forbidden.folder());
  ASSERT_EQ(below.diagnostics.size(), 1u);
  EXPECT_NE(below.diagnostics[0].message.find("in 上海市/青浦区/练塘镇, but negative entry N-1"),
            std::string::npos)
      << below.diagnostics[0].message;
}

TEST_F(Workflow, TheRegisterIsListedWithItsDatesAndDiffed) {
  std::vector<Approval> approvals = book.approvals();
  ASSERT_EQ(approvals.size(), 8u);
  EXPECT_EQ(approvals[1].id, "A-OLD");
  EXPECT_EQ(approvals[1].until, parse_iso_date("2022-12-31"));
  EXPECT_EQ(approvals[1].levels, std::vector<std::string>{"village"});
  EXPECT_EQ(approvals[2].levels, std::vector<std::string>{"town"});
  EXPECT_EQ(approvals[3].jurisdiction, "上海市/青浦区/练塘镇");
  EXPECT_EQ(approvals[7].category, "类别甲");
  EXPECT_FALSE(approvals[7].task);
  EXPECT_EQ(approvals[0].file, "approvals.yaml");
  EXPECT_EQ(approvals[0].line, 4u);
  EXPECT_TRUE(approvals[1].expires_within(*parse_iso_date("2022-12-01"), 30));
  EXPECT_FALSE(approvals[1].expires_within(*parse_iso_date("2022-11-01"), 30));
  EXPECT_FALSE(approvals[1].expires_within(*parse_iso_date("2023-01-01"), 30));

  RulebookDiff diff = book.diff(*parse_iso_date("2022-06-01"), *parse_iso_date("2023-06-01"));
  EXPECT_EQ(diff.approvals_lapsed, std::vector<std::string>{"A-OLD"});
  EXPECT_EQ(diff.approvals_granted,
            (std::vector<std::string>{"A-OK", "A-LT", "A-CAP", "A-FUND", "A-COL", "A-CAT"}));
  EXPECT_NE(to_json(diff).find("\"approvals_lapsed\":[\"A-OLD\"]"), std::string::npos);
}

TEST(ApprovalsFile, MistakesArePositionedErrors) {
  auto error_of = [](const std::string& entries) {
    TempRulebook rules{{{"rulebook.yaml", workflow_rulebook},
                        {"tasks.yaml", workflow_tasks},
                        {"a.yaml", "qingdan: 1\nkind: approvals\nentries:\n" + entries}}};
    return rules.first_error();
  };
  const std::string twice = error_of(
      "  - {id: A, task: T-UNL, from: 2023-01-01}\n"
      "  - {id: A, task: T-COL, from: 2023-01-01}\n");
  EXPECT_TRUE(twice.starts_with("a.yaml:5:10: error: approval 'A' is given twice (first at "))
      << twice;
  EXPECT_TRUE(twice.ends_with("a.yaml:4) [QL206]")) << twice;
  EXPECT_EQ(error_of("  - {id: A, task: T-UNK, from: 2023-01-01}\n").substr(0, 40),
            "a.yaml:4:19: error: task 'T-UNK' is not ");
  EXPECT_NE(
      error_of("  - {id: A, task: T-UNL, from: 2023-01-01, jurisdiction: 浦东}\n").find("[QL204]"),
      std::string::npos);
  EXPECT_NE(error_of("  - {id: A, task: T-UNL, from: 2023-01-01, levels: [村]}\n").find("[QL203]"),
            std::string::npos);
  EXPECT_EQ(error_of("  - {id: A, task: T-UNL, from: 2023-01-01, until: 2022-01-01}\n"),
            "a.yaml:4:51: error: 'until' 2022-01-01 is before 'from' 2023-01-01 [QL209]");
  EXPECT_NE(
      error_of("  - {id: A, task: T-UNL, category: 类别甲, from: 2023-01-01}\n").find("[QL104]"),
      std::string::npos);
  EXPECT_NE(error_of("  - {id: A, task: T-UNL}\n").find("[QL101]"), std::string::npos);
  EXPECT_NE(
      error_of("  - {id: A, task: T-UNL, from: 2023-01-01, max_per_month: 0}\n").find("[QL100]"),
      std::string::npos);
  EXPECT_NE(error_of("  - {id: A, category: 类别乙, from: 2023-01-01}\n").find("[QL202]"),
            std::string::npos);
  EXPECT_NE(error_of("  - {id: A, task: T-UNL, from: 2023-01-01, mode: x}\n").find("[QL102]"),
            std::string::npos);
}

TEST(RulebookHeader, CapsAndModeRulesAreChecked) {
  auto error_of = [](const std::string& from, const std::string& to) {
    std::string header = workflow_rulebook;
    header.replace(header.find(from), from.size(), to);
    TempRulebook rules{{{"rulebook.yaml", header}, {"tasks.yaml", workflow_tasks}}};
    return rules.first_error();
  };
  EXPECT_NE(error_of("inspection: 4", "inspecton: 4").find("did you mean 'inspection'"),
            std::string::npos);
  EXPECT_NE(error_of("inspection: 4", "inspection: -1").find("[QL100]"), std::string::npos);
  EXPECT_NE(error_of("village: {", "村落: {").find("[QL203]"), std::string::npos);
  EXPECT_NE(error_of("sunset_days: 30", "sunset_days: 0")
                .find("'sunset_days' must be a whole number from 1 to 3650; found 0"),
            std::string::npos);
  EXPECT_NE(error_of("approval: after", "approval: later").find("[QL105]"), std::string::npos);
  EXPECT_NE(error_of("  village: {inspection: 4, sign: 0}\n",
                     "  village: {inspection: 4}\n  村居: {inspection: 2}\n")
                .find("[QL206]"),
            std::string::npos);
}

// Emergencies -------------------------------------------------------------------------------------

TEST_F(Workflow, InAModeOfApprovalAfterAnUnlistedItemNamesTheDayToReportIt) {
  Report report = check(directive(item("T-UNL"), "mode: 应急\nuntil: 2023-05-20\n"));
  ASSERT_EQ(codes(report), std::vector<std::string>{"QD003"});
  EXPECT_NE(
      messages(report).find("in mode emergency (应急) it may go ahead and be reported for 准入 "
                            "afterwards (事后补报) by 2023-05-08"),
      std::string::npos)
      << messages(report);
  EXPECT_NE(messages(report, Language::zh).find("须在 2023-05-08 前事后补报准入"),
            std::string::npos);
  EXPECT_EQ(messages(report).find("before it is sent"), std::string::npos);
}

TEST_F(Workflow, EmergencyMeasuresMustEndWithinTheSunset) {
  const std::string items =
      item("T-COL", ", approved: A-COL") +
      "  - {task: T-COL, frequency: once, effort_hours: 1, approved: A-COL}\n" +
      item("T-COL", ", approved: A-COL");
  Report open = check(directive(items, "mode: emergency\n"));
  ASSERT_EQ(codes(open), std::vector<std::string>{"QD017"});
  EXPECT_EQ(open.findings[0].item->index, 1u);
  EXPECT_EQ(
      open.findings[0].message.in(Language::en),
      "in mode emergency (应急), measures must end within 30 days of issue (by 2023-05-31), but "
      "the directive gives no 'until' (recurring items: 1, 3)");
  Report late = check(directive(items, "mode: emergency\nuntil: 2023-06-01\n"));
  EXPECT_EQ(codes(late), std::vector<std::string>{"QD017"});
  EXPECT_TRUE(check(directive(items, "mode: emergency\nuntil: 2023-05-31\n")).findings.empty());
  EXPECT_TRUE(check(directive(items)).findings.empty());  // normal mode has no sunset
  EXPECT_TRUE(
      check(directive("  - {task: T-COL, frequency: once, effort_hours: 1, approved: A-COL}\n",
                      "mode: emergency\n"))
          .findings.empty());
}

TEST(DirectiveUntil, IsNotBeforeIssued) {
  try {
    Directive::parse(
        "qingdan: 1\nkind: directive\nid: D\nissued: 2023-05-01\nuntil: 2023-04-01\n"
        "items:\n  - {task: x, frequency: once, effort_hours: 1}\n",
        "d.yaml");
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.diagnostic().to_string(),
              "d.yaml:5:8: error: 'until' 2023-04-01 is before 'issued' 2023-05-01 [QL209]");
  }
}

// The ledger and the caps
// --------------------------------------------------------------------------

TEST_F(Workflow, ACapExceededOnlyWithTheLedgerIsQD016) {
  const std::string three_inspections =
      "  - {task: T-COL, approved: A-COL, type: inspection, frequency: {times: 3, per: year}, "
      "effort_hours: 1}\n";
  const Directive checked = directive(three_inspections, "", "NEW", "2023-01-05");
  EXPECT_TRUE(check(checked).findings.empty());  // 3 of 4 alone
  // The ledger's directive gives 2 a year to 练塘镇's villages, issued in January: it counts in
  // the year though it is not yet in force on the day of the check.
  const Directive ledger = directive(
      "  - {task: T-COL, type: 督查检查考核, frequency: {times: 2, per: year}, effort_hours: 1}\n",
      "jurisdiction: 练塘镇\n", "OLD", "2023-01-02");
  Report report = check(checked, {ledger});
  ASSERT_EQ(codes(report), std::vector<std::string>{"QD016"});
  const Finding& cap = report.findings[0];
  EXPECT_EQ(cap.severity, Severity::error);
  EXPECT_EQ(cap.item->directive, "NEW");
  EXPECT_EQ(
      cap.message.in(Language::en),
      "inspections (督查检查考核) for village (村居): 5 in 2023 at 上海市/青浦区/练塘镇/徐练村 (3 "
      "from the directives checked, 2 from the ledger), above the cap of 4 a year; 2 places "
      "over the cap in all");
  EXPECT_EQ(report.ledger.size(), 1u);
  // A ledger directive of another year does not count; nor one with the checked one's id.
  EXPECT_TRUE(check(checked, {directive("  - {task: T-COL, type: inspection, frequency: {times: 2, "
                                        "per: year}, effort_hours: 1}\n",
                                        "until: 2022-12-31\n", "OLDER", "2022-01-10")})
                  .findings.empty());
  EXPECT_TRUE(check(checked, {checked}).findings.empty());
}

TEST_F(Workflow, ACapTheLedgerAloneExceedsIsNotReportedAgain) {
  const Directive ledger = directive(
      "  - {task: T-COL, type: sign, frequency: once, effort_hours: 1}\n", "", "OLD", "2023-01-10");
  EXPECT_TRUE(check(directive(item("T-COL", ", approved: A-COL")), {ledger}).findings.empty());
  // A sign of the directive checked is over the cap of 0 on its own.
  Report sign = check(directive(
      "  - {task: T-COL, approved: A-COL, type: sign, frequency: once, effort_hours: 1}\n"));
  EXPECT_EQ(codes(sign), std::vector<std::string>{"QD016"});
  EXPECT_NE(messages(sign).find("3 places over the cap"), std::string::npos);
  // A village the profiles add is a place the caps count too.
  Villages added = Villages::parse_csv(
      "jurisdiction,staff\n上海市/青浦区/朱家角镇/新村,1\n上海市/青浦区/朱家角镇/张马村,1\n",
      "v.csv");
  Report with_added = check(
      directive(
          "  - {task: T-COL, approved: A-COL, type: sign, frequency: once, effort_hours: 1}\n"),
      {}, added);
  EXPECT_NE(messages(with_added).find("4 places over the cap"), std::string::npos)
      << messages(with_added);
}

TEST_F(Workflow, TheLedgerInForceAddsToTheLoadAndItsFormsAreCompared) {
  Villages villages = Villages::parse_csv(
      "jurisdiction,staff,baseline_hours\n上海市/青浦区/练塘镇/徐练村,1,100\n", "v.csv");
  const Directive checked = directive(
      "  - {task: T-COL, approved: A-COL, frequency: monthly, effort_hours: 10, form: {name: "
      "台账表, "
      "fields: [姓名, 电话, 住址]}}\n",
      "", "NEW", "2023-06-01");
  const Directive in_force = directive(
      "  - {task: T-COL, frequency: monthly, effort_hours: 20, form: {name: 登记表, fields: [姓名, "
      "电话, 住址, 身份证号]}}\n",
      "until: 2023-12-31\n", "OLD", "2023-02-01");
  const Directive ended = directive("  - {task: T-COL, frequency: monthly, effort_hours: 40}\n",
                                    "until: 2023-05-31\n", "ENDED", "2023-02-01");
  Report alone = check(checked, {}, villages);
  Report with = check(checked, {in_force, ended}, villages);
  EXPECT_DOUBLE_EQ(alone.villages.most_loaded.at(0).added, 10);
  EXPECT_DOUBLE_EQ(alone.villages.most_loaded.at(0).baseline, 100);
  // The ledger's directive in force is part of what the village already works; the ended one is
  // not counted.
  EXPECT_DOUBLE_EQ(with.villages.most_loaded.at(0).added, 10);
  EXPECT_DOUBLE_EQ(with.villages.most_loaded.at(0).baseline, 120);
  EXPECT_DOUBLE_EQ(with.villages.most_loaded.at(0).ledger, 20);
  ASSERT_EQ(with.ledger.size(), 1u);
  EXPECT_EQ(with.ledger[0].id, "OLD");
  const auto& shares = with.villages.top_items.at(0);
  ASSERT_EQ(shares.size(), 2u);
  EXPECT_TRUE(shares[0].item.ledger);
  EXPECT_EQ(codes(with), std::vector<std::string>{"QD008"});
  const Finding& forms = with.findings[0];
  EXPECT_EQ(forms.item->directive, "NEW");
  ASSERT_EQ(forms.forms.size(), 2u);
  EXPECT_FALSE(forms.forms[0].item.ledger);
  EXPECT_TRUE(forms.forms[1].item.ledger);
  EXPECT_NE(forms.message.in(Language::en).find("form 登记表 (ledger OLD item 1)"),
            std::string::npos)
      << forms.message.in(Language::en);
  EXPECT_NE(forms.message.in(Language::zh).find("台账 OLD 第 1 项"), std::string::npos);
  EXPECT_NE(to_text(with).find(
                "ledger: directives in force counted in the load and compared for forms (1): OLD"),
            std::string::npos);
  EXPECT_NE(to_json(with).find("\"ledger\":[{\"id\":\"OLD\""), std::string::npos);
  // A village only the ledger reaches is not judged: the draft puts nothing on it.
  Villages two = Villages::parse_csv(
      "jurisdiction,staff\n上海市/青浦区/练塘镇/徐练村,1\n上海市/青浦区/朱家角镇/张马村,1\n",
      "v.csv");
  const Directive heavy = directive("  - {task: T-COL, frequency: monthly, effort_hours: 500}\n",
                                    "", "HEAVY", "2023-02-01");
  Report local = check(directive(item("T-COL", ", approved: A-COL"), "jurisdiction: 练塘镇\n",
                                 "LOCAL", "2023-06-01"),
                       {heavy}, two);
  EXPECT_EQ(local.villages.checked, 1u);
  EXPECT_EQ(codes(local), std::vector<std::string>{"QD010"});  // 徐练村, not 张马村
  EXPECT_EQ(local.findings[0].village->jurisdiction, "上海市/青浦区/练塘镇/徐练村");
  // Two forms of the ledger alone that match are the ledger's concern.
  Report ledger_forms =
      check(directive(item("T-COL", ", approved: A-COL"), "", "NEW", "2023-06-01"),
            {in_force, directive("  - {task: T-COL, frequency: monthly, effort_hours: 1, form: "
                                 "{name: 登记表, fields: [x]}}\n",
                                 "", "OLD-2", "2023-03-01")});
  EXPECT_TRUE(ledger_forms.findings.empty());
}

TEST_F(Workflow, ExtraCapacityCountsInItsModeOnly) {
  Villages villages = Villages::parse_csv(
      "jurisdiction,staff,extra_staff,extra_hours,extra_mode\n"
      "上海市/青浦区/练塘镇/徐练村,1,1,40,应急\n",
      "v.csv");
  const std::string items =
      "  - {task: T-COL, approved: A-COL, frequency: monthly, effort_hours: 200}\n";
  Report normal = check(directive(items), {}, villages);
  EXPECT_EQ(codes(normal), std::vector<std::string>{"QD010"});
  EXPECT_DOUBLE_EQ(normal.villages.most_loaded.at(0).capacity, 160);
  Report emergency = check(directive(items, "mode: emergency\nuntil: 2023-05-20\n"), {}, villages);
  EXPECT_TRUE(emergency.findings.empty()) << messages(emergency);
  EXPECT_DOUBLE_EQ(emergency.villages.most_loaded.at(0).capacity, 360);
  EXPECT_DOUBLE_EQ(emergency.villages.most_loaded.at(0).extra, 200);
  EXPECT_EQ(emergency.villages.with_extra_capacity, 1u);
  ASSERT_EQ(emergency.villages.extra_capacity_modes.size(), 1u);
  EXPECT_EQ(emergency.villages.extra_capacity_modes[0].id, "emergency");
  EXPECT_THROW(Villages::parse_csv(
                   "jurisdiction,staff,extra_staff\n上海市/青浦区/练塘镇/徐练村,1,2\n", "v.csv"),
               Error);
  Villages unknown_mode = Villages::parse_csv(
      "jurisdiction,staff,extra_hours,extra_mode\n上海市/青浦区/练塘镇/徐练村,1,40,战备\n",
      "v.csv");
  EXPECT_THROW(check(directive(items), {}, unknown_mode), Error);
}

TEST_F(Workflow, TheYearsLedgerAddsUpEachVillageAndDepartment) {
  Villages villages = Villages::parse_csv(
      "jurisdiction,staff,households\n上海市/青浦区/练塘镇/徐练村,1,100\n"
      "上海市/青浦区/朱家角镇/张马村,1,50\n",
      "v.csv");
  std::vector<Directive> ledger{
      directive("  - {task: a, type: inspection, frequency: quarterly, effort_hours: 2}\n"
                "  - {task: b, frequency: monthly, effort_hours: 0.1, per: household, form: "
                "{name: 表, fields: [姓名, 电话]}}\n",
                "issuer: {level: district, department: 区民政局}\n", "A", "2023-04-15"),
      directive("  - {task: c, type: meeting, frequency: monthly, effort_hours: 1}\n",
                "issuer: {level: town}\njurisdiction: 练塘镇\nuntil: 2022-12-31\n", "B",
                "2022-01-01")};
  LedgerReport report = book.ledger(ledger, villages, 2023);
  EXPECT_EQ(report.directives, 1u);
  EXPECT_EQ(report.previous_directives, 1u);
  ASSERT_EQ(report.villages.size(), 2u);
  const LedgerRow& xulian = report.villages[0];
  EXPECT_EQ(xulian.name, "上海市/青浦区/练塘镇/徐练村");
  // April to December: 9 months of 1/3 inspection (3 in all), monthly forms 9 times.
  EXPECT_NEAR(xulian.year.inspections, 3, 1e-9);
  EXPECT_NEAR(xulian.year.forms, 9, 1e-9);
  EXPECT_NEAR(xulian.year.fields, 18, 1e-9);
  EXPECT_NEAR(xulian.year.hours_per_month[3], 2.0 / 3 + 10, 1e-6);  // kept to a millionth
  EXPECT_NEAR(xulian.year.hours_per_month[2], 0, 1e-9);
  EXPECT_NEAR(xulian.previous.meetings, 12, 1e-9);
  EXPECT_NEAR(report.villages[1].previous.meetings, 0, 1e-9);  // 张马村 is not in 练塘镇
  EXPECT_EQ(xulian.grew, (std::vector<std::string>{"hours", "forms", "fields", "inspections"}));
  ASSERT_EQ(report.departments.size(), 2u);
  EXPECT_EQ(report.departments[0].name, "区民政局");
  EXPECT_EQ(report.departments[1].name, "街镇");  // no department: its level, as named
  EXPECT_EQ(report.departments[0].year.directives, 1u);
  EXPECT_NEAR(report.departments[0].year.hours,
              report.villages[0].year.hours + report.villages[1].year.hours, 1e-9);
  EXPECT_NEAR(report.total.year.inspections, 6, 1e-9);
  const std::string html = to_html(report, Language::zh);
  EXPECT_NE(html.find("id=\"monthly-hours\""), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(to_text(report, Language::zh).find("督查检查考核 3（0） ↑"), std::string::npos);
  EXPECT_NE(to_json(report).find("\"grew\":[\"hours\",\"forms\",\"fields\",\"inspections\"]"),
            std::string::npos);
}

TEST(LedgerFolder, ReadsEveryDirectiveAndRefusesAnIdTwice) {
  TempRulebook folder{{{"a.yaml",
                        "qingdan: 1\nkind: directive\nid: X\nissued: 2023-01-01\n"
                        "items:\n  - {task: t, frequency: once, effort_hours: 1}\n"},
                       {"more/b.yml",
                        "qingdan: 1\nkind: directive\nid: Y\nissued: 2023-01-01\n"
                        "items:\n  - {task: t, frequency: once, effort_hours: 1}\n"},
                       {"notes.txt", "not read"}}};
  std::vector<Directive> read = Directive::load_folder(folder.folder());
  ASSERT_EQ(read.size(), 2u);
  EXPECT_EQ(read[1].id, "Y");
  EXPECT_EQ(Directive::load_folder(folder.folder() / "a.yaml").size(), 1u);
  folder.write("c.yaml",
               "qingdan: 1\nkind: directive\nid: X\nissued: 2023-01-01\n"
               "items:\n  - {task: t, frequency: once, effort_hours: 1}\n");
  try {
    Directive::load_folder(folder.folder());
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(folder.relative(error.diagnostic().file), "c.yaml");
    EXPECT_NE(error.diagnostic().message.find("'X' is in the folder twice"), std::string::npos);
  }
  folder.write("c.yaml", "qingdan: 1\nkind: villages\nvillages: []\n");
  EXPECT_THROW(Directive::load_folder(folder.folder()), Error);
}

TEST_F(Workflow, ASnapshotKeepsTheRegisterCapsAndModeRules) {
  const std::filesystem::path file =
      rules.folder().parent_path() / (rules.folder().filename().string() + ".qds");
  book.save_snapshot(file);
  Rulebook snapshot = Rulebook::load(file);
  std::filesystem::remove(file);
  EXPECT_EQ(snapshot.approvals().size(), book.approvals().size());
  const std::vector<Directive> samples{
      directive(item("T-UNL", ", approved: A-OLD")), directive(item("T-UNL"), "mode: emergency\n"),
      directive("  - {task: T-COL, type: sign, frequency: once, effort_hours: 1}\n")};
  for (const Directive& sample : samples)
    EXPECT_EQ(to_json(snapshot.check(sample)), to_json(book.check(sample)));
}

}  // namespace
}  // namespace qingdan
