// qingdan: ask a rulebook of the four lists who owns a task, and check rulebooks.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include <boost/json.hpp>

#include <qingdan/detail/messages.hpp>
#include <qingdan/error.hpp>

#include "cli/command_line.hpp"
#include "cli/commands.hpp"
#include "cli/help.hpp"
#include "cli/options.hpp"
#include "cli/terminal_output.hpp"
#include "render/json_values.hpp"

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

// {"error": {"code", "message", "file", "line", "column"}}, the position's parts only when known:
// what a command asked for JSON prints on standard output when it fails, so that whatever reads
// it never finds an empty stream.
std::string error_json(const qingdan::Diagnostic& error, qingdan::Language language) {
  boost::json::object body;
  if (!error.code.empty()) body["code"] = error.code;
  body["message"] = error.message_in(language);
  if (!error.file.empty()) body["file"] = error.file;
  if (error.line > 0) body["line"] = error.line;
  if (error.column > 0) body["column"] = error.column;
  return qingdan::detail::json_document(boost::json::object{{"error", std::move(body)}});
}

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
  add_approvals_command(app, session);
  add_ledger_command(app, session);
  add_serve_command(app, session);
  add_replay_command(app, session);
  // A failure is told on stderr and, when the command was asked for JSON (and takes --json), on
  // stdout as JSON too.
  auto fail = [&](const qingdan::Diagnostic& error, const std::string& hint) {
    std::cerr << error.to_string(session.language) << '\n';
    if (!hint.empty()) std::cerr << hint << '\n';
    const CLI::App* command = chosen_command(app);
    if (json_asked(argc, argv) &&
        (command == nullptr || command->get_option_no_throw("--json") != nullptr))
      std::cout << error_json(error, session.language);
    return finish_output(exit_bad_input);
  };
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return finish_output(app.exit(help));
  } catch (const CLI::CallForAllHelp& help) {
    return finish_output(app.exit(help));
  } catch (const CLI::CallForVersion& version) {
    return finish_output(app.exit(version));
  } catch (const CLI::ParseError& usage) {
    return fail(usage_error_of(app, usage, session.language).diagnostic(),
                help_hint(app, session.language));
  } catch (const qingdan::Error& error) {
    return fail(error.diagnostic(), "");
  } catch (const std::exception& error) {
    qingdan::Diagnostic diagnostic;
    diagnostic.message = error.what();
    return fail(diagnostic, "");
  }
  // The process ends without freeing what the command loaded (Session::keep), once everything
  // printed has been flushed.
  const int status = finish_output(session.exit_status);
  errors.finish();
  std::fflush(nullptr);
  std::_Exit(status);
}
