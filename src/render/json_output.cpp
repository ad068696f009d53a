#include <qingdan/json.hpp>

#include <boost/json.hpp>

#include "render/json_values.hpp"

namespace qingdan {

namespace json = boost::json;

namespace {

using detail::entry_value;
using detail::task_value;

std::string_view verdict_key(EntryOutcome verdict) {
  constexpr std::string_view keys[] = {"applied",
                                       "wrong_mode",
                                       "not_yet_in_force",
                                       "expired",
                                       "replaced",
                                       "overridden_by_jurisdiction",
                                       "overridden_by_task_entry",
                                       "other_kind",
                                       "for_kinds_below"};
  return keys[static_cast<std::size_t>(verdict)];
}

json::array place_kind_ids(const Decision& decision) {
  json::array ids;
  for (const Level& kind : decision.place_kinds) ids.emplace_back(kind.id);
  return ids;
}

}  // namespace

namespace detail {

json::object decision_value(const Decision& decision, Language language) {
  json::object roles;
  for (const auto& [level, role] : decision.roles) roles[level] = std::string(to_string(role));
  json::array entries, considered, conflicts, suggestions;
  for (const EntryRef& entry : decision.entries) entries.push_back(entry_value(entry));
  for (const Consideration& item : decision.considered) {
    json::object value = entry_value(item.entry);
    value["verdict"] = verdict_key(item.outcome);
    value["effect"] = item.effect.in(language);
    value["reason"] = item.reason.in(language);
    considered.push_back(std::move(value));
  }
  for (const Phrase& conflict : decision.conflicts) conflicts.emplace_back(conflict.in(language));
  for (const TaskRef& task : decision.suggestions) suggestions.push_back(task_value(task));
  json::value owner;
  if (decision.owner)
    owner = detail::owner_value(decision.owner->level, decision.owner->department);
  return json::object{{"query", decision.query},
                      {"at", to_iso(decision.at)},
                      {"jurisdiction", decision.jurisdiction},
                      {"place_kinds", place_kind_ids(decision)},
                      {"mode", decision.mode},
                      {"status", std::string(to_string(decision.status))},
                      {"task", decision.task ? task_value(*decision.task) : json::value()},
                      {"owner", std::move(owner)},
                      {"roles", std::move(roles)},
                      {"entries", std::move(entries)},
                      {"illustrative", decision.illustrative()},
                      {"differs_below", decision.differs_below()},
                      {"conflicts", std::move(conflicts)},
                      {"suggestions", std::move(suggestions)},
                      {"candidates", detail::candidate_values(decision.candidates)},
                      {"considered", std::move(considered)}};
}

}  // namespace detail

namespace {

using detail::decision_value;

std::string document(json::object body, std::string_view fingerprint) {
  json::object wrapped{{"fingerprint", fingerprint}};
  for (auto& member : body) wrapped[member.key()] = std::move(member.value());
  return detail::json_document(std::move(wrapped));
}

}  // namespace

std::string to_json(const Decision& decision, std::string_view fingerprint, Language language,
                    bool explanation) {
  json::object value = decision_value(decision, language);
  if (explanation) {
    json::array lines;
    for (const std::string& line : decision.explain(language)) lines.emplace_back(line);
    value["explanation"] = std::move(lines);
  }
  return document(std::move(value), fingerprint);
}

std::string to_json(const std::vector<Decision>& decisions, std::string_view fingerprint,
                    Language language) {
  json::array values;
  for (const Decision& decision : decisions) values.push_back(decision_value(decision, language));
  return document(json::object{{"decisions", std::move(values)}}, fingerprint);
}

std::string to_json(const std::vector<Reading>& readings, std::string_view fingerprint) {
  json::array values;
  for (const Reading& reading : readings) values.push_back(detail::reading_value(reading));
  return document(json::object{{"readings", std::move(values)}}, fingerprint);
}

std::string to_json(const LintReport& report, Language language) {
  json::array diagnostics;
  for (const Diagnostic& diagnostic : report.diagnostics)
    diagnostics.push_back(json::object{{"file", diagnostic.file},
                                       {"line", diagnostic.line},
                                       {"column", diagnostic.column},
                                       {"severity", to_string(diagnostic.severity)},
                                       {"code", diagnostic.code},
                                       {"message", diagnostic.message_in(language)}});
  return document(json::object{{"errors", report.count(Severity::error)},
                               {"warnings", report.count(Severity::warning)},
                               {"diagnostics", std::move(diagnostics)}},
                  report.fingerprint);
}

std::string to_json(const std::vector<Approval>& approvals, Date at, std::string_view fingerprint) {
  json::array values;
  for (const Approval& approval : approvals) {
    json::array levels;
    for (const std::string& level : approval.levels) levels.emplace_back(level);
    values.push_back(json::object{
        {"id", approval.id},
        {"task", approval.task ? task_value(*approval.task) : json::value()},
        {"category", approval.category.empty() ? json::value() : json::value(approval.category)},
        {"jurisdiction", approval.jurisdiction},
        {"levels", std::move(levels)},
        {"from", to_iso(approval.from)},
        {"until", approval.until ? json::value(to_iso(*approval.until)) : json::value()},
        {"max_per_month",
         approval.max_per_month ? json::value(*approval.max_per_month) : json::value()},
        {"funding", approval.funding},
        {"issuer", approval.issuer},
        {"note", approval.note},
        {"illustrative", approval.illustrative},
        {"in_force", approval.in_force(at)},
        {"file", approval.file},
        {"line", approval.line}});
  }
  return document(json::object{{"at", to_iso(at)}, {"approvals", std::move(values)}}, fingerprint);
}

std::string to_json(const std::vector<TaskRef>& tasks, std::string_view fingerprint) {
  json::array values;
  for (const TaskRef& task : tasks) values.push_back(task_value(task));
  return document(json::object{{"tasks", std::move(values)}}, fingerprint);
}

}  // namespace qingdan
