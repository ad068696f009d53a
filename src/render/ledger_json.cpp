// The year's ledger as JSON (documented in README.md).
#include <boost/json.hpp>

#include <qingdan/json.hpp>

#include "render/json_values.hpp"

namespace qingdan {

namespace json = boost::json;

namespace {

json::object figures_value(const BurdenFigures& figures) {
  json::array months;
  for (double hours : figures.hours_per_month) months.emplace_back(hours);
  json::object value{{"hours_per_month", std::move(months)}, {"directives", figures.directives}};
  for (std::string_view measure : burden_measures) value[measure] = measure_of(figures, measure);
  return value;
}

json::object row_value(const LedgerRow& row) {
  json::array grew;
  for (const std::string& measure : row.grew) grew.emplace_back(measure);
  return json::object{{"name", row.name},
                      {"year", figures_value(row.year)},
                      {"previous", figures_value(row.previous)},
                      {"grew", std::move(grew)}};
}

}  // namespace

std::string to_json(const LedgerReport& ledger) {
  json::array villages, departments;
  for (const LedgerRow& row : ledger.villages) villages.push_back(row_value(row));
  for (const LedgerRow& row : ledger.departments) departments.push_back(row_value(row));
  return detail::json_document(json::object{{"fingerprint", ledger.fingerprint},
                                            {"year", ledger.year},
                                            {"directives", ledger.directives},
                                            {"previous_directives", ledger.previous_directives},
                                            {"total", row_value(ledger.total)},
                                            {"departments", std::move(departments)},
                                            {"villages", std::move(villages)}});
}

}  // namespace qingdan
