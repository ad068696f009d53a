// qingdan: ask a rulebook of the four lists who owns a task, and check rulebooks.
#include <iostream>

#include <qingdan/error.hpp>
#include <qingdan/version.hpp>

#include "commands.hpp"

int main(int argc, char** argv) {
  using namespace qingdan::cli;
  CLI::App app{"qingdan: the four lists of grassroots governance as executable rules"};
  app.set_version_flag("--version", qingdan::version);
  app.require_subcommand(1);
  app.fallthrough();  // --lang may follow the command's name
  Session session;
  app.add_option_function<std::string>(
         "--lang",
         [&session](const std::string& text) { session.language = *qingdan::parse_language(text); },
         "Language of messages: zh or en (default: from LC_ALL, LC_MESSAGES or LANG; English "
         "when unknown)")
      ->check(CLI::IsMember({"zh", "en"}));
  add_owner_command(app, session);
  add_lint_command(app, session);
  add_tasks_command(app, session);
  add_check_command(app, session);
  add_diff_command(app, session);
  add_test_command(app, session);
  add_compile_command(app, session);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForAllHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForVersion& version) {
    return app.exit(version);
  } catch (const CLI::ParseError& usage) {
    app.exit(usage);
    return exit_bad_input;
  } catch (const qingdan::Error& error) {
    std::cerr << error.what() << '\n';
    return exit_bad_input;
  } catch (const std::exception& error) {
    std::cerr << "error: " << error.what() << '\n';
    return exit_bad_input;
  }
  return session.exit_status;
}
