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
  CLI::App* command =
      add_command(app, session, "compile",
                  "Load a rulebook and write a snapshot of it, which every --rules option (and "
                  "Rulebook::load) reads far faster than the rule files",
                  "载入规则库并写出它的快照；每个 --rules 选项读快照都比读规则文件快得多");
  command
      ->add_option(session.words("folder", "文件夹"), options->folder,
                   session.words("Rulebook folder", "规则库文件夹"))
      ->required();
  command
      ->add_option(
          "-o,--output", options->output,
          session.words("Snapshot file to write, e.g. book.qds", "要写出的快照文件，如 book.qds"))
      ->required();
  command->callback([options, &session] {
    const Rulebook& book = session.keep(Rulebook::load(options->folder));
    book.save_snapshot(options->output);
    std::cout << session.words(
                     "{file}: {tasks} tasks, {entries} entries; fingerprint {fingerprint}",
                     "{file}：事项 {tasks} 项，条目 {entries} 条；指纹 {fingerprint}",
                     {{"file", options->output},
                      {"tasks", std::to_string(book.task_count())},
                      {"entries", std::to_string(book.entry_count())},
                      {"fingerprint", book.fingerprint()}})
              << '\n';
    session.exit_status = exit_success;
  });
}

}  // namespace qingdan::cli
