#include "serve/replay.hpp"

#include <boost/json.hpp>

#include "serve/decision_log.hpp"

namespace qingdan::serve {

namespace json = boost::json;

namespace {

constexpr std::size_t longest_line = 1U << 20;

// The next line, at most `longest_line` bytes of it; false at the end. `whole` is false when
// the line was longer (the rest is skipped).
bool next_line(std::istream& in, std::string& line, bool& whole) {
  line.clear();
  whole = true;
  if (in.peek() == std::char_traits<char>::eof()) return false;
  for (int c; (c = in.get()) != std::char_traits<char>::eof() && c != '\n';) {
    if (line.size() < longest_line)
      line += static_cast<char>(c);
    else
      whole = false;
  }
  return true;
}

LoggedAnswer logged_answer(const json::object& line) {
  LoggedAnswer answer;
  if (const auto* status = line.if_contains("status"); status && status->is_string())
    answer.status = status->get_string();
  if (const auto* task = line.if_contains("task_id"); task && task->is_string())
    answer.task_id = task->get_string();
  if (const auto* owner = line.if_contains("owner"); owner && owner->is_object()) {
    Owner logged;
    if (const auto* level = owner->get_object().if_contains("level"); level && level->is_string())
      logged.level = level->get_string();
    if (const auto* department = owner->get_object().if_contains("department");
        department && department->is_string())
      logged.department = department->get_string();
    answer.owner = logged;
  }
  if (const auto* roles = line.if_contains("roles"); roles && roles->is_object())
    for (const auto& role : roles->get_object())
      if (role.value().is_string()) answer.roles[role.key()] = role.value().get_string();
  return answer;
}

LoggedAnswer answer_of(const Decision& decision) {
  LoggedAnswer answer;
  answer.status = to_string(decision.status);
  if (decision.task) answer.task_id = decision.task->id;
  answer.owner = decision.owner;
  for (const auto& [level, role] : decision.roles) answer.roles[level] = to_string(role);
  return answer;
}

// The text of a logged field, or nothing when it is absent, masked or hashed.
std::optional<std::string> question_field(const json::object& line, std::string_view name) {
  const json::value* value = line.if_contains(name);
  if (value == nullptr || !value->is_string()) return std::nullopt;
  std::string text(value->get_string());
  if (text.starts_with("sha256:")) return std::nullopt;
  return text;
}

// Whether `decision` answers as the line says: a field the log left out is not compared, a
// hashed one by its hash.
bool answers_as_logged(const json::object& line, const Decision& decision) {
  for (const auto& [field, value] : answer_fields(decision)) {
    const json::value* logged = line.if_contains(field);
    if (logged == nullptr) continue;
    if (*logged == value) continue;
    if (logged->is_string() && logged->get_string().starts_with("sha256:") &&
        logged->get_string() == logged_hash(value))
      continue;
    return false;
  }
  return true;
}

}  // namespace

ReplayResult replay_decisions(std::istream& log, const Rulebook& book) {
  ReplayResult result;
  std::string text;
  bool whole = true;
  for (std::size_t number = 1; next_line(log, text, whole); ++number) {
    if (text.empty()) continue;
    boost::system::error_code failure;
    const json::value value = whole ? json::parse(text, failure) : json::value();
    if (!whole || failure || !value.is_object() || !value.get_object().contains("fingerprint")) {
      result.unreadable.push_back(number);
      continue;
    }
    const json::object& line = value.get_object();
    const auto task = question_field(line, "task"), at = question_field(line, "at"),
               in = question_field(line, "in"), mode = question_field(line, "mode");
    if (!task || !at || !in || !mode) {
      ++result.masked;
      continue;
    }
    const auto date = parse_iso_date(*at);
    if (!date) {
      result.unreadable.push_back(number);
      continue;
    }
    ++result.decisions;
    ReplayChange change{number, *task, *at, *in, *mode, logged_answer(line), {}, {}};
    try {
      const Decision decision = book.owner(*task, Query{*date, *in, *mode});
      change.after = answer_of(decision);
      if (answers_as_logged(line, decision)) {
        ++result.unchanged;
        continue;
      }
    } catch (const Error& error) {
      change.error = error.diagnostic().message_in(book.language());
    }
    result.changes.push_back(std::move(change));
  }
  return result;
}

}  // namespace qingdan::serve
