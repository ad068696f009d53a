#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <qingdan/load_options.hpp>

#include "wording/diagnostics.hpp"

namespace qingdan::detail {

struct RuleFile {
  std::filesystem::path path;
  std::string relative;  // "lists/negative-2024.yaml"
  std::string display;   // the path as messages show it
};

// The `*.yaml` and `*.yml` files below `folder`, following symbolic links that stay inside it,
// in byte order of their relative paths (as `find -L … | LC_ALL=C sort` lists them). A link
// that leaves the folder or loops is an error (QL014).
std::vector<RuleFile> list_rule_files(const std::filesystem::path& folder,
                                      const std::string& display_folder, const LoadOptions& options,
                                      Diagnostics& diagnostics);

// One line of `sha256sum` output for a file, with its escaping of '\' and newlines.
std::string sha256sum_line(std::string_view digest_hex, std::string_view relative_path);

}  // namespace qingdan::detail
