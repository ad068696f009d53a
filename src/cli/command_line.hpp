#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include <qingdan/error.hpp>
#include <qingdan/language.hpp>

namespace qingdan::cli {

// The language the command line asks for, known before CLI11 reads it so that the help and the
// messages of its own checks are in it too: the last `--lang zh|en` (or `--lang=zh`) before a
// lone `--`, wherever it stands; else, or for any other value, the locale's.
Language language_of_command_line(int argc, const char* const* argv);

// Whether the command line asks for JSON: `--json`, `--format json` or `--format=json`.
bool json_asked(int argc, const char* const* argv);

// What a command line that CLI11 refused (`error`) got wrong, as a usage error in `language`
// (QU004), found from what the parse left in `app`: an unknown command or option, with the
// closest name; arguments left over; a missing command, option or argument; an option without
// its value or given twice; a value it cannot take (`--json=maybe`).
Error usage_error_of(const CLI::App& app, const CLI::ParseError& error, Language language);

// "Run 'qingdan owner --help' for more information.": where to look after a usage error.
std::string help_hint(const CLI::App& app, Language language);

// The command the parse picked, or nothing.
const CLI::App* chosen_command(const CLI::App& app);

}  // namespace qingdan::cli
