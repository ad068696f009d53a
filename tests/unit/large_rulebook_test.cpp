// A generated rulebook of QINGDAN_LARGE_TASKS tasks (100,000; 5,000 under the sanitizers):
// loaded from its snapshot and from the compiled cache, it holds the same data and gives the same
// answer to every task, asked at a sample of places, modes and dates, as loaded from its YAML.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <qingdan/json.hpp>
#include <qingdan/qingdan.hpp>

#include "answer/internals.hpp"
#include "snapshot/snapshot.hpp"
#include "synthetic_rulebook.hpp"

namespace qingdan {
namespace {

std::size_t task_count() {
  const char* text = std::getenv("QINGDAN_LARGE_TASKS");
  return text != nullptr ? std::stoul(text) : QINGDAN_LARGE_TASKS;
}

// What an answer says, field by field.
std::string summary(const Answer& answer, std::size_t levels) {
  std::string text = std::string(answer.task_id()) + " " + std::string(to_string(answer.status())) +
                     " " + std::string(answer.owner_level()) + " " +
                     std::string(answer.owner_department()) + " " +
                     std::to_string(answer.entry_count()) + (answer.has_conflicts() ? " !" : " ");
  for (std::size_t level = 0; level < levels; ++level) {
    auto role = answer.role_at(level);
    text += role ? std::string(to_string(*role)) : "-";
    text += ',';
  }
  return text;
}

class LargeRulebook : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    scratch_ = new std::filesystem::path(std::filesystem::temp_directory_path() /
                                         ("qingdan-large-" + std::to_string(::getpid())));
    written_ = new bench::SyntheticRulebook(
        bench::write_synthetic_rulebook(task_count(), *scratch_ / "rules"));
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*scratch_);
    delete written_;
    delete scratch_;
  }
  static inline std::filesystem::path* scratch_ = nullptr;
  static inline bench::SyntheticRulebook* written_ = nullptr;
};

TEST_F(LargeRulebook, SnapshotAndCompiledCacheAnswerAsTheYamlDoes) {
  const LoadOptions no_cache{.max_entries = 10'000'000, .compiled_cache = false};
  Rulebook from_yaml = Rulebook::load(written_->folder, no_cache);
  ASSERT_EQ(from_yaml.task_count(), task_count());
  const std::filesystem::path snapshot = *scratch_ / "book.qds";
  from_yaml.save_snapshot(snapshot);
  Rulebook from_snapshot = Rulebook::load(snapshot, no_cache);
  LoadOptions cached = no_cache;
  cached.compiled_cache = true;
  cached.cache_directory = *scratch_ / "cache";
  (void)Rulebook::load(written_->folder, cached);
  std::size_t snapshots = 0;
  for (const auto& file : std::filesystem::directory_iterator(cached.cache_directory))
    snapshots += file.path().extension() == ".qds";
  ASSERT_EQ(snapshots, 1U);  // the next load reads it
  Rulebook from_cache = Rulebook::load(written_->folder, cached);

  const std::string data = detail::snapshot_payload(detail::Internals::model(from_yaml));
  EXPECT_TRUE(detail::snapshot_payload(detail::Internals::model(from_snapshot)) == data);
  EXPECT_TRUE(detail::snapshot_payload(detail::Internals::model(from_cache)) == data);

  using std::chrono::year;
  std::vector<Query> queries;
  for (const char* place : {"市", "市/区3", "市/区3/镇5", "市/区15/镇0"})
    for (const Mode& mode : from_yaml.modes())
      for (Date at : {Date{year{2021} / 6 / 1}, Date{year{2022} / 7 / 1}, Date{year{2024} / 9 / 1}})
        queries.push_back(Query{at, place, mode.id});
  const std::size_t levels = from_yaml.levels().size();
  std::size_t compared = 0, mismatched = 0;
  for (const Query& query : queries) {
    const auto expected = from_yaml.answers(std::span<const std::string>(written_->ids), query);
    const auto snapshot_answers =
        from_snapshot.answers(std::span<const std::string>(written_->ids), query);
    const auto cache_answers =
        from_cache.answers(std::span<const std::string>(written_->ids), query);
    for (std::size_t i = 0; i < expected.size(); ++i) {
      const std::string want = summary(expected[i], levels);
      if (summary(snapshot_answers[i], levels) != want || summary(cache_answers[i], levels) != want)
        ++mismatched;
      ++compared;
    }
  }
  EXPECT_EQ(mismatched, 0U) << "of " << compared;
  EXPECT_EQ(compared, written_->ids.size() * queries.size());

  // Whole decisions, reasons included, for a stride of the tasks and their other names.
  for (std::size_t i = 0; i < written_->ids.size(); i += 97) {
    const Query& query = queries[i % queries.size()];
    for (const std::string& text :
         {written_->ids[i], written_->traditional[i], written_->variants[i]}) {
      const std::string want = to_json(from_yaml.owner(text, query), from_yaml.fingerprint());
      ASSERT_EQ(to_json(from_snapshot.owner(text, query), from_snapshot.fingerprint()), want);
      ASSERT_EQ(to_json(from_cache.owner(text, query), from_cache.fingerprint()), want);
    }
  }
}

}  // namespace
}  // namespace qingdan
