#include "load/load.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <tuple>
#include <utility>

#include <qingdan/detail/string_hash.hpp>

#include "load/assemble.hpp"
#include "load/parallel.hpp"
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

namespace {

// One rule file read on its own: what it says, its diagnostics and its line of the fingerprint.
struct FileReading {
  Diagnostics diagnostics;
  RawRules rules;
  std::string checksum_line;
  bool read = false;    // its bytes were read, so it counts in the fingerprint
  bool parsed = false;  // it is UTF-8 YAML within the limits
};

FileReading read_one_file(const RuleFile& file, std::uint32_t index, const LoadOptions& options) {
  FileReading reading{Diagnostics(), {}, {}, false, false};
  std::string bytes;
  auto source = read_source(file.path, file.display, options, reading.diagnostics, &bytes);
  reading.checksum_line = sha256sum_line(sha256_hex(bytes), file.relative);
  reading.read = source || !bytes.empty();
  if (!source) return reading;
  auto tree = parse_yaml(*source, options, reading.diagnostics);
  if (!tree) return reading;
  reading.parsed = true;
  SchemaReader schema(*source, reading.diagnostics);
  read_rule_file(*tree, index, schema, reading.rules);
  return reading;
}

template <class Item>
void append(std::vector<Item>& to, std::vector<Item>&& items) {
  if (to.empty()) {
    to = std::move(items);
    return;
  }
  to.insert(to.end(), std::make_move_iterator(items.begin()), std::make_move_iterator(items.end()));
}

void append_rules(RawRules& to, RawRules&& file) {
  append(to.rulebooks, std::move(file.rulebooks));
  append(to.tasks, std::move(file.tasks));
  append(to.editions, std::move(file.editions));
  append(to.test_cases, std::move(file.test_cases));
  append(to.approvals, std::move(file.approvals));
  to.incomplete = to.incomplete || file.incomplete;
}

}  // namespace

std::optional<std::string> fingerprint_rule_files(const std::filesystem::path& folder,
                                                  const LoadOptions& options) {
  Diagnostics diagnostics;
  std::vector<RuleFile> files =
      list_rule_files(folder, folder.generic_string(), options, diagnostics);
  if (diagnostics.has_errors()) return std::nullopt;
  std::vector<std::optional<std::string>> lines(files.size());
  run_in_parallel(files.size(), thread_count(options, files.size()), [&](std::size_t i) {
    Diagnostics ignored;
    if (auto bytes = read_file(files[i].path, files[i].display, options, ignored))
      lines[i] = sha256sum_line(sha256_hex(*bytes), files[i].relative);
  });
  std::string checksums;
  for (const auto& line : lines) {
    if (!line) return std::nullopt;
    checksums += *line;
  }
  return sha256_hex(checksums);
}

LoadResult load_rulebook(const std::filesystem::path& folder, const LoadOptions& options) {
  Diagnostics diagnostics;
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
  }
  // Files are read and parsed on a pool of threads, a window of them at a time so that at most a
  // window's diagnostics are held beyond the 1,000 kept; each window is merged in file order.
  const std::size_t threads = thread_count(options, files.size());
  const std::size_t window = threads == 1 ? 1 : threads * 8;
  for (std::size_t first = 0; first < files.size(); first += window) {
    std::vector<FileReading> readings(std::min(window, files.size() - first));
    run_in_parallel(readings.size(), threads, [&](std::size_t i) {
      readings[i] = read_one_file(files[first + i], static_cast<std::uint32_t>(first + i), options);
    });
    for (FileReading& reading : readings) {
      checksums += reading.checksum_line;
      every_file_read = every_file_read && reading.read;
      every_file_parsed = every_file_parsed && reading.parsed;
      for (Diagnostic& diagnostic : reading.diagnostics.take())
        diagnostics.add(std::move(diagnostic));
      append_rules(raw, std::move(reading.rules));
    }
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
