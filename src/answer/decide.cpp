#include "answer/decide.hpp"

#include <optional>
#include <string>

#include <qingdan/detail/model_phrases.hpp>
#include <qingdan/detail/owner_engine.hpp>
#include <qingdan/detail/reading_index.hpp>
#include <qingdan/detail/role_assignment.hpp>

namespace qingdan::detail {

Phrase entry_effect(const Model& model, ListKind list, const EntryRecord& entry) {
  auto owner = [&] {
    return Phrase(Message::effect_owns, {{"level", level_phrase(model, entry.owner_level)},
                                         {"department", parenthesised(entry.owner_department)}});
  };
  std::vector<Phrase> levels = level_phrases(model, entry.levels);
  switch (list) {
    case ListKind::power: return owner();
    case ListKind::self_governance:
      return Phrase(Message::effect_self_governs, {{"levels", std::move(levels)}});
    case ListKind::collaboration:
      return Phrase(Message::effect_assists, {{"owner", owner()}, {"levels", std::move(levels)}});
    case ListKind::negative:
      return Phrase(Message::effect_forbidden, {{"levels", std::move(levels)}});
  }
  return {};
}

EntryRef entry_ref(const Model& model, const EditionRecord& edition, const EntryRecord& entry) {
  return EntryRef{edition.list,
                  entry.id,
                  edition.version,
                  model.jurisdictions.node(edition.jurisdiction).path,
                  model.files[edition.file],
                  entry.line,
                  entry.basis,
                  entry.requires_funding,
                  entry.requires_approval,
                  entry.max_per_month,
                  edition.illustrative};
}

namespace {

// Why an entry was not applied; empty for an applied one.
Phrase skip_reason(const Model& model, const EditionRecord& edition, const EntryRecord& entry,
                   EntryOutcome verdict, const Chosen& winner, const ResolvedQuery& query) {
  switch (verdict) {
    case EntryOutcome::applied: return {};
    case EntryOutcome::not_yet_in_force:
      return Phrase(Message::reason_not_yet_in_force,
                    {{"edition", edition.version}, {"date", to_iso(edition.effective)}});
    case EntryOutcome::replaced: {
      const EditionRecord* newer = &edition;
      for (std::uint32_t index : *model.editions_at(edition.jurisdiction, edition.list))
        if (model.editions[index].effective <= query.at) newer = &model.editions[index];
      return Phrase(Message::reason_replaced, {{"edition", edition.version},
                                               {"newer", newer->version},
                                               {"date", to_iso(newer->effective)}});
    }
    case EntryOutcome::expired:
      return Phrase(Message::reason_expired,
                    {{"edition", edition.version}, {"date", to_iso(*edition.until)}});
    case EntryOutcome::for_kinds_below:
      return Phrase(Message::reason_kinds_below,
                    {{"kinds", kind_phrases(model, entry.kinds)},
                     {"place", model.jurisdictions.node(query.jurisdiction).path}});
    case EntryOutcome::other_kind: {
      const std::string& place = model.jurisdictions.node(query.jurisdiction).path;
      if (query.kinds == 0)
        return Phrase(Message::reason_no_kind,
                      {{"kinds", kind_phrases(model, entry.kinds)}, {"place", place}});
      return Phrase(Message::reason_other_kind, {{"kinds", kind_phrases(model, entry.kinds)},
                                                 {"place", place},
                                                 {"kind", kind_chain(model, query.kinds)}});
    }
    case EntryOutcome::wrong_mode:
      return Phrase(Message::reason_wrong_mode, {{"modes", mode_phrases(model, entry.modes)},
                                                 {"mode", mode_phrase(model, query.mode)}});
    case EntryOutcome::overridden_by_task_entry:
      return Phrase(Message::reason_overridden_by_task_entry, {{"entry", winner.entry->id}});
    case EntryOutcome::overridden_by_jurisdiction:
      return Phrase(Message::reason_overridden_by_jurisdiction,
                    {{"entry", winner.entry->id},
                     {"place", model.jurisdictions.node(winner.edition->jurisdiction).path}});
  }
  return {};
}

}  // namespace

Decision decide(const Model& model, std::string_view text, const Query& query,
                DecisionBasis* basis) {
  return decide(model, text, resolve_query(model, query), basis);
}

Decision decide(const Model& model, std::string_view text, const ResolvedQuery& resolved,
                DecisionBasis* basis) {
  Decision decision;
  decision.query = std::string(text);
  decision.at = resolved.at;
  decision.jurisdiction = model.jurisdictions.node(resolved.jurisdiction).path;
  decision.mode = model.modes[resolved.mode].id;
  decision.mode_name = model.modes[resolved.mode].name;
  decision.levels = model.levels;
  decision.place_kinds = kinds_top_down(model, resolved.kinds);

  std::string normalized;
  std::optional<std::uint32_t> task = resolve_task(model, text, normalized);
  if (!task) {
    decision.candidates = rank_candidates(model, normalized, 5);
    for (const Candidate& candidate : decision.candidates)
      decision.suggestions.push_back(candidate.task);
    return decision;
  }
  decision.task = task_ref(model, *task);

  auto record = [&](const Chosen& weighed, EntryOutcome verdict, const Chosen& winner) {
    const EditionRecord& edition = *weighed.edition;
    const EntryRecord& entry = *weighed.entry;
    decision.considered.push_back(Consideration{
        entry_ref(model, edition, entry), verdict, entry_effect(model, edition.list, entry),
        skip_reason(model, edition, entry, verdict, winner, resolved)});
    if (verdict == EntryOutcome::wrong_mode && basis != nullptr)
      basis->wrong_mode[static_cast<std::size_t>(edition.list)].push_back(weighed);
  };
  ChosenByList chosen = weigh_entries(model, *task, resolved, record);
  if (basis != nullptr) basis->chosen = chosen;

  ConflictLog log{decision.conflicts};
  RoleAssigner assigner(model, &log);
  assigner.apply(chosen);
  for (const Chosen& one : chosen)
    if (one.entry != nullptr)
      decision.entries.push_back(entry_ref(model, *one.edition, *one.entry));
  if (assigner.owner_level() != npos)
    decision.owner = Owner{model.levels[assigner.owner_level()].id,
                           assigner.owner_department() ? *assigner.owner_department() : ""};
  for (std::uint32_t level = 0; level < model.levels.size(); ++level)
    if (auto role = role_in(assigner.roles(), level))
      decision.roles.add(model.levels[level].id, *role);
  decision.status = decision.entries.empty() ? Status::unlisted : Status::listed;
  return decision;
}

}  // namespace qingdan::detail
