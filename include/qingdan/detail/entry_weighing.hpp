#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include <qingdan/date.hpp>
#include <qingdan/decision.hpp>
#include <qingdan/detail/model.hpp>

namespace qingdan::detail {

// The entry a list contributes to a decision, and the edition it belongs to.
struct Chosen {
  const EditionRecord* edition = nullptr;
  const EntryRecord* entry = nullptr;
};

using ChosenByList = std::array<Chosen, all_lists.size()>;

inline Chosen& chosen_from(ChosenByList& chosen, ListKind list) {
  return chosen[static_cast<std::size_t>(list)];
}

// Why an edition is not in force at a date, if it is not.
inline std::optional<Verdict> edition_skip(const EditionRecord& edition, Date at) {
  if (edition.effective > at) return Verdict::not_yet_in_force;
  if (edition.replaced_on && *edition.replaced_on <= at) return Verdict::replaced;
  if (edition.until && *edition.until < at) return Verdict::expired;
  return std::nullopt;
}

// SPEC §3, which entries apply: weighs every entry that names the task or its category, of the
// jurisdiction and its ancestors, and returns the one each list applies. Calls
// on_weighed(edition, entry, verdict, winner) for each entry weighed, where `winner` is what its
// list had chosen before it; a caller that wants no record passes a lambda that does nothing.
template <class OnWeighed>
ChosenByList weigh_entries(const Model& model, std::uint32_t task, std::uint32_t jurisdiction,
                           Date at, std::uint32_t mode, OnWeighed&& on_weighed) {
  ChosenByList chosen{};
  for (const EntryMatch& match : model.matches_of(task)) {
    const EditionRecord& edition = model.editions[match.edition];
    if (!model.jurisdictions.encloses(edition.jurisdiction, jurisdiction)) continue;
    const EntryRecord& entry = edition.entries[match.entry];
    Chosen& winner = chosen_from(chosen, edition.list);
    Verdict verdict = Verdict::applied;
    if (auto skip = edition_skip(edition, at)) {
      verdict = *skip;
    } else if (!mode_applies(entry.modes, mode)) {
      verdict = Verdict::wrong_mode;
    } else if (winner.entry != nullptr) {
      verdict = winner.edition->jurisdiction == edition.jurisdiction
                    ? Verdict::overridden_by_task_entry
                    : Verdict::overridden_by_jurisdiction;
    }
    on_weighed(edition, entry, verdict, winner);
    if (verdict == Verdict::applied) winner = Chosen{&edition, &entry};
  }
  return chosen;
}

inline ChosenByList weigh_entries(const Model& model, std::uint32_t task,
                                  std::uint32_t jurisdiction, Date at, std::uint32_t mode) {
  return weigh_entries(model, task, jurisdiction, at, mode,
                       [](const EditionRecord&, const EntryRecord&, Verdict, const Chosen&) {});
}

}  // namespace qingdan::detail
