#include <cstdio>
#include <iostream>
#include <string>

#include <qingdan/detail/phrases.hpp>
#include <qingdan/json.hpp>
#include <qingdan/rule_tests.hpp>
#include <qingdan/rulebook.hpp>

#include "cli/commands.hpp"
#include "cli/options.hpp"

namespace qingdan::cli {

void add_test_command(CLI::App& app, Session& session) {
  struct Options {
    std::string folder;
    double min_coverage = 0;
    bool json = false;
    bool verbose = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command =
      add_command(app, session, "test",
                  "Run the rule authors' expectations (kind: tests) and report entry coverage",
                  "运行规则编写者写下的预期（kind 为 tests），并报告条目的覆盖率");
  command
      ->add_option(session.words("folder", "文件夹"), options->folder,
                   session.words("Rulebook folder", "规则库文件夹"))
      ->required();
  command
      ->add_option("--min-coverage", options->min_coverage,
                   session.words("Fail when fewer entries than this share were applied: 0 to 1, "
                                 "or a percentage (80%)",
                                 "用到的条目少于这个比例时判为失败：0 到 1，或百分数（80%）"))
      ->transform(share_or_percentage("--min-coverage", session.language));
  command->add_flag("--json", options->json,
                    session.words("Print the results as JSON", "以 JSON 格式输出结果"));
  command->add_flag(
      "--verbose", options->verbose,
      session.words("Also list the entries no case applied", "同时列出没有任何用例用到的条目"));
  command->callback([options, &session] {
    const Rulebook& book = session.keep(Rulebook::load(options->folder));
    RuleTestRun run = run_rule_tests(book);
    bool enough = run.coverage() >= options->min_coverage;
    if (options->json) {
      std::cout << to_json(run, session.language);
    } else {
      for (const CaseResult& result : run.cases) {
        if (result.passed) continue;
        std::cout << session.words("FAIL {where}: {name}", "未通过 {where}：{name}",
                                   {{"where", options->folder + '/' + result.file + ':' +
                                                  std::to_string(result.line)},
                                    {"name", result.name}})
                  << '\n';
        for (const Phrase& difference : result.differences)
          std::cout << "  " << difference.in(session.language) << '\n';
      }
      std::cout << session.words("{cases} cases: {passed} passed, {failed} failed",
                                 "共 {cases} 例：通过 {passed}，未通过 {failed}",
                                 {{"cases", std::to_string(run.cases.size())},
                                  {"passed", std::to_string(run.cases.size() - run.failed())},
                                  {"failed", std::to_string(run.failed())}})
                << '\n';
      char percent[16];
      std::snprintf(percent, sizeof percent, "%.1f%%", run.coverage() * 100);
      const std::string minimum = detail::shortest_number_text(options->min_coverage * 100) + "%";
      std::cout << session.words("coverage: {covered}/{total} entries ({percent})",
                                 "覆盖：{covered}/{total} 条目（{percent}）",
                                 {{"covered", std::to_string(run.covered)},
                                  {"total", std::to_string(run.total)},
                                  {"percent", percent}});
      if (!enough)
        std::cout << session.words(", below the minimum of {minimum}", "，低于下限 {minimum}",
                                   {{"minimum", minimum}});
      std::cout << '\n';
      if (options->verbose)
        for (const EntryRef& entry : run.uncovered)
          std::cout << session.words(
                           "  not applied: {where} {list} {id} (edition {edition})",
                           "  未适用：{where} {list} {id}（版本 {edition}）",
                           {{"where", entry.file + ':' + std::to_string(entry.line)},
                            {"list", detail::list_phrase(entry.list).in(session.language)},
                            {"id", entry.id},
                            {"edition", entry.edition}})
                    << '\n';
    }
    session.exit_status = run.failed() == 0 && enough ? exit_success : exit_findings;
  });
}

}  // namespace qingdan::cli
