// A loaded Rulebook is immutable and may be queried from many threads at once (README.md, "Use
// from C++").
#include <gtest/gtest.h>

#include <thread>

#include "temp_rulebook.hpp"

namespace qingdan {
namespace {

using testing::levels_yaml;
using testing::list_yaml;
using testing::tasks_yaml;

TEST(Concurrency, ThreadsSharingOneRulebookGetTheSameAnswers) {
  testing::TempRulebook rules{
      {{"rulebook.yaml", levels_yaml},
       {"tasks.yaml", tasks_yaml},
       {"neg.yaml", list_yaml("list: negative\nversion: \"1\"\neffective: 2022-01-01\n",
                              "  - {id: N-1, category: 证明事项}\n")}}};
  const Rulebook book = rules.load();
  const Query query{Date{std::chrono::year{2022} / 6 / 1}, "徐练村", "normal"};
  // Names in traditional characters go through normalisation (utf8proc and OpenCC) each time.
  const std::vector<std::string> questions{"開具親屬關係證明", "核酸檢測組織動員", "ZM-01",
                                           "未知事項"};
  std::vector<std::string> expected;
  for (const std::string& question : questions)
    expected.push_back(to_json(book.owner(question, query), book.fingerprint()));

  std::vector<int> mismatches(8, 0);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < mismatches.size(); ++t)
    threads.emplace_back([&, t] {
      for (int round = 0; round < 200; ++round)
        for (std::size_t i = 0; i < questions.size(); ++i)
          if (to_json(book.owner(questions[i], query), book.fingerprint()) != expected[i])
            ++mismatches[t];
    });
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(mismatches, std::vector<int>(8, 0));
}

// The reading index is built by the first text that needs it: threads that race to be first
// must all get the full candidates, from owner() and read() alike.
TEST(Concurrency, ThreadsRacingToTheFirstUnknownTextAllGetCandidates) {
  testing::TempRulebook rules{{{"rulebook.yaml", levels_yaml}, {"tasks.yaml", tasks_yaml}}};
  const Rulebook book = rules.load();
  std::vector<std::string> first_suggestion(8), read_as(8);
  std::vector<Status> answered(8, Status::listed);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < first_suggestion.size(); ++t)
    threads.emplace_back([&, t] {
      Reading reading = t % 2 ? book.read("请各村做好组织居民参加核酸筛查工作") : Reading{};
      answered[t] = book.answer("核酸检测组织", {}).status();
      Decision decision = book.owner("核酸检测组织", {});
      if (!decision.suggestions.empty()) first_suggestion[t] = decision.suggestions.front().id;
      if (t % 2 == 0) reading = book.read("请各村做好组织居民参加核酸筛查工作");
      if (reading.task() != nullptr) read_as[t] = reading.task()->task.id;
    });
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(first_suggestion, std::vector<std::string>(8, "HS-01"));
  EXPECT_EQ(read_as, std::vector<std::string>(8, "HS-01"));
  EXPECT_EQ(answered, std::vector<Status>(8, Status::unknown));
}

}  // namespace
}  // namespace qingdan
