#pragma once

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/unordered/unordered_flat_map.hpp>

#include <qingdan/detail/utf8.hpp>

namespace qingdan::detail {

// Finds catalogue tasks whose normalised names or aliases look like a text that matched none:
// Dice similarity of character bigrams, through an inverted index built at load time.
class SuggestionIndex {
 public:
  void add(std::uint32_t task, std::string_view normalized) {
    auto grams = grams_of(normalized);
    auto text = static_cast<std::uint32_t>(texts_.size());
    texts_.push_back(Text{task, static_cast<std::uint32_t>(grams.size())});
    tasks_ = std::max<std::size_t>(tasks_, task + 1);
    for (std::uint64_t gram : grams) postings_[gram].push_back(text);
  }

  // Tasks ranked best first (ties by catalogue order), at most `limit`.
  std::vector<std::uint32_t> best(std::string_view normalized, std::size_t limit) const {
    auto grams = grams_of(normalized);
    if (grams.empty()) return {};
    // Grams shared with each text, counted in an array rather than a hash map: a common gram
    // such as 事项 lists a good part of the catalogue. The array is this thread's and is left
    // zeroed for the next query.
    thread_local std::vector<std::uint32_t> shared_by_text;
    thread_local std::vector<std::uint32_t> touched;
    if (shared_by_text.size() < texts_.size()) shared_by_text.resize(texts_.size());
    touched.clear();
    for (std::uint64_t gram : grams)
      if (auto found = postings_.find(gram); found != postings_.end())
        for (std::uint32_t text : found->second)
          if (shared_by_text[text]++ == 0) touched.push_back(text);
    std::vector<std::pair<double, std::uint32_t>> ranked;  // (score, task), a task once
    thread_local std::vector<std::int32_t> rank_of_task;   // index into ranked + 1, or 0
    if (rank_of_task.size() < tasks_) rank_of_task.resize(tasks_);
    for (std::uint32_t text : touched) {
      double score =
          2.0 * shared_by_text[text] / static_cast<double>(grams.size() + texts_[text].grams);
      shared_by_text[text] = 0;
      std::uint32_t task = texts_[text].task;
      if (score < minimum_score) continue;
      if (std::int32_t& rank = rank_of_task[task]; rank == 0) {
        ranked.emplace_back(score, task);
        rank = static_cast<std::int32_t>(ranked.size());
      } else {
        ranked[static_cast<std::size_t>(rank - 1)].first =
            std::max(ranked[static_cast<std::size_t>(rank - 1)].first, score);
      }
    }
    for (const auto& [score, task] : ranked) rank_of_task[task] = 0;
    auto better = [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    };
    auto kept = ranked.begin() + static_cast<std::ptrdiff_t>(std::min(limit, ranked.size()));
    std::partial_sort(ranked.begin(), kept, ranked.end(), better);
    std::vector<std::uint32_t> tasks;
    for (auto at = ranked.begin(); at != kept; ++at) tasks.push_back(at->second);
    return tasks;
  }

 private:
  struct Text {
    std::uint32_t task;
    std::uint32_t grams;
  };

  static constexpr double minimum_score = 0.25;

  // Distinct character bigrams; a one-character text is its own gram.
  static std::vector<std::uint64_t> grams_of(std::string_view normalized) {
    auto points = code_points(normalized);
    std::vector<std::uint64_t> grams;
    if (points.size() == 1) grams.push_back(points[0]);
    for (std::size_t i = 0; i + 1 < points.size(); ++i)
      grams.push_back((std::uint64_t{points[i]} << 32) | points[i + 1] | (1ULL << 63));
    std::sort(grams.begin(), grams.end());
    grams.erase(std::unique(grams.begin(), grams.end()), grams.end());
    return grams;
  }

  std::vector<Text> texts_;
  std::size_t tasks_ = 0;  // one more than the largest task index added
  boost::unordered_flat_map<std::uint64_t, std::vector<std::uint32_t>> postings_;
};

}  // namespace qingdan::detail
