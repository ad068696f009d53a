#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <qingdan/detail/messages.hpp>

namespace qingdan::detail {

// "a, b, c" (or "a、b、c"): the texts of a list, as messages name them.
template <class Texts>
std::string joined(const Texts& texts, Language language = Language::en) {
  const std::string_view separator = message_template(Message::list_separator, language);
  std::string text;
  for (const auto& one : texts) {
    if (!text.empty()) text += separator;
    text += one;
  }
  return text;
}

// Edit distance between two byte strings (insert, delete, substitute, swap of neighbours).
inline std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        current[j] = std::min(current[j], before[j - 2] + 1);
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

// The candidate a misspelt word most likely meant, if one is close enough to suggest.
template <class Candidates>
std::optional<std::string> did_you_mean(std::string_view word, const Candidates& candidates) {
  std::optional<std::string> best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const auto& candidate : candidates) {
    std::string_view text(candidate);
    std::size_t distance = edit_distance(word, text);
    if (distance < best_distance) {
      best_distance = distance;
      best = std::string(text);
    }
  }
  return best;
}

}  // namespace qingdan::detail
