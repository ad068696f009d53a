#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include <qingdan/decision.hpp>
#include <qingdan/detail/entry_weighing.hpp>
#include <qingdan/detail/model.hpp>
#include <qingdan/detail/role_assignment.hpp>

namespace qingdan {

// The owner query's answer without its reasons: status, task, owner and roles, made without
// allocating. It views the rulebook that gave it and is valid while a copy of that rulebook
// lives. Rulebook::owner() gives the full Decision, with entries, conflicts and explain().
class Answer {
 public:
  Status status() const { return status_; }
  // Empty when the task is unknown.
  std::string_view task_id() const {
    return known() ? std::string_view(model_->tasks[task_].id) : "";
  }
  std::string_view task_name() const {
    return known() ? std::string_view(model_->tasks[task_].name) : "";
  }
  bool has_owner() const { return owner_level_ != detail::npos; }
  // Empty when there is no owner.
  std::string_view owner_level() const {
    return has_owner() ? std::string_view(model_->levels[owner_level_].id) : "";
  }
  // The owner's index in Rulebook::levels(); empty when there is no owner.
  std::optional<std::size_t> owner_level_index() const {
    return has_owner() ? std::optional<std::size_t>(owner_level_) : std::nullopt;
  }
  std::string_view owner_department() const {
    return owner_department_ == nullptr ? "" : std::string_view(*owner_department_);
  }
  // The role of the level with this index in Rulebook::levels().
  std::optional<Role> role_at(std::size_t level) const {
    return level < detail::max_levels ? detail::role_in(roles_, static_cast<std::uint32_t>(level))
                                      : std::nullopt;
  }
  std::optional<Role> role(std::string_view level) const {
    auto index = model_ == nullptr ? std::nullopt : model_->level_index(level);
    return index ? role_at(*index) : std::nullopt;
  }
  RoleMap roles() const {
    RoleMap map;
    if (model_ == nullptr) return map;
    for (std::uint32_t level = 0; level < model_->levels.size(); ++level)
      if (auto held = role_at(level)) map.add(model_->levels[level].id, *held);
    return map;
  }
  // Applied entries, one per list at most.
  std::size_t entry_count() const { return entry_count_; }
  // Whether some role or owner was overridden (the Decision words each one in `conflicts`).
  bool has_conflicts() const { return has_conflicts_; }
  Date at() const { return at_; }

  // Made by Rulebook::answer().
  static Answer of(const detail::Model& model, std::uint32_t task, Date at,
                   const detail::ChosenByList& chosen, const detail::RoleAssigner& assigner) {
    Answer answer;
    answer.model_ = &model;
    answer.task_ = task;
    answer.at_ = at;
    for (const detail::Chosen& one : chosen)
      if (one.entry != nullptr) ++answer.entry_count_;
    answer.status_ = answer.entry_count_ == 0 ? Status::unlisted : Status::listed;
    answer.roles_ = assigner.roles();
    answer.owner_level_ = assigner.owner_level();
    answer.owner_department_ = assigner.owner_department();
    answer.has_conflicts_ = assigner.overridden();
    return answer;
  }
  static Answer unknown(const detail::Model& model, Date at) {
    Answer answer;
    answer.model_ = &model;
    answer.at_ = at;
    return answer;
  }

 private:
  bool known() const { return task_ != detail::npos; }

  const detail::Model* model_ = nullptr;
  detail::RoleSets roles_{};
  const std::string* owner_department_ = nullptr;
  std::uint32_t task_ = detail::npos;
  std::uint32_t owner_level_ = detail::npos;
  Date at_{};
  Status status_ = Status::unknown;
  std::uint8_t entry_count_ = 0;
  bool has_conflicts_ = false;
};

}  // namespace qingdan
