#pragma once

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <qingdan/detail/codes.hpp>
#include <qingdan/detail/messages.hpp>
#include <qingdan/detail/phrases.hpp>
#include <qingdan/error.hpp>

namespace qingdan::detail {

// A 1-based line and column (columns count characters) in a source file; 0 when unknown.
struct Position {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

// A diagnostic of one code of the catalogue, worded when it is shown.
inline Diagnostic coded_diagnostic(std::string file, Position at, Code code, Phrase message,
                                   Severity severity = Severity::error) {
  return worded_diagnostic(std::move(file), at.line, at.column, severity, code, std::move(message));
}

// Throws the first error among `diagnostics`, or `fallback` when there is none.
[[noreturn]] inline void throw_first_error(std::vector<Diagnostic> diagnostics,
                                           Diagnostic fallback = {}) {
  for (Diagnostic& diagnostic : diagnostics)
    if (diagnostic.severity == Severity::error) throw Error(std::move(diagnostic));
  throw Error(std::move(fallback));
}

// Collects the diagnostics of one load or lint run, as phrases worded when they are shown. At most
// `max_listed` errors and as many warnings are kept, then one QL018 of each says the rest were
// left out: a hostile file of a million broken items costs a thousand messages, not a million.
class Diagnostics {
 public:
  static constexpr std::size_t max_listed = 1000;

  void add(Diagnostic diagnostic) {
    const bool error = diagnostic.severity == Severity::error;
    if (error) has_errors_ = true;
    std::size_t& listed = error ? errors_listed_ : warnings_listed_;
    if (listed < max_listed) {
      ++listed;
      diagnostics_.push_back(std::move(diagnostic));
      return;
    }
    // Errors and warnings are counted apart, so that warnings never crowd out an error; the
    // note is an error only when errors were left out.
    bool& said = error ? errors_cut_short_ : warnings_cut_short_;
    if (said) return;
    said = true;
    diagnostics_.push_back(coded_diagnostic(
        {}, {}, Code::too_many_problems,
        Phrase(Message::too_many_problems, {{"limit", std::to_string(max_listed)}}),
        diagnostic.severity));
  }

  void error(const std::string& file, Position at, Code code, Phrase message) {
    report(file, at, Severity::error, code, std::move(message));
  }
  void warning(const std::string& file, Position at, Code code, Phrase message) {
    report(file, at, Severity::warning, code, std::move(message));
  }
  void error(const std::string& file, Position at, Code code, Message id,
             std::vector<Phrase::Argument> arguments = {}) {
    error(file, at, code, Phrase(id, std::move(arguments)));
  }
  void warning(const std::string& file, Position at, Code code, Message id,
               std::vector<Phrase::Argument> arguments = {}) {
    warning(file, at, code, Phrase(id, std::move(arguments)));
  }
  // The code's severity is the catalogue's: a code reported with another is a mistake in qingdan.
  void report(const std::string& file, Position at, Severity severity, Code code, Phrase message) {
    if (!allows(code, severity))
      throw std::logic_error(std::string(code_text(code)) + " reported with the wrong severity");
    add(coded_diagnostic(file, at, code, std::move(message), severity));
  }

  bool has_errors() const { return has_errors_; }
  std::size_t size() const { return diagnostics_.size(); }
  std::size_t error_count() const {
    return static_cast<std::size_t>(
        std::count_if(diagnostics_.begin(), diagnostics_.end(),
                      [](const Diagnostic& d) { return d.severity == Severity::error; }));
  }
  const std::vector<Diagnostic>& all() const { return diagnostics_; }
  std::vector<Diagnostic> take() {
    has_errors_ = errors_cut_short_ = warnings_cut_short_ = false;
    errors_listed_ = warnings_listed_ = 0;
    return std::move(diagnostics_);
  }
  [[noreturn]] void throw_first_error() { detail::throw_first_error(take()); }

 private:
  std::vector<Diagnostic> diagnostics_;
  bool has_errors_ = false;
  std::size_t errors_listed_ = 0, warnings_listed_ = 0;
  bool errors_cut_short_ = false, warnings_cut_short_ = false;
};

}  // namespace qingdan::detail
