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
    for (std::uint64_t gram : grams) postings_[gram].push_back(text);
  }

  // Tasks ranked best first (ties by catalogue order), at most `limit`.
  std::vector<std::uint32_t> best(std::string_view normalized, std::size_t limit) const {
    auto grams = grams_of(normalized);
    if (grams.empty()) return {};
    boost::unordered_flat_map<std::uint32_t, std::uint32_t> shared_by_text;
    for (std::uint64_t gram : grams)
      if (auto found = postings_.find(gram); found != postings_.end())
        for (std::uint32_t text : found->second) ++shared_by_text[text];
    boost::unordered_flat_map<std::uint32_t, double> score_by_task;
    for (auto [text, shared] : shared_by_text) {
      double score = 2.0 * shared / static_cast<double>(grams.size() + texts_[text].grams);
      double& best_score = score_by_task[texts_[text].task];
      best_score = std::max(best_score, score);
    }
    std::vector<std::pair<double, std::uint32_t>> ranked;
    for (auto [task, score] : score_by_task)
      if (score >= minimum_score) ranked.emplace_back(score, task);
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    std::vector<std::uint32_t> tasks;
    for (std::size_t i = 0; i < ranked.size() && i < limit; ++i) tasks.push_back(ranked[i].second);
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
  boost::unordered_flat_map<std::uint64_t, std::vector<std::uint32_t>> postings_;
};

}  // namespace qingdan::detail
