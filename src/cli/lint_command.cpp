#include <iostream>
#include <string>

#include <qingdan/json.hpp>
#include <qingdan/lint.hpp>

#include "cli/commands.hpp"
#include "cli/options.hpp"

namespace qingdan::cli {

void add_lint_command(CLI::App& app, Session& session) {
  auto folder = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  auto format = std::make_shared<std::string>("text");
  CLI::App* command = app.add_subcommand(
      "lint", "Report every problem in a rulebook: load errors, warnings and rule conflicts");
  command->add_option("folder", *folder, "Rulebook folder")->required();
  command->add_flag("--json", *json, "Print the diagnostics as JSON (same as --format json)");
  command->add_option("--format", *format, "text (default), json or sarif (SARIF 2.1.0)")
      ->check(one_of("--format", {"text", "json", "sarif"}, session.language));
  command->callback([folder, json, format, &session] {
    LintReport report = lint(*folder, session.load_options());
    if (*json || *format == "json") {
      std::cout << to_json(report);
    } else if (*format == "sarif") {
      std::cout << to_sarif(report);
    } else {
      for (const Diagnostic& diagnostic : report.diagnostics)
        std::cout << diagnostic.to_string() << '\n';
      std::size_t errors = report.count(Severity::error);
      std::size_t warnings = report.count(Severity::warning);
      std::cout << *folder << ": " << errors << (errors == 1 ? " error, " : " errors, ") << warnings
                << (warnings == 1 ? " warning" : " warnings");
      if (!report.fingerprint.empty()) std::cout << "; fingerprint " << report.fingerprint;
      std::cout << '\n';
    }
    session.exit_status = report.has_errors() ? exit_findings : exit_success;
  });
}

}  // namespace qingdan::cli
