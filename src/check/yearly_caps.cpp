#include "check/yearly_caps.hpp"

#include <algorithm>
#include <string>

#include <qingdan/detail/model_phrases.hpp>
#include <qingdan/detail/phrases.hpp>
#include "check/occurrences.hpp"

namespace qingdan::detail {

namespace {

constexpr Message type_names[] = {
    Message::type_task,    Message::type_form, Message::type_report, Message::type_inspection,
    Message::type_meeting, Message::type_app,  Message::type_sign,   Message::type_campaign};
static_assert(std::size(type_names) == item_type_count);

// Counts that differ by less are the same: a quarterly item over a whole year is 4, not 3.9999.
constexpr double rounding = 1e-9;

}  // namespace

double times_in_year(const Directive& directive, const DirectiveItem& item, int year) {
  double times = 0;
  for (int month = year * 12; month < year * 12 + 12; ++month)
    times += occurrences_in_month(directive, item, month);
  return times;
}

void find_caps_exceeded(const Model& model, int year, const std::vector<YearlyItems>& directives,
                        const std::vector<AddedPlace>& added, std::vector<Finding>& findings) {
  const JurisdictionTree& tree = model.jurisdictions;
  const std::uint32_t lowest = static_cast<std::uint32_t>(model.levels.size() - 1);
  std::vector<bool> has_child(tree.size(), false);
  for (std::uint32_t node = 1; node < tree.size(); ++node) has_child[tree.node(node).parent] = true;
  for (const AddedPlace& place : added) has_child[place.parent] = true;
  for (const Cap& cap : model.caps) {
    // The times each directive gives, added up at its jurisdiction.
    std::vector<double> checked(tree.size(), 0), ledger(tree.size(), 0);
    const YearlyItem* first_checked = nullptr;
    for (const YearlyItems& directive : directives)
      for (const YearlyItem& item : directive.items) {
        if (item.level != cap.level || item.type != cap.type) continue;
        (directive.ledger ? ledger : checked)[directive.jurisdiction] += item.times;
        if (!directive.ledger && first_checked == nullptr) first_checked = &item;
      }
    if (first_checked == nullptr) continue;  // the ledger's own excess is not reported again
    struct Over {
      std::string_view path;
      double checked, ledger;
    };
    std::vector<Over> over;
    // What the places at `node` and above it give a place that hangs from `node`.
    auto sum_from = [&](std::uint32_t node, std::string_view path) {
      Over sum{path, 0, 0};
      for (std::uint32_t at = node; at != npos; at = tree.node(at).parent) {
        sum.checked += checked[at];
        sum.ledger += ledger[at];
      }
      if (sum.checked > 0 && sum.checked + sum.ledger > cap.per_year + rounding)
        over.push_back(sum);
    };
    for (std::uint32_t node = 0; node < tree.size(); ++node) {
      const JurisdictionTree::Node& place = tree.node(node);
      if (place.depth == cap.level || (place.depth < cap.level && !has_child[node]))
        sum_from(node, place.path);
    }
    if (cap.level == lowest)
      for (const AddedPlace& place : added) sum_from(place.parent, place.path);
    if (over.empty()) continue;
    const Over& worst = *std::max_element(
        over.begin(), over.end(),
        [](const Over& a, const Over& b) { return a.checked + a.ledger < b.checked + b.ledger; });
    Phrase message(Message::finding_cap_exceeded,
                   {{"type", Phrase(type_names[static_cast<std::size_t>(cap.type)], {})},
                    {"who", level_phrase(model, cap.level)},
                    {"count", number_text(worst.checked + worst.ledger)},
                    {"year", std::to_string(year)},
                    {"place", place_phrase(worst.path)},
                    {"new", number_text(worst.checked)},
                    {"ledger", number_text(worst.ledger)},
                    {"cap", std::to_string(cap.per_year)},
                    {"more", over.size() > 1 ? Phrase(Message::more_places_over_cap,
                                                      {{"count", std::to_string(over.size())}})
                                             : Phrase()}});
    findings.push_back(Finding{FindingCode::cap_exceeded,
                               severity_of(FindingCode::cap_exceeded),
                               first_checked->item,
                               {},
                               std::nullopt,
                               {},
                               {},
                               std::nullopt,
                               std::move(message)});
  }
}

}  // namespace qingdan::detail
