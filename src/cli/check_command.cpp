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
    std::string html;
    double warn_at = 0.9;
    std::string month;
    std::size_t most_loaded = 10;
    bool every_village = false;
    bool exact = false;
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "check", "Check directives against the lists, and the hours they add to each village");
  command->add_option("directives", options->directives, "Directive files (kind: directive)")
      ->required();
  command->add_option("--rules", options->rules, "Rulebook folder")->required();
  command->add_option("--villages", options->villages,
                      "Village profiles: a .csv file, or a .yaml file of kind villages");
  command->add_option("--html", options->html, "Also write a self-contained HTML report here");
  command->add_option("--warn-at", options->warn_at,
                      "Utilisation that counts as near capacity, 0 to 10 (default 0.9)");
  command->add_option("--month", options->month,
                      "Month whose load is added up, YYYY-MM (default: that of the latest issued)");
  command->add_flag("--exact", options->exact,
                    "Match items only by exact id, name or alias: do not read free text");
  command->add_option("--most-loaded", options->most_loaded,
                      "How many of the most loaded villages to list (default 10)");
  command->add_flag("--all", options->every_village,
                    "List every village's findings, not only the most loaded villages'");
  command->add_flag("--json", options->json, "Print the report as JSON");
  command->callback([options, &session] {
    CheckOptions check;
    check.most_loaded = options->most_loaded;
    check.warn_at = checked_number(options->warn_at, "--warn-at", 0, max_warn_at);
    check.exact_only = options->exact;
    if (!options->month.empty())
      check.month = parse_month_option(options->month, "--month", session.language);
    Rulebook book = Rulebook::load(options->rules, session.load_options());
    std::vector<Directive> directives;
    for (const std::string& file : options->directives)
      directives.push_back(Directive::load(file, session.load_options()));
    Villages villages = options->villages.empty()
                            ? Villages{}
                            : Villages::load(options->villages, session.load_options());
    Report report = book.check(directives, villages, check);
    if (!options->html.empty()) write_html(report, options->html, session.language);
    std::cout << (options->json ? to_json(report, session.language)
                                : to_text(report, session.language,
                                          TextOptions{.every_village = options->every_village}));
    session.exit_status = report.verdict == CheckVerdict::pass ? exit_success : exit_findings;
  });
}

}  // namespace qingdan::cli
