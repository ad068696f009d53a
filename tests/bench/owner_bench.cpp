// The owner query on the shipped Qingpu rulebook: by id, by name (with normalisation), a miss,
// and a bare hash find of the same id as the floor. Run: build/ci/tests/bench/qingdan_bench
#include <benchmark/benchmark.h>

#include <string>

#include <qingdan/qingdan.hpp>
#include "answer/internals.hpp"

namespace qingdan::bench {
namespace {

const Rulebook& qingpu() {
  static const Rulebook book = Rulebook::load(QINGDAN_SOURCE_DIR "/rules/shanghai-qingpu");
  return book;
}

const Query lockdown{Date{std::chrono::year{2022} / 4 / 15}, "徐练村", "emergency"};

void BM_OwnerById(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(qingpu().owner("HS-01", lockdown));
}
BENCHMARK(BM_OwnerById);

void BM_OwnerByTraditionalName(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(qingpu().owner("核酸檢測組織動員", lockdown));
}
BENCHMARK(BM_OwnerByTraditionalName);

void BM_OwnerUnknownText(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(qingpu().owner("核酸采样点消杀", lockdown));
}
BENCHMARK(BM_OwnerUnknownText);

// The floor: the id lookup alone, in the rulebook's own boost::unordered_flat_map.
void BM_BareIdFind(benchmark::State& state) {
  const auto& index = detail::Internals::model(qingpu()).task_by_id;
  std::string id = "HS-01";
  for (auto _ : state) benchmark::DoNotOptimize(index.find(std::string_view(id)));
}
BENCHMARK(BM_BareIdFind);

}  // namespace
}  // namespace qingdan::bench
