#pragma once

// Readings in words, for findings, reports and the command line.
#include <string>
#include <vector>

#include <cstdio>

#include <qingdan/detail/messages.hpp>
#include <qingdan/detail/spelling.hpp>
#include <qingdan/reading.hpp>

namespace qingdan::detail {

inline std::string confidence_text(double confidence) {
  char text[8];
  std::snprintf(text, sizeof text, "%.2f", confidence);
  return text;
}

// Why a candidate was found: "the text contains its name '开具婚育状况证明'; synonyms 出具→开具".
inline std::string candidate_reason(const Candidate& candidate, Language language) {
  constexpr Message fields[] = {Message::matched_text_id, Message::matched_text_name,
                                Message::matched_text_alias, Message::matched_text_keyword};
  constexpr Message kinds[] = {Message::match_exact, Message::match_contains,
                               Message::match_contained, Message::match_similar};
  std::string reason =
      say(language, kinds[static_cast<std::size_t>(candidate.how)],
          {{"field", say(language, fields[static_cast<std::size_t>(candidate.matched_text)])},
           {"text", candidate.matched}});
  if (!candidate.synonyms.empty())
    reason +=
        say(language, Message::match_synonyms, {{"pairs", joined(candidate.synonyms, language)}});
  return reason;
}

// "ZM-14 开具婚育状况证明 (confidence 0.93: the text contains its name …)".
inline std::string candidate_label(const Candidate& candidate, Language language) {
  return say(language, Message::candidate_with_confidence,
             {{"task", candidate.task.id + " " + candidate.task.name},
              {"confidence", confidence_text(candidate.confidence)},
              {"reason", candidate_reason(candidate, language)}});
}

}  // namespace qingdan::detail
