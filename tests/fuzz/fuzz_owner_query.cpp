// Fuzzed query text: the task, jurisdiction and mode of an owner query, a catalogue search and a
// reading of free text, cut at the first two NUL bytes. Unknown names are answered or refused,
// never a crash; a reading's candidates are ranked best first, with confidences in [0, 1].
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <qingdan/qingdan.hpp>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const qingdan::Rulebook& book = qingdan::fuzz::qingpu();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string parts[3];
  for (std::string& part : parts) {
    std::size_t end = text.find('\0');
    part = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
  }
  try {
    qingdan::Decision decision =
        book.owner(parts[0], {.at = {}, .jurisdiction = parts[1], .mode = parts[2]});
    (void)decision.explain();
    (void)to_json(decision, book.fingerprint());
  } catch (const qingdan::Error&) {
  }
  try {
    (void)book.find_tasks(parts[0]);
  } catch (const qingdan::Error&) {
  }
  try {
    qingdan::Reading reading = book.read(parts[0]);
    double previous = 1;
    for (const qingdan::Candidate& candidate : reading.candidates) {
      if (!(candidate.confidence >= 0 && candidate.confidence <= previous)) std::abort();
      previous = candidate.confidence;
    }
    if (reading.status == qingdan::ReadingStatus::read_as && reading.task() == nullptr)
      std::abort();
    (void)to_json(std::vector<qingdan::Reading>{reading}, book.fingerprint());
  } catch (const qingdan::Error&) {
  }
  return 0;
}
