#include <iostream>
#include <string>

#include <qingdan/detail/control_characters.hpp>
#include <qingdan/detail/messages.hpp>
#include <qingdan/detail/phrases.hpp>
#include <qingdan/detail/reading_words.hpp>
#include <qingdan/json.hpp>
#include <qingdan/rulebook.hpp>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "render/wording.hpp"

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

void print_decision(const Decision& decision, bool explain, Language language) {
  using detail::Message;
  using detail::say;
  if (decision.task) {
    std::cout << decision.task->id << ' ' << decision.task->name;
    if (!decision.task->category.empty()) std::cout << "  [" << decision.task->category << ']';
    std::cout << '\n';
  } else {
    std::cout << say(language, Message::owner_not_in_catalogue,
                     {{"text", detail::escape_controls(decision.query)}})
              << '\n';
  }
  std::cout << say(language, Message::owner_question,
                   {{"date", to_iso(decision.at)},
                    {"place", decision.jurisdiction.empty()
                                  ? std::string()
                                  : say(language, Message::text_in_place,
                                        {{"place", decision.jurisdiction}})},
                    {"mode", render::mode_text(decision, language)}})
            << '\n';
  std::cout << say(language, Message::label_status,
                   {{"status", render::status_text(decision.status, language)}})
            << '\n';
  if (decision.owner) {
    std::string owner = render::level_text(decision.owner->level, decision, language);
    if (!decision.owner->department.empty())
      owner += detail::parenthesised(decision.owner->department).in(language);
    std::cout << say(language, Message::label_owner, {{"owner", owner}}) << '\n';
  }
  if (!decision.roles.empty()) {
    std::cout << say(language, Message::label_roles) << '\n';
    for (const auto& [level, role] : decision.roles)
      std::cout << say(language, Message::owner_role_line,
                       {{"level", render::level_text(level, decision, language)},
                        {"role", render::role_text(role, language)}})
                << '\n';
  }
  if (!decision.entries.empty()) {
    std::cout << say(language, Message::label_entries) << '\n';
    for (const EntryRef& entry : decision.entries)
      std::cout << render::entry_line(entry, language) << '\n';
  }
  for (const Phrase& conflict : decision.conflicts)
    std::cout << say(language, Message::explain_conflict, {{"conflict", conflict.in(language)}})
              << '\n';
  if (!decision.candidates.empty()) {
    std::cout << say(language, Message::label_did_you_mean) << '\n';
    for (const Candidate& candidate : decision.candidates)
      std::cout << "  " << detail::candidate_label(candidate).in(language) << '\n';
  }
  if (explain) {
    std::cout << say(language, Message::label_why) << '\n';
    for (const std::string& line : decision.explain(language)) std::cout << "  " << line << '\n';
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
      std::cout << to_json(decision, book.fingerprint(), session.language);
    else
      print_decision(decision, options->explain, session.language);
    session.exit_status = exit_success;
  });
}

}  // namespace qingdan::cli
