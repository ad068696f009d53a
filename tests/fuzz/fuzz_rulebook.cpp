// A whole small rulebook from one input: the text is cut at lines "--- FILE" into rulebook.yaml,
// tasks.yaml, list.yaml and tests.yaml. What loads is queried, linted, diffed and its tests run.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <qingdan/qingdan.hpp>

#include "fuzz_support.hpp"

namespace {

const std::filesystem::path folder = qingdan::fuzz::scratch_folder("rulebook");
constexpr const char* file_names[] = {"rulebook.yaml", "tasks.yaml", "list.yaml", "tests.yaml"};

void write_parts(std::string_view text) {
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  constexpr std::string_view cut = "\n--- FILE\n";
  for (const char* name : file_names) {
    std::size_t end = text.find(cut);
    qingdan::fuzz::write_file(folder / name, text.substr(0, end));
    if (end == std::string_view::npos) return;
    text.remove_prefix(end + cut.size());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  write_parts(std::string_view(reinterpret_cast<const char*>(data), size));
  try {
    qingdan::Rulebook book = qingdan::Rulebook::load(folder, {.compiled_cache = false});
    for (const auto& task : book.find_tasks("")) (void)book.owner(task.id, {});
    (void)run_rule_tests(book);
    (void)to_json(book.diff(std::chrono::year{2020} / 1 / 1, std::chrono::year{2026} / 1 / 1));
  } catch (const qingdan::Error&) {
  }
  (void)to_sarif(qingdan::lint(folder));
  return 0;
}
