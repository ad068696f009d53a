// Fuzzed snapshot data, sealed with a valid header and checksum so that the reader's own checks
// (bounds, counts, indexes) are what stands between it and the query engine; whatever loads is
// then asked about every task at every edition date, in every jurisdiction and mode.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <qingdan/qingdan.hpp>

#include "../../src/snapshot.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string sealed =
      qingdan::detail::seal_snapshot(std::string_view(reinterpret_cast<const char*>(data), size));
  try {
    auto model = qingdan::detail::model_from_snapshot(sealed, "fuzzed.qds", {});
    for (const qingdan::detail::EditionRecord& edition : model->editions)
      for (std::uint32_t node = 0; node < model->jurisdictions.size(); ++node)
        for (const std::string& mode : model->modes) {
          qingdan::Query query{edition.effective, model->jurisdictions.node(node).path, mode};
          for (const qingdan::detail::TaskRecord& task : model->tasks) {
            (void)qingdan::detail::decide(*model, task.id, query).explain();
            (void)qingdan::detail::answer(*model, task.name,
                                          qingdan::detail::resolve_query(*model, query));
          }
          (void)qingdan::detail::decide(*model, "不在清单里的事项", query);
        }
  } catch (const qingdan::Error&) {
  }
  return 0;
}
