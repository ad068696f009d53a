// The JSON document of a directive check (documented in README.md).
#include <boost/json.hpp>

#include <qingdan/json.hpp>

#include "render/json_values.hpp"

namespace qingdan {

namespace json = boost::json;

namespace {

json::object item_value(const ItemRef& item) {
  return json::object{{"directive", item.directive}, {"item", item.index},
                      {"task", item.task},           {"file", item.position.file},
                      {"line", item.position.line},  {"column", item.position.column},
                      {"ledger", item.ledger}};
}

json::object village_value(const VillageLoad& village) {
  return json::object{{"jurisdiction", village.jurisdiction},
                      {"capacity", village.capacity},
                      {"baseline", village.baseline},
                      {"added", village.added},
                      {"utilisation", village.utilisation},
                      {"file", village.position.file},
                      {"line", village.position.line},
                      {"extra", village.extra},
                      {"ledger", village.ledger}};
}

json::object form_value(const FormRef& form) {
  json::object value = item_value(form.item);
  value["form"] = form.name;
  value["same_name"] = form.same_name;
  value["shared"] = form.shared;
  value["together"] = form.together;
  value["jaccard"] = form.jaccard;
  return value;
}

json::object finding_value(const Finding& finding, Language language) {
  json::array entries, suggestions, forms;
  for (const EntryRef& entry : finding.entries) entries.push_back(detail::entry_value(entry));
  for (const TaskRef& task : finding.suggestions) suggestions.push_back(detail::task_value(task));
  for (const FormRef& form : finding.forms) forms.push_back(form_value(form));
  return json::object{
      {"code", code_of(finding.code)},
      {"name", name_of(finding.code)},
      {"severity", to_string(finding.severity)},
      {"item", finding.item ? json::value(item_value(*finding.item)) : json::value()},
      {"forms", std::move(forms)},
      {"task", finding.task ? detail::task_value(*finding.task) : json::value()},
      {"entries", std::move(entries)},
      {"suggestions", std::move(suggestions)},
      {"village", finding.village ? json::value(village_value(*finding.village)) : json::value()},
      {"message", finding.message.in(language)}};
}

}  // namespace

std::string to_json(const Report& report, Language language) {
  json::array directives, ledger, findings, items, most_loaded, histogram;
  auto summary = [](const DirectiveSummary& directive) {
    return json::object{
        {"id", directive.id},
        {"title", directive.title},
        {"file", directive.file},
        {"issued", to_iso(directive.issued)},
        {"until", directive.until ? json::value(to_iso(*directive.until)) : json::value()},
        {"jurisdiction", directive.jurisdiction},
        {"mode", directive.mode},
        {"mode_name", directive.mode_name},
        {"items", directive.items}};
  };
  for (const DirectiveSummary& directive : report.directives)
    directives.push_back(summary(directive));
  for (const DirectiveSummary& directive : report.ledger) ledger.push_back(summary(directive));
  for (const Finding& finding : report.findings)
    findings.push_back(finding_value(finding, language));
  for (const ItemLoad& load : report.items) {
    json::object value = item_value(load.item);
    value["reading"] = detail::reading_value(load.reading);
    value["to"] = load.to;
    value["per"] = to_string(load.per);
    value["per_month"] = load.per_month;
    value["effort_hours"] = load.effort_hours;
    value["villages"] = load.villages;
    value["total_hours"] = load.total_hours;
    items.push_back(std::move(value));
  }
  const VillageSummary& villages = report.villages;
  for (std::size_t i = 0; i < villages.most_loaded.size(); ++i) {
    json::object value = village_value(villages.most_loaded[i]);
    json::array shares;
    for (const ItemShare& share : villages.top_items[i]) {
      json::object item = item_value(share.item);
      item["hours"] = share.hours;
      shares.push_back(std::move(item));
    }
    value["top_items"] = std::move(shares);
    most_loaded.push_back(std::move(value));
  }
  for (std::size_t count : villages.histogram) histogram.emplace_back(count);
  json::array extra_modes;
  for (const Mode& mode : villages.extra_capacity_modes) extra_modes.emplace_back(mode.id);
  json::object document{
      {"fingerprint", report.fingerprint},
      {"language", to_string(language)},
      {"verdict", to_string(report.verdict)},
      {"month", month_text(report.month)},
      {"errors", report.count(Severity::error)},
      {"warnings", report.count(Severity::warning)},
      {"illustrative", report.illustrative()},
      {"directives", std::move(directives)},
      {"ledger", std::move(ledger)},
      {"findings", std::move(findings)},
      {"items", std::move(items)},
      {"villages", json::object{{"profiles_given", villages.profiles_given},
                                {"checked", villages.checked},
                                {"overloaded", villages.overloaded},
                                {"near_capacity", villages.near_capacity},
                                {"warn_at", villages.warn_at},
                                {"with_extra_capacity", villages.with_extra_capacity},
                                {"extra_capacity_modes", extra_modes},
                                {"histogram", std::move(histogram)},
                                {"most_loaded", std::move(most_loaded)}}}};
  return detail::json_document(std::move(document));
}

}  // namespace qingdan
