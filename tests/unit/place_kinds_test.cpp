// docs/format.md §3.5 and §5: kinds of place (街道 and 镇, 村 and 居), and illustrative editions.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

#include <qingdan/json.hpp>
#include <qingdan/lint.hpp>

#include "temp_rulebook.hpp"

namespace qingdan {
namespace {

using namespace std::chrono;
using testing::list_yaml;
using testing::TempRulebook;

constexpr const char* rulebook_yaml = R"(qingdan: 1
kind: rulebook
name: 测试
levels:
  - {id: city, name: 市}
  - {id: district, name: 区}
  - {id: town, name: 街镇}
  - {id: village, name: 村居}
kinds:
  - {id: street, name: 街道, level: town, suffixes: [街道]}
  - {id: township, name: 镇, level: town, suffixes: [镇, 乡]}
  - {id: rural, name: 村, level: village, suffixes: [村]}
  - {id: urban, name: 居, level: village, suffixes: [居委会, 社区], aliases: [居委会]}
jurisdictions:
  上海市:
    青浦区:
      夏阳街道:
        青平居委会: {}
        蟠龙: {kind: 居}
      盈浦街道: {}
      练塘镇:
        徐练村: {}
        练塘社区: {}
      金泽镇: {}
)";

constexpr const char* tasks_yaml = R"(qingdan: 1
kind: tasks
tasks:
  - {id: FD-01, name: 招商引资任务指标}
  - {id: XZ-01, name: 协助开展人口普查}
)";

// 招商引资: 街道 do not do it, 镇 do; no village does.
const std::string negative_yaml =
    list_yaml("list: negative\nversion: \"2024\"\neffective: 2024-01-01\nillustrative: true\n",
              "  - id: N-02\n    task: FD-01\n    kinds: [街道]\n    levels: [town, village]\n"
              "  - id: N-02a\n    task: FD-01\n    kinds: [township]\n    levels: [village]\n");

const std::string power_yaml = list_yaml("list: power\nversion: \"2024\"\neffective: 2024-01-01\n",
                                         "  - id: P-01\n    task: FD-01\n    kinds: [镇]\n"
                                         "    owner: {level: town, department: 镇经济发展办}\n");

Query at(std::string place) { return Query{year{2025} / 3 / 1, std::move(place), {}}; }

const Consideration* considered(const Decision& decision, const std::string& entry) {
  for (const Consideration& item : decision.considered)
    if (item.entry.id == entry) return &item;
  return nullptr;
}

class PlaceKinds : public ::testing::Test {
 protected:
  TempRulebook rules{{{"rulebook.yaml", rulebook_yaml},
                      {"tasks.yaml", tasks_yaml},
                      {"negative.yaml", negative_yaml},
                      {"power.yaml", power_yaml}}};
};

TEST_F(PlaceKinds, StreetAndTownAnswerDifferently) {
  Rulebook book = rules.load();
  Decision street = book.owner("FD-01", at("夏阳街道"));
  EXPECT_EQ(street.roles, (RoleMap{{"town", Role::forbidden}, {"village", Role::forbidden}}));
  ASSERT_EQ(street.entries.size(), 1u);
  EXPECT_EQ(street.entries[0].id, "N-02");

  Decision town = book.owner("FD-01", at("练塘镇"));
  ASSERT_TRUE(town.owner);
  EXPECT_EQ(*town.owner, (Owner{"town", "镇经济发展办"}));
  EXPECT_EQ(town.roles, (RoleMap{{"town", Role::owns}, {"village", Role::forbidden}}));
}

TEST_F(PlaceKinds, AVillageTakesTheKindsOfThePlacesAboveIt) {
  Rulebook book = rules.load();
  // 徐练村 lies in a 镇: the town entries apply there, the street entry not.
  Decision village = book.owner("FD-01", at("徐练村"));
  EXPECT_EQ(village.roles, (RoleMap{{"town", Role::owns}, {"village", Role::forbidden}}));
  EXPECT_EQ(village.place_kinds.size(), 2u);
  EXPECT_NE(village.explain(Language::en)[0].find(
                "in 上海市/青浦区/练塘镇/徐练村 (rural (村) in township (镇)), mode"),
            std::string::npos)
      << village.explain(Language::en)[0];
  EXPECT_NE(to_json(village, "").find("\"place_kinds\":[\"township\",\"rural\"]"),
            std::string::npos);
  const Consideration* street = considered(village, "N-02");
  ASSERT_NE(street, nullptr);
  EXPECT_EQ(street->outcome, EntryOutcome::other_kind);
  EXPECT_EQ(
      street->reason.in(Language::en),
      "applies only in places of kind street (街道); 上海市/青浦区/练塘镇/徐练村 is rural (村) in "
      "township (镇)");
  EXPECT_EQ(street->reason.in(Language::zh),
            "只适用于类别为 街道（street） 的地方，上海市/青浦区/练塘镇/徐练村 属于 "
            "镇（township）下的村（rural）");
}

TEST_F(PlaceKinds, KindComesFromTheTreeBeforeTheSuffix) {
  Rulebook book = rules.load();
  // 蟠龙 has no telling suffix; the tree says it is a 居. 练塘社区 ends in 社区.
  for (const char* place : {"蟠龙", "练塘社区", "青平居委会"}) {
    Decision decision = book.owner("FD-01", at(place));
    const Consideration* town_entry = considered(decision, "N-02a");
    ASSERT_NE(town_entry, nullptr) << place;
    if (std::string(place) == "练塘社区") {
      EXPECT_EQ(town_entry->outcome, EntryOutcome::applied) << place;
    } else {
      EXPECT_EQ(town_entry->outcome, EntryOutcome::other_kind) << place;
      EXPECT_NE(town_entry->reason.in(Language::en).find("is urban (居)"), std::string::npos)
          << town_entry->reason.in(Language::en);
    }
  }
}

TEST_F(PlaceKinds, AboveTheKindsOnlyEntriesForEveryPlaceApply) {
  Decision district = rules.load().owner("FD-01", at("青浦区"));
  EXPECT_EQ(district.status, Status::unlisted);
  EXPECT_TRUE(district.differs_below());
  const Consideration* street = considered(district, "N-02");
  ASSERT_NE(street, nullptr);
  EXPECT_EQ(street->outcome, EntryOutcome::for_kinds_below);
  EXPECT_EQ(street->reason.in(Language::en),
            "applies only in places of kind street (街道), which lie below 上海市/青浦区: ask "
            "about one of them");
  EXPECT_EQ(district.explain(Language::zh).back(),
            "注意：上海市/青浦区 之下答案可能因地而异：P-01、N-02、N-02a "
            "只适用于其中某些类别的地方；请按具体地方查询");
  EXPECT_NE(to_json(district, "").find("\"differs_below\":true"), std::string::npos);

  // A place of no kind with nothing of that kind below it: the entry is for other places.
  rules.write("rulebook.yaml", std::string(rulebook_yaml) + "    浦东新区: {}\n");
  Decision elsewhere = rules.load().owner("FD-01", at("浦东新区"));
  EXPECT_FALSE(elsewhere.differs_below());
  ASSERT_NE(considered(elsewhere, "N-02"), nullptr);
  EXPECT_EQ(considered(elsewhere, "N-02")->reason.in(Language::en),
            "applies only in places of kind street (街道); 上海市/浦东新区 is of none of them");
}

TEST_F(PlaceKinds, EntriesForDisjointKindsDoNotOverlapButSharedKindsDo) {
  // N-02 and N-02a are for the same task in one edition: allowed, their kinds are disjoint.
  EXPECT_NO_THROW(rules.load());
  rules.write("negative.yaml",
              list_yaml("list: negative\nversion: \"2024\"\neffective: 2024-01-01\n",
                        "  - {id: N-02, task: FD-01, kinds: [街道, 镇], levels: [town]}\n"
                        "  - {id: N-03, task: FD-01, kinds: [镇]}\n"));
  EXPECT_NE(rules.first_error().find("[QL207]"), std::string::npos) << rules.first_error();
  rules.write("negative.yaml",
              list_yaml("list: negative\nversion: \"2024\"\neffective: 2024-01-01\n",
                        "  - {id: N-02, task: FD-01, levels: [town]}\n"
                        "  - {id: N-03, task: FD-01, kinds: [镇]}\n"));
  EXPECT_NE(rules.first_error().find("[QL207]"), std::string::npos) << rules.first_error();
}

TEST_F(PlaceKinds, UnknownKindIsPositionedWithTheKinds) {
  rules.write("negative.yaml",
              list_yaml("list: negative\nversion: \"2024\"\neffective: 2024-01-01\n",
                        "  - {id: N-02, task: FD-01, kinds: [居民区]}\n"));
  EXPECT_EQ(rules.first_error(),
            "negative.yaml:7:37: error: unknown kind of place '居民区' (kinds: street (街道), "
            "township (镇), rural (村), urban (居)) [QL214]");
  EXPECT_EQ(
      rules.first_error({}, Language::zh),
      "negative.yaml:7:37: 错误：未知的地方类别 '居民区'（类别：街道（street）、镇（township）、"
      "村（rural）、居（urban）） [QL214]");
}

TEST_F(PlaceKinds, AKindOfAnotherLevelIsRefused) {
  std::string yaml = rulebook_yaml;
  yaml.replace(yaml.find("蟠龙: {kind: 居}"), std::string("蟠龙: {kind: 居}").size(),
               "蟠龙: {kind: 镇}");
  rules.write("rulebook.yaml", yaml);
  EXPECT_NE(rules.first_error().find("error: '蟠龙' is at level village (村居), but kind township "
                                     "(镇) is for places at level town (街镇) [QL214]"),
            std::string::npos)
      << rules.first_error();
}

TEST_F(PlaceKinds, KindsListNeedsIdAndLevel) {
  std::string yaml = rulebook_yaml;
  yaml.replace(yaml.find("  - {id: street, name: 街道, level: town, suffixes: [街道]}"),
               std::string("  - {id: street, name: 街道, level: town, suffixes: [街道]}").size(),
               "  - {id: street, name: 街道, suffixes: [街道]}");
  rules.write("rulebook.yaml", yaml);
  std::vector<std::string> found;
  for (Diagnostic diagnostic : lint(rules.folder()).diagnostics) {
    diagnostic.file = rules.relative(diagnostic.file);
    found.push_back(diagnostic.to_string());
  }
  // The kind is not declared, so the entry that names it is an error too.
  EXPECT_EQ(found, (std::vector<std::string>{
                       "negative.yaml:10:13: error: unknown kind of place '街道' (kinds: township "
                       "(镇), rural (村), urban (居)) [QL214]",
                       "rulebook.yaml:10:5: error: a kind of place is missing the required key "
                       "'level' [QL101]"}));
}

TEST_F(PlaceKinds, SnapshotKeepsKindsAndIllustrativeEditions) {
  Rulebook book = rules.load();
  const std::filesystem::path file = rules.folder() / "book.qds";
  book.save_snapshot(file);
  Rulebook again = Rulebook::load(file);
  for (const char* place : {"夏阳街道", "练塘镇", "徐练村", "蟠龙", "青浦区"}) {
    Decision before = book.owner("FD-01", at(place));
    Decision after = again.owner("FD-01", at(place));
    EXPECT_EQ(before.roles, after.roles) << place;
    EXPECT_EQ(before.entries, after.entries) << place;
    EXPECT_EQ(before.explain(Language::zh), after.explain(Language::zh)) << place;
  }
  EXPECT_TRUE(again.owner("FD-01", at("夏阳街道")).illustrative());
}

TEST_F(PlaceKinds, IllustrativeEditionIsSaidInEveryRendering) {
  Rulebook book = rules.load();
  Decision street = book.owner("FD-01", at("夏阳街道"));
  ASSERT_EQ(street.entries.size(), 1u);
  EXPECT_TRUE(street.entries[0].illustrative);
  EXPECT_TRUE(street.illustrative());
  const std::vector<std::string> lines = street.explain(Language::zh);
  EXPECT_EQ(lines.back(),
            "注意：本答案所依据的 N-02 出自示例版本（重构的示例，并非正式公布的清单文本）");
  EXPECT_TRUE(std::any_of(lines.begin(), lines.end(), [](const std::string& line) {
    return line.starts_with("适用 负面清单 N-02（版本 2024【示例】，上海市");
  })) << lines[1];
  const std::string json = to_json(street, book.fingerprint());
  EXPECT_NE(json.find("\"illustrative\":true"), std::string::npos) << json;

  // The note names the illustrative entries only, not the power entry beside them.
  Decision town = book.owner("FD-01", at("金泽镇"));
  ASSERT_EQ(town.entries.size(), 2u);
  EXPECT_FALSE(town.entries[0].illustrative);
  EXPECT_EQ(town.explain(Language::en).back(),
            "note: this answer rests on an illustrative edition, a reconstruction and not the "
            "published list: N-02a");
  // Without an entry of an illustrative edition, nothing is said.
  Decision unlisted = book.owner("XZ-01", at("金泽镇"));
  EXPECT_FALSE(unlisted.illustrative());
  EXPECT_EQ(unlisted.explain(Language::en).back().rfind("answer:", 0), 0u);
}

class PlaceKindsCheck : public PlaceKinds {
 protected:
  Report check(const std::string& to, const std::string& task = "FD-01") {
    Directive directive = Directive::parse(
        "qingdan: 1\nkind: directive\nid: D-1\nissued: 2025-03-01\njurisdiction: 青浦区\n"
        "items:\n  - {task: " +
            task + ", to: " + to + ", frequency: once, effort_hours: 2}\n",
        "d.yaml");
    return rules.load().check(std::vector<Directive>{directive});
  }
};

TEST_F(PlaceKindsCheck, ADistrictDirectiveIsJudgedForEachKindBelow) {
  Report report = check("街镇");
  // Forbidden to the streets; the towns own it, so sending it to them is fine.
  ASSERT_EQ(report.findings.size(), 1u) << to_text(report, Language::en);
  EXPECT_EQ(code_of(report.findings[0].code), "QD001");
  EXPECT_EQ(
      report.findings[0].message.in(Language::en),
      "town (街镇) must not be given FD-01 招商引资任务指标: forbidden by negative entry N-02 "
      "(edition 2024 [illustrative], 上海市) (only in street (街道): 夏阳街道, 盈浦街道)");
  EXPECT_TRUE(report.illustrative());
  const std::string text = to_text(report, Language::zh);
  EXPECT_NE(text.find("注意：本次核查所依据的清单版本是示例"), std::string::npos) << text;
  EXPECT_NE(to_json(report).find("\"illustrative\":true"), std::string::npos);
  EXPECT_NE(to_html(report, Language::zh).find("id=\"illustrative\""), std::string::npos);
}

TEST_F(PlaceKindsCheck, AFindingEveryKindHasIsReportedOnceAsItStands) {
  // Sent to every village: N-02 forbids it under the streets, N-02a under the towns.
  Report report = check("村居");
  std::vector<std::string> entries;
  for (const Finding& finding : report.findings) {
    EXPECT_EQ(code_of(finding.code), "QD001");
    entries.push_back(finding.entries.at(0).id);
  }
  EXPECT_EQ(entries, (std::vector<std::string>{"N-02", "N-02a"})) << to_text(report, Language::en);
  // 徐练村 (a 村) and 练塘社区 (a 居) share only the town's kind, 镇; 金泽镇 lists no villages, so
  // it stands for its own.
  EXPECT_NE(report.findings[1]
                .message.in(Language::zh)
                .find("（限于镇（township）：徐练村、练塘社区、金泽镇）"),
            std::string::npos)
      << report.findings[1].message.in(Language::zh);
}

TEST_F(PlaceKindsCheck, ATaskListedWithoutOwnerNeedsApprovalRatherThanBeingMisassigned) {
  // Without the towns' power entry the lists only forbid 招商引资 to others: no one owns it, so
  // sending it to a town is not "another level's duty" (QD002) but a task to approve (QD003).
  rules.write("power.yaml",
              list_yaml("list: power\nversion: \"2024\"\neffective: 2024-01-01\n", "  []\n"));
  Report report = check("街镇");
  ASSERT_EQ(report.findings.size(), 2u) << to_text(report, Language::en);
  EXPECT_EQ(code_of(report.findings[0].code), "QD001");
  EXPECT_EQ(code_of(report.findings[1].code), "QD003");
  EXPECT_EQ(report.findings[1].message.in(Language::zh),
            "2025-03-01（上海市/青浦区）有效的清单没有为 FD-01 招商引资任务指标 "
            "指定负责层级，也没有给 街镇（town） 任何角色；交给 街镇（town） 之前需要经过准入审批"
            "（限于镇（township）：练塘镇、金泽镇）");
}

TEST_F(PlaceKindsCheck, EachGroupIsJudgedAtTheDirectivesJurisdiction) {
  // 练塘镇's own collaboration edition has its villages assist with FD-01; 金泽镇 has none. A
  // district directive counts only the editions of the district and above, for every group.
  rules.write("lists/lianta.yaml",
              list_yaml("list: collaboration\njurisdiction: 练塘镇\nversion: \"2024\"\n"
                        "effective: 2024-01-01\n",
                        "  - {id: X-L, task: XZ-01, owner: {level: town}, requires: [funding]}\n"));
  Directive directive = Directive::parse(
      "qingdan: 1\nkind: directive\nid: D-1\nissued: 2025-03-01\njurisdiction: 青浦区\n"
      "items:\n  - {task: XZ-01, frequency: once, effort_hours: 2}\n",
      "d.yaml");
  Report report = rules.load().check(std::vector<Directive>{directive});
  for (const Finding& finding : report.findings)
    for (const EntryRef& entry : finding.entries) EXPECT_NE(entry.id, "X-L");
  ASSERT_EQ(report.findings.size(), 1u) << to_text(report, Language::en);
  EXPECT_EQ(code_of(report.findings[0].code), "QD003");
}

TEST_F(PlaceKindsCheck, AForbiddenCandidateOfSomeKindsIsFoundOnceWhereItHolds) {
  // The text is not a name: it is read among candidates, and 招商引资 is forbidden to towns only
  // where they are streets.
  rules.write("tasks.yaml",
              std::string(tasks_yaml) + "  - {id: FD-03, name: 招商引资任务考核评比}\n");
  Report report = check("街镇", "完成招商引资任务");
  std::vector<std::string> found;
  for (const Finding& finding : report.findings) found.emplace_back(code_of(finding.code));
  EXPECT_EQ(std::count(found.begin(), found.end(), "QD012"), 1) << to_text(report, Language::en);
  for (const Finding& finding : report.findings) {
    if (code_of(finding.code) != std::string("QD012")) continue;
    EXPECT_NE(finding.message.in(Language::en).find("(only in street (街道): 夏阳街道, 盈浦街道)"),
              std::string::npos)
        << finding.message.in(Language::en);
  }
}

TEST_F(PlaceKindsCheck, FindingsOfOneCodeButDifferentMeaningAreKeptApart) {
  // Forbidden to every village, whatever the kind of its town, and owned by nobody: sent to the
  // towns, that is QD003 "no owner" in every group: reported once, and not as "on no list".
  rules.write("negative.yaml",
              list_yaml("list: negative\nversion: \"2024\"\neffective: 2024-01-01\n",
                        "  - {id: N-02, task: FD-01, kinds: [街道, 镇], levels: [village]}\n"));
  rules.write("power.yaml",
              list_yaml("list: power\nversion: \"2024\"\neffective: 2024-01-01\n", "  []\n"));
  Report report = check("街镇");
  ASSERT_EQ(report.findings.size(), 1u) << to_text(report, Language::en);
  EXPECT_EQ(code_of(report.findings[0].code), "QD003");
  EXPECT_EQ(report.findings[0].message.in(Language::en).find("on none of the lists"),
            std::string::npos)
      << report.findings[0].message.in(Language::en);
}

TEST_F(PlaceKinds, EntriesForKindsAtTwoLevelsOverlapWhereAPlaceIsOfBoth) {
  // 青平居委会 is a 居 in a 街道: entries for [街道] and for [居] would both apply there.
  rules.write("negative.yaml",
              list_yaml("list: negative\nversion: \"2024\"\neffective: 2024-01-01\n",
                        "  - {id: N-1, task: FD-01, kinds: [街道]}\n"
                        "  - {id: N-2, task: FD-01, kinds: [居]}\n"));
  EXPECT_NE(rules.first_error().find("[QL207]"), std::string::npos) << rules.first_error();
  // [镇] and [居委会] meet at 练塘社区 too; [街道] and [村] nowhere in this tree.
  rules.write("negative.yaml",
              list_yaml("list: negative\nversion: \"2024\"\neffective: 2024-01-01\n",
                        "  - {id: N-1, task: FD-01, kinds: [街道]}\n"
                        "  - {id: N-2, task: FD-01, kinds: [村]}\n"));
  EXPECT_EQ(rules.first_error(), "no error");
}

TEST_F(PlaceKinds, OneSuffixGivesOneKindAtALevel) {
  std::string yaml = rulebook_yaml;
  const std::string township = "suffixes: [镇, 乡]}";
  yaml.replace(yaml.find(township), township.size(), "suffixes: [镇, 乡, 街道]}");
  rules.write("rulebook.yaml", yaml);
  EXPECT_NE(rules.first_error().find("'街道' already names street"), std::string::npos)
      << rules.first_error();
  EXPECT_NE(rules.first_error().find("[QL206]"), std::string::npos);
}

TEST_F(PlaceKinds, LintFindsAClashThatHoldsOnlyInSomeKindOfPlace) {
  // The streets' negative entry forbids the town what the power entry gives the streets' towns.
  rules.write("power.yaml", list_yaml("list: power\nversion: \"2024\"\neffective: 2024-01-01\n",
                                      "  - {id: P-01, task: FD-01, owner: {level: town}}\n"));
  std::vector<std::string> codes;
  for (const Diagnostic& diagnostic : lint(rules.folder()).diagnostics)
    codes.push_back(diagnostic.code);
  EXPECT_NE(std::find(codes.begin(), codes.end(), "QL301"), codes.end())
      << ::testing::PrintToString(codes);
}

TEST_F(PlaceKinds, SixtyFourKindsAreTheLimit) {
  auto with_kinds = [&](int count) {
    std::string yaml = rulebook_yaml;
    std::string kinds = "kinds:\n";
    for (int k = 0; k < count; ++k)
      kinds += "  - {id: k" + std::to_string(k) + ", level: village, suffixes: [尾" +
               std::to_string(k) + "]}\n";
    yaml.replace(yaml.find("kinds:\n"), yaml.find("jurisdictions:") - yaml.find("kinds:\n"), kinds);
    yaml.replace(yaml.find("{kind: 居}"), std::string("{kind: 居}").size(), "{kind: k63}");
    return yaml;
  };
  rules.write("negative.yaml", list_yaml("list: negative\nversion: \"2024\"\n"
                                         "effective: 2024-01-01\n",
                                         "  - {id: N-1, task: FD-01, kinds: [k63]}\n"));
  rules.write("power.yaml",
              list_yaml("list: power\nversion: \"2024\"\neffective: 2024-01-01\n", "  []\n"));
  rules.write("rulebook.yaml", with_kinds(64));
  ASSERT_EQ(rules.first_error(), "no error");
  // The last kind, bit 63, works like any other.
  EXPECT_EQ(rules.load().owner("FD-01", at("蟠龙")).roles, (RoleMap{{"village", Role::forbidden}}));
  EXPECT_EQ(rules.load().owner("FD-01", at("徐练村")).status, Status::unlisted);
  rules.write("rulebook.yaml", with_kinds(65));
  EXPECT_NE(rules.first_error().find("at most 64 kinds of place"), std::string::npos)
      << rules.first_error();
}

TEST_F(PlaceKinds, ADiffAboveTheKindsNamesTheTasksThatDifferBelow) {
  Rulebook book = rules.load();
  RulebookDiff district =
      book.diff(year{2023} / 1 / 1, year{2025} / 1 / 1,
                DiffOptions{.jurisdiction = "青浦区", .level = "town", .mode = ""});
  ASSERT_EQ(district.differ_below.size(), 1u);
  EXPECT_EQ(district.differ_below[0].id, "FD-01");
  EXPECT_NE(to_json(district).find("\"differ_below\":[{\"id\":\"FD-01\""), std::string::npos);
  RulebookDiff street =
      book.diff(year{2023} / 1 / 1, year{2025} / 1 / 1,
                DiffOptions{.jurisdiction = "夏阳街道", .level = "town", .mode = ""});
  EXPECT_TRUE(street.differ_below.empty());
  ASSERT_EQ(street.changes.size(), 1u);
  EXPECT_EQ(street.changes[0].kind(), "newly forbidden");
}

}  // namespace
}  // namespace qingdan
