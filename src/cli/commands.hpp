#pragma once

#include <CLI/CLI.hpp>

namespace qingdan::cli {

// Exit statuses (SPEC §7).
inline constexpr int exit_success = 0;
inline constexpr int exit_findings = 1;
inline constexpr int exit_bad_input = 2;

// Each adds its subcommand to `app`; when the subcommand runs it stores its exit status in
// `exit_status`. Bad input is thrown as qingdan::Error and reported by main.
void add_owner_command(CLI::App& app, int& exit_status);
void add_lint_command(CLI::App& app, int& exit_status);
void add_tasks_command(CLI::App& app, int& exit_status);
void add_check_command(CLI::App& app, int& exit_status);
void add_diff_command(CLI::App& app, int& exit_status);
void add_test_command(CLI::App& app, int& exit_status);

}  // namespace qingdan::cli
