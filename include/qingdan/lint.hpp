#pragma once

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include <qingdan/error.hpp>
#include <qingdan/load_options.hpp>

namespace qingdan {

struct LintReport {
  std::vector<Diagnostic> diagnostics;  // load errors, warnings and rule conflicts, in file order
  std::string fingerprint;              // empty when the folder could not be read

  std::size_t count(Severity severity) const {
    return static_cast<std::size_t>(std::count_if(
        diagnostics.begin(), diagnostics.end(),
        [&](const Diagnostic& diagnostic) { return diagnostic.severity == severity; }));
  }
  bool has_errors() const { return count(Severity::error) > 0; }
};

// Every problem in a rulebook (docs/format.md §2.2 and §6.6): all load errors, not just the first,
// and the rule conflicts of a rulebook that loads (a level both assisting and forbidden for a
// task). `folder` may be a snapshot: its conflicts are found, and a damaged one is QL016/QL017.
LintReport lint(const std::filesystem::path& folder, const LoadOptions& options = {});

}  // namespace qingdan
