// One fuzzed rule file of any kind added to a small valid rulebook (tests/data/invalid/base):
// loading and linting must end in a rulebook or a positioned error, never a crash or a hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <qingdan/qingdan.hpp>

#include "fuzz_support.hpp"

namespace {

const std::filesystem::path folder = qingdan::fuzz::scratch_folder("rule-file");

void set_up() {
  const std::filesystem::path base = std::filesystem::path(QINGDAN_TEST_DATA_DIR) / "invalid/base";
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  for (const char* name : {"rulebook.yaml", "tasks.yaml"})
    std::filesystem::copy_file(base / name, folder / name);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static bool ready = (set_up(), true);
  (void)ready;
  qingdan::fuzz::write_file(folder / "fuzzed.yaml",
                            std::string_view(reinterpret_cast<const char*>(data), size));
  try {
    qingdan::Rulebook book = qingdan::Rulebook::load(folder, {.compiled_cache = false});
    (void)book.owner("ZM-01", {});
  } catch (const qingdan::Error& error) {
    if (error.diagnostic().message.empty()) __builtin_trap();  // every error says what is wrong
  }
  (void)qingdan::lint(folder);
  return 0;
}
