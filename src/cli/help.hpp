#pragma once

#include <CLI/CLI.hpp>

#include <qingdan/language.hpp>

namespace qingdan::cli {

// Makes `app` print its help in `language`: CLI11's headings ("Usage", "Options", "Positionals",
// "Subcommands"), its type names (TEXT, INT, FLOAT), REQUIRED, and the descriptions of -h,--help
// and --version, with columns aligned however wide the characters are. Called before the commands
// are added, which take the formatter and the groups from `app`.
void set_up_help(CLI::App& app, Language language);

}  // namespace qingdan::cli
