// Replacing the rulebook of a running service: readers always see one whole rulebook.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "temp_rulebook.hpp"

namespace qingdan {
namespace {

using testing::levels_yaml;
using testing::list_yaml;
using testing::tasks_yaml;

std::string negative(const std::string& levels) {
  return list_yaml("list: negative\nversion: \"1\"\neffective: 2022-01-01\n",
                   "  - {id: N-1, category: 证明事项, levels: [" + levels + "]}\n");
}

TEST(RulebookHolder, EightReadersAndHundredReloadsNeverSeeAWrongAnswer) {
  testing::TempRulebook village{{{"rulebook.yaml", levels_yaml},
                                 {"tasks.yaml", tasks_yaml},
                                 {"neg.yaml", negative("village")}}};
  testing::TempRulebook town{
      {{"rulebook.yaml", levels_yaml}, {"tasks.yaml", tasks_yaml}, {"neg.yaml", negative("town")}}};
  testing::TempRulebook broken{{{"rulebook.yaml", levels_yaml},
                                {"tasks.yaml", tasks_yaml},
                                {"neg.yaml", negative("hamlet")}}};
  Rulebook first = village.load();
  const std::string village_print = first.fingerprint(), town_print = town.load().fingerprint();
  RulebookHolder holder(std::move(first));
  const Query query{Date{std::chrono::year{2023} / 1 / 1}, "徐练村", ""};

  std::atomic<bool> reloading{true};
  std::atomic<int> wrong{0}, answered{0};
  std::vector<std::thread> readers;
  for (int reader = 0; reader < 8; ++reader)
    readers.emplace_back([&] {
      while (reloading.load()) {
        std::shared_ptr<const Rulebook> book = holder.current();
        Decision decision = book->owner("开具亲属关系证明", query);
        const std::string& expected_level =
            book->fingerprint() == village_print ? "village" : "town";
        if (book->fingerprint() != village_print && book->fingerprint() != town_print) ++wrong;
        if (decision.roles.size() != 1 || !decision.roles.contains(expected_level) ||
            decision.roles.at(expected_level) != Role::forbidden)
          ++wrong;
        ++answered;
      }
    });
  int failures = 0;
  for (int round = 0; round < 100; ++round) {
    const testing::TempRulebook& next = round % 3 == 2 ? broken : round % 2 ? town : village;
    std::shared_ptr<const Rulebook> before = holder.current();
    if (auto error = holder.reload(next.folder())) {
      ++failures;
      EXPECT_EQ(error->code(), "QL203");
      EXPECT_EQ(holder.current(), before);  // the rulebook in service stays
    }
  }
  reloading = false;
  for (std::thread& reader : readers) reader.join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_GT(answered.load(), 0);
  EXPECT_EQ(failures, 33);
}

}  // namespace
}  // namespace qingdan
