#pragma once

#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

namespace qingdan {

// The language of diagnostics and findings. Names from the rule files stay as written.
enum class Language : std::uint8_t { en, zh };

constexpr std::string_view to_string(Language language) {
  return language == Language::zh ? "zh" : "en";
}

// "en" or "zh", as `--lang` and the Python `language=` take them; nothing for anything else.
inline std::optional<Language> parse_language(std::string_view text) {
  if (text == "en") return Language::en;
  if (text == "zh") return Language::zh;
  return std::nullopt;
}

// The language a POSIX locale name asks for: Chinese for "zh…" (zh_CN.UTF-8, zh_TW, zh),
// English for everything else, including "C", "POSIX" and locales qingdan has no messages for.
inline Language language_of_locale(std::string_view locale) {
  bool chinese = locale.size() >= 2 && std::tolower(static_cast<unsigned char>(locale[0])) == 'z' &&
                 std::tolower(static_cast<unsigned char>(locale[1])) == 'h' &&
                 (locale.size() == 2 || locale[2] == '_' || locale[2] == '-' || locale[2] == '.');
  return chinese ? Language::zh : Language::en;
}

// The language of the environment's locale, looked up as POSIX does for messages: the first
// set one of LC_ALL, LC_MESSAGES and LANG.
inline Language language_from_environment() {
  for (const char* variable : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value =
        std::getenv(variable);  // NOLINT(concurrency-mt-unsafe): read once, at start
    if (value != nullptr && *value != '\0') return language_of_locale(value);
  }
  return Language::en;
}

}  // namespace qingdan
