#include "cli/command_line.hpp"

#include <optional>
#include <string_view>

namespace qingdan::cli {

namespace {

// The value of `--name VALUE` or `--name=VALUE` at argv[i] (moving i past it), or nothing.
std::optional<std::string_view> option_value(std::string_view name, int argc,
                                             const char* const* argv, int& i) {
  const std::string_view word = argv[i];
  if (word == name) {
    if (i + 1 >= argc) return std::nullopt;
    return argv[++i];
  }
  if (word.size() > name.size() && word.starts_with(name) && word[name.size()] == '=')
    return word.substr(name.size() + 1);
  return std::nullopt;
}

}  // namespace

Language language_of_command_line(int argc, const char* const* argv) {
  std::optional<Language> asked;
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--") break;
    if (auto value = option_value("--lang", argc, argv, i))
      if (auto language = parse_language(*value)) asked = language;
  }
  return asked ? *asked : language_from_environment();
}

}  // namespace qingdan::cli
