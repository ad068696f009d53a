// docs/format.md §6: the owner query.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

#include "temp_rulebook.hpp"

namespace qingdan {
namespace {

using namespace std::chrono;
using testing::levels_yaml;
using testing::list_yaml;
using testing::tasks_yaml;
using testing::TempRulebook;

Query on(Date at, std::string jurisdiction = {}, std::string mode = {}) {
  return Query{at, std::move(jurisdiction), std::move(mode)};
}

bool mentions(const std::vector<std::string>& lines, const std::string& text) {
  return std::any_of(lines.begin(), lines.end(),
                     [&](const std::string& line) { return line.find(text) != std::string::npos; });
}

const Consideration* considered(const Decision& decision, const std::string& entry,
                                const std::string& edition = {}) {
  for (const Consideration& item : decision.considered)
    if (item.entry.id == entry && (edition.empty() || item.entry.edition == edition)) return &item;
  return nullptr;
}

class OwnerQuery : public ::testing::Test {
 protected:
  TempRulebook rules{{{"rulebook.yaml", levels_yaml}, {"tasks.yaml", tasks_yaml}}};
};

TEST_F(OwnerQuery, CollaborationEntryGivesOwnerAndAssistingLevels) {
  rules.write("collab.yaml",
              list_yaml("list: collaboration\nversion: \"2022\"\neffective: 2022-01-01\n",
                        "  - id: X-07\n    task: HS-01\n"
                        "    owner: {level: district, department: 区卫生健康委}\n"
                        "    assist: [town, village]\n"
                        "    basis: 传染病防治法第九条\n"));
  Decision d = rules.load().owner("HS-01", on(year{2022} / 4 / 15));
  EXPECT_EQ(d.status, Status::listed);
  ASSERT_TRUE(d.owner);
  EXPECT_EQ(*d.owner, (Owner{"district", "区卫生健康委"}));
  EXPECT_EQ(
      d.roles,
      (RoleMap{{"district", Role::owns}, {"town", Role::assists}, {"village", Role::assists}}));
  ASSERT_EQ(d.entries.size(), 1u);
  EXPECT_EQ(d.entries[0], (EntryRef{ListKind::collaboration, "X-07", "2022", "上海市",
                                    "collab.yaml", 7, "传染病防治法第九条"}));
  EXPECT_EQ(d.jurisdiction, "上海市");
  EXPECT_EQ(d.mode, "normal");
}

TEST_F(OwnerQuery, ResolvesIdThenNormalisedNameAndAlias) {
  Rulebook book = rules.load();
  auto id_of = [&](const std::string& text) {
    Decision d = book.owner(text, on(year{2022} / 1 / 1));
    return d.task ? d.task->id : "(none)";
  };
  EXPECT_EQ(id_of("HS-01"), "HS-01");
  EXPECT_EQ(id_of("组织居民参加核酸筛查"), "HS-01");
  EXPECT_EQ(id_of("核酸筛查"), "HS-01");
  EXPECT_EQ(id_of("核酸檢測 組織動員"), "HS-01");       // traditional, with a space
  EXPECT_EQ(id_of("《核酸检测，组织动员》"), "HS-01");  // CJK punctuation
  EXPECT_EQ(id_of("ｈｓ－０１"), "(none)");             // ids are exact, not normalised
  EXPECT_EQ(id_of("hs-01"), "(none)");
}

TEST_F(OwnerQuery, UnknownTextGetsRankedSuggestionsAndIsNeverAnswered) {
  Decision d = rules.load().owner("核酸筛查组织工作", on(year{2022} / 1 / 1));
  EXPECT_EQ(d.status, Status::unknown);
  EXPECT_FALSE(d.task);
  EXPECT_FALSE(d.owner);
  EXPECT_TRUE(d.roles.empty());
  ASSERT_FALSE(d.suggestions.empty());
  EXPECT_LE(d.suggestions.size(), 5u);
  EXPECT_EQ(d.suggestions[0].id, "HS-01");
  EXPECT_TRUE(mentions(d.explain(), "names no task"));
}

TEST_F(OwnerQuery, ListedTaskWithNoApplicableEntryIsUnlisted) {
  Decision d = rules.load().owner("QZ-01", on(year{2022} / 1 / 1));
  EXPECT_EQ(d.status, Status::unlisted);
  ASSERT_TRUE(d.task);
  EXPECT_EQ(d.task->name, "对农村居民未经批准建住宅的处罚");
  EXPECT_FALSE(d.owner);
}

TEST_F(OwnerQuery, EditionInForceByDateAndReplacedWholly) {
  rules.write("neg-2022.yaml",
              list_yaml("list: negative\nversion: \"2022\"\neffective: 2022-01-01\n",
                        "  - {id: N-1, task: ZM-01}\n  - {id: N-2, task: HS-02}\n"));
  rules.write("neg-2024.yaml",
              list_yaml("list: negative\nversion: \"2024\"\neffective: 2024-08-06\n",
                        "  - {id: N-1, task: ZM-01, levels: [town, village]}\n"));
  Rulebook book = rules.load();
  EXPECT_EQ(book.owner("ZM-01", on(year{2021} / 12 / 31)).status, Status::unlisted);
  Decision before = book.owner("ZM-01", on(year{2024} / 8 / 5));
  EXPECT_EQ(before.roles, (RoleMap{{"village", Role::forbidden}}));
  EXPECT_EQ(before.entries.at(0).edition, "2022");
  Decision after = book.owner("ZM-01", on(year{2024} / 8 / 6));
  EXPECT_EQ(after.roles, (RoleMap{{"town", Role::forbidden}, {"village", Role::forbidden}}));
  // HS-02 was only in the 2022 edition; the 2024 edition replaces it wholly.
  Decision dropped = book.owner("HS-02", on(year{2024} / 9 / 1));
  EXPECT_EQ(dropped.status, Status::unlisted);
  const Consideration* old = considered(dropped, "N-2");
  ASSERT_NE(old, nullptr);
  EXPECT_EQ(old->outcome, EntryOutcome::replaced);
  EXPECT_NE(old->reason.in(Language::en).find("replaced by edition 2024"), std::string::npos);
}

TEST_F(OwnerQuery, ExpiredEditionBringsNothingBack) {
  rules.write("neg-2020.yaml",
              list_yaml("list: negative\nversion: \"2020\"\neffective: 2020-01-01\n",
                        "  - {id: N-1, task: ZM-01}\n"));
  rules.write(
      "neg-2022.yaml",
      list_yaml("list: negative\nversion: \"2022\"\neffective: 2022-01-01\nuntil: 2022-12-31\n",
                "  - {id: N-1, task: ZM-01, levels: [town]}\n"));
  Rulebook book = rules.load();
  EXPECT_EQ(book.owner("ZM-01", on(year{2022} / 12 / 31)).roles,
            (RoleMap{{"town", Role::forbidden}}));
  Decision expired = book.owner("ZM-01", on(year{2023} / 1 / 1));
  EXPECT_EQ(expired.status, Status::unlisted);
  const Consideration* last = considered(expired, "N-1", "2022");
  ASSERT_NE(last, nullptr);
  EXPECT_EQ(last->outcome, EntryOutcome::expired);
  const Consideration* older = considered(expired, "N-1", "2020");
  ASSERT_NE(older, nullptr);
  EXPECT_EQ(older->outcome, EntryOutcome::replaced);
}

TEST_F(OwnerQuery, EditionNotYetInForceIsExplained) {
  rules.write("neg.yaml", list_yaml("list: negative\nversion: \"2024\"\neffective: 2024-08-06\n",
                                    "  - {id: N-1, task: ZM-01}\n"));
  Decision d = rules.load().owner("开具亲属关系证明", on(year{2024} / 1 / 1));
  EXPECT_EQ(d.status, Status::unlisted);
  const Consideration* item = considered(d, "N-1");
  ASSERT_NE(item, nullptr);
  EXPECT_EQ(item->outcome, EntryOutcome::not_yet_in_force);
  EXPECT_TRUE(mentions(d.explain(), "not yet in force (effective 2024-08-06)"));
}

TEST_F(OwnerQuery, MoreSpecificJurisdictionOverridesAncestor) {
  rules.write("city.yaml",
              list_yaml("list: collaboration\nversion: \"1\"\neffective: 2022-01-01\n",
                        "  - {id: C-1, task: HS-01, owner: {level: city}, assist: [village]}\n"));
  rules.write(
      "qingpu.yaml",
      list_yaml(
          "list: collaboration\njurisdiction: 青浦区\nversion: \"1\"\neffective: 2022-01-01\n",
          "  - {id: Q-1, category: 疫情防控, owner: {level: district}, assist: [town]}\n"));
  Rulebook book = rules.load();
  Decision qingpu = book.owner("HS-01", on(year{2022} / 5 / 1, "徐练村"));
  EXPECT_EQ(qingpu.owner->level, "district");
  EXPECT_EQ(qingpu.roles, (RoleMap{{"district", Role::owns}, {"town", Role::assists}}));
  const Consideration* city = considered(qingpu, "C-1");
  ASSERT_NE(city, nullptr);
  EXPECT_EQ(city->outcome, EntryOutcome::overridden_by_jurisdiction);
  EXPECT_NE(city->reason.in(Language::en).find("overridden by Q-1 of 上海市/青浦区"),
            std::string::npos);

  Decision pudong = book.owner("HS-01", on(year{2022} / 5 / 1, "川沙镇"));
  EXPECT_EQ(pudong.owner->level, "city");
}

TEST_F(OwnerQuery, TaskEntryOverridesCategoryEntryInOneJurisdiction) {
  rules.write("neg.yaml", list_yaml("list: negative\nversion: \"1\"\neffective: 2022-01-01\n",
                                    "  - {id: N-CAT, category: 疫情防控, levels: [town]}\n"
                                    "  - {id: N-TASK, task: HS-01, levels: [village]}\n"));
  Rulebook book = rules.load();
  Decision by_task = book.owner("HS-01", on(year{2022} / 5 / 1));
  EXPECT_EQ(by_task.roles, (RoleMap{{"village", Role::forbidden}}));
  EXPECT_EQ(considered(by_task, "N-CAT")->outcome, EntryOutcome::overridden_by_task_entry);
  Decision by_category = book.owner("HS-02", on(year{2022} / 5 / 1));
  EXPECT_EQ(by_category.roles, (RoleMap{{"town", Role::forbidden}}));
}

TEST_F(OwnerQuery, ModesSelectEntriesAndDefaultToTheFirstMode) {
  rules.write(
      "collab.yaml",
      list_yaml(
          "list: collaboration\nversion: \"1\"\neffective: 2022-01-01\n",
          "  - {id: X-N, task: HS-01, owner: {level: town}, assist: [village], modes: [normal]}\n"
          "  - {id: X-E, task: HS-01, owner: {level: district}, assist: [town, village], modes: "
          "[emergency]}\n"));
  Rulebook book = rules.load();
  EXPECT_EQ(book.owner("HS-01", on(year{2022} / 5 / 1)).owner->level, "town");
  Decision emergency = book.owner("HS-01", on(year{2022} / 5 / 1, "", "emergency"));
  EXPECT_EQ(emergency.owner->level, "district");
  const Consideration* normal = considered(emergency, "X-N");
  ASSERT_NE(normal, nullptr);
  EXPECT_EQ(normal->outcome, EntryOutcome::wrong_mode);
  EXPECT_EQ(normal->reason.in(Language::en), "applies only in mode normal, not emergency");
}

TEST_F(OwnerQuery, ForbiddenOverridesAssistsAndRecordsTheConflict) {
  rules.write(
      "collab.yaml",
      list_yaml("list: collaboration\nversion: \"1\"\neffective: 2022-01-01\n",
                "  - {id: X-1, task: HS-02, owner: {level: district}, assist: [town, village]}\n"));
  rules.write("neg.yaml", list_yaml("list: negative\nversion: \"1\"\neffective: 2022-01-01\n",
                                    "  - {id: N-1, task: HS-02}\n"));
  Decision d = rules.load().owner("HS-02", on(year{2022} / 5 / 1));
  EXPECT_EQ(
      d.roles,
      (RoleMap{{"district", Role::owns}, {"town", Role::assists}, {"village", Role::forbidden}}));
  ASSERT_EQ(d.conflicts.size(), 1u);
  EXPECT_EQ(d.conflicts[0].in(Language::en),
            "negative entry N-1 forbids village (村居), overriding assists from entry X-1");
  EXPECT_EQ(d.entries.size(), 2u);
}

TEST_F(OwnerQuery, OwnerComesFromPowerThenSelfGovernanceThenCollaboration) {
  rules.write("power.yaml",
              list_yaml("list: power\nversion: \"1\"\neffective: 2022-01-01\n",
                        "  - {id: P-1, task: QZ-01, owner: {level: town, department: 镇政府}}\n"));
  rules.write("collab.yaml",
              list_yaml("list: collaboration\nversion: \"1\"\neffective: 2022-01-01\n",
                        "  - {id: X-1, task: QZ-01, owner: {level: district}, assist: [village]}\n"
                        "  - {id: X-2, task: ZZ-01, owner: {level: town}, assist: [village]}\n"));
  rules.write("self.yaml",
              list_yaml("list: self_governance\nversion: \"1\"\neffective: 2022-01-01\n",
                        "  - {id: S-1, task: ZZ-01}\n"));
  Rulebook book = rules.load();
  Decision power = book.owner("QZ-01", on(year{2022} / 5 / 1));
  EXPECT_EQ(*power.owner, (Owner{"town", "镇政府"}));
  EXPECT_EQ(power.roles, (RoleMap{{"town", Role::owns}, {"village", Role::assists}}));
  ASSERT_EQ(power.conflicts.size(), 1u);
  EXPECT_NE(power.conflicts[0]
                .in(Language::en)
                .find("entry X-1 names owner district (区), but the owner is town (街镇)"),
            std::string::npos);

  Decision self = book.owner("ZZ-01", on(year{2022} / 5 / 1));
  EXPECT_EQ(*self.owner, (Owner{"village", ""}));
  EXPECT_EQ(self.roles.at("village"), Role::self_governs);
}

TEST_F(OwnerQuery, UnknownJurisdictionAndModeAreErrors) {
  Rulebook book = rules.load();
  try {
    book.owner("HS-01", on(year{2022} / 1 / 1, "东庄村"));
    FAIL() << "an ambiguous jurisdiction must be an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), "QQ002");
    EXPECT_NE(std::string(error.what()).find("上海市/青浦区/练塘镇/东庄村"), std::string::npos);
    EXPECT_NE(std::string(error.what()).find("上海市/浦东新区/川沙镇/东庄村"), std::string::npos);
  }
  EXPECT_EQ(book.owner("HS-01", on(year{2022} / 1 / 1, "练塘镇/东庄村")).jurisdiction,
            "上海市/青浦区/练塘镇/东庄村");
  try {
    book.owner("HS-01", on(year{2022} / 1 / 1, "徐练"));
    FAIL() << "an unknown jurisdiction must be an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), "QQ001");
    EXPECT_NE(std::string(error.what()).find("similar: 上海市/青浦区/练塘镇/徐练村"),
              std::string::npos);
  }
  EXPECT_THROW(book.owner("HS-01", on(year{2022} / 1 / 1, "", "wartime")), Error);
}

TEST_F(OwnerQuery, ExplainListsAppliedAndSkippedEntriesWithReasons) {
  rules.write("collab.yaml",
              list_yaml("list: collaboration\nversion: \"1\"\neffective: 2022-01-01\n",
                        "  - {id: X-E, task: HS-01, owner: {level: district}, assist: [village], "
                        "modes: [emergency]}\n"));
  rules.write("neg.yaml", list_yaml("list: negative\nversion: \"1\"\neffective: 2022-01-01\n",
                                    "  - {id: N-1, category: 疫情防控, levels: [village]}\n"));
  Decision d = rules.load().owner("核酸筛查", on(year{2022} / 5 / 1, "徐练村", "normal"));
  std::vector<std::string> lines = d.explain();
  EXPECT_TRUE(mentions(lines, "question: '核酸筛查' is task HS-01"));
  EXPECT_TRUE(mentions(lines, "skipped collaboration X-E"));
  EXPECT_TRUE(mentions(lines, "applies only in mode emergency, not normal"));
  EXPECT_TRUE(mentions(lines, "applied negative N-1"));
  EXPECT_EQ(lines.back(), "answer: listed; roles: village (村居) forbidden");
}

TEST_F(OwnerQuery, DefaultsAreTodayTheRootAndTheFirstMode) {
  Decision d = rules.load().owner("HS-01", {});
  EXPECT_EQ(d.at, today());
  EXPECT_EQ(d.jurisdiction, "上海市");
  EXPECT_EQ(d.mode, "normal");
}

TEST_F(OwnerQuery, BatchAnswersEqualSingleAnswers) {
  rules.write("neg.yaml", list_yaml("list: negative\nversion: \"1\"\neffective: 2022-01-01\n",
                                    "  - {id: N-1, category: 证明事项}\n"));
  Rulebook book = rules.load();
  std::vector<std::string> tasks{"ZM-01", "核酸筛查", "不存在的事项"};
  auto batch = book.owners(tasks, on(year{2022} / 5 / 1));
  ASSERT_EQ(batch.size(), 3u);
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    Decision single = book.owner(tasks[i], on(year{2022} / 5 / 1));
    EXPECT_EQ(batch[i].status, single.status);
    EXPECT_EQ(batch[i].roles, single.roles);
    EXPECT_EQ(batch[i].entries, single.entries);
  }
}

// One rulebook, loaded once, explains the same decision in either language.
TEST(OwnerQueryLanguage, OneDecisionIsExplainedInEitherLanguage) {
  Rulebook book =
      Rulebook::load(std::string(QINGDAN_TEST_DATA_DIR) + "/../../rules/shanghai-qingpu");
  Decision d = book.owner("TS-01", {.at = Date{year{2025} / 1 / 1}, .jurisdiction = "练塘镇"});
  std::vector<std::string> en = d.explain(Language::en), zh = d.explain(Language::zh);
  ASSERT_EQ(en.size(), zh.size());
  ASSERT_GE(en.size(), 2u);
  // The rulebook is a reconstruction: the answer is followed by the note that says so.
  EXPECT_EQ(en.back(),
            "note: this answer rests on an illustrative edition, a reconstruction and not the "
            "published list: P-04, N-08");
  EXPECT_EQ(
      en[en.size() - 2],
      "answer: listed; owner district (区) (区市场监管局); roles: district (区) owns, town (街镇) "
      "forbidden, village (村居) forbidden");
  EXPECT_EQ(zh[zh.size() - 2],
            "答案：已列入清单；负责 "
            "区（district）（区市场监管局）；角色：区（district）负责、街镇（town）"
            "不得承担、村居（village）不得承担");
  EXPECT_EQ(d.explain(), en) << "English by default";
}

}  // namespace
}  // namespace qingdan
