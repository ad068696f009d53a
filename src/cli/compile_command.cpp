#include <iostream>
#include <string>

#include <qingdan/rulebook.hpp>

#include "cli/commands.hpp"

namespace qingdan::cli {

void add_compile_command(CLI::App& app, Session& session) {
  struct Options {
    std::string folder;
    std::string output;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "compile",
      "Load a rulebook and write a snapshot of it, which every --rules option (and "
      "Rulebook::load) reads far faster than the rule files");
  command->add_option("folder", options->folder, "Rulebook folder")->required();
  command->add_option("-o,--output", options->output, "Snapshot file to write, e.g. book.qds")
      ->required();
  command->callback([options, &session] {
    Rulebook book = Rulebook::load(options->folder, session.load_options());
    book.save_snapshot(options->output);
    std::cout << options->output << ": " << book.task_count() << " tasks, " << book.entry_count()
              << " entries; fingerprint " << book.fingerprint() << '\n';
    session.exit_status = exit_success;
  });
}

}  // namespace qingdan::cli
