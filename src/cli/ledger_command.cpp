#include <iostream>
#include <string>
#include <vector>

#include <qingdan/json.hpp>
#include <qingdan/report_output.hpp>
#include <qingdan/rulebook.hpp>

#include "cli/commands.hpp"
#include "cli/options.hpp"

namespace qingdan::cli {

namespace {

// --year as given, or this year.
int command_year(bool given, int year) { return given ? year : static_cast<int>(today().year()); }

}  // namespace

void add_ledger_command(CLI::App& app, Session& session) {
  struct Options {
    std::string ledger;
    std::string rules;
    std::string villages;
    int year = 0;
    bool year_given = false;
    std::string html;
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = add_command(
      app, session, "ledger",
      "The year's burden per village and per issuing department, beside the year before",
      "本年度各村居、各发文单位的负担，与上年对照");
  command
      ->add_option(session.words("folder", "台账文件夹"), options->ledger,
                   session.words("The ledger: a folder of directives already sent down",
                                 "台账：已下发指令所在的文件夹"))
      ->required();
  add_rules_option(*command, session, options->rules);
  command
      ->add_option("--villages", options->villages,
                   session.words("Village profiles: a .csv or .xlsx file, or a .yaml file of kind "
                                 "villages",
                                 "村居概况：.csv 或 .xlsx 文件，或 kind 为 villages 的 .yaml 文件"))
      ->required();
  command->add_option_function<int>(
      "--year", [options](int year) { options->year = year, options->year_given = true; },
      session.words("The year (default: this year)", "年份（默认今年）"));
  command->add_option("--html", options->html,
                      session.words("Also write a self-contained HTML page here",
                                    "另把自成一体的 HTML 页面写到这里"));
  command->add_flag("--json", options->json,
                    session.words("Print the ledger as JSON", "以 JSON 格式输出台账"));
  command->callback([options, &session] {
    const int year = command_year(options->year_given, options->year);
    if (year < 1900 || year > 2999)
      throw usage_error(detail::Code::option_out_of_range,
                        session.words("--year {year} is not a year from 1900 to 2999",
                                      "--year {year} 不是 1900 到 2999 之间的年份",
                                      {{"year", std::to_string(year)}}));
    const Rulebook& book = session.keep(Rulebook::load(options->rules));
    std::vector<Directive> directives = Directive::load_folder(options->ledger);
    Villages villages = Villages::load(options->villages);
    LedgerReport ledger = book.ledger(directives, villages, year);
    if (!options->html.empty()) write_html(ledger, options->html, session.language);
    std::cout << (options->json ? to_json(ledger) : to_text(ledger, session.language));
    session.exit_status = exit_success;
  });
}

}  // namespace qingdan::cli
