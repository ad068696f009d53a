#include <qingdan/answer.hpp>

#include <qingdan/detail/model.hpp>
#include <qingdan/detail/role_assignment.hpp>

namespace qingdan {

std::string_view Answer::task_id() const {
  return known() ? std::string_view(model_->tasks[task_].id) : "";
}

std::string_view Answer::task_name() const {
  return known() ? std::string_view(model_->tasks[task_].name) : "";
}

std::string_view Answer::owner_level() const {
  return has_owner() ? std::string_view(model_->levels[owner_level_].id) : "";
}

std::optional<Role> Answer::role_at(std::size_t level) const {
  return level < detail::max_levels ? detail::role_in(roles_, static_cast<std::uint32_t>(level))
                                    : std::nullopt;
}

std::optional<Role> Answer::role(std::string_view level) const {
  auto index = model_ == nullptr ? std::nullopt : model_->level_index(level);
  return index ? role_at(*index) : std::nullopt;
}

RoleMap Answer::roles() const {
  RoleMap map;
  if (model_ == nullptr) return map;
  for (std::uint32_t level = 0; level < model_->levels.size(); ++level)
    if (auto held = role_at(level)) map.add(model_->levels[level].id, *held);
  return map;
}

}  // namespace qingdan
