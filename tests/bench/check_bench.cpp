// The directive check at national scale (docs/format.md §9.4): 500,000 villages × 20 items, and
// loading the village CSV. Run: build/ci/tests/bench/qingdan_bench
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>

#include "check/village_load.hpp"

#include "answer/internals.hpp"
#include "national_scale.hpp"

namespace qingdan::bench {
namespace {

constexpr int villages_per_town = 50;  // 100 × 100 × 50 = 500,000

struct Country {
  std::filesystem::path folder = write_rulebook();
  Rulebook book = Rulebook::load(folder);
  std::string csv = village_csv(villages_per_town);
  Villages villages = Villages::parse_csv(csv, "villages.csv");
  std::vector<Directive> directives{national_directive()};
  std::vector<Directive> heavy{national_directive(3)};  // flags about one village in five
  ~Country() { std::filesystem::remove_all(folder); }
};

Country& country() {
  static Country shared;
  return shared;
}

void BM_Check500kVillages20Items(benchmark::State& state) {
  Country& c = country();
  for (auto _ : state) {
    Report report = c.book.check(c.directives, c.villages);
    benchmark::DoNotOptimize(report);
    state.counters["villages"] = static_cast<double>(report.villages.checked);
    state.counters["overloaded"] = static_cast<double>(report.villages.overloaded);
    state.counters["near_capacity"] = static_cast<double>(report.villages.near_capacity);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(c.villages.size()));
}
BENCHMARK(BM_Check500kVillages20Items)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// Every flagged village gets a finding with its figures and message: the cost per finding.
void BM_Check500kVillagesHeavyDirective(benchmark::State& state) {
  Country& c = country();
  for (auto _ : state) {
    Report report = c.book.check(c.heavy, c.villages);
    benchmark::DoNotOptimize(report);
    state.counters["findings"] = static_cast<double>(report.findings.size());
  }
}
BENCHMARK(BM_Check500kVillagesHeavyDirective)->Unit(benchmark::kMillisecond);

// What the first check against a rulebook adds: placing the villages in its tree (later
// checks of the same Villages against the same rulebook reuse it).
void BM_PlaceVillages500k(benchmark::State& state) {
  Country& c = country();
  for (auto _ : state)
    benchmark::DoNotOptimize(detail::place_villages(detail::Internals::model(c.book), c.villages));
}
BENCHMARK(BM_PlaceVillages500k)->Unit(benchmark::kMillisecond);

void BM_CheckItemsOnly(benchmark::State& state) {
  Country& c = country();
  for (auto _ : state) benchmark::DoNotOptimize(c.book.check(c.directives));
}
BENCHMARK(BM_CheckItemsOnly)->Unit(benchmark::kMicrosecond);

void BM_ParseVillageCsv500k(benchmark::State& state) {
  Country& c = country();
  for (auto _ : state) benchmark::DoNotOptimize(Villages::parse_csv(c.csv, "villages.csv"));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(c.csv.size()));
}
BENCHMARK(BM_ParseVillageCsv500k)->Unit(benchmark::kMillisecond);

void BM_LoadVillageCsvFile500k(benchmark::State& state) {
  Country& c = country();
  auto file = c.folder / "villages.csv";
  std::ofstream(file) << c.csv;
  for (auto _ : state) benchmark::DoNotOptimize(Villages::load(file));
}
BENCHMARK(BM_LoadVillageCsvFile500k)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace qingdan::bench

BENCHMARK_MAIN();
