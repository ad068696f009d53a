// docs/format.md §8 and §9: the directive check. Every finding code, its boundaries, and the
// village overload.
#include <gtest/gtest.h>

#include <algorithm>
#include <limits>

#include <qingdan/json.hpp>
#include <qingdan/report_output.hpp>
#include "check/duplicate_forms.hpp"

#include "temp_rulebook.hpp"

namespace qingdan {
namespace {

using testing::levels_yaml;
using testing::list_yaml;
using testing::TempRulebook;

const char* const check_tasks = R"(qingdan: 1
kind: tasks
tasks:
  - {id: T-COL, name: 协作事项}
  - {id: T-EMG, name: 应急协作事项}
  - {id: T-POW, name: 镇级权力事项}
  - {id: T-NEG, name: 负面事项}
  - {id: T-SELF, name: 自治事项}
  - {id: T-LAW, name: 法定自治事项}
  - {id: T-DATE, name: 新列入负面事项}
  - {id: T-UNL, name: 未列入事项}
)";

class Check : public ::testing::Test {
 protected:
  // A directive with the given items (YAML lines under `items:`).
  static Directive directive(const std::string& items, const std::string& header = {},
                             const std::string& id = "D-1",
                             const std::string& issued = "2023-05-01") {
    return Directive::parse("qingdan: 1\nkind: directive\nid: " + id + "\nissued: " + issued +
                                "\n" + header + "items:\n" + items,
                            id + ".yaml");
  }
  static std::string item(const std::string& task, const std::string& more = {}) {
    return "  - {task: " + task + ", frequency: monthly, effort_hours: 1" + more + "}\n";
  }

  std::vector<std::string> codes(const Report& report) {
    std::vector<std::string> found;
    for (const Finding& finding : report.findings) found.emplace_back(code_of(finding.code));
    return found;
  }
  Report check_one(const Directive& d, const Villages& villages = {}, CheckOptions options = {}) {
    return book.check(std::vector<Directive>{d}, villages, options);
  }

  TempRulebook rules{
      {{"rulebook.yaml", levels_yaml},
       {"tasks.yaml", check_tasks},
       {"collab.yaml",
        list_yaml("list: collaboration\nversion: \"1\"\neffective: 2022-01-01\n",
                  "  - {id: C-1, task: T-COL, owner: {level: district, department: 区民政局},"
                  " assist: [village], requires: [funding, approval], max_per_month: 4}\n"
                  "  - {id: C-E, task: T-EMG, owner: {level: district}, assist: [village],"
                  " modes: [emergency]}\n")},
       {"power.yaml", list_yaml("list: power\nversion: \"1\"\neffective: 2022-01-01\n",
                                "  - {id: P-1, task: T-POW, owner: {level: town}}\n")},
       {"self.yaml", list_yaml("list: self_governance\nversion: \"1\"\neffective: 2022-01-01\n",
                               "  - {id: S-1, task: T-SELF}\n"
                               "  - {id: S-2, task: T-LAW, statutory: {frequency: monthly,"
                               " basis: 法律}}\n")},
       {"approvals.yaml",
        "qingdan: 1\nkind: approvals\nentries:\n"
        "  - {id: A-COL, task: T-COL, from: 2022-01-01}\n"
        "  - {id: A-UNL, task: T-UNL, from: 2022-01-01}\n"},
       {"neg-2022.yaml", list_yaml("list: negative\nversion: \"2022\"\neffective: 2022-01-01\n",
                                   "  - {id: N-1, task: T-NEG}\n")},
       {"neg-2024.yaml", list_yaml("list: negative\nversion: \"2024\"\neffective: 2024-08-06\n",
                                   "  - {id: N-1, task: T-NEG}\n  - {id: N-2, task: T-DATE}\n")}}};
  Rulebook book = rules.load();
};

TEST_F(Check, ForbiddenTaskIsQD001AndNothingElse) {
  Report report = check_one(directive(item("T-NEG")));
  ASSERT_EQ(codes(report), (std::vector<std::string>{"QD001"}));
  const Finding& finding = report.findings[0];
  EXPECT_EQ(finding.severity, Severity::error);
  EXPECT_EQ(finding.item->index, 1u);
  EXPECT_EQ(finding.item->position.file, "D-1.yaml");
  EXPECT_EQ(finding.item->position.line, 6u);
  EXPECT_EQ(finding.task->id, "T-NEG");
  ASSERT_EQ(finding.entries.size(), 1u);
  EXPECT_EQ(finding.entries[0].id, "N-1");
  EXPECT_EQ(finding.message.in(Language::en),
            "village (村居) must not be given T-NEG 负面事项: forbidden by negative entry N-1 "
            "(edition 2022, 上海市)");
  EXPECT_EQ(report.verdict, CheckVerdict::reject);
}

TEST_F(Check, WrongModeIsQD006AndOtherLevelsDutyIsQD002) {
  Report normal = check_one(directive(item("T-EMG")));
  EXPECT_EQ(codes(normal), (std::vector<std::string>{"QD006"}));
  EXPECT_EQ(normal.findings[0].entries.at(0).id, "C-E");
  EXPECT_NE(normal.findings[0].message.in(Language::en).find("only in mode emergency"),
            std::string::npos);
  EXPECT_TRUE(codes(check_one(directive(item("T-EMG"), "mode: emergency\n"))).empty());

  Report power = check_one(directive(item("T-POW")));
  EXPECT_EQ(codes(power), (std::vector<std::string>{"QD002"}));
  EXPECT_EQ(power.findings[0].entries.at(0).id, "P-1");
  EXPECT_TRUE(codes(check_one(directive(item("T-POW", ", to: town")))).empty());
}

TEST_F(Check, UnlistedOrUnknownTaskNeedsApproval) {
  Report unlisted = check_one(directive(item("T-UNL")));
  EXPECT_EQ(codes(unlisted), (std::vector<std::string>{"QD003"}));
  EXPECT_EQ(unlisted.findings[0].severity, Severity::warning);
  EXPECT_EQ(unlisted.verdict, CheckVerdict::review);
  EXPECT_TRUE(codes(check_one(directive(item("T-UNL", ", approved: A-UNL")))).empty());
  // The issuer's own word clears nothing, and is a warning of its own.
  EXPECT_EQ(codes(check_one(directive(item("T-UNL", ", approved: true")))),
            (std::vector<std::string>{"QD003", "QD015"}));

  CheckOptions exact;
  exact.exact_only = true;
  Report unknown = check_one(directive(item("协作事项工作")), {}, exact);
  EXPECT_EQ(codes(unknown), (std::vector<std::string>{"QD003"}));
  EXPECT_FALSE(unknown.findings[0].task);
  ASSERT_FALSE(unknown.findings[0].suggestions.empty());
  EXPECT_EQ(unknown.findings[0].suggestions[0].id, "T-COL");
  EXPECT_EQ(unknown.items[0].reading.status, ReadingStatus::candidates);
}

TEST_F(Check, AnItemInOtherWordsIsReadAsItsTaskAndEveryFindingSaysSo) {
  Report report = check_one(directive(item("请各村做好协作事项工作")));
  EXPECT_EQ(codes(report), (std::vector<std::string>{"QD004", "QD005"}));
  ASSERT_EQ(report.items[0].reading.status, ReadingStatus::read_as);
  EXPECT_EQ(report.items[0].reading.task()->task.id, "T-COL");
  for (const Finding& finding : report.findings) {
    EXPECT_EQ(finding.task->id, "T-COL");
    EXPECT_NE(finding.message.in(Language::en).find("read as T-COL"), std::string::npos)
        << finding.message.in(Language::en);
  }
}

TEST_F(Check, AForbiddenCandidateIsQD012WhetherOrNotTheItemWasReadAsIt) {
  // Not sure enough to be read as 负面事项, but it may mean it: an error, never a mere QD003.
  CheckOptions unsure;
  unsure.reading.read_as_confidence = 1;
  Report report = check_one(directive(item("负面事宜")), {}, unsure);
  EXPECT_EQ(codes(report), (std::vector<std::string>{"QD012"}));
  EXPECT_EQ(report.verdict, CheckVerdict::reject);
  EXPECT_EQ(report.findings[0].task->id, "T-NEG");
  ASSERT_EQ(report.findings[0].entries.size(), 1u);
  EXPECT_EQ(report.findings[0].entries[0].id, "N-1");
  // Read as the forbidden task itself: QD001, saying how it was read.
  Report read = check_one(directive(item("请各村落实负面事项")));
  EXPECT_EQ(codes(read), (std::vector<std::string>{"QD001"}));
  EXPECT_NE(read.findings[0].message.in(Language::en).find("read as T-NEG"), std::string::npos);
  // --exact: as before reading existed.
  CheckOptions exact;
  exact.exact_only = true;
  EXPECT_EQ(codes(check_one(directive(item("负面事宜")), {}, exact)),
            (std::vector<std::string>{"QD003"}));
}

TEST_F(Check, AnIssuerThatDoesNotOwnTheTaskIsQD013) {
  const std::string cleared = ", funding: true, approved: A-COL";
  Report other =
      check_one(directive(item("T-COL", cleared), "issuer: {level: town, department: 镇市场所}\n"));
  EXPECT_EQ(codes(other), (std::vector<std::string>{"QD013"}));
  EXPECT_NE(other.findings[0].message.in(Language::en).find("区民政局"), std::string::npos);
  // The owner's level, and its department as the lists name it or a longer name of it.
  EXPECT_TRUE(check_one(directive(item("T-COL", cleared),
                                  "issuer: {level: district, department: 青浦区民政局}\n"))
                  .findings.empty());
  EXPECT_EQ(codes(check_one(directive(item("T-COL", cleared),
                                      "issuer: {level: district, department: 区卫健委}\n"))),
            (std::vector<std::string>{"QD013"}));
}

TEST_F(Check, OrderingSelfGovernanceOnARhythmIsQD014UnlessTheLawSetsIt) {
  Report ordered = check_one(directive(item("T-SELF")));
  EXPECT_EQ(codes(ordered), (std::vector<std::string>{"QD014"}));
  EXPECT_EQ(ordered.findings[0].entries[0].id, "S-1");
  // S-2 says the law sets T-LAW monthly: monthly restates it, weekly asks more than the law.
  EXPECT_EQ(codes(check_one(directive("  - {task: T-LAW, frequency: weekly, effort_hours: 1}\n"))),
            (std::vector<std::string>{"QD014"}));
}

TEST_F(Check, SelfGoverningOwnTaskOnceOrAsTheLawSetsItPasses) {
  EXPECT_TRUE(check_one(directive("  - {task: T-SELF, frequency: once, effort_hours: 1}\n"))
                  .findings.empty());
  EXPECT_TRUE(check_one(directive(item("T-LAW"))).findings.empty());
}

TEST_F(Check, CollaborationConditionsAreQD004AndQD005) {
  EXPECT_EQ(codes(check_one(directive(item("T-COL")))),
            (std::vector<std::string>{"QD004", "QD005"}));
  EXPECT_EQ(codes(check_one(directive(item("T-COL", ", funding: true")))),
            (std::vector<std::string>{"QD005"}));
  Report clean = check_one(directive(item("T-COL", ", funding: true, approved: A-COL")));
  EXPECT_TRUE(clean.findings.empty());
  EXPECT_EQ(clean.verdict, CheckVerdict::pass);
}

TEST_F(Check, FrequencyCapIsQD007AboveButNotAtTheCap) {
  auto at = [&](const std::string& frequency) {
    return codes(check_one(directive("  - {task: T-COL, frequency: " + frequency +
                                     ", effort_hours: 1, funding: true, approved: A-COL}\n")));
  };
  EXPECT_EQ(at("{times: 4, per: month}"), std::vector<std::string>{});
  EXPECT_EQ(at("weekly"), std::vector<std::string>{"QD007"});  // 52/12 = 4.33
  EXPECT_EQ(at("daily"), std::vector<std::string>{"QD007"});
  EXPECT_EQ(at("{times: 1, per: week}"), std::vector<std::string>{"QD007"});
}

TEST_F(Check, EditionInForceOnTheIssuedDateDecides) {
  EXPECT_EQ(codes(check_one(directive(item("T-DATE"), "", "D-1", "2024-08-05"))),
            std::vector<std::string>{"QD003"});
  Report changed = check_one(directive(item("T-DATE"), "", "D-1", "2024-08-06"));
  EXPECT_EQ(codes(changed), std::vector<std::string>{"QD001"});
  EXPECT_EQ(changed.findings[0].entries[0].edition, "2024");
}

TEST_F(Check, FindingsAreGroupedByItemWithErrorsFirst) {
  Report report = check_one(directive(item("T-COL") + item("T-NEG") + item("T-UNL")));
  std::vector<std::pair<std::size_t, std::string>> order;
  for (const Finding& finding : report.findings)
    order.emplace_back(finding.item->index, std::string(code_of(finding.code)));
  EXPECT_EQ(order, (std::vector<std::pair<std::size_t, std::string>>{
                       {1, "QD004"}, {1, "QD005"}, {2, "QD001"}, {3, "QD003"}}));
}

TEST_F(Check, DuplicateFormsByNameOrHalfTheirFields) {
  auto with_form = [](const std::string& name, const std::string& fields) {
    return "  - {task: T-LAW, frequency: monthly, effort_hours: 1, form: {name: " + name +
           ", fields: [" + fields + "]}}\n";
  };
  // {a,b,c} and {a,b,d}: 2 shared of 4, Jaccard exactly 0.5.
  Report half = check_one(
      directive(with_form("甲表", "姓名, 电话, 住址") + with_form("乙表", "姓名, 电话, 车牌")));
  ASSERT_EQ(codes(half), std::vector<std::string>{"QD008"});
  const Finding& pair = half.findings[0];
  EXPECT_EQ(pair.item->index, 2u);
  ASSERT_EQ(pair.forms.size(), 2u);
  EXPECT_EQ(pair.forms[0].item.index, 1u);
  EXPECT_EQ(pair.forms[1].item.index, 2u);
  EXPECT_EQ(pair.forms[1].name, "乙表");
  EXPECT_EQ(pair.forms[1].shared, 2u);
  EXPECT_EQ(pair.forms[1].together, 4u);
  EXPECT_DOUBLE_EQ(pair.forms[1].jaccard, 0.5);
  EXPECT_FALSE(pair.forms[1].same_name);
  EXPECT_EQ(pair.message.in(Language::en),
            "2 forms collect the same data: form 甲表 (D-1 item 1); form 乙表 (D-1 item 2), "
            "sharing 2 of 4 fields with the first (Jaccard 0.5): 姓名, 电话; collect the data "
            "once and share it (多头征集、重复填写)");
  // {a,b,c} and {a,b,d,e}: 2 of 5, 0.4.
  EXPECT_TRUE(check_one(directive(with_form("甲表", "姓名, 电话, 住址") +
                                  with_form("乙表", "姓名, 电话, 车牌, 年龄")))
                  .findings.empty());
  // The same name, whatever the fields; names and fields are normalised.
  EXPECT_EQ(codes(check_one(
                directive(with_form("重点人员日报表", "甲") + with_form("重點人員 日報表", "乙")))),
            std::vector<std::string>{"QD008"});
  EXPECT_EQ(codes(check_one(directive(with_form("甲表", "身份证号, 姓名") +
                                      with_form("乙表", "身份證號, 姓名, 电话")))),
            std::vector<std::string>{"QD008"});
}

TEST_F(Check, DuplicateFormsAcrossDirectivesCheckedTogether) {
  std::string form =
      "  - {task: T-LAW, frequency: monthly, effort_hours: 1, form: {name: 日报表, fields: "
      "[姓名]}}\n";
  Report report =
      book.check(std::vector<Directive>{directive(form, "", "D-1"), directive(form, "", "D-2")});
  ASSERT_EQ(codes(report), std::vector<std::string>{"QD008"});
  EXPECT_EQ(report.findings[0].item->directive, "D-2");
  ASSERT_EQ(report.findings[0].forms.size(), 2u);
  EXPECT_EQ(report.findings[0].forms[0].item.directive, "D-1");
  EXPECT_TRUE(report.findings[0].forms[1].same_name);
}

TEST_F(Check, DuplicateFormsAreOneFindingPerGroupListingEveryForm) {
  auto with_form = [](const std::string& name, const std::string& fields) {
    return "  - {task: T-LAW, frequency: monthly, effort_hours: 1, form: {name: " + name +
           ", fields: [" + fields + "]}}\n";
  };
  // 甲 and 丙 share 1 of 6 fields; each shares half or more with 乙, so the three are one
  // group. 丁 and 丁 share a name and are a second group.
  Report report = check_one(directive(
      with_form("甲表", "a, b, c") + with_form("丁表", "x") + with_form("乙表", "a, b, c, d, e") +
      with_form("丙表", "c, d, e, f") + with_form("丁表", "y") + with_form("其他表", "z")));
  ASSERT_EQ(codes(report), (std::vector<std::string>{"QD008", "QD008"}));
  const Finding& chain = report.findings[0];
  EXPECT_EQ(chain.item->index, 4u) << "a group's finding is at its last form";
  ASSERT_EQ(chain.forms.size(), 3u);
  EXPECT_EQ(chain.forms[0].name, "甲表");
  EXPECT_EQ(chain.forms[2].name, "丙表");
  EXPECT_EQ(chain.forms[2].shared, 1u);
  EXPECT_EQ(chain.forms[2].together, 6u);
  EXPECT_EQ(chain.message.in(Language::en),
            "3 forms collect the same data: form 甲表 (D-1 item 1); form 乙表 (D-1 item 3), "
            "sharing 3 of 5 fields with the first (Jaccard 0.6): a, b, c; form 丙表 (D-1 item 4), "
            "sharing 1 of 6 fields with the first (Jaccard 0.1667): c; collect the data once and "
            "share it (多头征集、重复填写)");
  const Finding& named = report.findings[1];
  EXPECT_EQ(named.item->index, 5u);
  ASSERT_EQ(named.forms.size(), 2u);
  EXPECT_TRUE(named.forms[1].same_name);
  EXPECT_EQ(named.message.in(Language::en),
            "2 forms collect the same data: form 丁表 (D-1 item 2); form 丁表 (D-1 item 5) of the "
            "same name, sharing 0 of 2 fields with the first (Jaccard 0); collect the data once "
            "and share it (多头征集、重复填写)");
}

TEST_F(Check, ThousandsOfFormsOfOneNameAreOneFindingOfLinearSize) {
  // One finding per pair made 246 MB of JSON for 1,000 such forms; 2,000 ran out of memory.
  std::string items;
  for (int i = 0; i < 2000; ++i)
    items +=
        "  - {task: T-LAW, frequency: monthly, effort_hours: 1, form: {name: 日报表, "
        "fields: [姓名, 字段" +
        std::to_string(i) + "]}}\n";
  Report report = check_one(directive(items));
  ASSERT_EQ(codes(report), std::vector<std::string>{"QD008"});
  const Finding& finding = report.findings[0];
  ASSERT_EQ(finding.forms.size(), 2000u);
  EXPECT_EQ(finding.item->index, 2000u);
  for (std::size_t i = 0; i < finding.forms.size(); ++i) {
    EXPECT_EQ(finding.forms[i].item.index, i + 1);
    EXPECT_TRUE(finding.forms[i].same_name);
  }
  EXPECT_EQ(finding.forms[1].shared, 1u);
  EXPECT_EQ(finding.forms[1].together, 3u);
  EXPECT_LT(finding.message.in(Language::en).size(), 1000u)
      << "the message names the first few forms";
  EXPECT_NE(finding.message.in(Language::en).find("; and 1995 more;"), std::string::npos)
      << finding.message.in(Language::en);
  EXPECT_LT(to_json(report).size(), 2'000'000u);
  EXPECT_LT(to_text(report).size(), 1'000'000u);
  EXPECT_LT(to_html(report).size(), 2'000'000u);
}

// The groups that comparing every pair of forms would give, by brute force.
std::vector<std::vector<std::size_t>> groups_of_every_pair(
    const std::vector<detail::CollectedForm>& forms) {
  detail::FormGroups groups(forms.size());
  for (std::size_t a = 0; a < forms.size(); ++a)
    for (std::size_t b = a + 1; b < forms.size(); ++b)
      if ((!forms[a].name.empty() && forms[a].name == forms[b].name) ||
          detail::share_half_the_fields(forms[a], forms[b]))
        groups.join(a, b);
  std::vector<std::vector<std::size_t>> members(forms.size()), found;
  for (std::size_t form = 0; form < forms.size(); ++form)
    members[groups.group_of(form)].push_back(form);
  for (auto& group : members)
    if (group.size() > 1) found.push_back(std::move(group));
  return found;
}

TEST(DuplicateFormGroups, AreThoseOfComparingEveryPair) {
  // Random forms over a few names and fields, some fields far more common than others, so
  // that the inverted index and its prefix filter are tried on sets of every size.
  std::uint32_t state = 12345;
  auto random = [&](std::uint32_t below) {
    state = state * 1664525u + 1013904223u;
    return (state >> 8) % below;
  };
  for (int round = 0; round < 200; ++round) {
    std::vector<Form> written(2 + random(40));
    for (Form& form : written) {
      form.name = random(4) == 0 ? "表" + std::to_string(random(6)) : "";
      std::size_t fields = random(7);
      for (std::size_t i = 0; i < fields; ++i)
        form.fields.push_back("字段" + std::to_string(random(2) ? random(4) : random(16)));
    }
    std::vector<detail::CollectedForm> forms;
    for (std::size_t i = 0; i < written.size(); ++i)
      forms.push_back(detail::collect_form(ItemRef{"D", i + 1, "T", {}}, written[i]));
    ASSERT_EQ(detail::duplicate_form_groups(forms), groups_of_every_pair(forms)) << round;
  }
}

TEST_F(Check, FrequenciesBecomeMonthlyRates) {
  std::vector<std::pair<std::string, double>> rates{{"once", 1},
                                                    {"daily", 30},
                                                    {"weekly", 52.0 / 12},
                                                    {"monthly", 1},
                                                    {"quarterly", 1.0 / 3},
                                                    {"yearly", 1.0 / 12},
                                                    {"{times: 3, per: day}", 90},
                                                    {"{times: 2, per: week}", 104.0 / 12},
                                                    {"{times: 5, per: month}", 5},
                                                    {"{times: 6, per: year}", 0.5}};
  for (const auto& [frequency, rate] : rates) {
    Directive d = directive("  - {task: T-SELF, frequency: " + frequency + ", effort_hours: 1}\n");
    EXPECT_DOUBLE_EQ(d.items[0].frequency.per_month, rate) << frequency;
  }
}

// Overload: one village of 练塘镇 with a capacity of 100 hours.
class Overload : public Check {
 protected:
  static Villages villages(double baseline, const std::string& extra_rows = {}) {
    return Villages::parse_csv(
        "jurisdiction,households,population,staff,hours_per_month,baseline_hours\n"
        "上海市/青浦区/练塘镇/徐练村,10,30,,100," +
            std::to_string(baseline) + "\n" + extra_rows,
        "villages.csv");
  }
  static std::string hours(double effort, const std::string& per = "village") {
    return "  - {task: T-LAW, frequency: monthly, effort_hours: " + std::to_string(effort) +
           ", per: " + per + "}\n";
  }
};

TEST_F(Overload, ExactlyAtTheWarningLineIsNearCapacity) {
  Report report = check_one(directive(hours(10)), villages(80));  // 90 of 100
  EXPECT_EQ(codes(report), std::vector<std::string>{"QD011"});
  EXPECT_DOUBLE_EQ(report.findings[0].village->utilisation, 0.9);
  EXPECT_EQ(report.villages.near_capacity, 1u);
  EXPECT_TRUE(check_one(directive(hours(9.99)), villages(80)).findings.empty());
  CheckOptions options;
  options.warn_at = 0.95;
  EXPECT_TRUE(check_one(directive(hours(10)), villages(80), options).findings.empty());
}

TEST_F(Overload, AWarningLineThatIsNotANumberFromZeroToTenIsRefused) {
  for (double warn_at : {std::numeric_limits<double>::quiet_NaN(),
                         std::numeric_limits<double>::infinity(), -0.1, 10.5}) {
    CheckOptions options;
    options.warn_at = warn_at;
    try {
      check_one(directive(hours(10)), villages(80), options);
      ADD_FAILURE() << warn_at;
    } catch (const Error& error) {
      EXPECT_EQ(error.code(), "QU003");
      EXPECT_NE(std::string(error.what()).find("warn_at must be a number from 0 to 10, found "),
                std::string::npos)
          << error.what();
    }
  }
  CheckOptions options;
  options.warn_at = 10;
  EXPECT_TRUE(check_one(directive(hours(10)), villages(80), options).findings.empty());
}

TEST_F(Overload, FullCapacityIsNearButOverIsOverloadOnly) {
  EXPECT_EQ(codes(check_one(directive(hours(20)), villages(80))),
            std::vector<std::string>{"QD011"});
  Report over = check_one(directive(hours(20.5)), villages(80));
  EXPECT_EQ(codes(over), std::vector<std::string>{"QD010"});
  EXPECT_EQ(over.villages.overloaded, 1u);
  EXPECT_EQ(over.villages.near_capacity, 0u);
  EXPECT_EQ(over.verdict, CheckVerdict::reject);
  const VillageLoad& load = *over.findings[0].village;
  EXPECT_EQ(load.jurisdiction, "上海市/青浦区/练塘镇/徐练村");
  EXPECT_DOUBLE_EQ(load.added, 20.5);
  EXPECT_DOUBLE_EQ(load.baseline, 80);
  EXPECT_DOUBLE_EQ(load.capacity, 100);
  EXPECT_EQ(load.position.line, 2u);
}

TEST_F(Overload, EffortMultipliesByHouseholdsOrPopulation) {
  Report report = check_one(directive(hours(1, "household") + hours(1, "person")), villages(0));
  EXPECT_DOUBLE_EQ(report.villages.most_loaded.at(0).added, 10 + 30);
  ASSERT_EQ(report.villages.top_items.at(0).size(), 2u);
  EXPECT_EQ(report.villages.top_items[0][0].item.index, 2u);  // 30 hours before 10
  EXPECT_DOUBLE_EQ(report.items.at(0).total_hours, 10);
  EXPECT_EQ(report.items.at(0).villages, 1u);
}

TEST_F(Overload, EveryItemCountsWhateverItsFindingsButOnlyAtTheVillageLevel) {
  Report report =
      check_one(directive(hours(5) + item("T-NEG") + item("T-POW", ", to: town")), villages(0));
  EXPECT_DOUBLE_EQ(report.villages.most_loaded.at(0).added, 5 + 1);
  EXPECT_EQ(report.items.at(2).villages, 0u);
}

TEST_F(Overload, SeveralDirectivesAddUp) {
  std::vector<Directive> both{directive(hours(16), "", "D-1"), directive(hours(16), "", "D-2")};
  EXPECT_TRUE(check_one(both[0], villages(70)).findings.empty());  // 86 of 100
  Report together = book.check(both, villages(70));                // 102 of 100
  EXPECT_EQ(codes(together), std::vector<std::string>{"QD010"});
  EXPECT_DOUBLE_EQ(together.findings[0].village->added, 32);
}

TEST_F(Overload, OnlyVillagesUnderTheDirectivesJurisdictionAreChecked) {
  Villages profiles = villages(99,
                               "上海市/浦东新区/川沙镇/东庄村,,,1,,159\n"
                               "上海市/青浦区/练塘镇/新村,,,2,,0\n");
  Report report = check_one(directive(hours(5), "jurisdiction: 练塘镇\n"), profiles);
  EXPECT_EQ(report.villages.checked, 2u);  // 徐练村 and the new 新村, not 川沙镇's 东庄村
  EXPECT_EQ(codes(report), std::vector<std::string>{"QD010"});
  ASSERT_EQ(report.villages.most_loaded.size(), 2u);
  EXPECT_EQ(report.villages.most_loaded[1].jurisdiction, "上海市/青浦区/练塘镇/新村");
  EXPECT_DOUBLE_EQ(report.villages.most_loaded[1].capacity, 320);  // 2 staff × 160
  std::size_t counted = 0;
  for (std::size_t bin : report.villages.histogram) counted += bin;
  EXPECT_EQ(counted, 2u);
  EXPECT_EQ(report.villages.histogram[10], 1u);  // 104 %
}

TEST_F(Overload, VillageProfilesMustFitTheTree) {
  try {
    check_one(directive(hours(1)), villages(0, "上海市/青浦区/某某镇/新村,,,1,,0\n"));
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(
        error.diagnostic().to_string(),
        "villages.csv:3: error: village 上海市/青浦区/某某镇/新村: '上海市/青浦区/某某镇' is not "
        "a jurisdiction of the rulebook; the nearest known ancestor is 上海市/青浦区 [QV008]");
  }
  try {
    check_one(directive(hours(1)), villages(0, "上海市/青浦区/新镇,,,1,,0\n"));
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), "QV009");
  }
}

TEST_F(Overload, PerHouseholdNeedsHouseholds) {
  Villages profiles =
      Villages::parse_csv("jurisdiction,staff\n上海市/青浦区/练塘镇/徐练村,3\n", "villages.csv");
  try {
    check_one(directive(hours(1) + hours(1, "household")), profiles);
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.diagnostic().to_string(),
              "D-1.yaml:7:5: error: item 2 counts effort per household, but village "
              "上海市/青浦区/练塘镇/徐练村 (villages.csv:2) has no households [QV010]");
  }
}

TEST_F(Check, UnknownLevelJurisdictionOrModeIsPositionedInTheDirective) {
  try {
    check_one(directive(item("T-COL", ", to: vilage")));
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(
        error.diagnostic().to_string(),
        "D-1.yaml:6:60: error: unknown level 'vilage' for 'to' (levels: city (市), district (区), "
        "town (街镇), village (村居)) [QC003]");
  }
  try {
    check_one(directive(item("T-COL"), "jurisdiction: 东庄村\n"));
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.line(), 5u);
    EXPECT_EQ(error.code(), "QQ002");
  }
  try {
    check_one(directive(item("T-COL"), "mode: wartime\n"));
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.line(), 5u);
    EXPECT_EQ(error.code(), "QQ003");
  }
}

}  // namespace
}  // namespace qingdan

namespace qingdan {
namespace {

TEST(VillagePlacement, IsKeptBetweenChecksAndRedoneForAnotherRulebook) {
  testing::TempRulebook first{
      {{"rulebook.yaml", testing::levels_yaml}, {"tasks.yaml", testing::tasks_yaml}}};
  testing::TempRulebook second{
      {{"rulebook.yaml", std::string(testing::levels_yaml) + "# another\n"},
       {"tasks.yaml", testing::tasks_yaml}}};
  Villages villages = Villages::parse_csv(
      "jurisdiction,staff\n上海市/青浦区/练塘镇/徐练村,1\n上海市/浦东新区/川沙镇/新村,1\n",
      "v.csv");
  Directive directive = Directive::parse(
      "qingdan: 1\nkind: directive\nid: D\nissued: 2023-01-01\njurisdiction: 练塘镇\nitems:\n"
      "  - {task: ZZ-01, frequency: daily, effort_hours: 1, approved: true}\n",
      "d.yaml");
  std::vector<Directive> directives{directive};
  Rulebook a = first.load(), b = second.load();
  std::string once = to_json(a.check(directives, villages));
  std::string twice =
      to_json(a.check(directives, Villages(villages)));  // a copy shares the placement
  EXPECT_EQ(once, twice);
  Report other = b.check(directives, villages);
  EXPECT_EQ(other.villages.checked, 1u);
  EXPECT_EQ(other.fingerprint, b.fingerprint());
  EXPECT_EQ(to_json(a.check(directives, villages)), once);
}

// One report, worded in either language when rendered: every finding in the catalogue's
// Chinese, with no placeholder left unfilled, and in English.
TEST_F(Overload, OneReportIsWordedInEitherLanguage) {
  auto form = [](const std::string& name) {
    return "  - {task: T-LAW, frequency: monthly, effort_hours: 1, form: {name: " + name +
           ", fields: [姓名, 电话]}}\n";
  };
  Directive everything = directive(item("T-NEG") + item("T-POW") + item("T-UNL") +
                                   "  - {task: T-COL, frequency: daily, effort_hours: 2}\n" +
                                   item("T-EMG") + form("甲表") + form("乙表"));
  std::vector<Directive> directives{everything};
  Report report = book.check(directives, villages(99));
  EXPECT_EQ(codes(report), (std::vector<std::string>{"QD001", "QD002", "QD003", "QD004", "QD005",
                                                     "QD007", "QD006", "QD008", "QD010"}));
  for (const Finding& finding : report.findings) {
    const std::string zh = finding.message.in(Language::zh), en = finding.message.in(Language::en);
    SCOPED_TRACE(zh);
    EXPECT_EQ(zh.find_first_of("{}"), std::string::npos);
    EXPECT_EQ(en.find_first_of("{}"), std::string::npos);
    EXPECT_NE(zh, en);
  }
  EXPECT_EQ(
      report.findings[0].message.in(Language::zh),
      "不得把 T-NEG 负面事项 交给 村居（village）：负面清单条目 N-1（版本 2022，上海市）禁止");
  EXPECT_EQ(report.findings.back().message.in(Language::zh),
            "村居 上海市/青浦区/练塘镇/徐练村 每月将工作 165 小时，能力为 100 小时（165 %）：原有 "
            "99 小时，新增 66 小时；主要来自 D-1 第 4 项（60 小时）、D-1 第 2 项（1 小时）、D-1 "
            "第 1 项（1 小时）");
}

}  // namespace
}  // namespace qingdan

namespace qingdan {
namespace {

class Month : public Check {};

TEST_F(Month, AOnceItemCountsInTheMonthItIsIssuedAndNoOther) {
  const std::string items =
      "  - {task: T-LAW, frequency: once, effort_hours: 10}\n"
      "  - {task: T-LAW, frequency: weekly, effort_hours: 1}\n";
  const Villages one = Villages::parse_csv(
      "jurisdiction,staff,baseline_hours\n上海市/青浦区/练塘镇/徐练村,1,0\n", "v.csv");
  Report issued_month = check_one(directive(items), one);  // issued 2023-05-01
  EXPECT_EQ(issued_month.month, std::chrono::year{2023} / std::chrono::May);
  EXPECT_DOUBLE_EQ(issued_month.items[0].per_month, 1);
  EXPECT_DOUBLE_EQ(issued_month.items[1].per_month, 52.0 / 12);
  EXPECT_DOUBLE_EQ(issued_month.villages.most_loaded[0].added, 10 + 52.0 / 12);

  CheckOptions june;
  june.month = std::chrono::year{2023} / std::chrono::June;
  Report later = check_one(directive(items), one, june);
  EXPECT_DOUBLE_EQ(later.items[0].per_month, 0);
  EXPECT_DOUBLE_EQ(later.items[1].per_month, 52.0 / 12);
  EXPECT_DOUBLE_EQ(later.villages.most_loaded[0].added, 52.0 / 12);

  CheckOptions april;  // before the directive was issued: it adds nothing yet
  april.month = std::chrono::year{2023} / std::chrono::April;
  Report earlier = check_one(directive(items), one, april);
  EXPECT_DOUBLE_EQ(earlier.items[0].per_month + earlier.items[1].per_month, 0);
  EXPECT_DOUBLE_EQ(earlier.villages.most_loaded[0].added, 0);
}

TEST_F(Month, ByDefaultIsThatOfTheLatestIssuedDirective) {
  std::vector<Directive> both{directive(item("T-LAW"), "", "D-1", "2023-05-01"),
                              directive(item("T-LAW"), "", "D-2", "2024-02-10")};
  EXPECT_EQ(book.check(both).month, std::chrono::year{2024} / std::chrono::February);
  EXPECT_NE(to_json(book.check(both)).find("\"month\":\"2024-02\""), std::string::npos);
  EXPECT_NE(
      to_text(book.check(both, Villages::parse_csv(
                                   "jurisdiction,staff\n上海市/青浦区/练塘镇/徐练村,1\n", "v.csv")))
          .find("villages (load for 2024-02)"),
      std::string::npos);
}

}  // namespace
}  // namespace qingdan
