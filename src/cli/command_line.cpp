#include "cli/command_line.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <qingdan/detail/spelling.hpp>

#include "cli/words.hpp"

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

// " (did you mean 'owner'?)" for a name close enough to `word` to be what was meant: one edit for
// every three characters (not counting dashes), at least one. Stricter than for rule files, whose
// words are longer: `qingdan help` is not a misspelt `test`.
std::string guess_for(std::string_view word, const std::vector<std::string>& names,
                      Language language) {
  const std::string_view bare = word.substr(std::min(word.find_first_not_of('-'), word.size()));
  const auto guess = detail::did_you_mean(word, names);
  if (!guess || detail::edit_distance(word, *guess) > std::max<std::size_t>(1, bare.size() / 3))
    return {};
  return detail::say(language, detail::Message::did_you_mean, {{"guess", *guess}});
}

std::string program(const CLI::App* command) {
  return command ? "qingdan " + command->get_name() : std::string("qingdan");
}

std::string quoted(const std::vector<std::string>& texts) {
  std::string text;
  for (const std::string& one : texts) text += (text.empty() ? "'" : " '") + one + '\'';
  return text;
}

// The apps whose options a word on the command line may be meant for: the command's, then
// qingdan's own.
std::vector<const CLI::App*> scopes(const CLI::App& app) {
  std::vector<const CLI::App*> apps;
  if (const CLI::App* command = chosen_command(app)) apps.push_back(command);
  apps.push_back(&app);
  return apps;
}

std::vector<std::string> option_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* scope : scopes(app))
    for (const CLI::Option* option : scope->get_options()) {
      for (const std::string& name : option->get_lnames()) names.push_back("--" + name);
      for (const std::string& name : option->get_snames()) names.push_back("-" + name);
    }
  return names;
}

std::vector<std::string> command_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; }))
    names.push_back(command->get_name());
  return names;
}

// The option CLI11's message is about: the one whose name it holds as a word of its own
// ("--rules: 1 required TEXT missing", "Could not convert: --warn-at = x"), the longest if several.
const CLI::Option* option_named_by(const CLI::App& app, std::string_view message) {
  auto name_character = [](char c) {
    return c == '-' || c == '_' || static_cast<unsigned char>(c) >= 0x80 ||
           std::isalnum(static_cast<unsigned char>(c)) != 0;
  };
  const CLI::Option* found = nullptr;
  for (const CLI::App* scope : scopes(app))
    for (const CLI::Option* option : scope->get_options()) {
      const std::string name = option->get_name();
      for (std::size_t at = message.find(name); at != std::string_view::npos;
           at = message.find(name, at + 1)) {
        const std::size_t end = at + name.size();
        if ((at > 0 && name_character(message[at - 1])) ||
            (end < message.size() && name_character(message[end])))
          continue;
        if (!found || name.size() > found->get_name().size()) found = option;
        break;
      }
    }
  return found;
}

std::string values_of(const CLI::Option* option) {
  std::string text;
  for (const std::string& value : option->results()) text += (text.empty() ? "" : " ") + value;
  return text;
}

std::string message_of(const CLI::App& app, const CLI::ParseError& error, Language language) {
  const CLI::App* command = chosen_command(app);
  const std::string name = program(command);
  std::vector<std::string> options, arguments;
  for (const std::string& word : app.remaining(true))
    (word.size() > 1 && word.front() == '-' ? options : arguments).push_back(word);

  if (!command && !arguments.empty()) {
    const std::vector<std::string> commands = command_names(app);
    return words(language, "unknown command '{word}'{guess}; the commands are {commands}",
                 "未知的命令 '{word}'{guess}；命令有 {commands}",
                 {{"word", arguments.front()},
                  {"guess", guess_for(arguments.front(), commands, language)},
                  {"commands", detail::joined(commands, language)}});
  }
  if (!options.empty()) {
    const std::string option = options.front().substr(0, options.front().find('='));
    // Given before the command's name, an option of the command is one of qingdan's own.
    if (command)
      for (const CLI::Option* known : command->get_options())
        if (known->check_name(option))
          return words(language,
                       "{option} is an option of {program}: give it after the command's name",
                       "{option} 是 {program} 的选项，应写在命令名之后",
                       {{"option", option}, {"program", name}});
    return words(language, "{program} has no option '{option}'{guess}",
                 "{program} 没有选项 '{option}'{guess}",
                 {{"program", name},
                  {"option", option},
                  {"guess", guess_for(option, option_names(app), language)}});
  }
  if (!arguments.empty())
    return words(language,
                 arguments.size() == 1 ? "{program} does not take the argument {arguments}"
                                       : "{program} does not take the arguments {arguments}",
                 "{program} 不接受多余的参数 {arguments}",
                 {{"program", name}, {"arguments", quoted(arguments)}});

  const std::string kind = error.get_name();
  if (kind == "RequiredError") {
    if (!command)
      return words(language, "a command is needed: {commands}", "需要一个命令：{commands}",
                   {{"commands", detail::joined(command_names(app), language)}});
    for (const CLI::Option* option : command->get_options())
      if (option->get_required() && option->count() == 0)
        return option->get_positional() ? words(language, "{name} is required", "需要给出{name}",
                                                {{"name", option->get_name()}})
                                        : words(language, "{name} is required", "需要 {name}",
                                                {{"name", option->get_name()}});
  }
  if (const CLI::Option* option = option_named_by(app, error.what())) {
    const std::string option_name = option->get_name();
    if (kind == "ArgumentMismatch")
      return option->count() > 1 && option->get_expected_max() == 1
                 ? words(language, "{option} is given more than once", "{option} 只能给一次",
                         {{"option", option_name}})
                 : words(language, "{option} needs a value", "{option} 后面要跟一个值",
                         {{"option", option_name}});
    if (kind == "ConversionError" || kind == "ValidationError")
      return words(language, "{option} cannot be '{value}'", "{option} 不能是 '{value}'",
                   {{"option", option_name}, {"value", values_of(option)}});
    // A refusal none of the above foresaw: CLI11's own words in English.
    return words(language, "{message}", "{option} 用得不对",
                 {{"message", error.what()}, {"option", option_name}});
  }
  return words(language, "{message}", "无法理解这条命令行", {{"message", error.what()}});
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

bool json_asked(int argc, const char* const* argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--") break;
    if (std::string_view(argv[i]) == "--json") return true;
    if (auto value = option_value("--format", argc, argv, i); value && *value == "json")
      return true;
  }
  return false;
}

const CLI::App* chosen_command(const CLI::App& app) {
  const std::vector<CLI::App*> chosen = app.get_subcommands();
  return chosen.empty() ? nullptr : chosen.front();
}

Error usage_error_of(const CLI::App& app, const CLI::ParseError& error, Language language) {
  return usage_error(detail::Code::bad_command_line, message_of(app, error, language));
}

std::string help_hint(const CLI::App& app, Language language) {
  return words(language, "Run '{program} --help' for more information.",
               "运行 '{program} --help' 查看用法。", {{"program", program(chosen_command(app))}});
}

}  // namespace qingdan::cli
