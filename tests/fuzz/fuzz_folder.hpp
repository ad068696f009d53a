#pragma once

// A rulebook folder in memory-backed temporary storage, rewritten for every fuzz input.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

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

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace qingdan::fuzz
