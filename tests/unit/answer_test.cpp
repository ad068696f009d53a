// Rulebook::answer(): the owner query without its reasons must give owner()'s answer.
#include <gtest/gtest.h>

#include <chrono>

#include "answer/internals.hpp"
#include "every_question.hpp"
#include "temp_rulebook.hpp"

namespace qingdan {
namespace {

using namespace std::chrono;
using testing::levels_yaml;
using testing::list_yaml;
using testing::tasks_yaml;
using testing::TempRulebook;

void expect_same(const Answer& answer, const Decision& decision) {
  EXPECT_EQ(answer.status(), decision.status);
  EXPECT_EQ(answer.task_id(), decision.task ? decision.task->id : "");
  EXPECT_EQ(answer.task_name(), decision.task ? decision.task->name : "");
  EXPECT_EQ(answer.has_owner(), decision.owner.has_value());
  EXPECT_EQ(answer.owner_level(), decision.owner ? decision.owner->level : "");
  EXPECT_EQ(answer.owner_level_index().has_value(), decision.owner.has_value());
  EXPECT_EQ(answer.owner_department(), decision.owner ? decision.owner->department : "");
  EXPECT_EQ(answer.roles(), decision.roles);
  EXPECT_EQ(answer.entry_count(), decision.entries.size());
  EXPECT_EQ(answer.has_conflicts(), !decision.conflicts.empty());
  EXPECT_EQ(answer.at(), decision.at);
}

// Every task, every jurisdiction, every mode, at every turning date.
void expect_same_everywhere(const Rulebook& book) {
  std::size_t asked =
      testing::ask_every_question(book, [&](const std::string& task, const Query& query) {
        expect_same(book.answer(task, query), book.owner(task, query));
      });
  EXPECT_GT(asked, 1000u);
}

TEST(Answer, EqualsTheDecisionEverywhereInTheQingpuRulebook) {
  expect_same_everywhere(Rulebook::load("rules/shanghai-qingpu"));
}

TEST(Answer, EqualsTheDecisionEverywhereInTheNationalRulebook) {
  expect_same_everywhere(Rulebook::load("rules/national-village"));
}

TEST(Answer, ForANameOrAliasAndForAnUnknownText) {
  Rulebook book = Rulebook::load("rules/shanghai-qingpu");
  Query query{year{2022} / 4 / 15, "徐练村", "emergency"};
  Answer by_name = book.answer("核酸筛查", query);
  expect_same(by_name, book.owner("核酸筛查", query));
  EXPECT_EQ(by_name.status(), Status::listed);

  Answer unknown = book.answer("给每只猫办理身份证", query);
  expect_same(unknown, book.owner("给每只猫办理身份证", query));
  EXPECT_EQ(unknown.status(), Status::unknown);
  EXPECT_TRUE(unknown.roles().empty());
  EXPECT_EQ(unknown.role("village"), std::nullopt);
}

// A name or alias as written is found without normalising it; a variant of it by normalising.
TEST(Answer, EveryNameAndAliasAsWrittenAndAsAVariantNamesItsTask) {
  Rulebook book = Rulebook::load("rules/shanghai-qingpu");
  Query query{year{2024} / 6 / 1, "徐练村", {}};
  std::size_t texts = 0;
  for (const detail::TaskRecord& task : detail::Internals::model(book).tasks) {
    std::vector<std::string> written{task.name};
    written.insert(written.end(), task.aliases.begin(), task.aliases.end());
    for (const std::string& text : written) {
      for (const std::string& asked : {text, " " + text + "\u3000", text + "。"}) {
        SCOPED_TRACE(task.id + " as '" + asked + "'");
        Answer answer = book.answer(asked, query);
        EXPECT_EQ(answer.task_id(), task.id);
        expect_same(answer, book.owner(asked, query));
      }
      ++texts;
    }
  }
  EXPECT_GT(texts, 170u);
}

TEST(Answer, RoleByLevelNameAndIndex) {
  TempRulebook rules{{{"rulebook.yaml", levels_yaml}, {"tasks.yaml", tasks_yaml}}};
  rules.write(
      "collab.yaml",
      list_yaml("list: collaboration\nversion: \"1\"\neffective: 2022-01-01\n",
                "  - {id: X-1, task: HS-02, owner: {level: district}, assist: [town, village]}\n"));
  rules.write("neg.yaml", list_yaml("list: negative\nversion: \"1\"\neffective: 2022-01-01\n",
                                    "  - {id: N-1, task: HS-02}\n"));
  Rulebook book = rules.load();
  Query query{year{2022} / 5 / 1, {}, {}};
  Answer answer = book.answer("HS-02", query);
  expect_same(answer, book.owner("HS-02", query));
  EXPECT_TRUE(answer.has_conflicts());
  EXPECT_EQ(answer.role("district"), Role::owns);
  EXPECT_EQ(answer.owner_level_index(), 1u);  // city, district, town, village
  EXPECT_EQ(answer.role_at(2), Role::assists);
  EXPECT_EQ(answer.role("village"), Role::forbidden);
  EXPECT_EQ(answer.role("city"), std::nullopt);
  EXPECT_EQ(answer.role("no-such-level"), std::nullopt);
  EXPECT_EQ(answer.role_at(64), std::nullopt);
}

TEST(Answer, BatchResolvesTheQueryOnceAndAnswersInOrder) {
  Rulebook book = Rulebook::load("rules/shanghai-qingpu");
  std::vector<std::string_view> tasks{"HS-01", "核酸筛查", "不存在的事项", "HS-01"};
  Query query{year{2024} / 6 / 1, "徐练村", {}};
  std::vector<Answer> answers = book.answers(tasks, query);
  ASSERT_EQ(answers.size(), tasks.size());
  for (std::size_t i = 0; i < tasks.size(); ++i)
    expect_same(answers[i], book.owner(tasks[i], query));
  EXPECT_THROW(book.answers(tasks, Query{{}, "不存在的村", {}}), Error);
}

TEST(Answer, OwnersAndAnswersTakeTheSameSpansOfStringsOrViews) {
  Rulebook book = Rulebook::load("rules/shanghai-qingpu");
  const std::vector<std::string> strings{"HS-01", "核酸筛查", "不存在的事项"};
  const std::vector<std::string_view> views(strings.begin(), strings.end());
  const Query query{year{2024} / 6 / 1, "徐练村", {}};
  const std::vector<Decision> by_string = book.owners(strings, query);
  const std::vector<Decision> by_view = book.owners(views, query);
  const std::vector<Answer> answers = book.answers(strings, query);
  ASSERT_EQ(by_string.size(), strings.size());
  ASSERT_EQ(by_view.size(), strings.size());
  ASSERT_EQ(answers.size(), strings.size());
  for (std::size_t i = 0; i < strings.size(); ++i) {
    EXPECT_EQ(to_json(by_string[i], book.fingerprint()), to_json(by_view[i], book.fingerprint()));
    expect_same(answers[i], by_view[i]);
  }
}

TEST(Answer, ThrowsAsOwnerDoesForAnUnknownJurisdictionOrMode) {
  Rulebook book = Rulebook::load("rules/shanghai-qingpu");
  EXPECT_THROW(book.answer("HS-01", Query{{}, "火星", {}}), Error);
  EXPECT_THROW(book.answer("HS-01", Query{{}, {}, "wartime"}), Error);
}

}  // namespace
}  // namespace qingdan
