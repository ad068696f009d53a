#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <qingdan/detail/entry_weighing.hpp>
#include <qingdan/detail/model.hpp>
#include <qingdan/detail/phrases.hpp>

namespace qingdan::detail {

// Each level's role, one bit set per role; a level is in at most one.
using RoleSets = std::array<LevelSet, 4>;

inline std::optional<Role> role_in(const RoleSets& sets, std::uint32_t level) {
  for (std::size_t role = 0; role < sets.size(); ++role)
    if ((sets[role] >> level) & 1U) return static_cast<Role>(role);
  return std::nullopt;
}

// The overrides of one decision, in words; see RoleAssigner.
struct ConflictLog {
  std::vector<Phrase>& conflicts;
  std::array<const EntryRecord*, max_levels> given_by{};  // the entry behind each level's role
};

// docs/format.md §6.4, the answer: turns the entry chosen from each list into the owner and the
// roles. With a ConflictLog it also words every override; without one it allocates nothing.
class RoleAssigner {
 public:
  explicit RoleAssigner(const Model& model, ConflictLog* log = nullptr)
      : model_(model), log_(log) {}

  // `match` holds what the entry says; `entry` is read only for its department's address and,
  // with a ConflictLog, its id.
  void apply(ListKind list, const EntryMatch& effect, const EntryRecord& entry) {
    switch (list) {
      case ListKind::power: claim_owner(effect.owner_level, &entry.owner_department, entry); break;
      case ListKind::self_governance:
        for_each_level(effect.levels, [&](std::uint32_t level) {
          if (owner_level_ == npos) owner_level_ = level;
          give(level, Role::self_governs, entry);
        });
        break;
      case ListKind::collaboration:
        claim_owner(effect.owner_level, &entry.owner_department, entry);
        for_each_level(effect.levels,
                       [&](std::uint32_t level) { give(level, Role::assists, entry); });
        break;
      case ListKind::negative:
        for_each_level(effect.levels, [&](std::uint32_t level) { forbid(level, entry); });
        break;
    }
  }

  void apply(const ChosenByList& chosen) {
    for (ListKind list : all_lists) {
      const Chosen& one = chosen[static_cast<std::size_t>(list)];
      if (one.entry != nullptr) apply(list, *one.match, *one.entry);
    }
  }

  const RoleSets& roles() const { return roles_; }
  std::uint32_t owner_level() const { return owner_level_; }                 // npos when none
  const std::string* owner_department() const { return owner_department_; }  // null when none
  bool overridden() const { return overridden_; }

 private:
  template <class Visit>
  void for_each_level(LevelSet levels, Visit visit) const {
    for (std::uint32_t level = 0; level < model_.levels.size(); ++level)
      if ((levels >> level) & 1U) visit(level);
  }

  std::optional<Role> role_of(std::uint32_t level) const { return role_in(roles_, level); }

  void set_role(std::uint32_t level, Role role, const EntryRecord& entry) {
    for (LevelSet& set : roles_) set &= ~(LevelSet{1} << level);
    roles_[static_cast<std::size_t>(role)] |= LevelSet{1} << level;
    if (log_ != nullptr) log_->given_by[level] = &entry;
  }

  void claim_owner(std::uint32_t level, const std::string* department, const EntryRecord& entry) {
    if (owner_level_ == npos) {
      owner_level_ = level;
      owner_department_ = department;
      give(level, Role::owns, entry);
      return;
    }
    if (owner_level_ == level) return;
    overridden_ = true;
    if (log_ != nullptr)
      log_->conflicts.push_back(
          Phrase(Message::conflict_owner, {{"entry", entry.id},
                                           {"level", level_named(level)},
                                           {"owner", level_named(owner_level_)},
                                           {"other", given_by_id(owner_level_)}}));
  }

  void give(std::uint32_t level, Role role, const EntryRecord& entry) {
    std::optional<Role> held = role_of(level);
    if (held && *held != role) {
      overridden_ = true;
      if (log_ != nullptr)
        log_->conflicts.push_back(Phrase(Message::conflict_role, {{"entry", entry.id},
                                                                  {"level", level_named(level)},
                                                                  {"role", role_phrase(role)},
                                                                  {"other", given_by_id(level)},
                                                                  {"kept", role_phrase(*held)}}));
      return;
    }
    if (!held) set_role(level, role, entry);
  }

  void forbid(std::uint32_t level, const EntryRecord& entry) {
    std::optional<Role> held = role_of(level);
    if (held && *held != Role::forbidden) {
      overridden_ = true;
      if (log_ != nullptr)
        log_->conflicts.push_back(
            Phrase(Message::conflict_forbidden, {{"entry", entry.id},
                                                 {"level", level_named(level)},
                                                 {"role", role_phrase(*held)},
                                                 {"other", given_by_id(level)}}));
    }
    set_role(level, Role::forbidden, entry);
  }

  Phrase level_named(std::uint32_t level) const {
    return level_phrase(model_.levels[level].id, model_.levels[level].name);
  }

  std::string given_by_id(std::uint32_t level) const {
    const EntryRecord* entry = log_->given_by[level];
    return entry == nullptr ? std::string() : entry->id;
  }

  const Model& model_;
  ConflictLog* log_;
  RoleSets roles_{};
  std::uint32_t owner_level_ = npos;
  const std::string* owner_department_ = nullptr;
  bool overridden_ = false;
};

}  // namespace qingdan::detail
