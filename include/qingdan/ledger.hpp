#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include <qingdan/directive.hpp>

namespace qingdan {

// What the directives of a ledger put on villages in one year (docs/format.md §8.8).
struct BurdenFigures {
  std::array<double, 12> hours_per_month{};  // January to December
  double hours = 0;                          // over the year
  // Occurrences over the year: forms filled in (items with a `form`, or of type form) and the
  // fields they collect; and items of each type.
  double forms = 0;
  double fields = 0;
  double reports = 0;
  double inspections = 0;
  double meetings = 0;
  double apps = 0;
  double signs = 0;
  double campaigns = 0;
  std::size_t directives = 0;  // directives with an item that reached it in the year
};

// The measures of BurdenFigures by name, in the order reports show them.
inline constexpr std::array<std::string_view, 9> burden_measures{
    "hours", "forms", "fields", "reports", "inspections", "meetings", "apps", "signs", "campaigns"};

inline double measure_of(const BurdenFigures& figures, std::string_view measure) {
  if (measure == "hours") return figures.hours;
  if (measure == "forms") return figures.forms;
  if (measure == "fields") return figures.fields;
  if (measure == "reports") return figures.reports;
  if (measure == "inspections") return figures.inspections;
  if (measure == "meetings") return figures.meetings;
  if (measure == "apps") return figures.apps;
  if (measure == "signs") return figures.signs;
  return figures.campaigns;
}

// One village, or one issuing department (over all the villages it reached).
struct LedgerRow {
  std::string name;  // the village's path, or the department (empty: the directive names none)
  BurdenFigures year;
  BurdenFigures previous;  // the year before
  // The measures that grew on the year before (只减不增: burdens may only shrink).
  std::vector<std::string> grew;
};

struct LedgerReport {
  int year = 0;
  // The ledger's directives with an item that reached a village in the year, and the year before.
  std::size_t directives = 0;
  std::size_t previous_directives = 0;
  std::vector<LedgerRow> villages;     // in the order of the jurisdiction tree
  std::vector<LedgerRow> departments;  // by name
  LedgerRow total;                     // every village together
  std::string fingerprint;
};

}  // namespace qingdan
