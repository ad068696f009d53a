// qingdan: ask a rulebook of the four lists who owns a task, and check rulebooks.
#include <unistd.h>

#include <cstring>
#include <iostream>

#include <qingdan/detail/messages.hpp>
#include <qingdan/error.hpp>

#include "cli/command_line.hpp"
#include "cli/commands.hpp"
#include "cli/help.hpp"
#include "cli/options.hpp"
#include "cli/terminal_output.hpp"

namespace {

// Puts a TerminalOutput in front of a stream for as long as it lives.
class Terminal {
 public:
  Terminal(std::ostream& stream, int descriptor)
      : stream_(stream), output_(descriptor), original_(stream.rdbuf(&output_)) {}
  ~Terminal() {
    stream_.flush();
    stream_.rdbuf(original_);
  }
  Terminal(const Terminal&) = delete;
  Terminal& operator=(const Terminal&) = delete;

  // Flushes; errno of the first write that failed, 0 when everything arrived.
  int finish() {
    stream_.flush();
    return output_.failure();
  }

 private:
  std::ostream& stream_;
  qingdan::cli::TerminalOutput output_;
  std::streambuf* original_;
};

}  // namespace

int main(int argc, char** argv) {
  using namespace qingdan::cli;
  Terminal output(std::cout, STDOUT_FILENO), errors(std::cerr, STDERR_FILENO);
  // The language is known before the app is built: its help is written in it.
  Session session;
  session.language = language_of_command_line(argc, argv);
  CLI::App app{session.words(
      "qingdan: the four lists of grassroots governance as executable rules",
      "qingdan：把基层治理的“四张清单”（权责、自治、协作、负面清单）变成可执行的规则")};
  set_up_help(app, session.language);
  app.require_subcommand(1);
  app.fallthrough();  // --lang may follow the command's name
  // Whatever a command printed must have reached its destination: a full disk or a closed pipe
  // is an error (exit 2), not a silent success.
  auto finish_output = [&](int status) {
    if (const int failure = output.finish(); failure != 0) {
      std::cerr << qingdan::detail::say(session.language,
                                        qingdan::detail::Message::cannot_write_output,
                                        {{"reason", std::strerror(failure)}})
                << '\n';
      return exit_bad_input;
    }
    return status;
  };
  // The language was read from the command line already; this checks the value.
  std::string asked_language;
  app.add_option("--lang", asked_language,
                 session.words("Language of messages and help: zh or en (default: from LC_ALL, "
                               "LC_MESSAGES or LANG; English when unknown)",
                               "消息和帮助的语言：zh 或 en（默认取自 LC_ALL、LC_MESSAGES 或 "
                               "LANG；无法判断时用英文）"))
      ->check(one_of("--lang", {"zh", "en"}, session.language));
  add_owner_command(app, session);
  add_lint_command(app, session);
  add_tasks_command(app, session);
  add_check_command(app, session);
  add_diff_command(app, session);
  add_test_command(app, session);
  add_compile_command(app, session);
  add_read_command(app, session);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return finish_output(app.exit(help));
  } catch (const CLI::CallForAllHelp& help) {
    return finish_output(app.exit(help));
  } catch (const CLI::CallForVersion& version) {
    return finish_output(app.exit(version));
  } catch (const CLI::ParseError& usage) {
    std::cerr << usage_error_of(app, usage, session.language).what() << '\n'
              << help_hint(app, session.language) << '\n';
    return finish_output(exit_bad_input);
  } catch (const qingdan::Error& error) {
    std::cerr << error.diagnostic().to_string(session.language) << '\n';
    return finish_output(exit_bad_input);
  } catch (const std::exception& error) {
    std::cerr << "error: " << error.what() << '\n';
    return finish_output(exit_bad_input);
  }
  return finish_output(session.exit_status);
}
