// A fuzzed directive, read and checked against the Qingpu rulebook and its villages.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include <qingdan/qingdan.hpp>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const qingdan::Rulebook& book = qingdan::fuzz::qingpu();
  static const qingdan::Villages villages = qingdan::Villages::load(
      std::filesystem::path(QINGDAN_SOURCE_DIR) / "rules/shanghai-qingpu/villages.csv");
  try {
    std::vector<qingdan::Directive> directives{qingdan::Directive::parse(
        std::string_view(reinterpret_cast<const char*>(data), size), "fuzzed.yaml")};
    qingdan::Report report = book.check(directives, villages);
    (void)to_json(report);
    (void)to_html(report);
  } catch (const qingdan::Error&) {
  }
  return 0;
}
