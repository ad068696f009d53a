// Rulebook::ledger: what the directives already sent down put on each village in a year, and on
// the villages of each issuing department, beside the year before (docs/format.md §8.8).
#include <algorithm>
#include <cmath>
#include <map>

#include <qingdan/rulebook.hpp>
#include "answer/internals.hpp"
#include "check/item_level.hpp"
#include "check/occurrences.hpp"
#include "check/village_load.hpp"

namespace qingdan {

namespace {

using detail::Model;

void add_occurrences(BurdenFigures& figures, const DirectiveItem& item, double times) {
  if (item.form || item.type == ItemType::form) {
    figures.forms += times;
    if (item.form) figures.fields += times * static_cast<double>(item.form->fields.size());
  }
  switch (item.type) {
    case ItemType::report: figures.reports += times; break;
    case ItemType::inspection: figures.inspections += times; break;
    case ItemType::meeting: figures.meetings += times; break;
    case ItemType::app: figures.apps += times; break;
    case ItemType::sign: figures.signs += times; break;
    case ItemType::campaign: figures.campaigns += times; break;
    case ItemType::task:
    case ItemType::form: break;
  }
}

void add(BurdenFigures& into, const BurdenFigures& figures) {
  for (std::size_t m = 0; m < 12; ++m) into.hours_per_month[m] += figures.hours_per_month[m];
  into.hours += figures.hours;
  into.forms += figures.forms;
  into.fields += figures.fields;
  into.reports += figures.reports;
  into.inspections += figures.inspections;
  into.meetings += figures.meetings;
  into.apps += figures.apps;
  into.signs += figures.signs;
  into.campaigns += figures.campaigns;
  into.directives += figures.directives;
}

// The office a directive comes from: its issuer's department, else its level as the rulebook names
// it (街镇), else nothing.
std::string department_of(const Model& model, const Directive& directive) {
  if (!directive.issuer) return {};
  if (!directive.issuer->department.empty()) return directive.issuer->department;
  auto level = model.level_index(directive.issuer->level);
  if (level && !model.levels[*level].name.empty()) return model.levels[*level].name;
  return directive.issuer->level;
}

// Sums of thirds and twelfths are kept to a millionth, so that 1400 fields are not 1399.9999….
void round_figures(BurdenFigures& figures) {
  auto round = [](double& value) { value = std::round(value * 1e6) / 1e6; };
  for (double& hours : figures.hours_per_month) round(hours);
  for (double* value :
       {&figures.hours, &figures.forms, &figures.fields, &figures.reports, &figures.inspections,
        &figures.meetings, &figures.apps, &figures.signs, &figures.campaigns})
    round(*value);
}

void mark_growth(LedgerRow& row) {
  round_figures(row.year);
  round_figures(row.previous);
  constexpr double rounding = 1e-9;
  for (std::string_view measure : burden_measures)
    if (measure_of(row.year, measure) > measure_of(row.previous, measure) + rounding)
      row.grew.emplace_back(measure);
}

}  // namespace

LedgerReport Rulebook::ledger(std::span<const Directive> directives, const Villages& villages,
                              int year) const {
  const Model& model = *model_;
  const std::uint32_t lowest = static_cast<std::uint32_t>(model.levels.size() - 1);
  LedgerReport report;
  report.year = year;
  report.fingerprint = model.fingerprint;
  detail::require_distinct_ids(directives);
  auto placed = detail::placed_villages(model, villages);
  const std::size_t count = placed->profile.size();
  // Each village's figures in the year (0) and the year before (1).
  std::vector<std::array<BurdenFigures, 2>> by_village(count);
  std::map<std::string, std::array<BurdenFigures, 2>> by_department;
  std::map<std::string, std::array<std::size_t, 2>> directives_of_department;
  const int first_month[2] = {year * 12, (year - 1) * 12};
  for (const Directive& directive : directives) {
    const std::uint32_t jurisdiction = detail::directive_jurisdiction(model, directive);
    detail::directive_mode(model, directive);  // an unknown mode is as wrong here as in a check
    const std::string department = department_of(model, directive);
    auto [first, last] = placed->range_under(jurisdiction);
    // What the directive gives one village each month of the two years: its counts, and its
    // hours per village, per household and per person, so each village costs 24 products.
    BurdenFigures counts[2];
    std::array<std::array<std::array<double, 3>, 12>, 2> hours_per_unit{};
    bool in_year[2] = {false, false};
    for (const DirectiveItem& item : directive.items) {
      if (detail::item_level(model, item) != lowest) continue;
      for (int y = 0; y < 2; ++y)
        for (int m = 0; m < 12; ++m) {
          const double times = detail::occurrences_in_month(directive, item, first_month[y] + m);
          if (times <= 0) continue;
          hours_per_unit[y][m][static_cast<std::size_t>(item.per)] += times * item.effort_hours;
          add_occurrences(counts[y], item, times);
          in_year[y] = true;
        }
    }
    for (std::size_t v = first; v < last; ++v) {
      const double units[3] = {1, placed->households[v], placed->population[v]};
      for (int y = 0; y < 2; ++y) {
        if (!in_year[y]) continue;
        BurdenFigures reached = counts[y];
        for (int m = 0; m < 12; ++m)
          for (std::size_t unit = 0; unit < 3; ++unit) {
            const double per_unit = hours_per_unit[y][m][unit];
            if (per_unit <= 0) continue;
            if (std::isnan(units[unit]))
              throw detail::village_error(
                  villages.profiles()[placed->profile[v]], detail::Code::village_missing_units,
                  Phrase(detail::Message::ledger_village_missing_units,
                         {{"directive", directive.id},
                          {"unit", to_string(static_cast<EffortUnit>(unit))},
                          {"village", placed->path[v]}}));
            reached.hours_per_month[static_cast<std::size_t>(m)] += per_unit * units[unit];
            reached.hours += per_unit * units[unit];
          }
        reached.directives = 1;
        add(by_village[v][y], reached);
        add(by_department[department][y], reached);
      }
    }
    if (first == last) in_year[0] = in_year[1] = false;  // it reached no village
    report.directives += in_year[0];
    report.previous_directives += in_year[1];
    for (int y = 0; y < 2; ++y) directives_of_department[department][y] += in_year[y];
  }
  for (std::size_t v = 0; v < count; ++v) {
    LedgerRow row{placed->path[v], by_village[v][0], by_village[v][1], {}};
    mark_growth(row);
    add(report.total.year, row.year);
    add(report.total.previous, row.previous);
    report.villages.push_back(std::move(row));
  }
  report.total.year.directives = report.directives;
  report.total.previous.directives = report.previous_directives;
  mark_growth(report.total);
  for (auto& [department, figures] : by_department) {
    LedgerRow row{department, figures[0], figures[1], {}};
    row.year.directives = directives_of_department[department][0];
    row.previous.directives = directives_of_department[department][1];
    mark_growth(row);
    report.departments.push_back(std::move(row));
  }
  return report;
}

}  // namespace qingdan
