// Rulebook::diff: what an edition change did to a level's roles (docs/format.md §6.7).
#include <qingdan/rulebook.hpp>

#include <qingdan/detail/model.hpp>
#include <qingdan/detail/owner_engine.hpp>

namespace qingdan {

std::string RoleChange::kind() const {
  if (after == Role::forbidden && before != Role::forbidden) return "newly forbidden";
  if (before == Role::forbidden && after != Role::forbidden) return "no longer forbidden";
  if (after == Role::assists && before != Role::assists) return "newly assisted";
  if (before == Role::assists && after != Role::assists) return "no longer assisted";
  if (owner_before != owner_after && before == after) return "owner changed";
  return "role changed";
}

RulebookDiff Rulebook::diff(Date from, Date to, const DiffOptions& options) const {
  RulebookDiff result;
  result.from = from;
  result.to = to;
  result.fingerprint = fingerprint();
  result.jurisdiction = jurisdiction_path(options.jurisdiction);
  result.mode = model_->modes[detail::resolve_mode(*model_, options.mode)].id;
  result.level = options.level.empty()
                     ? model_->levels.back().id
                     : model_->levels[detail::resolve_level(*model_, options.level)].id;
  auto role_of = [&](const Decision& decision) -> std::optional<Role> {
    auto found = decision.roles.find(result.level);
    if (found == decision.roles.end()) return std::nullopt;
    return found->second;
  };
  for (const detail::TaskRecord& task : model_->tasks) {
    Decision before = owner(task.id, Query{from, result.jurisdiction, result.mode});
    Decision after = owner(task.id, Query{to, result.jurisdiction, result.mode});
    RoleChange change{*before.task,
                      role_of(before),
                      role_of(after),
                      before.owner ? before.owner->level : "",
                      after.owner ? after.owner->level : "",
                      before.entries,
                      after.entries};
    if (before.differs_below() || after.differs_below()) result.differ_below.push_back(change.task);
    if (change.before != change.after || change.owner_before != change.owner_after)
      result.changes.push_back(std::move(change));
  }
  // Approvals for the level that hold at the jurisdiction or below it, in force on one date only.
  const std::uint32_t place = detail::resolve_jurisdiction(*model_, result.jurisdiction);
  const std::uint32_t level = *model_->level_index(result.level);
  for (const detail::ApprovalRecord& approval : model_->approvals) {
    const detail::JurisdictionTree& tree = model_->jurisdictions;
    if (!((approval.levels >> level) & 1U) || !(tree.encloses(approval.jurisdiction, place) ||
                                                tree.encloses(place, approval.jurisdiction)))
      continue;
    if (approval.in_force(to) && !approval.in_force(from))
      result.approvals_granted.push_back(approval.id);
    if (approval.in_force(from) && !approval.in_force(to))
      result.approvals_lapsed.push_back(approval.id);
  }
  return result;
}

}  // namespace qingdan
