#pragma once

// A normalised text as a reading compares it: the rulebook's synonyms written as the first word
// of their group, and the characters of generic directive words (做好, 各村) marked.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/unordered/unordered_flat_set.hpp>

#include <qingdan/detail/string_hash.hpp>

namespace qingdan::detail {

// The longest synonym or generic word, in characters: every position of a text tries each length
// up to it, so a longer one would make reading a long text quadratic. The loader refuses longer
// words (QL213); a snapshot's are ignored.
inline constexpr std::size_t longest_reading_word = 32;

// Words looked up at every position of a text, the longest first.
class Lexicon {
 public:
  // Adds a normalised word (ignored when empty or longer than longest_reading_word); `id` is what
  // finding it returns.
  void add(std::string_view word, std::uint32_t id);

  // The longest word at point `at` of `points` (whose byte offsets are `starts`, one past the
  // last included): its length in points and its id, or length 0.
  std::pair<std::size_t, std::uint32_t> longest_at(std::string_view text,
                                                   const std::vector<char32_t>& points,
                                                   const std::vector<std::uint32_t>& starts,
                                                   std::size_t at) const;

 private:
  StringMap<std::uint32_t> words_;
  boost::unordered_flat_set<char32_t> first_points_;
  std::size_t longest_ = 0;  // in points
};

struct ReadingForm {
  std::string text;              // normalised, synonyms rewritten
  std::vector<char32_t> points;  // of `text`
  std::vector<bool> generic;     // per point: part of a generic word
  // The synonyms rewritten: the group, and the word as the text wrote it.
  std::vector<std::pair<std::uint32_t, std::string>> replaced;
};

// Pairs of adjacent points, as 64-bit keys; a pair is generic when both its points are.
struct Gram {
  std::uint64_t key = 0;
  bool generic = false;
};

class ReadingForms {
 public:
  // `synonyms` and `generic_words` normalised; the first word of a group stands for the group.
  ReadingForms(const std::vector<std::vector<std::string>>& synonyms,
               const std::vector<std::string>& generic_words);

  ReadingForm form_of(std::string_view normalized) const;

  // The first word of a synonym group, normalised.
  const std::string& canonical(std::uint32_t group) const { return canonical_[group]; }

  // Distinct pairs, sorted by key; a text of one point is its own gram.
  static std::vector<Gram> grams_of(const ReadingForm& form);

 private:
  Lexicon synonyms_;
  Lexicon generic_;
  std::vector<std::string> canonical_;
};

}  // namespace qingdan::detail
