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
  if (decision.differs_below() && !explain)  // --explain ends with it
    std::cout << render::differs_below_note(decision, language) << '\n';
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
    if (decision.illustrative() && !explain)  // --explain ends with it
      std::cout << render::illustrative_note(decision, language) << '\n';
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
  CLI::App* command = add_command(app, session, "owner",
                                  "Which level owns a task, what role every level plays, and why",
                                  "某项任务归哪一级负责、各级分别承担什么角色，以及为什么");
  command
      ->add_option(session.words("task", "任务"), options->task,
                   session.words("Task id, name or alias", "任务的编号、名称或别名"))
      ->required();
  add_rules_option(*command, session, options->rules);
  command->add_option(
      "--at", options->at,
      session.words("Date, YYYY-MM-DD (default: today)", "日期，格式为 YYYY-MM-DD（默认：今天）"));
  command->add_option("--in", options->jurisdiction,
                      session.words("Jurisdiction: a path or a unique suffix (default: the root)",
                                    "辖区：完整路径或唯一的末段（默认：根辖区）"));
  command->add_option(
      "--mode", options->mode,
      session.words("Mode (default: the first declared)", "模式（默认：规则库声明的第一个）"));
  command->add_flag("--json", options->json,
                    session.words("Print the decision as JSON", "以 JSON 格式输出结论"));
  command->add_flag("--explain", options->explain,
                    session.words("Also print the reasoning (with --json: as `explanation`)",
                                  "同时输出推理过程（与 --json 同用时放在 'explanation' 中）"));
  command->callback([options, &session] {
    Query query{{}, options->jurisdiction, options->mode};
    if (!options->at.empty()) query.at = parse_date_option(options->at, "--at", session.language);
    const Rulebook& book = session.keep(Rulebook::load(options->rules));
    Decision decision = book.owner(options->task, query);
    if (options->json)
      std::cout << to_json(decision, book.fingerprint(), session.language, options->explain);
    else
      print_decision(decision, options->explain, session.language);
    session.exit_status = exit_success;
  });
}

}  // namespace qingdan::cli
