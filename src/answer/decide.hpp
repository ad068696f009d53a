#pragma once

// The owner query with its reasons: every entry weighed, why each was applied or skipped, the
// conflicts; the answer path without them is detail/owner_engine.hpp.
#include <array>
#include <string_view>
#include <vector>

#include <qingdan/decision.hpp>
#include <qingdan/detail/entry_weighing.hpp>
#include <qingdan/detail/model.hpp>
#include <qingdan/phrase.hpp>
#include <qingdan/query.hpp>

namespace qingdan::detail {

// What a decision rests on, for qingdan's own checks: the entry applied from each list, and the
// entries of in-force editions skipped only because of the mode.
struct DecisionBasis {
  ChosenByList chosen{};
  std::array<std::vector<Chosen>, all_lists.size()> wrong_mode{};
};

// docs/format.md §6: the owner query, with every entry weighed and why.
Decision decide(const Model& model, std::string_view text, const Query& query,
                DecisionBasis* basis = nullptr);
// The same for a question already resolved, possibly for some kinds of place (the check's).
Decision decide(const Model& model, std::string_view text, const ResolvedQuery& query,
                DecisionBasis* basis = nullptr);

// An entry as a decision or finding cites it.
EntryRef entry_ref(const Model& model, const EditionRecord& edition, const EntryRecord& entry);

// What an entry says, in a few words, for explain().
Phrase entry_effect(const Model& model, ListKind list, const EntryRecord& entry);

}  // namespace qingdan::detail
