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

// Processes and threads that load one folder at once, with nothing cached yet, each write the
// snapshot to a file of their own and rename it into place: every load succeeds, and one
// whole snapshot is left.
TEST(Concurrency, LoadsOfOneFolderAtOnceShareTheCompiledCache) {
  testing::TempRulebook rules{{{"rulebook.yaml", levels_yaml}, {"tasks.yaml", tasks_yaml}}};
  testing::TempRulebook cache;
  LoadOptions options;
  options.cache_directory = cache.folder() / "qingdan";  // made by qingdan, its owner's alone
  const std::string expected =
      Rulebook::load(rules.folder(), {.compiled_cache = false}).fingerprint();
  std::vector<int> mismatches(6, 0);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < mismatches.size(); ++t)
    threads.emplace_back([&, t] {
      for (int round = 0; round < 5; ++round)
        if (Rulebook::load(rules.folder(), options).fingerprint() != expected) ++mismatches[t];
    });
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(mismatches, std::vector<int>(mismatches.size(), 0));
  std::vector<std::string> snapshots, others;
  for (const auto& entry : std::filesystem::directory_iterator(options.cache_directory))
    (entry.path().extension() == ".qds" ? snapshots : others)
        .push_back(entry.path().filename().string());
  ASSERT_EQ(snapshots.size(), 1U);
  EXPECT_EQ(others.size(), 1U);  // the files' stamps; no half-written file is left
  EXPECT_TRUE(others.empty() || others.front().ends_with(".stamps"));
  EXPECT_EQ(Rulebook::load(options.cache_directory / snapshots.front()).fingerprint(), expected);
}

// Rule files parsed, and task names normalised, on several threads give the model and the
// diagnostics of one thread.
TEST(Concurrency, ParallelReadingGivesWhatOneThreadGives) {
  testing::TempRulebook rules{{{"rulebook.yaml", levels_yaml}, {"tasks.yaml", tasks_yaml}}};
  std::string many = "qingdan: 1\nkind: tasks\ntasks:\n";
  for (int i = 0; i < 3000; ++i)  // names in traditional characters go through OpenCC
    many += "  - {id: GEN-" + std::to_string(i) + ", name: 開具第" + std::to_string(i) +
            "號證明, aliases: ['ＧＥＮ " + std::to_string(i) + " 號', 第" + std::to_string(i) +
            "号关系证明]}\n";
  many += "  - {id: GEN-X, name: 開具第1號證明}\n";  // reads as GEN-1's name: QL201
  rules.write("more-tasks.yaml", many);
  for (int i = 0; i < 40; ++i)
    rules.write("lists/neg-" + std::to_string(i) + ".yaml",
                list_yaml("list: negative\nversion: \"" + std::to_string(i) +
                              "\"\neffective: 2022-01-" + std::to_string(10 + i % 18) + "\n",
                          i % 7 == 3 ? "  - {id: N-1, category: 证明事项, bad_key: 1}\n"
                                     : "  - {id: N-1, category: 证明事项}\n"));
  auto lint_with = [&](unsigned threads) {
    LoadOptions options;
    options.threads = threads;
    return to_json(lint(rules.folder(), options));
  };
  const std::string one = lint_with(1);
  EXPECT_NE(one.find("QL102"), std::string::npos);
  EXPECT_NE(one.find("QL201"), std::string::npos);
  for (unsigned threads : {2U, 3U, 8U}) EXPECT_EQ(lint_with(threads), one) << threads;
}

}  // namespace
}  // namespace qingdan
