#include <iostream>
#include <string>
#include <tuple>

#include <qingdan/json.hpp>
#include <qingdan/rulebook.hpp>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "render/wording.hpp"

namespace qingdan::cli {

namespace {

std::string role_text(const std::optional<Role>& role, const Session& session) {
  return role ? render::role_text(*role, session.language) : session.words("none", "无");
}

std::string entries_text(const std::vector<EntryRef>& entries, const Session& session) {
  std::string text;
  for (const EntryRef& entry : entries)
    text += (text.empty() ? "" : session.words(", ", "、")) +
            session.words("{list} {id} (edition {edition})", "{list} {id}（版本 {edition}）",
                          {{"list", detail::list_phrase(entry.list).in(session.language)},
                           {"id", entry.id},
                           {"edition", entry.edition}});
  return text.empty() ? session.words("no entry", "无条目") : text;
}

// A kind of change as RoleChange::kind() names it, in the session's language.
std::string kind_text(std::string_view kind, const Session& session) {
  constexpr std::pair<std::string_view, std::string_view> kinds[] = {
      {"newly forbidden", "新增禁止"}, {"no longer forbidden", "不再禁止"},
      {"newly assisted", "新增协助"},  {"no longer assisted", "不再协助"},
      {"owner changed", "负责方变更"}, {"role changed", "角色变更"}};
  for (const auto& [en, zh] : kinds)
    if (en == kind) return session.words(en, zh);
  return std::string(kind);
}

void print_diff(const RulebookDiff& diff, const Rulebook& book, const Session& session) {
  const std::string level = render::level_text(diff.level, book.levels(), session.language);
  std::cout << session.words("role of {level}{place}, mode {mode}: {from} → {to}",
                             "{level}的角色{place}，模式 {mode}：{from} → {to}",
                             {{"level", level},
                              {"place", diff.jurisdiction.empty()
                                            ? std::string()
                                            : session.words(" in {place}", "，辖区 {place}",
                                                            {{"place", diff.jurisdiction}})},
                              {"mode", diff.mode},
                              {"from", to_iso(diff.from)},
                              {"to", to_iso(diff.to)}})
            << '\n';
  auto owner_text = [&](const std::string& owner) {
    return owner.empty() ? session.words("none", "无")
                         : render::level_text(owner, book.levels(), session.language);
  };
  for (const RoleChange& change : diff.changes) {
    std::cout << change.task.id << ' ' << change.task.name << session.words(": ", "：")
              << role_text(change.before, session) << " → " << role_text(change.after, session);
    if (change.owner_before != change.owner_after)
      std::cout << session.words(
          " (owner {before} → {after})", "（负责 {before} → {after}）",
          {{"before", owner_text(change.owner_before)}, {"after", owner_text(change.owner_after)}});
    std::cout << "  [" << kind_text(change.kind(), session) << "]\n"
              << session.words("    before: ", "    之前：")
              << entries_text(change.entries_before, session) << '\n'
              << session.words("    after:  ", "    之后：")
              << entries_text(change.entries_after, session) << '\n';
  }
  const std::string count = std::to_string(diff.changes.size());
  std::cout << (diff.changes.size() == 1
                    ? session.words("{count} change", "{count} 处变化", {{"count", count}})
                    : session.words("{count} changes", "{count} 处变化", {{"count", count}}));
  std::string separator = session.words(": ", "：");
  for (const char* kind : {"newly forbidden", "no longer forbidden", "newly assisted",
                           "no longer assisted", "owner changed", "role changed"})
    if (std::size_t n = diff.count(kind)) {
      std::cout << separator
                << session.words(
                       "{count} {kind}", "{kind} {count} 处",
                       {{"count", std::to_string(n)}, {"kind", kind_text(kind, session)}});
      separator = session.words(", ", "，");
    }
  std::cout << '\n';
  for (const auto& [ids, en, zh] :
       {std::tuple{&diff.approvals_granted, "approvals granted: {ids}", "新增准入：{ids}"},
        std::tuple{&diff.approvals_lapsed, "approvals lapsed: {ids}", "到期准入：{ids}"}})
    if (!ids->empty()) {
      std::string listed;
      for (const std::string& id : *ids)
        listed += (listed.empty() ? "" : session.words(", ", "、")) + id;
      std::cout << session.words(en, zh, {{"ids", listed}}) << '\n';
    }
  if (!diff.differ_below.empty()) {
    constexpr std::size_t named = 5;
    std::string tasks;
    for (std::size_t i = 0; i < diff.differ_below.size() && i < named; ++i)
      tasks += (i == 0 ? "" : session.words(", ", "、")) + diff.differ_below[i].id;
    if (diff.differ_below.size() > named) tasks += session.words(", …", "等");
    std::cout
        << session.words(
               "note: below {place} the lists differ by kind of place for {count} tasks "
               "({tasks}); diff a place of each kind with --in",
               "注意：{place} 之下有 {count} 项事项的清单因地方类别而异（{tasks}）；请用 --in "
               "分别比较各类地方",
               {{"place", diff.jurisdiction},
                {"count", std::to_string(diff.differ_below.size())},
                {"tasks", tasks}})
        << '\n';
  }
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
  add_rules_option(*command, session, options->rules);
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
    const Rulebook& book = session.keep(Rulebook::load(options->rules));
    RulebookDiff diff =
        book.diff(from, to, DiffOptions{options->jurisdiction, options->level, options->mode});
    if (options->json)
      std::cout << to_json(diff);
    else
      print_diff(diff, book, session);
    session.exit_status = exit_success;
  });
}

}  // namespace qingdan::cli
