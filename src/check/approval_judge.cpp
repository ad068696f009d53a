// docs/format.md §8.6: an item's 准入 — the approval it cites (QD015), and what a mode of
// emergency asks instead of prior approval: 事后补报 by a deadline.
#include <string>
#include <vector>

#include <qingdan/detail/model_phrases.hpp>
#include <qingdan/detail/phrases.hpp>
#include <qingdan/detail/spelling.hpp>
#include "check/item_judge.hpp"
#include "check/occurrences.hpp"

namespace qingdan::detail {

// Every condition of the cited approval the item fails is one QD015 error; an item that cites
// none but says `approved: true` is one QD015 warning. True when a cited approval covers it.
bool ItemJudge::judge_approval(const Judged& judged) {
  const DirectiveItem& item = judged.item;
  auto report = [&](Severity severity, Phrase message) {
    sink_->push_back(Finding{FindingCode::approval_invalid,
                             severity,
                             judged.ref,
                             {},
                             judged.decision.task,
                             {},
                             {},
                             std::nullopt,
                             std::move(message)});
  };
  if (item.approval.empty()) {
    if (item.self_approved) report(Severity::warning, Phrase(Message::finding_self_approved, {}));
    return false;
  }
  auto found = model_.approval_by_id.find(item.approval);
  if (found == model_.approval_by_id.end()) {
    std::vector<std::string_view> ids;
    for (const ApprovalRecord& approval : model_.approvals) ids.push_back(approval.id);
    const std::optional<std::string> guess = did_you_mean(item.approval, ids);
    report(
        Severity::error,
        Phrase(Message::finding_approval_unknown,
               {{"id", item.approval},
                {"hint", guess ? Phrase(Message::did_you_mean, {{"guess", *guess}}) : Phrase()}}));
    return false;
  }
  const ApprovalRecord& approval = model_.approvals[found->second];
  const Date issued = context_.directive.issued;
  // An approval of an illustrative register is marked wherever it is named, as an entry is.
  illustrative_ = illustrative_ || approval.illustrative;
  const Phrase id =
      approval.illustrative
          ? Phrase(Message::concatenated,
                   {{"first", approval.id}, {"second", Phrase(Message::illustrative_mark, {})}})
          : verbatim(approval.id);
  const std::size_t before = sink_->size();
  if (issued < approval.from)
    report(Severity::error,
           Phrase(Message::finding_approval_not_yet,
                  {{"id", id}, {"from", to_iso(approval.from)}, {"issued", to_iso(issued)}}));
  else if (approval.until && *approval.until < issued)
    report(Severity::error,
           Phrase(Message::finding_approval_expired,
                  {{"id", id}, {"until", to_iso(*approval.until)}, {"issued", to_iso(issued)}}));
  const std::uint32_t task =
      judged.decision.task ? model_.task_by_id.find(judged.decision.task->id)->second : npos;
  const bool covers_task =
      task != npos && (approval.task == task || (approval.category != npos &&
                                                 model_.tasks[task].category == approval.category));
  if (!covers_task)
    report(Severity::error,
           Phrase(Message::finding_approval_other_task,
                  {{"id", id},
                   {"approved", approval.task != npos
                                    ? verbatim(model_.tasks[approval.task].id + " " +
                                               model_.tasks[approval.task].name)
                                    : Phrase(Message::subject_category,
                                             {{"name", model_.categories[approval.category]}})},
                   {"task", judged.task}}));
  if (!((approval.levels >> judged.level) & 1U))
    report(Severity::error, Phrase(Message::finding_approval_other_level,
                                   {{"id", id},
                                    {"levels", level_phrases(model_, approval.levels)},
                                    {"who", who(judged.level)}}));
  if (!model_.jurisdictions.encloses(approval.jurisdiction, context_.jurisdiction))
    report(Severity::error,
           Phrase(Message::finding_approval_other_place,
                  {{"id", id},
                   {"place", place_phrase(model_.jurisdictions.node(approval.jurisdiction).path)},
                   {"jurisdiction",
                    place_phrase(model_.jurisdictions.node(context_.jurisdiction).path)}}));
  if (approval.max_per_month && item.frequency.per_month > *approval.max_per_month)
    report(Severity::error, Phrase(Message::finding_approval_over_frequency,
                                   {{"id", id},
                                    {"limit", number_text(*approval.max_per_month)},
                                    {"times", number_text(item.frequency.per_month)},
                                    {"frequency", item.frequency.text}}));
  if (approval.funding && !item.funding)
    report(Severity::error, Phrase(Message::finding_approval_needs_funding, {{"id", id}}));
  return sink_->size() == before;
}

// What sending the item down without approval asks: approval before it goes, or in a mode of
// approval afterwards, a report by the mode's deadline.
Phrase ItemJudge::approval_needed(const Judged& judged) const {
  const ModeRules& rules = model_.mode_rules[context_.mode];
  if (!rules.approval_after)
    return Phrase(Message::needs_approval_before_sending, {{"who", who(judged.level)}});
  const Date deadline = days_after(context_.directive.issued, rules.report_within_days.value_or(0));
  return Phrase(Message::report_after_by,
                {{"mode", mode_phrase(model_, context_.mode)}, {"deadline", to_iso(deadline)}});
}

}  // namespace qingdan::detail
