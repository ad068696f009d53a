#include <iostream>
#include <string>

#include <qingdan/detail/control_characters.hpp>
#include <qingdan/detail/reading_words.hpp>
#include <qingdan/json.hpp>
#include <qingdan/rulebook.hpp>

#include "cli/commands.hpp"
#include "cli/options.hpp"

namespace qingdan::cli {

namespace {

struct OwnerOptions {
  std::string task;
  std::string rules;
  std::string at;
  std::string jurisdiction;
  std::string mode;
  bool json = false;
  bool explain = false;
};

std::string level_label(const Rulebook& book, const std::string& id) {
  for (const Level& level : book.levels())
    if (level.id == id) return level.name == id ? id : id + " (" + level.name + ")";
  return id;
}

void print_entry(const EntryRef& entry) {
  std::cout << "  " << to_string(entry.list) << ' ' << entry.id << "  edition " << entry.edition;
  if (!entry.jurisdiction.empty()) std::cout << ", " << entry.jurisdiction;
  std::cout << "  " << entry.file << ':' << entry.line;
  if (!entry.basis.empty()) std::cout << "  " << entry.basis;
  std::cout << '\n';
}

void print_decision(const Rulebook& book, const Decision& decision, bool explain) {
  if (decision.task) {
    std::cout << decision.task->id << ' ' << decision.task->name;
    if (!decision.task->category.empty()) std::cout << "  [" << decision.task->category << ']';
    std::cout << '\n';
  } else {
    std::cout << '\'' << detail::escape_controls(decision.query)
              << "' is not in the task catalogue\n";
  }
  std::cout << "on " << to_iso(decision.at);
  if (!decision.jurisdiction.empty()) std::cout << " in " << decision.jurisdiction;
  std::cout << ", mode " << decision.mode << '\n';
  std::cout << "status: " << to_string(decision.status) << '\n';
  if (decision.owner) {
    std::cout << "owner: " << level_label(book, decision.owner->level);
    if (!decision.owner->department.empty()) std::cout << ", " << decision.owner->department;
    std::cout << '\n';
  }
  if (!decision.roles.empty()) {
    std::cout << "roles:\n";
    for (const auto& [level, role] : decision.roles)
      std::cout << "  " << level_label(book, level) << ": " << to_string(role) << '\n';
  }
  if (!decision.entries.empty()) {
    std::cout << "entries:\n";
    for (const EntryRef& entry : decision.entries) print_entry(entry);
  }
  for (const std::string& conflict : decision.conflicts)
    std::cout << "conflict: " << conflict << '\n';
  if (!decision.candidates.empty()) {
    std::cout << "did you mean:\n";
    for (const Candidate& candidate : decision.candidates)
      std::cout << "  " << detail::candidate_label(candidate, decision.language) << '\n';
  }
  if (explain) {
    std::cout << "why:\n";
    for (const std::string& line : decision.explain()) std::cout << "  " << line << '\n';
  }
}

}  // namespace

void add_owner_command(CLI::App& app, Session& session) {
  auto options = std::make_shared<OwnerOptions>();
  CLI::App* command =
      app.add_subcommand("owner", "Which level owns a task, what role every level plays, and why");
  command->add_option("task", options->task, "Task id, name or alias")->required();
  command->add_option("--rules", options->rules, "Rulebook folder")->required();
  command->add_option("--at", options->at, "Date, YYYY-MM-DD (default: today)");
  command->add_option("--in", options->jurisdiction,
                      "Jurisdiction: a path or a unique suffix (default: the root)");
  command->add_option("--mode", options->mode, "Mode (default: the first declared)");
  command->add_flag("--json", options->json, "Print the decision as JSON");
  command->add_flag("--explain", options->explain, "Also print the reasoning");
  command->callback([options, &session] {
    Query query{{}, options->jurisdiction, options->mode};
    if (!options->at.empty()) query.at = parse_date_option(options->at, "--at", session.language);
    Rulebook book = Rulebook::load(options->rules, session.load_options());
    Decision decision = book.owner(options->task, query);
    if (options->json)
      std::cout << to_json(decision, book.fingerprint());
    else
      print_decision(book, decision, options->explain);
    session.exit_status = exit_success;
  });
}

}  // namespace qingdan::cli
