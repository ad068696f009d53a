#pragma once

// What the fuzz targets share: a scratch folder in memory-backed storage, rewritten for every
// input, and the shipped Qingpu rulebook, loaded once.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include <qingdan/qingdan.hpp>

namespace qingdan::fuzz {

inline std::filesystem::path scratch_folder(std::string_view name) {
  std::filesystem::path base =
      std::filesystem::exists("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path();
  return base / ("qingdan-fuzz-" + std::string(name) + "-" + std::to_string(::getpid()));
}

inline void write_file(const std::filesystem::path& path, std::string_view text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      .write(text.data(), static_cast<long>(text.size()));
}

inline const Rulebook& qingpu() {
  static const Rulebook book =
      Rulebook::load(std::filesystem::path(QINGDAN_SOURCE_DIR) / "rules/shanghai-qingpu");
  return book;
}

}  // namespace qingdan::fuzz
