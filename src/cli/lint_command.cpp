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
  CLI::App* command =
      add_command(app, session, "lint",
                  "Report every problem in a rulebook: load errors, warnings and rule conflicts",
                  "报告规则库中的所有问题：载入错误、警告和规则冲突");
  command
      ->add_option(session.words("folder", "文件夹"), *folder,
                   session.words("Rulebook folder", "规则库文件夹"))
      ->required();
  command->add_flag("--json", *json,
                    session.words("Print the diagnostics as JSON (same as --format json)",
                                  "以 JSON 格式输出诊断（同 --format json）"));
  command
      ->add_option("--format", *format,
                   session.words("Output format: text (default), json or sarif (SARIF 2.1.0)",
                                 "输出格式：text（默认）、json 或 sarif（SARIF 2.1.0）"))
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
