#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <qingdan/decision.hpp>

namespace qingdan {

// What changed for one task between two dates, for one level.
struct RoleChange {
  TaskRef task;
  std::optional<Role> before;  // the level's role at `from`; none when it had no role
  std::optional<Role> after;
  std::string owner_before;  // the owner's level, "" when none
  std::string owner_after;
  std::vector<EntryRef> entries_before;  // the entries responsible on each side
  std::vector<EntryRef> entries_after;

  // "newly forbidden", "no longer forbidden", "newly assisted", "no longer assisted",
  // "owner changed" or "role changed".
  std::string kind() const;
};

struct DiffOptions {
  std::string jurisdiction;  // default the root
  std::string level;         // default the lowest level
  std::string mode;          // default the first mode
};

// docs/format.md §6.7, diff: every task whose role for the level, or whose owner, differs between
// the dates.
struct RulebookDiff {
  Date from{};
  Date to{};
  std::string jurisdiction;  // full path
  std::string level;
  std::string mode;
  std::vector<RoleChange> changes;  // in catalogue order
  // Tasks with entries for some kinds of place below the jurisdiction (its 街道, its 镇), at
  // either date: their roles may differ there, so a diff of one place of each kind says more.
  std::vector<TaskRef> differ_below;
  // Approvals for the level, at the jurisdiction or below it (docs/format.md §5.6): in force on
  // `to` but not `from`, and on `from` but not `to`. They change what a directive may send, not
  // the roles.
  std::vector<std::string> approvals_granted;
  std::vector<std::string> approvals_lapsed;
  std::string fingerprint;

  std::size_t count(const std::string& kind) const {
    std::size_t n = 0;
    for (const RoleChange& change : changes) n += change.kind() == kind;
    return n;
  }
};

}  // namespace qingdan
