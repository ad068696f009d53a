#pragma once

#include <cstdint>

#include <qingdan/language.hpp>

namespace qingdan {

// Bounds on what a rulebook may contain (docs/format.md §11). Hostile or broken files hit one of
// these and get a clear error instead of exhausting the process; raise them for unusually large
// rulebooks.
struct LoadOptions {
  std::uint64_t max_file_bytes = 64ULL << 20;     // size of one rule file
  std::uint32_t max_depth = 64;                   // YAML nesting depth
  std::uint64_t max_alias_nodes = 100'000;        // nodes that aliases may repeat, per file
  std::uint64_t max_entries = 1'000'000;          // entries over all editions
  std::uint64_t max_text_bytes = 1ULL << 20;      // one text value
  std::uint64_t max_files = 100'000;              // rule files in the folder
  std::uint64_t max_snapshot_bytes = 4ULL << 30;  // a compiled snapshot (a million tasks: ~400 MiB)
  Language language = Language::en;               // of diagnostics, and of the loaded rulebook's
                                                  // query errors
};

}  // namespace qingdan
