#include <fstream>
#include <iostream>
#include <string>

#include <boost/json.hpp>

#include <qingdan/rulebook.hpp>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "render/json_values.hpp"
#include "serve/replay.hpp"

namespace qingdan::cli {

namespace json = boost::json;

namespace {

json::value answer_value(const serve::LoggedAnswer& answer) {
  json::object roles;
  for (const auto& [level, role] : answer.roles) roles[level] = role;
  json::value owner;
  if (answer.owner)
    owner = json::object{{"level", answer.owner->level}, {"department", answer.owner->department}};
  return json::object{
      {"status", answer.status},
      {"task_id", answer.task_id.empty() ? json::value() : json::value(answer.task_id)},
      {"owner", std::move(owner)},
      {"roles", std::move(roles)}};
}

std::string owner_text(const serve::LoggedAnswer& answer) {
  if (!answer.owner) return "—";
  return answer.owner->department.empty()
             ? answer.owner->level
             : answer.owner->level + " (" + answer.owner->department + ')';
}

// "town owns → assists; village — → owns": the roles that differ.
std::string role_changes(const serve::LoggedAnswer& before, const serve::LoggedAnswer& after) {
  std::map<std::string, std::pair<std::string, std::string>> levels;
  for (const auto& [level, role] : before.roles) levels[level].first = role;
  for (const auto& [level, role] : after.roles) levels[level].second = role;
  std::string text;
  for (const auto& [level, roles] : levels) {
    if (roles.first == roles.second) continue;
    if (!text.empty()) text += "; ";
    text += level + ' ' + (roles.first.empty() ? "—" : roles.first) + " → " +
            (roles.second.empty() ? "—" : roles.second);
  }
  return text;
}

}  // namespace

void add_replay_command(CLI::App& app, Session& session) {
  struct Options {
    std::string log;
    std::string rules;
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command =
      add_command(app, session, "replay",
                  "Ask a new rulebook the questions of a decision log: which answers would change",
                  "用新规则库重新回答决定日志中的问题：哪些结论会改变");
  command
      ->add_option(session.words("log", "日志"), options->log,
                   session.words("A decision log written by qingdan serve --log",
                                 "由 qingdan serve --log 写下的决定日志"))
      ->required();
  add_rules_option(*command, session, options->rules);
  command->add_flag("--json", options->json,
                    session.words("Print the changes as JSON", "以 JSON 格式输出变化"));
  command->callback([options, &session] {
    std::ifstream log(options->log, std::ios::binary);
    if (!log)
      throw usage_error(detail::Code::bad_command_line,
                        session.words("cannot read the decision log {file}",
                                      "无法读取决定日志 {file}", {{"file", options->log}}));
    // The replay words the errors of the questions it asks again in the book's language.
    const Rulebook& book = session.keep(Rulebook::load(options->rules).speaking(session.language));
    const serve::ReplayResult result = serve::replay_decisions(log, book);
    if (options->json) {
      json::array changes, unreadable;
      for (const serve::ReplayChange& change : result.changes)
        changes.push_back(json::object{
            {"line", change.line},
            {"task", change.task},
            {"at", change.at},
            {"in", change.in},
            {"mode", change.mode},
            {"before", answer_value(change.before)},
            {"after", change.error.empty() ? answer_value(change.after) : json::value()},
            {"error", change.error.empty() ? json::value() : json::value(change.error)}});
      for (std::size_t line : result.unreadable) unreadable.push_back(line);
      std::cout << detail::json_document(json::object{{"fingerprint", book.fingerprint()},
                                                      {"decisions", result.decisions},
                                                      {"unchanged", result.unchanged},
                                                      {"changed", result.changes.size()},
                                                      {"masked", result.masked},
                                                      {"unreadable", std::move(unreadable)},
                                                      {"changes", std::move(changes)}});
    } else {
      for (const serve::ReplayChange& change : result.changes) {
        std::cout << session.words("line {line}: {task} on {at} in {place} ({mode})",
                                   "第 {line} 行：{task}，{at}，{place}（{mode}）",
                                   {{"line", std::to_string(change.line)},
                                    {"task", detail::escape_controls(change.task)},
                                    {"at", change.at},
                                    {"place", detail::escape_controls(change.in)},
                                    {"mode", detail::escape_controls(change.mode)}})
                  << '\n';
        if (!change.error.empty()) {
          std::cout << "  " << session.words("cannot be answered now: ", "现在无法回答：")
                    << change.error << '\n';
          continue;
        }
        if (change.before.status != change.after.status)
          std::cout << "  " << session.words("status: ", "状态：") << change.before.status << " → "
                    << change.after.status << '\n';
        if (change.before.owner != change.after.owner)
          std::cout << "  " << session.words("owner: ", "主责：") << owner_text(change.before)
                    << " → " << owner_text(change.after) << '\n';
        if (const std::string roles = role_changes(change.before, change.after); !roles.empty())
          std::cout << "  " << session.words("roles: ", "角色：") << roles << '\n';
      }
      std::cout << session.words(
                       "{decisions} decisions replayed: {unchanged} unchanged, {changed} would "
                       "change; {masked} masked, {unreadable} unreadable lines",
                       "重放 {decisions} 个结论：{unchanged} 个不变，{changed} 个会改变；"
                       "{masked} 行被遮蔽，{unreadable} 行无法读取",
                       {{"decisions", std::to_string(result.decisions)},
                        {"unchanged", std::to_string(result.unchanged)},
                        {"changed", std::to_string(result.changes.size())},
                        {"masked", std::to_string(result.masked)},
                        {"unreadable", std::to_string(result.unreadable.size())}})
                << '\n';
    }
    session.exit_status = result.changes.empty() ? exit_success : exit_findings;
  });
}

}  // namespace qingdan::cli
