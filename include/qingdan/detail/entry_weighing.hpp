#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include <qingdan/date.hpp>
#include <qingdan/decision.hpp>
#include <qingdan/detail/model.hpp>

namespace qingdan::detail {

// The entry a list contributes to a decision, the edition it belongs to, and (when found through
// Model::matches) its match.
struct Chosen {
  const EditionRecord* edition = nullptr;
  const EntryRecord* entry = nullptr;
  const EntryMatch* match = nullptr;
};

using ChosenByList = std::array<Chosen, all_lists.size()>;

inline Chosen& chosen_from(ChosenByList& chosen, ListKind list) {
  return chosen[static_cast<std::size_t>(list)];
}

// A question with its defaults filled in and its names resolved: the date, the place, the mode,
// and the kinds of place it is asked for (those of the place; a check that judges the places of
// some kinds below a directive's jurisdiction asks at the jurisdiction for those kinds).
struct ResolvedQuery {
  Date at{};
  std::uint32_t jurisdiction = JurisdictionTree::root;
  std::uint32_t mode = 0;
  KindSet kinds = 0;         // the place's kinds and those of the places above it
  KindSet kinds_within = 0;  // those and the kinds of the places below it

  static ResolvedQuery at_place(const Model& model, std::uint32_t place, Date at,
                                std::uint32_t mode) {
    const JurisdictionTree::Node& node = model.jurisdictions.node(place);
    return ResolvedQuery{at, place, mode, node.kinds, node.kinds_within};
  }
};

// Why an edition is not in force at a date, if it is not.
inline std::optional<EntryOutcome> edition_skip(const EditionRecord& edition, Date at) {
  if (edition.effective > at) return EntryOutcome::not_yet_in_force;
  if (edition.replaced_on && *edition.replaced_on <= at) return EntryOutcome::replaced;
  if (edition.until && *edition.until < at) return EntryOutcome::expired;
  return std::nullopt;
}

// docs/format.md §6.3, which entries apply: weighs every entry that names the task or its category,
// of the jurisdiction and its ancestors, and returns the one each list applies. Calls
// on_weighed(weighed, verdict, winner) for each entry weighed, where `winner` is what its list had
// chosen before it. Only the matches are read: the no-op overload touches no EntryRecord.
template <class OnWeighed>
ChosenByList weigh_entries(const Model& model, std::uint32_t task, const ResolvedQuery& query,
                           OnWeighed&& on_weighed) {
  ChosenByList chosen{};
  for (const EntryMatch& match : model.matches_of(task)) {
    const EditionRecord& edition = model.editions[match.edition];
    if (!model.jurisdictions.encloses(edition.jurisdiction, query.jurisdiction)) continue;
    const Chosen weighed{&edition, edition.entries.data() + match.entry, &match};
    Chosen& winner = chosen_from(chosen, edition.list);
    EntryOutcome verdict = EntryOutcome::applied;
    if (auto skip = edition_skip(edition, query.at)) {
      verdict = *skip;
    } else if (!kind_applies(match.kinds, query.kinds)) {
      verdict = (match.kinds & query.kinds_within) != 0 ? EntryOutcome::for_kinds_below
                                                        : EntryOutcome::other_kind;
    } else if (!mode_applies(match.modes, query.mode)) {
      verdict = EntryOutcome::wrong_mode;
    } else if (winner.entry != nullptr) {
      verdict = winner.edition->jurisdiction == edition.jurisdiction
                    ? EntryOutcome::overridden_by_task_entry
                    : EntryOutcome::overridden_by_jurisdiction;
    }
    on_weighed(weighed, verdict, winner);
    if (verdict == EntryOutcome::applied) winner = weighed;
  }
  return chosen;
}

inline ChosenByList weigh_entries(const Model& model, std::uint32_t task,
                                  const ResolvedQuery& query) {
  return weigh_entries(model, task, query, [](const Chosen&, EntryOutcome, const Chosen&) {});
}

}  // namespace qingdan::detail
