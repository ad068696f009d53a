#include "load/load.hpp"

#include <algorithm>
#include <cstdint>
#include <tuple>
#include <utility>

#include <qingdan/detail/string_hash.hpp>

#include "load/assemble.hpp"
#include "load/readers/readers.hpp"
#include "load/rule_files.hpp"
#include "load/schema.hpp"
#include "load/sha256.hpp"
#include "load/source_text.hpp"
#include "load/yaml_tree.hpp"
#include "wording/diagnostics.hpp"

namespace qingdan::detail {

void sort_diagnostics(std::vector<Diagnostic>& diagnostics, const std::vector<std::string>& files) {
  // Each diagnostic's file is looked up once, not once per comparison.
  StringMap<long> rank_of_file;
  rank_of_file.reserve(files.size());
  for (std::size_t i = 0; i < files.size(); ++i)
    rank_of_file.emplace(files[i], static_cast<long>(i));
  using Key = std::tuple<long, std::uint32_t, std::uint32_t, std::size_t>;
  std::vector<std::pair<Key, Diagnostic>> keyed;
  keyed.reserve(diagnostics.size());
  for (Diagnostic& diagnostic : diagnostics) {
    auto found = rank_of_file.find(diagnostic.file);
    Key key{found == rank_of_file.end() ? -1L : found->second, diagnostic.line, diagnostic.column,
            keyed.size()};
    keyed.emplace_back(key, std::move(diagnostic));
  }
  std::sort(keyed.begin(), keyed.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  diagnostics.clear();
  for (auto& [key, diagnostic] : keyed) diagnostics.push_back(std::move(diagnostic));
}

LoadResult load_rulebook(const std::filesystem::path& folder, const LoadOptions& options) {
  Diagnostics diagnostics(options.language);
  const std::string display_folder = folder.generic_string();
  std::vector<RuleFile> files = list_rule_files(folder, display_folder, options, diagnostics);

  RawRules raw;
  std::vector<std::string> relative_paths, display_paths;
  std::string checksums;
  const bool folder_listed = !diagnostics.has_errors();
  bool every_file_parsed = folder_listed;
  bool every_file_read = folder_listed;
  for (const RuleFile& file : files) {
    relative_paths.push_back(file.relative);
    display_paths.push_back(file.display);
    std::string bytes;
    auto source = read_source(file.path, file.display, options, diagnostics, &bytes);
    checksums += sha256sum_line(sha256_hex(bytes), file.relative);
    every_file_read = every_file_read && (source || !bytes.empty());
    if (!source) {
      every_file_parsed = false;
      continue;
    }
    auto tree = parse_yaml(*source, options, diagnostics);  // released at the end of the loop
    if (!tree) {
      every_file_parsed = false;
      continue;
    }
    SchemaReader schema(*source, diagnostics);
    read_rule_file(*tree, static_cast<std::uint32_t>(relative_paths.size() - 1), schema, raw);
  }

  LoadResult result;
  if (every_file_read) result.fingerprint = sha256_hex(checksums);
  if (every_file_parsed) {
    auto model = assemble(std::move(raw), relative_paths, display_paths, display_folder, options,
                          diagnostics);
    if (model && !diagnostics.has_errors()) {
      model->fingerprint = result.fingerprint;
      result.model = std::move(model);
    }
  }
  result.diagnostics = diagnostics.take();
  sort_diagnostics(result.diagnostics, display_paths);
  return result;
}

}  // namespace qingdan::detail
