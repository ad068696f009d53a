#pragma once

// How often an item occurs in a month (docs/format.md §8.3, §8.7, §9.4): the one count the load,
// the caps and the year's ledger all use.
#include <chrono>

#include <qingdan/date.hpp>
#include <qingdan/directive.hpp>

namespace qingdan::detail {

// Months numbered from year 0, so that months compare and count by subtraction.
inline int month_number(std::chrono::year_month month) {
  return static_cast<int>(month.year()) * 12 + static_cast<int>(unsigned{month.month()}) - 1;
}
inline int month_number(Date date) { return month_number(date.year() / date.month()); }

// The day `days` after `date`.
inline Date days_after(Date date, std::uint32_t days) {
  return Date{std::chrono::sys_days{date} + std::chrono::days{days}};
}

// From the month its directive is issued to the month it ends: a one-off once, in the first; a
// recurring item its times a month.
inline double occurrences_in_month(const Directive& directive, const DirectiveItem& item,
                                   int month) {
  const int issued = month_number(directive.issued);
  if (month < issued || (directive.until && month > month_number(*directive.until))) return 0;
  if (is_once(item.frequency)) return month == issued ? 1 : 0;
  return item.frequency.per_month;
}

}  // namespace qingdan::detail
