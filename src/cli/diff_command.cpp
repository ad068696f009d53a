#include <iostream>
#include <string>

#include <qingdan/json.hpp>
#include <qingdan/rulebook.hpp>

#include "cli/commands.hpp"
#include "cli/options.hpp"

namespace qingdan::cli {

namespace {

std::string role_text(const std::optional<Role>& role) {
  return role ? std::string(to_string(*role)) : "none";
}

std::string entries_text(const std::vector<EntryRef>& entries) {
  std::string text;
  for (const EntryRef& entry : entries)
    text += (text.empty() ? "" : ", ") + std::string(to_string(entry.list)) + " " + entry.id +
            " (edition " + entry.edition + ")";
  return text.empty() ? "no entry" : text;
}

void print_diff(const RulebookDiff& diff) {
  std::cout << "role of " << diff.level;
  if (!diff.jurisdiction.empty()) std::cout << " in " << diff.jurisdiction;
  std::cout << ", mode " << diff.mode << ": " << to_iso(diff.from) << " → " << to_iso(diff.to)
            << '\n';
  for (const RoleChange& change : diff.changes) {
    std::cout << change.task.id << ' ' << change.task.name << ": " << role_text(change.before)
              << " → " << role_text(change.after);
    if (change.owner_before != change.owner_after)
      std::cout << " (owner " << (change.owner_before.empty() ? "none" : change.owner_before)
                << " → " << (change.owner_after.empty() ? "none" : change.owner_after) << ")";
    std::cout << "  [" << change.kind() << "]\n    before: " << entries_text(change.entries_before)
              << "\n    after:  " << entries_text(change.entries_after) << '\n';
  }
  std::cout << diff.changes.size() << (diff.changes.size() == 1 ? " change" : " changes");
  std::string separator = ": ";
  for (const char* kind : {"newly forbidden", "no longer forbidden", "newly assisted",
                           "no longer assisted", "owner changed", "role changed"})
    if (std::size_t n = diff.count(kind)) {
      std::cout << separator << n << ' ' << kind;
      separator = ", ";
    }
  std::cout << '\n';
}

}  // namespace

void add_diff_command(CLI::App& app, Session& session) {
  struct Options {
    std::string rules, from, to, jurisdiction, level, mode;
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command =
      add_command(app, session, "diff",
                  "What changed between two dates: every task whose role for a level differs",
                  "两个日期之间有何变化：某一级的角色发生变化的每项任务");
  command
      ->add_option("--rules", options->rules,
                   session.words("Rulebook folder or snapshot", "规则库文件夹或快照"))
      ->required();
  command
      ->add_option("--from", options->from,
                   session.words("The earlier date, YYYY-MM-DD", "较早的日期，格式为 YYYY-MM-DD"))
      ->required();
  command
      ->add_option("--to", options->to,
                   session.words("The later date, YYYY-MM-DD", "较晚的日期，格式为 YYYY-MM-DD"))
      ->required();
  command->add_option("--in", options->jurisdiction,
                      session.words("Jurisdiction (default: the root)", "辖区（默认：根辖区）"));
  command->add_option("--level", options->level,
                      session.words("Level (default: the lowest)", "层级（默认：最低一级）"));
  command->add_option(
      "--mode", options->mode,
      session.words("Mode (default: the first declared)", "模式（默认：规则库声明的第一个）"));
  command->add_flag("--json", options->json,
                    session.words("Print the changes as JSON", "以 JSON 格式输出变化"));
  command->callback([options, &session] {
    Date from = parse_date_option(options->from, "--from", session.language);
    Date to = parse_date_option(options->to, "--to", session.language);
    Rulebook book = Rulebook::load(options->rules, session.load_options());
    RulebookDiff diff =
        book.diff(from, to, DiffOptions{options->jurisdiction, options->level, options->mode});
    if (options->json)
      std::cout << to_json(diff);
    else
      print_diff(diff);
    session.exit_status = exit_success;
  });
}

}  // namespace qingdan::cli
