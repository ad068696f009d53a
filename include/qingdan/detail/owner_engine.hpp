#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <qingdan/decision.hpp>
#include <qingdan/detail/model.hpp>
#include <qingdan/detail/normalize.hpp>
#include <qingdan/error.hpp>
#include <qingdan/query.hpp>

namespace qingdan::detail {

inline std::uint32_t resolve_jurisdiction(const Model& model, std::string_view text) {
  auto lookup = model.jurisdictions.find(text);
  if (lookup.node != npos) return lookup.node;
  throw usage_error(lookup.ambiguous ? "QQ002" : "QQ001", lookup.problem(text, model.language));
}

inline std::uint32_t resolve_mode(const Model& model, std::string_view mode) {
  if (mode.empty()) return 0;
  if (auto index = model.mode_index(mode)) return *index;
  throw usage_error("QQ003",
                    say(model.language, Message::unknown_mode,
                        {{"mode", mode},
                         {"modes", joined(model.modes, model.language)},
                         {"hint", did_you_mean_suffix(model.language, mode, model.modes)}}));
}

// The catalogue task a text names: an exact id first, then a normalised name or alias. The
// normalised text is left in `normalized` when it was needed, for suggestions on a miss.
inline std::optional<std::uint32_t> resolve_task(const Model& model, std::string_view text,
                                                 std::string& normalized) {
  if (auto by_id = model.task_by_id.find(text); by_id != model.task_by_id.end())
    return by_id->second;
  normalized = normalize_text(text, model.language);
  if (auto by_text = model.task_by_text.find(normalized); by_text != model.task_by_text.end())
    return by_text->second;
  return std::nullopt;
}

inline TaskRef task_ref(const Model& model, std::uint32_t task) {
  const TaskRecord& record = model.tasks[task];
  return TaskRef{record.id, record.name,
                 record.category == npos ? std::string() : model.categories[record.category],
                 record.aliases};
}

inline std::string level_names(const Model& model, LevelSet levels) {
  std::string names;
  for (std::uint32_t i = 0; i < model.levels.size(); ++i)
    if ((levels >> i) & 1U) names += (names.empty() ? "" : ", ") + model.levels[i].id;
  return names;
}

inline std::string mode_names(const Model& model, ModeSet modes) {
  std::string names;
  for (std::uint32_t i = 0; i < model.modes.size(); ++i)
    if ((modes >> i) & 1U) names += (names.empty() ? "" : ", ") + model.modes[i];
  return names;
}

// What an entry says, in a few words, for explain().
inline std::string entry_effect(const Model& model, ListKind list, const EntryRecord& entry) {
  const Language language = model.language;
  auto owner = [&] {
    return say(
        language, Message::effect_owns,
        {{"level", model.levels[entry.owner_level].id},
         {"department", entry.owner_department.empty() ? std::string()
                                                       : say(language, Message::parenthesised,
                                                             {{"text", entry.owner_department}})}});
  };
  const std::string levels = level_names(model, entry.levels);
  switch (list) {
    case ListKind::power: return owner();
    case ListKind::self_governance:
      return say(language, Message::effect_self_governs, {{"levels", levels}});
    case ListKind::collaboration:
      return say(language, Message::effect_assists, {{"owner", owner()}, {"levels", levels}});
    case ListKind::negative: return say(language, Message::effect_forbidden, {{"levels", levels}});
  }
  return {};
}

inline EntryRef entry_ref(const Model& model, const EditionRecord& edition,
                          const EntryRecord& entry) {
  return EntryRef{edition.list,
                  entry.id,
                  edition.version,
                  model.jurisdictions.node(edition.jurisdiction).path,
                  model.files[edition.file],
                  entry.line,
                  entry.basis};
}

// Weighs every entry of one list that matches the task, along the jurisdiction chain, and
// returns the one that applies (if any); records each weighed entry in the decision.
class ListWeigher {
 public:
  struct Chosen {
    const EditionRecord* edition = nullptr;
    const EntryRecord* entry = nullptr;
    std::uint32_t jurisdiction = npos;
  };

  ListWeigher(const Model& model, Decision& decision, std::uint32_t task, std::uint32_t mode,
              std::vector<Chosen>* wrong_mode = nullptr)
      : model_(model), decision_(decision), task_(task), mode_(mode), wrong_mode_(wrong_mode) {}

  Chosen weigh(ListKind list, const std::vector<std::uint32_t>& chain) {
    Chosen chosen;
    for (std::uint32_t jurisdiction : chain) {
      const std::vector<std::uint32_t>* editions = model_.editions_at(jurisdiction, list);
      if (editions == nullptr) continue;
      std::optional<std::size_t> latest = latest_started(*editions);
      for (std::size_t i = editions->size(); i-- > 0;) {
        const EditionRecord& edition = model_.editions[(*editions)[i]];
        std::optional<Verdict> out_of_force = edition_skip(edition, i, latest);
        for_each_match(edition, [&](const EntryRecord& entry) {
          Consideration considered{entry_ref(model_, edition, entry),
                                   Verdict::applied,
                                   entry_effect(model_, list, entry),
                                   {}};
          if (out_of_force) {
            considered.verdict = *out_of_force;
            considered.reason = skip_reason(*out_of_force, edition, *editions, latest);
          } else if (!mode_applies(entry.modes, mode_)) {
            considered.verdict = Verdict::wrong_mode;
            considered.reason =
                say(model_.language, Message::reason_wrong_mode,
                    {{"modes", mode_names(model_, entry.modes)}, {"mode", model_.modes[mode_]}});
            if (wrong_mode_ != nullptr)
              wrong_mode_->push_back(Chosen{&edition, &entry, jurisdiction});
          } else if (chosen.entry != nullptr) {
            bool same_place = chosen.jurisdiction == jurisdiction;
            considered.verdict = same_place ? Verdict::overridden_by_task_entry
                                            : Verdict::overridden_by_jurisdiction;
            considered.reason =
                same_place ? say(model_.language, Message::reason_overridden_by_task_entry,
                                 {{"entry", chosen.entry->id}})
                           : say(model_.language, Message::reason_overridden_by_jurisdiction,
                                 {{"entry", chosen.entry->id},
                                  {"place", model_.jurisdictions.node(chosen.jurisdiction).path}});
          } else {
            chosen = Chosen{&edition, &entry, jurisdiction};
          }
          decision_.considered.push_back(std::move(considered));
        });
      }
    }
    return chosen;
  }

 private:
  // Index of the edition with the latest `effective` on or before the date.
  std::optional<std::size_t> latest_started(const std::vector<std::uint32_t>& editions) const {
    std::optional<std::size_t> latest;
    for (std::size_t i = 0; i < editions.size(); ++i)
      if (model_.editions[editions[i]].effective <= decision_.at) latest = i;
    return latest;
  }

  // Why an edition is not in force at the date, if it is not.
  std::optional<Verdict> edition_skip(const EditionRecord& edition, std::size_t index,
                                      std::optional<std::size_t> latest) const {
    if (edition.effective > decision_.at) return Verdict::not_yet_in_force;
    if (latest && index < *latest) return Verdict::replaced;
    if (edition.until && *edition.until < decision_.at) return Verdict::expired;
    return std::nullopt;
  }

  // The reason for an edition's skip, in words; built only for editions that match the task.
  std::string skip_reason(Verdict verdict, const EditionRecord& edition,
                          const std::vector<std::uint32_t>& editions,
                          std::optional<std::size_t> latest) const {
    const Language language = model_.language;
    if (verdict == Verdict::not_yet_in_force)
      return say(language, Message::reason_not_yet_in_force,
                 {{"edition", edition.version}, {"date", to_iso(edition.effective)}});
    if (verdict == Verdict::replaced) {
      const EditionRecord& newer = model_.editions[editions[*latest]];
      return say(language, Message::reason_replaced,
                 {{"edition", edition.version},
                  {"newer", newer.version},
                  {"date", to_iso(newer.effective)}});
    }
    return say(language, Message::reason_expired,
               {{"edition", edition.version}, {"date", to_iso(*edition.until)}});
  }

  // Calls visit(entry) for the task's entries, then for its category's entries.
  template <class Visit>
  void for_each_match(const EditionRecord& edition, Visit visit) const {
    auto follow = [&](std::uint32_t first) {
      for (std::uint32_t at = first; at != npos; at = edition.entries[at].next_same_key)
        visit(edition.entries[at]);
    };
    if (auto found = edition.first_entry_by_task.find(task_);
        found != edition.first_entry_by_task.end())
      follow(found->second);
    std::uint32_t category = model_.tasks[task_].category;
    if (category == npos) return;
    if (auto found = edition.first_entry_by_category.find(category);
        found != edition.first_entry_by_category.end())
      follow(found->second);
  }

  const Model& model_;
  Decision& decision_;
  std::uint32_t task_;
  std::uint32_t mode_;
  std::vector<Chosen>* wrong_mode_;
};

// Turns the entry chosen from each list into the owner, the roles and the conflicts.
class RoleAssigner {
 public:
  RoleAssigner(const Model& model, Decision& decision) : model_(model), decision_(decision) {}

  void apply(ListKind list, const ListWeigher::Chosen& chosen) {
    if (chosen.entry == nullptr) return;
    const EntryRecord& entry = *chosen.entry;
    decision_.entries.push_back(entry_ref(model_, *chosen.edition, entry));
    switch (list) {
      case ListKind::power: claim_owner(entry.owner_level, entry.owner_department, entry); break;
      case ListKind::self_governance:
        for_each_level(entry.levels, [&](std::uint32_t level) {
          if (!decision_.owner) decision_.owner = Owner{model_.levels[level].id, {}};
          give(level, Role::self_governs, entry);
        });
        break;
      case ListKind::collaboration:
        claim_owner(entry.owner_level, entry.owner_department, entry);
        for_each_level(entry.levels,
                       [&](std::uint32_t level) { give(level, Role::assists, entry); });
        break;
      case ListKind::negative:
        for_each_level(entry.levels, [&](std::uint32_t level) { forbid(level, entry); });
        break;
    }
  }

  void finish() {
    for (std::uint32_t level = 0; level < model_.levels.size(); ++level)
      if (roles_[level]) decision_.roles.add(model_.levels[level].id, *roles_[level]);
  }

 private:
  template <class Visit>
  void for_each_level(LevelSet levels, Visit visit) {
    for (std::uint32_t level = 0; level < model_.levels.size(); ++level)
      if ((levels >> level) & 1U) visit(level);
  }

  void claim_owner(std::uint32_t level, const std::string& department, const EntryRecord& entry) {
    if (!decision_.owner) {
      decision_.owner = Owner{model_.levels[level].id, department};
      give(level, Role::owns, entry);
      return;
    }
    if (decision_.owner->level != model_.levels[level].id)
      decision_.conflicts.push_back(say(model_.language, Message::conflict_owner,
                                        {{"entry", entry.id},
                                         {"level", model_.levels[level].id},
                                         {"owner", decision_.owner->level},
                                         {"other", given_by_[owner_index()]}}));
  }

  std::uint32_t owner_index() const { return *model_.level_index(decision_.owner->level); }

  void give(std::uint32_t level, Role role, const EntryRecord& entry) {
    if (roles_[level] && *roles_[level] != role) {
      decision_.conflicts.push_back(say(model_.language, Message::conflict_role,
                                        {{"entry", entry.id},
                                         {"level", model_.levels[level].id},
                                         {"role", to_string(role)},
                                         {"other", given_by_[level]},
                                         {"kept", to_string(*roles_[level])}}));
      return;
    }
    if (roles_[level]) return;
    roles_[level] = role;
    given_by_[level] = entry.id;
  }

  void forbid(std::uint32_t level, const EntryRecord& entry) {
    if (roles_[level] && *roles_[level] != Role::forbidden)
      decision_.conflicts.push_back(say(model_.language, Message::conflict_forbidden,
                                        {{"entry", entry.id},
                                         {"level", model_.levels[level].id},
                                         {"role", to_string(*roles_[level])},
                                         {"other", given_by_[level]}}));
    roles_[level] = Role::forbidden;
    given_by_[level] = entry.id;
  }

  const Model& model_;
  Decision& decision_;
  std::array<std::optional<Role>, max_levels> roles_{};
  std::array<std::string, max_levels> given_by_{};
};

// What a decision rests on, for qingdan's own checks: the entry applied from each list, and the
// entries of in-force editions skipped only because of the mode.
struct DecisionBasis {
  std::array<ListWeigher::Chosen, 4> chosen{};
  std::array<std::vector<ListWeigher::Chosen>, 4> wrong_mode{};
};

// SPEC §3: the owner query.
inline Decision decide(const Model& model, std::string_view text, const Query& query,
                       DecisionBasis* basis = nullptr) {
  Decision decision;
  decision.language = model.language;
  decision.query = std::string(text);
  decision.at = query.at.value_or(today());
  std::uint32_t jurisdiction = resolve_jurisdiction(model, query.jurisdiction);
  std::uint32_t mode = resolve_mode(model, query.mode);
  decision.jurisdiction = model.jurisdictions.node(jurisdiction).path;
  decision.mode = model.modes[mode];

  std::string normalized;
  std::optional<std::uint32_t> task = resolve_task(model, text, normalized);
  if (!task) {
    for (std::uint32_t similar : model.suggestions.best(normalized, 5))
      decision.suggestions.push_back(task_ref(model, similar));
    return decision;
  }
  decision.task = task_ref(model, *task);

  std::vector<std::uint32_t> chain = model.jurisdictions.chain(jurisdiction);
  RoleAssigner assigner(model, decision);
  for (ListKind list : all_lists) {
    auto index = static_cast<std::size_t>(list);
    ListWeigher weigher(model, decision, *task, mode, basis ? &basis->wrong_mode[index] : nullptr);
    ListWeigher::Chosen chosen = weigher.weigh(list, chain);
    if (basis != nullptr) basis->chosen[index] = chosen;
    assigner.apply(list, chosen);
  }
  assigner.finish();
  decision.status = decision.entries.empty() ? Status::unlisted : Status::listed;
  return decision;
}

}  // namespace qingdan::detail
