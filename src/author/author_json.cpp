// The JSON documents of the rule-author tools: diff and test (documented in rules/README.md).
#include <boost/json.hpp>

#include <qingdan/json.hpp>

#include "render/json_values.hpp"

namespace qingdan {

namespace json = boost::json;

namespace {

json::value role_value(const std::optional<Role>& role) {
  return role ? json::value(std::string(to_string(*role))) : json::value();
}

json::array entries_value(const std::vector<EntryRef>& entries) {
  json::array values;
  for (const EntryRef& entry : entries) values.push_back(detail::entry_value(entry));
  return values;
}

}  // namespace

std::string to_json(const RulebookDiff& diff) {
  json::array changes;
  json::object summary;
  for (const char* kind : {"newly forbidden", "no longer forbidden", "newly assisted",
                           "no longer assisted", "owner changed", "role changed"})
    summary[kind] = diff.count(kind);
  for (const RoleChange& change : diff.changes)
    changes.push_back(json::object{{"task", detail::task_value(change.task)},
                                   {"kind", change.kind()},
                                   {"before", role_value(change.before)},
                                   {"after", role_value(change.after)},
                                   {"owner_before", change.owner_before},
                                   {"owner_after", change.owner_after},
                                   {"entries_before", entries_value(change.entries_before)},
                                   {"entries_after", entries_value(change.entries_after)}});
  json::array differ_below;
  for (const TaskRef& task : diff.differ_below) differ_below.push_back(detail::task_value(task));
  json::object document{{"fingerprint", diff.fingerprint},
                        {"from", to_iso(diff.from)},
                        {"to", to_iso(diff.to)},
                        {"jurisdiction", diff.jurisdiction},
                        {"level", diff.level},
                        {"mode", diff.mode},
                        {"changes", std::move(changes)},
                        {"summary", std::move(summary)},
                        {"differ_below", std::move(differ_below)},
                        {"approvals_granted", json::value_from(diff.approvals_granted)},
                        {"approvals_lapsed", json::value_from(diff.approvals_lapsed)}};
  return detail::json_document(std::move(document));
}

std::string to_json(const RuleTestRun& run, Language language) {
  json::array cases;
  for (const CaseResult& result : run.cases) {
    json::array differences;
    for (const Phrase& difference : result.differences)
      differences.emplace_back(difference.in(language));
    cases.push_back(json::object{{"name", result.name},
                                 {"file", result.file},
                                 {"line", result.line},
                                 {"passed", result.passed},
                                 {"differences", std::move(differences)}});
  }
  json::object document{{"fingerprint", run.fingerprint},
                        {"language", to_string(language)},
                        {"cases", std::move(cases)},
                        {"passed", run.cases.size() - run.failed()},
                        {"failed", run.failed()},
                        {"covered", run.covered},
                        {"total", run.total},
                        {"coverage", run.coverage()},
                        {"uncovered", entries_value(run.uncovered)}};
  return detail::json_document(std::move(document));
}

}  // namespace qingdan
