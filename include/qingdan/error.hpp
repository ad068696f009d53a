#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include <qingdan/detail/codes.hpp>
#include <qingdan/detail/control_characters.hpp>
#include <qingdan/language.hpp>
#include <qingdan/phrase.hpp>
#include <qingdan/source_position.hpp>

namespace qingdan {

enum class Severity : std::uint8_t { error, warning };

inline constexpr std::string_view to_string(Severity severity) {
  return severity == Severity::error ? "error" : "warning";
}

// One problem found in a user's file, positioned like a compiler's message: where it is (file,
// line, column; 0 when not known), and what.
struct Diagnostic : SourcePosition {
  Severity severity = Severity::error;
  std::string code;     // stable, e.g. "QL102"; listed in rules/README.md
  std::string message;  // in English
  Phrase phrase{};      // the message in any language (empty for a diagnostic made in code)

  // The message in `language` when it can be worded again, else in English.
  std::string message_in(Language language) const {
    return phrase.empty() ? message : phrase.in(language);
  }

  // `FILE:LINE:COLUMN: error: MESSAGE [CODE]`, leaving out the parts that are not known; one
  // line, with control characters from file names and rule text escaped. In Chinese the
  // severity is Chinese too, as compilers word it: "错误：", "警告：".
  std::string to_string(Language language = Language::en) const {
    std::string text;
    if (!file.empty()) {
      text += file;
      if (line > 0) {
        text += ':' + std::to_string(line);
        if (column > 0) text += ':' + std::to_string(column);
      }
      text += ": ";
    }
    if (language == Language::zh) {
      text +=
          detail::say(language, severity == Severity::error ? detail::Message::severity_error
                                                            : detail::Message::severity_warning);
      text += "：";
    } else {
      text += qingdan::to_string(severity);
      text += ": ";
    }
    text += message_in(language);
    if (!code.empty()) text += " [" + code + ']';
    return detail::escape_controls(text);
  }

  friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

// The one exception type qingdan throws for bad input: a rulebook that does not load, an
// unknown jurisdiction or mode in a query, a malformed date.
class Error : public std::runtime_error {
 public:
  explicit Error(Diagnostic diagnostic)
      : std::runtime_error(diagnostic.to_string()), diagnostic_(std::move(diagnostic)) {}

  const Diagnostic& diagnostic() const noexcept { return diagnostic_; }
  const std::string& file() const noexcept { return diagnostic_.file; }
  std::uint32_t line() const noexcept { return diagnostic_.line; }
  std::uint32_t column() const noexcept { return diagnostic_.column; }
  const std::string& code() const noexcept { return diagnostic_.code; }

 private:
  Diagnostic diagnostic_;
};

// An error about a value given to an API call rather than a position in a file.
inline Error usage_error(detail::Code code, std::string message) {
  Diagnostic diagnostic;
  diagnostic.code = detail::code_text(code);
  diagnostic.message = std::move(message);
  return Error(std::move(diagnostic));
}

// A diagnostic worded when it is shown: its `message` in English, message_in in either language.
inline Diagnostic worded_diagnostic(std::string file, std::uint32_t line, std::uint32_t column,
                                    Severity severity, detail::Code code, Phrase phrase) {
  Diagnostic diagnostic{{std::move(file), line, column},
                        severity,
                        std::string(detail::code_text(code)),
                        phrase.in(Language::en)};
  diagnostic.phrase = std::move(phrase);
  return diagnostic;
}

// An error at a position in a user's file, worded when it is shown.
inline Error positioned_error(std::string file, std::uint32_t line, std::uint32_t column,
                              detail::Code code, Phrase phrase) {
  return Error(
      worded_diagnostic(std::move(file), line, column, Severity::error, code, std::move(phrase)));
}

// An error about a value given to an API call, worded when it is shown: `what()` says it in
// English, Diagnostic::message_in in either language.
inline Error usage_error(detail::Code code, Phrase phrase) {
  Diagnostic diagnostic;
  diagnostic.code = detail::code_text(code);
  diagnostic.message = phrase.in(Language::en);
  diagnostic.phrase = std::move(phrase);
  return Error(std::move(diagnostic));
}

}  // namespace qingdan
