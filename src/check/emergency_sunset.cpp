// docs/format.md §8.6: what a mode of emergency orders must end (QD017).
#include <string>
#include <vector>

#include <qingdan/detail/model_phrases.hpp>
#include "check/item_judge.hpp"
#include "check/occurrences.hpp"

namespace qingdan::detail {

void judge_sunset(const Model& model, const DirectiveContext& context,
                  std::vector<Finding>& findings) {
  const ModeRules& rules = model.mode_rules[context.mode];
  const Directive& directive = context.directive;
  if (!rules.sunset_days) return;
  const Date deadline = days_after(directive.issued, *rules.sunset_days);
  if (directive.until && *directive.until <= deadline) return;
  std::vector<std::string> recurring;
  std::size_t first = 0;
  for (std::size_t i = 0; i < directive.items.size(); ++i)
    if (!is_once(directive.items[i].frequency)) {
      if (recurring.empty()) first = i;
      recurring.push_back(std::to_string(i + 1));
    }
  if (recurring.empty()) return;
  const DirectiveItem& item = directive.items[first];
  Phrase items(Message::items_numbered, {{"items", verbatim_list(recurring)}});
  Phrase message =
      directive.until
          ? Phrase(Message::finding_no_sunset_late, {{"mode", mode_phrase(model, context.mode)},
                                                     {"days", std::to_string(*rules.sunset_days)},
                                                     {"deadline", to_iso(deadline)},
                                                     {"until", to_iso(*directive.until)},
                                                     {"items", std::move(items)}})
          : Phrase(Message::finding_no_sunset_open, {{"mode", mode_phrase(model, context.mode)},
                                                     {"days", std::to_string(*rules.sunset_days)},
                                                     {"deadline", to_iso(deadline)},
                                                     {"items", std::move(items)}});
  findings.push_back(Finding{FindingCode::no_sunset,
                             severity_of(FindingCode::no_sunset),
                             ItemRef{directive.id, first + 1, item.task, item.position},
                             {},
                             std::nullopt,
                             {},
                             {},
                             std::nullopt,
                             std::move(message)});
}

}  // namespace qingdan::detail
