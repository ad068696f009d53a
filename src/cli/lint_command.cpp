#include <iostream>
#include <string>

#include <qingdan/json.hpp>
#include <qingdan/lint.hpp>

#include "cli/commands.hpp"
#include "cli/options.hpp"

namespace qingdan::cli {

namespace {

// "2 errors, 1 warning", "2 个错误，1 个警告".
std::string counted(const LintReport& report, const Session& session) {
  const std::string errors = std::to_string(report.count(Severity::error));
  const std::string warnings = std::to_string(report.count(Severity::warning));
  return session.words(errors == "1" ? "{errors} error, " : "{errors} errors, ",
                       "{errors} 个错误，", {{"errors", errors}}) +
         session.words(warnings == "1" ? "{warnings} warning" : "{warnings} warnings",
                       "{warnings} 个警告", {{"warnings", warnings}});
}

}  // namespace

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
                   session.words("Rulebook folder, or a snapshot (.qds) to check for conflicts",
                                 "规则库文件夹，或检查规则冲突的快照（.qds）"))
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
    LintReport report = lint(*folder);
    if (*json || *format == "json") {
      std::cout << to_json(report, session.language);
    } else if (*format == "sarif") {
      std::cout << to_sarif(report, session.language);
    } else {
      for (const Diagnostic& diagnostic : report.diagnostics)
        std::cout << diagnostic.to_string(session.language) << '\n';
      std::cout << *folder << session.words(": ", "：") << counted(report, session);
      if (!report.fingerprint.empty())
        std::cout << session.words("; fingerprint {fingerprint}", "；指纹 {fingerprint}",
                                   {{"fingerprint", report.fingerprint}});
      std::cout << '\n';
    }
    session.exit_status = report.has_errors() ? exit_findings : exit_success;
  });
}

}  // namespace qingdan::cli
