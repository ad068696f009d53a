#pragma once

#include <memory>
#include <string>
#include <vector>

#include <qingdan/detail/model.hpp>
#include <qingdan/load_options.hpp>

#include "load/raw_rules.hpp"
#include "wording/diagnostics.hpp"

namespace qingdan::detail {

// Resolves the references between files (levels, modes, jurisdictions, task ids, categories,
// entry ids), checks what only the whole rulebook shows (duplicate ids, clashing editions,
// overlapping entries) and builds the compact model with its indexes. `files` are the relative
// paths, `display_files` the same files as messages name them. Returns null on any error.
std::shared_ptr<Model> assemble(RawRules raw, std::vector<std::string> files,
                                const std::vector<std::string>& display_files,
                                const std::string& display_folder, const LoadOptions& options,
                                Diagnostics& diagnostics);

}  // namespace qingdan::detail
