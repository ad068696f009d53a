#pragma once

#include <qingdan/language.hpp>

namespace qingdan::cli {

// The language the command line asks for, known before CLI11 reads it so that the help and the
// messages of its own checks are in it too: the last `--lang zh|en` (or `--lang=zh`) before a
// lone `--`, wherever it stands; else, or for any other value, the locale's.
Language language_of_command_line(int argc, const char* const* argv);

}  // namespace qingdan::cli
