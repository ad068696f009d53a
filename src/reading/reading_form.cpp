#include "reading/reading_form.hpp"

#include <algorithm>

#include <qingdan/detail/utf8.hpp>

namespace qingdan::detail {

namespace {

std::vector<std::uint32_t> starts_of(std::string_view text) {
  std::vector<std::uint32_t> starts;
  for (std::size_t i = 0; i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80)
      starts.push_back(static_cast<std::uint32_t>(i));
  starts.push_back(static_cast<std::uint32_t>(text.size()));
  return starts;
}

}  // namespace

void Lexicon::add(std::string_view word, std::uint32_t id) {
  auto points = code_points(word);
  if (points.empty() || points.size() > longest_reading_word) return;
  words_.try_emplace(std::string(word), id);
  first_points_.insert(points.front());
  longest_ = std::max(longest_, points.size());
}

std::pair<std::size_t, std::uint32_t> Lexicon::longest_at(std::string_view text,
                                                          const std::vector<char32_t>& points,
                                                          const std::vector<std::uint32_t>& starts,
                                                          std::size_t at) const {
  if (!first_points_.contains(points[at])) return {0, 0};
  for (std::size_t length = std::min(longest_, points.size() - at); length > 0; --length) {
    std::string_view word = text.substr(starts[at], starts[at + length] - starts[at]);
    if (auto found = words_.find(word); found != words_.end()) return {length, found->second};
  }
  return {0, 0};
}

ReadingForms::ReadingForms(const std::vector<std::vector<std::string>>& synonyms,
                           const std::vector<std::string>& generic_words) {
  for (std::uint32_t group = 0; group < synonyms.size(); ++group) {
    canonical_.push_back(synonyms[group].front());
    for (const std::string& word : synonyms[group]) synonyms_.add(word, group);
  }
  for (const std::string& word : generic_words) {
    // Generic words are found after synonyms are rewritten, so they are kept rewritten too.
    ReadingForm rewritten = form_of(word);
    generic_.add(rewritten.text, 0);
  }
}

ReadingForm ReadingForms::form_of(std::string_view normalized) const {
  ReadingForm form;
  const std::vector<char32_t> points = code_points(normalized);
  const std::vector<std::uint32_t> starts = starts_of(normalized);
  for (std::size_t at = 0; at < points.size();) {
    auto [length, group] = synonyms_.longest_at(normalized, points, starts, at);
    if (length == 0) {
      form.text.append(normalized.substr(starts[at], starts[at + 1] - starts[at]));
      ++at;
      continue;
    }
    std::string written(normalized.substr(starts[at], starts[at + length] - starts[at]));
    form.text += canonical_[group];
    if (written != canonical_[group]) form.replaced.emplace_back(group, std::move(written));
    at += length;
  }
  form.points = code_points(form.text);
  form.generic.assign(form.points.size(), false);
  const std::vector<std::uint32_t> rewritten_starts = starts_of(form.text);
  for (std::size_t at = 0; at < form.points.size();) {
    auto [length, ignored] = generic_.longest_at(form.text, form.points, rewritten_starts, at);
    if (length == 0) {
      ++at;
      continue;
    }
    std::fill_n(form.generic.begin() + static_cast<std::ptrdiff_t>(at), length, true);
    at += length;
  }
  return form;
}

std::vector<Gram> ReadingForms::grams_of(const ReadingForm& form) {
  const auto& points = form.points;
  std::vector<Gram> grams;
  if (points.size() == 1) grams.push_back(Gram{points[0], form.generic[0]});
  for (std::size_t i = 0; i + 1 < points.size(); ++i)
    grams.push_back(Gram{(std::uint64_t{points[i]} << 32) | points[i + 1] | (1ULL << 63),
                         form.generic[i] && form.generic[i + 1]});
  std::sort(grams.begin(), grams.end(), [](const Gram& a, const Gram& b) {
    return a.key != b.key ? a.key < b.key : a.generic < b.generic;
  });
  // A pair written both inside and outside a generic word counts as the latter.
  grams.erase(std::unique(grams.begin(), grams.end(),
                          [](const Gram& a, const Gram& b) { return a.key == b.key; }),
              grams.end());
  return grams;
}

}  // namespace qingdan::detail
