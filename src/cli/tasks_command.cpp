#include <iostream>
#include <string>
#include <vector>

#include <qingdan/json.hpp>
#include <qingdan/rulebook.hpp>

#include "cli/commands.hpp"

namespace qingdan::cli {

void add_tasks_command(CLI::App& app, Session& session) {
  struct Options {
    std::vector<std::string> words;
    std::string rules;
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command =
      add_command(app, session, "tasks",
                  "Search the task catalogue by id, name or alias (every word must match)",
                  "按编号、名称或别名检索任务目录（每个词都须匹配）");
  command->add_option(
      session.words("words", "检索词"), options->words,
      session.words("Words to look for; none lists every task", "要查找的词；不给则列出全部任务"));
  add_rules_option(*command, session, options->rules);
  command->add_flag("--json", options->json,
                    session.words("Print the tasks as JSON", "以 JSON 格式输出任务"));
  command->callback([options, &session] {
    const Rulebook& book = session.keep(Rulebook::load(options->rules));
    std::string words;
    for (const std::string& word : options->words) words += word + ' ';
    std::vector<TaskRef> tasks = book.find_tasks(words);
    if (options->json) {
      std::cout << to_json(tasks, book.fingerprint());
    } else {
      for (const TaskRef& task : tasks) {
        std::cout << task.id << '\t' << task.name;
        if (!task.category.empty()) std::cout << "\t[" << task.category << ']';
        if (!task.aliases.empty()) {
          std::cout << "\t(";
          for (std::size_t i = 0; i < task.aliases.size(); ++i)
            std::cout << (i ? session.words(", ", "、") : "") << task.aliases[i];
          std::cout << ')';
        }
        std::cout << '\n';
      }
      const std::string count = std::to_string(tasks.size());
      std::cout << session.words(tasks.size() == 1 ? "{count} task" : "{count} tasks",
                                 "共 {count} 项事项", {{"count", count}})
                << '\n';
    }
    session.exit_status = exit_success;
  });
}

}  // namespace qingdan::cli
