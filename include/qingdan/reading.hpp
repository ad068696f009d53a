#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <qingdan/task_ref.hpp>

namespace qingdan {

// What a free text was read as (docs/reading.md).
enum class ReadingStatus : std::uint8_t {
  exact,       // the text is a task's id, or its name or an alias once normalised
  read_as,     // the best candidate is sure enough, and clearly ahead of the second
  candidates,  // tasks the text may mean, none sure enough to be taken as the answer
  none,        // nothing in the catalogue looks like the text
};

inline constexpr std::string_view to_string(ReadingStatus status) {
  constexpr std::string_view keys[] = {"exact", "read_as", "candidates", "none"};
  return keys[static_cast<std::size_t>(status)];
}

// Which text of a task a reading matched.
enum class MatchedText : std::uint8_t { id, name, alias, keyword };

inline constexpr std::string_view to_string(MatchedText text) {
  constexpr std::string_view keys[] = {"id", "name", "alias", "keyword"};
  return keys[static_cast<std::size_t>(text)];
}

// How the text matched it, after normalisation and the rulebook's synonyms.
enum class MatchKind : std::uint8_t {
  exact,      // the same text
  contains,   // the text contains the task's name, alias or keyword
  contained,  // the name, alias or keyword contains what the text says beyond generic words
  similar,    // they share distinctive pairs of characters (weighted by rarity in the catalogue)
};

inline constexpr std::string_view to_string(MatchKind kind) {
  constexpr std::string_view keys[] = {"exact", "contains", "contained", "similar"};
  return keys[static_cast<std::size_t>(kind)];
}

// A task a text may mean.
struct Candidate {
  TaskRef task;
  double confidence = 0;  // in [0, 1]; 1 only for an exact match
  MatchKind how = MatchKind::similar;
  MatchedText matched_text = MatchedText::name;
  std::string matched;                // that name, alias or keyword as the catalogue writes it
  std::vector<std::string> synonyms;  // the rulebook's synonyms the match rests on: "出具→开具"
  friend bool operator==(const Candidate&, const Candidate&) = default;
};

inline constexpr std::size_t max_candidates = 1000;

// When a reading takes its best candidate as the answer (docs/reading.md gives how these defaults
// were chosen, and what they achieve on a labelled set of directive items).
struct ReadOptions {
  double read_as_confidence = 0.4;  // the best candidate's confidence at least this
  double read_as_margin = 0.2;      // and at least this far ahead of the second
  std::size_t candidates = 5;       // candidates kept, best first: 1 to max_candidates
};

// A free text read against the catalogue.
struct Reading {
  std::string text;
  ReadingStatus status = ReadingStatus::none;
  std::vector<Candidate> candidates;  // best first; for exact and read_as the first is the task

  // The task the text was taken as, when exact or read_as.
  const Candidate* task() const {
    return status == ReadingStatus::exact || status == ReadingStatus::read_as ? &candidates.front()
                                                                              : nullptr;
  }
};

}  // namespace qingdan
