#pragma once

#include <cstdint>
#include <filesystem>

namespace qingdan {

// Bounds on what a rulebook may contain (docs/format.md §11). Hostile or broken files hit one of
// these and get a clear error instead of exhausting the process; raise them for unusually large
// rulebooks.
struct LoadOptions {
  std::uint64_t max_file_bytes = 64ULL << 20;     // size of one rule file
  std::uint32_t max_depth = 64;                   // YAML nesting depth
  std::uint64_t max_alias_nodes = 100'000;        // nodes that aliases may repeat, per file
  std::uint64_t max_entries = 4'000'000;          // entries over all editions (a province: ~2 M)
  std::uint64_t max_text_bytes = 1ULL << 20;      // one text value
  std::uint64_t max_files = 100'000;              // rule files in the folder
  std::uint64_t max_snapshot_bytes = 4ULL << 30;  // a compiled snapshot (a million tasks: ~400 MiB)

  // Rule files parsed at once; 0 takes the hardware's count of threads.
  unsigned threads = 0;

  // The compiled cache (docs/format.md §10.1): Rulebook::load of a folder keeps a snapshot of it
  // in `cache_directory` and reads that instead of the YAML while the folder's files are
  // unchanged. An empty directory takes $QINGDAN_CACHE_DIR, else $XDG_CACHE_HOME/qingdan, else
  // ~/.cache/qingdan; QINGDAN_CACHE_DIR=off turns the cache off like `compiled_cache = false`.
  bool compiled_cache = true;
  std::filesystem::path cache_directory = {};
};

}  // namespace qingdan
