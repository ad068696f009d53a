// Fuzzed village profiles (CSV), placed in the Qingpu tree by a check of one directive.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include <qingdan/qingdan.hpp>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const qingdan::Rulebook& book = qingdan::fuzz::qingpu();
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
