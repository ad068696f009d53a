#include <iostream>
#include <string>
#include <vector>

#include <qingdan/detail/phrases.hpp>
#include <qingdan/json.hpp>
#include <qingdan/rulebook.hpp>

#include "cli/commands.hpp"
#include "cli/options.hpp"

namespace qingdan::cli {

namespace {

// One approval as a line: id, what, where and to whom, when, on what conditions.
std::string approval_line(const Approval& approval, const Rulebook& book, Date at,
                          const Session& session) {
  std::string what = approval.task ? approval.task->id + " " + approval.task->name
                                   : session.words("category ", "类别 ") + approval.category;
  std::string levels;
  for (const std::string& id : approval.levels)
    for (const Level& level : book.levels())
      if (level.id == id)
        levels += (levels.empty() ? "" : session.words(", ", "、")) +
                  detail::level_phrase(level.id, level.name).in(session.language);
  std::string line = approval.id + "\t" + what + "\t" +
                     session.words("to {levels} in {place}", "交给{place}的{levels}",
                                   {{"levels", levels},
                                    {"place", approval.jurisdiction.empty()
                                                  ? session.words("the whole rulebook", "全域")
                                                  : approval.jurisdiction}}) +
                     "\t" + to_iso(approval.from) + " – " +
                     (approval.until ? to_iso(*approval.until) : std::string("…"));
  if (approval.max_per_month)
    line += "\t" + session.words("at most {n} a month", "每月至多 {n} 次",
                                 {{"n", detail::shortest_number_text(*approval.max_per_month)}});
  if (approval.funding) line += "\t" + session.words("with funding", "须费随事转");
  if (approval.until && approval.in_force(at)) {
    const auto left = (std::chrono::sys_days{*approval.until} - std::chrono::sys_days{at}).count();
    line += "\t" + session.words("ends in {days} days", "{days} 天后到期",
                                 {{"days", std::to_string(left)}});
  }
  if (!approval.in_force(at))
    line += "\t" + session.words(approval.from > at ? "not yet in force" : "expired",
                                 approval.from > at ? "尚未生效" : "已到期");
  if (approval.illustrative) line += session.words(" [illustrative]", "【示例】");
  return line;
}

}  // namespace

void add_approvals_command(CLI::App& app, Session& session) {
  struct Options {
    std::string rules;
    std::string at;
    std::string expiring;
    bool every = false;
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command =
      add_command(app, session, "approvals", "List the approvals in force, or about to expire",
                  "列出有效或即将到期的准入事项");
  add_rules_option(*command, session, options->rules);
  command->add_option(
      "--at", options->at,
      session.words("The day, YYYY-MM-DD (default today)", "日期，格式为 YYYY-MM-DD（默认今天）"));
  command->add_option("--expiring", options->expiring,
                      session.words("Only those that end within this many days, e.g. 30d",
                                    "只列出在这么多天内到期的，如 30d 或 30天"));
  command->add_flag(
      "--all", options->every,
      session.words("List every approval, in force or not", "列出全部准入事项，不论是否有效"));
  command->add_flag("--json", options->json,
                    session.words("Print the approvals as JSON", "以 JSON 格式输出准入事项"));
  command->callback([options, &session] {
    const Date at =
        options->at.empty() ? today() : parse_date_option(options->at, "--at", session.language);
    std::optional<int> within;
    if (!options->expiring.empty())
      within = parse_days_option(options->expiring, "--expiring", session.language);
    const Rulebook& book = session.keep(Rulebook::load(options->rules));
    std::vector<Approval> listed;
    for (Approval& approval : book.approvals())
      if (within ? approval.expires_within(at, *within) : options->every || approval.in_force(at))
        listed.push_back(std::move(approval));
    if (options->json) {
      std::cout << to_json(listed, at, book.fingerprint());
    } else {
      for (const Approval& approval : listed)
        std::cout << approval_line(approval, book, at, session) << '\n';
      const std::string count = std::to_string(listed.size());
      const std::string day = to_iso(at);
      std::cout << (within ? session.words(
                                 "{count} ending within {days} days of {at}",
                                 "{at} 起 {days} 天内到期的共 {count} 项",
                                 {{"count", count}, {"days", std::to_string(*within)}, {"at", day}})
                    : options->every
                        ? session.words(
                              listed.size() == 1 ? "{count} approval" : "{count} approvals",
                              "共 {count} 项准入", {{"count", count}})
                        : session.words("{count} in force on {at}", "{at} 有效的共 {count} 项",
                                        {{"count", count}, {"at", day}}))
                << '\n';
    }
    session.exit_status = exit_success;
  });
}

}  // namespace qingdan::cli
