#pragma once

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include <qingdan/language.hpp>
#include <qingdan/load_options.hpp>
#include <qingdan/rulebook.hpp>

#include "cli/words.hpp"

namespace qingdan::cli {

// Exit statuses (README.md, "Use from the command line").
inline constexpr int exit_success = 0;
inline constexpr int exit_findings = 1;
inline constexpr int exit_bad_input = 2;

// What every command shares: the language of its help and messages (`--lang`, else the
// locale's; known before the commands are built, see language_of_command_line) and, once it has
// run, its exit status.
struct Session {
  Language language = language_from_environment();
  int exit_status = exit_success;

  // `en` or `zh` in the session's language: words(language, en, zh, arguments).
  std::string words(std::string_view en, std::string_view zh,
                    std::initializer_list<MessageArgument> arguments = {}) const {
    return cli::words(language, en, zh, arguments);
  }

  // A rulebook a command loaded, held until the process ends (main leaves with _Exit): the
  // operating system takes back a provincial rulebook's memory at once, where freeing its
  // millions of records one by one took a tenth of a `qingdan owner`.
  const Rulebook& keep(Rulebook book) {
    return *kept_.emplace_back(std::make_unique<Rulebook>(std::move(book)));
  }

 private:
  std::vector<std::unique_ptr<Rulebook>> kept_;
};

// Adds the command `name` to `app`, described in the session's language, with app's help flag
// and option group (CLI11 gives a command its own "Options" group for -h,--help otherwise).
CLI::App* add_command(CLI::App& app, const Session& session, const std::string& name,
                      std::string_view en, std::string_view zh);

// The required `--rules DIR|BOOK.qds` option of every command that asks a rulebook.
void add_rules_option(CLI::App& command, const Session& session, std::string& rules);

// Each adds its subcommand to `app`; when the subcommand runs it stores its exit status in the
// session. Bad input is thrown as qingdan::Error and reported by main.
void add_owner_command(CLI::App& app, Session& session);
void add_lint_command(CLI::App& app, Session& session);
void add_tasks_command(CLI::App& app, Session& session);
void add_check_command(CLI::App& app, Session& session);
void add_diff_command(CLI::App& app, Session& session);
void add_test_command(CLI::App& app, Session& session);
void add_compile_command(CLI::App& app, Session& session);
void add_read_command(CLI::App& app, Session& session);
void add_approvals_command(CLI::App& app, Session& session);
void add_ledger_command(CLI::App& app, Session& session);
void add_serve_command(CLI::App& app, Session& session);
void add_replay_command(CLI::App& app, Session& session);

}  // namespace qingdan::cli
