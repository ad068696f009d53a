#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <qingdan/detail/model.hpp>
#include <qingdan/error.hpp>
#include <qingdan/load_options.hpp>

namespace qingdan::detail {

struct LoadResult {
  std::shared_ptr<const Model> model;   // null when any error was found
  std::vector<Diagnostic> diagnostics;  // in file order, then line and column
  std::string fingerprint;              // empty when a file could not be read
};

// Reads a rulebook folder and reports every problem it finds.
LoadResult load_rulebook(const std::filesystem::path& folder, const LoadOptions& options);

// The fingerprint load_rulebook would give the folder as its files are now (docs/format.md §2.3),
// without parsing them; nothing when the folder cannot be listed or a file cannot be read.
std::optional<std::string> fingerprint_rule_files(const std::filesystem::path& folder,
                                                  const LoadOptions& options);

// Orders diagnostics by the rule files' byte order, then line and column; messages about the
// folder itself come first.
void sort_diagnostics(std::vector<Diagnostic>& diagnostics, const std::vector<std::string>& files);

}  // namespace qingdan::detail
