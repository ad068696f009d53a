#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include <qingdan/date.hpp>
#include <qingdan/decision.hpp>
#include <qingdan/four_lists.hpp>

namespace qingdan {

namespace detail {
struct Model;
struct AnswerMaker;
}  // namespace detail

// The owner query's answer without its reasons: status, task, owner and roles, made without
// allocating. It views the rulebook that gave it and is valid while a copy of that rulebook
// lives. Rulebook::owner() gives the full Decision, with entries, conflicts and explain().
class Answer {
 public:
  Status status() const { return status_; }
  // Empty when the task is unknown.
  std::string_view task_id() const;
  std::string_view task_name() const;
  bool has_owner() const { return owner_level_ != none; }
  // Empty when there is no owner.
  std::string_view owner_level() const;
  // The owner's index in Rulebook::levels(); empty when there is no owner.
  std::optional<std::size_t> owner_level_index() const {
    return has_owner() ? std::optional<std::size_t>(owner_level_) : std::nullopt;
  }
  std::string_view owner_department() const {
    return owner_department_ == nullptr ? "" : std::string_view(*owner_department_);
  }
  // The role of the level with this index in Rulebook::levels().
  std::optional<Role> role_at(std::size_t level) const;
  std::optional<Role> role(std::string_view level) const;
  RoleMap roles() const;
  // Applied entries, one per list at most.
  std::size_t entry_count() const { return entry_count_; }
  // Whether some role or owner was overridden (the Decision words each one in `conflicts`).
  bool has_conflicts() const { return has_conflicts_; }
  Date at() const { return at_; }

 private:
  friend struct detail::AnswerMaker;  // Rulebook::answer() makes it (detail/owner_engine.hpp)
  static constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();

  bool known() const { return task_ != none; }
  const detail::Model* model_ = nullptr;
  std::array<std::uint64_t, 4> roles_{};  // per role, the set of levels that hold it
  const std::string* owner_department_ = nullptr;
  std::uint32_t task_ = none;
  std::uint32_t owner_level_ = none;
  Date at_{};
  Status status_ = Status::unknown;
  std::uint8_t entry_count_ = 0;
  bool has_conflicts_ = false;
};

}  // namespace qingdan
