// A fuzzed village workbook (.xlsx), placed in the Qingpu tree by a check of one directive.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string_view>
#include <vector>

#include <qingdan/qingdan.hpp>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const qingdan::Rulebook& book = qingdan::fuzz::qingpu();
  static const std::vector<qingdan::Directive> directives{qingdan::Directive::load(
      std::filesystem::path(QINGDAN_SOURCE_DIR) / "examples/directives/county-routine-2025.yaml")};
  static const std::filesystem::path folder = [] {
    std::filesystem::path path = qingdan::fuzz::scratch_folder("workbook");
    std::filesystem::create_directories(path);
    return path;
  }();
  const std::filesystem::path workbook = folder / "fuzzed.xlsx";
  qingdan::fuzz::write_file(workbook, std::string_view(reinterpret_cast<const char*>(data), size));
  try {
    (void)to_text(book.check(directives, qingdan::Villages::load(workbook)));
  } catch (const qingdan::Error&) {
  }
  return 0;
}
