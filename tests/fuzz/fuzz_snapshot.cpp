// Fuzzed snapshot data, sealed with a valid header and checksum so that the reader's own checks
// (bounds, counts, enumerations, indexes, UTF-8) are what stands between it and the rest of
// qingdan. Whatever loads is then put through everything a user can ask of a rulebook: every
// task at every edition date, in every jurisdiction and mode (answers and explanations), the
// rule tests, the catalogue, lint, a diff across each pair of edition dates, and a directive
// naming its tasks, with every output format of each.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <qingdan/qingdan.hpp>

#include "../support/use_every_feature.hpp"
#include "fuzz_support.hpp"
#include "snapshot/snapshot.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::filesystem::path file = qingdan::fuzz::scratch_folder("snapshot") += ".qds";
  qingdan::fuzz::write_file(file, qingdan::detail::seal_snapshot(
                                      std::string_view(reinterpret_cast<const char*>(data), size)));
  try {
    const qingdan::Rulebook book = qingdan::Rulebook::load(file);
    qingdan::testing::use_every_feature(book);
    const qingdan::LintReport lint = qingdan::lint(file);
    (void)to_json(lint);
    (void)to_sarif(lint);
  } catch (const qingdan::Error&) {
  }
  return 0;
}
