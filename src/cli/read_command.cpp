#include <iostream>
#include <string>
#include <vector>

#include <qingdan/detail/control_characters.hpp>
#include <qingdan/detail/reading_words.hpp>
#include <qingdan/json.hpp>
#include <qingdan/rulebook.hpp>

#include "cli/commands.hpp"
#include "cli/options.hpp"

namespace qingdan::cli {

namespace {

void print_reading(const Reading& read, Language language) {
  using detail::Message;
  using detail::say;
  // A line feed inside the text would start a line of its own: the text is shown escaped.
  Reading reading = read;
  reading.text = detail::escape_controls(read.text);
  std::size_t others = 0;  // candidates listed before the ones printed below
  if (const Candidate* task = reading.task()) {
    std::cout << say(language, Message::read_as_task,
                     {{"text", reading.text},
                      {"candidate", detail::candidate_label(*task).in(language)}})
              << '\n';
    if (reading.status == ReadingStatus::exact || reading.candidates.size() < 2) return;
    std::cout << "  " << say(language, Message::reading_other_candidates_heading) << '\n';
    others = 1;
  } else if (reading.candidates.empty()) {
    std::cout << say(language, Message::reading_none, {{"text", reading.text}}) << '\n';
    return;
  } else {
    std::cout << say(language, Message::reading_candidates_heading, {{"text", reading.text}})
              << '\n';
  }
  for (std::size_t i = others; i < reading.candidates.size(); ++i)
    std::cout << "  " << i + 1 << ". "
              << detail::candidate_label(reading.candidates[i]).in(language) << '\n';
}

}  // namespace

void add_read_command(CLI::App& app, Session& session) {
  struct Options {
    std::vector<std::string> texts;
    std::string rules;
    ReadOptions reading;
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command =
      add_command(app, session, "read",
                  "Read texts as directives word them: the tasks each may mean, ranked, and why",
                  "按指令的写法解读文本：每段文本可能指哪些任务、如何排序、理由是什么");
  command
      ->add_option(session.words("texts", "文本"), options->texts,
                   session.words("Texts to read, each one directive item",
                                 "要解读的文本，每段是一条指令事项"))
      ->required();
  add_rules_option(*command, session, options->rules);
  command
      ->add_option("--read-as", options->reading.read_as_confidence,
                   session.words("Confidence (0 to 1) at which the best candidate is taken as "
                                 "the task",
                                 "最佳候选达到多高的置信度（0 到 1）就认定为该任务"))
      ->capture_default_str()
      ->check(number_from("--read-as", 0, 1, session.language));
  command
      ->add_option("--margin", options->reading.read_as_margin,
                   session.words("How far (0 to 1) ahead of the second it must be",
                                 "它须领先第二名多少（0 到 1）"))
      ->capture_default_str()
      ->check(number_from("--margin", 0, 1, session.language));
  command
      ->add_option(
          "--candidates", options->reading.candidates,
          session.words("Candidates listed per text (1 to 50)", "每段文本列出几个候选（1 到 50）"))
      ->capture_default_str()
      ->check(whole_number_from("--candidates", 1, 50, session.language));
  command->add_flag("--json", options->json,
                    session.words("Print the readings as JSON", "以 JSON 格式输出解读结果"));
  command->callback([options, &session] {
    const Rulebook& book = session.keep(Rulebook::load(options->rules));
    std::vector<Reading> readings;
    for (const std::string& text : options->texts)
      readings.push_back(book.read(text, options->reading));
    if (options->json) {
      std::cout << to_json(readings, book.fingerprint());
    } else {
      for (const Reading& reading : readings) print_reading(reading, session.language);
    }
    session.exit_status = exit_success;
  });
}

}  // namespace qingdan::cli
