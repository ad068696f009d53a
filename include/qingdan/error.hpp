#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>

#include <qingdan/detail/control_characters.hpp>

namespace qingdan {

enum class Severity : std::uint8_t { error, warning };

inline const char* to_string(Severity severity) {
  return severity == Severity::error ? "error" : "warning";
}

// One problem found in a user's file, positioned like a compiler's message. Lines and columns
// are 1-based; columns count Unicode characters; 0 means "no position".
struct Diagnostic {
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  Severity severity = Severity::error;
  std::string code;  // stable, e.g. "QL102"; listed in rules/README.md
  std::string message;

  // `FILE:LINE:COLUMN: error: MESSAGE [CODE]`, leaving out the parts that are not known; one
  // line, with control characters from file names and rule text escaped.
  std::string to_string() const {
    std::string text;
    if (!file.empty()) {
      text += file;
      if (line > 0) {
        text += ':' + std::to_string(line);
        if (column > 0) text += ':' + std::to_string(column);
      }
      text += ": ";
    }
    text += qingdan::to_string(severity);
    text += ": ";
    text += message;
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
inline Error usage_error(std::string code, std::string message) {
  Diagnostic diagnostic;
  diagnostic.code = std::move(code);
  diagnostic.message = std::move(message);
  return Error(std::move(diagnostic));
}

}  // namespace qingdan
