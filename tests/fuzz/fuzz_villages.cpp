// Fuzzed village profiles (CSV), placed in the Qingpu tree by a check of one directive.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include <qingdan/qingdan.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const qingdan::Rulebook book =
      qingdan::Rulebook::load(std::filesystem::path(QINGDAN_SOURCE_DIR) / "rules/shanghai-qingpu");
  static const std::vector<qingdan::Directive> directives{qingdan::Directive::load(
      std::filesystem::path(QINGDAN_SOURCE_DIR) / "examples/directives/county-routine-2025.yaml")};
  try {
    qingdan::Villages villages = qingdan::Villages::parse_csv(
        std::string_view(reinterpret_cast<const char*>(data), size), "fuzzed.csv");
    (void)to_text(book.check(directives, villages));
  } catch (const qingdan::Error&) {
  }
  return 0;
}
