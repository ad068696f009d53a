#include "cli/help.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include <qingdan/version.hpp>

#include "cli/commands.hpp"
#include "cli/words.hpp"

namespace qingdan::cli {

namespace {

// Columns a text takes on a terminal: two for a wide (East Asian) character, one for any other.
std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    char32_t point = length == 1 ? lead : lead & (0x7F >> length);
    for (std::size_t k = 1; k < length && i + k < text.size(); ++k)
      point = (point << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    const bool wide =
        (point >= 0x1100 && point <= 0x115F) || (point >= 0x2E80 && point <= 0xA4CF) ||
        (point >= 0xAC00 && point <= 0xD7A3) || (point >= 0xF900 && point <= 0xFAFF) ||
        (point >= 0xFE30 && point <= 0xFE4F) || (point >= 0xFF00 && point <= 0xFF60) ||
        (point >= 0xFFE0 && point <= 0xFFE6) || (point >= 0x20000 && point <= 0x3FFFD);
    width += wide ? 2 : 1;
    i += length;
  }
  return width;
}

// CLI11's formatter, with the description column found by the width of what precedes it on the
// screen rather than its bytes (a Chinese character is three bytes and two columns).
class Formatter : public CLI::Formatter {
 public:
  std::string make_option(const CLI::Option* option, bool is_positional) const override {
    return line(make_option_name(option, is_positional) + make_option_opts(option),
                make_option_desc(option));
  }

  std::string make_subcommand(const CLI::App* command) const override {
    return line(command->get_display_name(true), command->get_description());
  }

 private:
  std::string line(const std::string& name, const std::string& description) const {
    const std::size_t column = get_column_width();
    std::string text = "  " + name;
    if (!description.empty()) {
      const std::size_t width = display_width(text);
      text += width < column ? std::string(column - width, ' ') : '\n' + std::string(column, ' ');
      for (const char c : description) {
        text += c;
        if (c == '\n') text += std::string(column, ' ');
      }
    }
    return text + '\n';
  }
};

}  // namespace

void set_up_help(CLI::App& app, Language language) {
  auto formatter = std::make_shared<Formatter>();
  // Every label CLI11's formatter looks up (its type names are labels too).
  static constexpr std::pair<const char*, const char*> chinese_labels[] = {
      {"Usage", "用法"},       {"OPTIONS", "选项"},     {"SUBCOMMAND", "命令"},
      {"SUBCOMMANDS", "命令"}, {"Positionals", "参数"}, {"REQUIRED", "必需"},
      {"TEXT", "文本"},        {"FLOAT", "数"},         {"INT", "整数"},
      {"UINT", "整数"},        {"Env", "环境变量"},     {"Needs", "需要"},
      {"Excludes", "不能与"}};
  if (language == Language::zh)
    for (const auto& [label, chinese] : chinese_labels) formatter->label(label, chinese);
  app.formatter(formatter);
  // The groups options and commands are listed under; commands added later inherit both.
  app.option_defaults()->group(words(language, "Options", "选项"));
  app.group(words(language, "Subcommands", "命令"));
  app.set_help_flag("-h,--help",
                    words(language, "Print this help message and exit", "显示本帮助并退出"));
  app.set_version_flag(
      "--version", std::string(qingdan::version),
      words(language, "Display program version information and exit", "显示程序版本并退出"));
}

CLI::App* add_command(CLI::App& app, const Session& session, const std::string& name,
                      std::string_view en, std::string_view zh) {
  CLI::App* command = app.add_subcommand(name, session.words(en, zh));
  // A command makes its -h,--help before it takes app's option defaults: it is put in app's
  // group here, or it would be listed alone under CLI11's "Options".
  if (CLI::Option* help = command->get_help_ptr()) help->group(app.get_help_ptr()->get_group());
  return command;
}

void add_rules_option(CLI::App& command, const Session& session, std::string& rules) {
  command
      .add_option("--rules", rules,
                  session.words("Rulebook folder or snapshot", "规则库文件夹或快照"))
      ->required();
}

}  // namespace qingdan::cli
