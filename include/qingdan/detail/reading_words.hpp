#pragma once

// Readings as phrases, for findings, reports and the command line.
#include <cstdio>
#include <string>

#include <qingdan/detail/messages.hpp>
#include <qingdan/detail/phrases.hpp>
#include <qingdan/phrase.hpp>
#include <qingdan/reading.hpp>

namespace qingdan::detail {

inline std::string confidence_text(double confidence) {
  char text[8];
  std::snprintf(text, sizeof text, "%.2f", confidence);
  return text;
}

// Why a candidate was found: "the text contains its name '开具婚育状况证明'; synonyms 出具→开具".
inline Phrase candidate_reason(const Candidate& candidate) {
  constexpr Message fields[] = {Message::matched_text_id, Message::matched_text_name,
                                Message::matched_text_alias, Message::matched_text_keyword};
  constexpr Message kinds[] = {Message::match_exact, Message::match_contains,
                               Message::match_contained, Message::match_similar};
  Phrase reason(kinds[static_cast<std::size_t>(candidate.how)],
                {{"field", Phrase(fields[static_cast<std::size_t>(candidate.matched_text)], {})},
                 {"text", candidate.matched}});
  if (candidate.synonyms.empty()) return reason;
  return Phrase(Message::concatenated,
                {{"first", std::move(reason)},
                 {"second", Phrase(Message::match_synonyms,
                                   {{"pairs", verbatim_list(candidate.synonyms)}})}});
}

// "ZM-14 开具婚育状况证明 (confidence 0.93: the text contains its name …)".
inline Phrase candidate_label(const Candidate& candidate) {
  return Phrase(Message::candidate_with_confidence,
                {{"task", candidate.task.id + " " + candidate.task.name},
                 {"confidence", confidence_text(candidate.confidence)},
                 {"reason", candidate_reason(candidate)}});
}

}  // namespace qingdan::detail
