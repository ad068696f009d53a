#pragma once

// JSON values shared by the documents of the owner query and of the directive check, and the
// one function that writes every document.
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include <boost/json.hpp>

#include <qingdan/detail/control_characters.hpp>

#include <qingdan/decision.hpp>

namespace qingdan::detail {

inline boost::json::value task_value(const TaskRef& task) {
  boost::json::array aliases;
  for (const std::string& alias : task.aliases) aliases.emplace_back(alias);
  return boost::json::object{
      {"id", task.id},
      {"name", task.name},
      {"category",
       task.category.empty() ? boost::json::value() : boost::json::value(task.category)},
      {"aliases", std::move(aliases)}};
}

// An owner as every document writes it: {level, department}, the department null where the list
// names none.
inline boost::json::object owner_value(std::string_view level, std::string_view department) {
  return boost::json::object{
      {"level", level},
      {"department", department.empty() ? boost::json::value() : boost::json::value(department)}};
}

// Confidences to three decimals: enough to rank by, and stable across platforms.
inline double rounded_confidence(double confidence) { return std::round(confidence * 1000) / 1000; }

inline boost::json::object candidate_value(const Candidate& candidate) {
  boost::json::array synonyms;
  for (const std::string& pair : candidate.synonyms) synonyms.emplace_back(pair);
  return boost::json::object{{"task", task_value(candidate.task)},
                             {"confidence", rounded_confidence(candidate.confidence)},
                             {"how", std::string(to_string(candidate.how))},
                             {"matched_text", std::string(to_string(candidate.matched_text))},
                             {"matched", candidate.matched},
                             {"synonyms", std::move(synonyms)}};
}

inline boost::json::array candidate_values(const std::vector<Candidate>& candidates) {
  boost::json::array values;
  for (const Candidate& candidate : candidates) values.push_back(candidate_value(candidate));
  return values;
}

// {text, status, task, confidence, candidates}: task and confidence are null unless the text
// was taken as a task (exact or read_as); an exact text has no other candidates to list.
inline boost::json::object reading_value(const Reading& reading) {
  const Candidate* task = reading.task();
  return boost::json::object{
      {"text", reading.text},
      {"status", std::string(to_string(reading.status))},
      {"task", task ? task_value(task->task) : boost::json::value()},
      {"confidence",
       task ? boost::json::value(rounded_confidence(task->confidence)) : boost::json::value()},
      {"candidates", reading.status == ReadingStatus::exact
                         ? boost::json::array()
                         : candidate_values(reading.candidates)}};
}

inline boost::json::object entry_value(const EntryRef& entry) {
  boost::json::array needs;
  if (entry.requires_funding) needs.emplace_back("funding");
  if (entry.requires_approval) needs.emplace_back("approval");
  return boost::json::object{
      {"list", std::string(to_string(entry.list))},
      {"id", entry.id},
      {"edition", entry.edition},
      {"jurisdiction", entry.jurisdiction},
      {"file", entry.file},
      {"line", entry.line},
      {"basis", entry.basis},
      {"illustrative", entry.illustrative},
      {"requires", std::move(needs)},
      {"max_per_month",
       entry.max_per_month ? boost::json::value(*entry.max_per_month) : boost::json::value()}};
}

// A decision as the owner query's JSON gives it, without the fingerprint
// (src/render/json_output.cpp).
boost::json::object decision_value(const Decision& decision, Language language);

// JSON has no NaN or infinity; a number that is not finite (no input can give one, so it would
// be a fault in the arithmetic) is written as null, so the text is always strict JSON. A whole
// number held as a double is written as an integer (`30`, not Boost.JSON's `3E1`), so that a
// reader that types the field as an integer (.NET's System.Text.Json, Go's int) takes it.
inline void settle_numbers(boost::json::value& value) {
  if (value.is_double()) {
    const double number = value.get_double();
    if (!std::isfinite(number))
      value = nullptr;
    else if (number == std::trunc(number) && std::fabs(number) <= 9007199254740992.0)
      value = static_cast<std::int64_t>(number);
  } else if (value.is_array()) {
    for (boost::json::value& item : value.get_array()) settle_numbers(item);
  } else if (value.is_object()) {
    for (auto& member : value.get_object()) settle_numbers(member.value());
  }
}

// The text of a document, with a final newline. Every JSON document qingdan writes goes through
// here.
// Boost.JSON escapes the C0 controls only; DEL and the C1 controls are written as \u00XX too,
// so that no control character reaches a terminal that prints the document.
inline std::string escape_remaining_controls(std::string json) {
  constexpr char hex[] = "0123456789abcdef";
  std::string escaped;
  std::size_t copied = 0;
  for_each_control(json, true, [&](std::size_t at, std::size_t bytes, char32_t point) {
    escaped.append(json, copied, at - copied);
    copied = at + bytes;
    escaped += "\\u00";
    escaped += hex[point >> 4];
    escaped += hex[point & 0xF];
  });
  if (copied == 0) return json;
  escaped.append(json, copied);
  return escaped;
}

inline std::string json_document(boost::json::value document) {
  settle_numbers(document);
  return escape_remaining_controls(boost::json::serialize(document)) + '\n';
}

}  // namespace qingdan::detail
