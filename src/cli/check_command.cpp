#include <iostream>
#include <string>
#include <vector>

#include <qingdan/json.hpp>
#include <qingdan/report_output.hpp>
#include <qingdan/rulebook.hpp>

#include "cli/commands.hpp"
#include "cli/options.hpp"

namespace qingdan::cli {

void add_check_command(CLI::App& app, Session& session) {
  struct Options {
    std::vector<std::string> directives;
    std::string rules;
    std::string villages;
    std::string ledger;
    std::string html;
    double warn_at = 0.9;  // a share of capacity; the command line also takes "90%"
    std::string month;
    std::size_t most_loaded = 10;
    bool every_village = false;
    bool exact = false;
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command =
      add_command(app, session, "check",
                  "Check directives against the lists, and the hours they add to each village",
                  "对照清单审查指令，并算出它们给每个村居增加的工时");
  command
      ->add_option(
          session.words("directives", "指令文件"), options->directives,
          session.words("Directive files (kind: directive)", "指令文件（kind 为 directive）"))
      ->required();
  add_rules_option(*command, session, options->rules);
  command->add_option(
      "--villages", options->villages,
      session.words("Village profiles: a .csv or .xlsx file, or a .yaml file of kind villages",
                    "村居概况：.csv 或 .xlsx 文件，或 kind 为 villages 的 .yaml 文件"));
  command->add_option(
      "--ledger", options->ledger,
      session.words("A folder of directives already sent down: those in force count in what the "
                    "villages already work and their forms are compared; those of the year count "
                    "toward the caps",
                    "已下发指令的文件夹：有效的计入村居已有负荷并比对表单；本年度的计入年度上限"));
  command->add_option("--html", options->html,
                      session.words("Also write a self-contained HTML report here",
                                    "另把自成一体的 HTML 报告写到这里"));
  command
      ->add_option("--warn-at", options->warn_at,
                   session.words("Load that counts as near capacity: a share from 0 to 1 or a "
                                 "percentage (default 0.9, that is 90%)",
                                 "达到多少负荷算接近饱和：0 到 1 之间的比例或百分数（默认 "
                                 "0.9，即 90%）"))
      ->type_name(session.words("SHARE", "比例"))
      ->transform(share_or_percentage("--warn-at", session.language));
  command->add_option(
      "--month", options->month,
      session.words("Month whose load is added up, YYYY-MM (default: that of the "
                    "latest issued)",
                    "统计负荷的月份，格式为 YYYY-MM（默认：最晚下发的指令所在的月份）"));
  command->add_flag("--exact", options->exact,
                    session.words("Match items only by exact id, name or alias: do not read free "
                                  "text",
                                  "只按编号、名称或别名精确匹配事项，不解读自由文本"));
  command->add_option("--most-loaded", options->most_loaded,
                      session.words("How many of the most loaded villages to list (default 10)",
                                    "列出负荷最重的几个村居（默认 10 个）"));
  command->add_flag("--all", options->every_village,
                    session.words("List every village's findings, not only the most loaded "
                                  "villages'",
                                  "列出每个村居的问题，而不只是负荷最重的几个村居的"));
  command->add_flag("--json", options->json,
                    session.words("Print the report as JSON", "以 JSON 格式输出报告"));
  command->callback([options, &session] {
    CheckOptions check;
    check.most_loaded = options->most_loaded;
    check.warn_at = options->warn_at;  // from 0 to 1: share_or_percentage checked it
    check.exact_only = options->exact;
    if (!options->month.empty())
      check.month = parse_month_option(options->month, "--month", session.language);
    const Rulebook& book = session.keep(Rulebook::load(options->rules));
    std::vector<Directive> directives;
    for (const std::string& file : options->directives) directives.push_back(Directive::load(file));
    Villages villages = options->villages.empty() ? Villages{} : Villages::load(options->villages);
    std::vector<Directive> ledger;
    if (!options->ledger.empty()) ledger = Directive::load_folder(options->ledger);
    check.ledger = ledger;
    Report report = book.check(directives, villages, check);
    if (!options->html.empty()) write_html(report, options->html, session.language);
    std::cout << (options->json ? to_json(report, session.language)
                                : to_text(report, session.language,
                                          TextOptions{.every_village = options->every_village}));
    session.exit_status = report.verdict == CheckVerdict::pass ? exit_success : exit_findings;
  });
}

}  // namespace qingdan::cli
