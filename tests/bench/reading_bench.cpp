// Reading directive items as officials write them (docs/reading.md): the cost of one reading at
// 10,000 catalogue tasks (target: 50 µs), and of a 100-item directive checked against 500,000
// villages, its items named exactly and in free text (target: within twice the check before
// reading existed, measured by the same benchmark built from that version; BENCHMARKS.md).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <qingdan/qingdan.hpp>

#include "national_scale.hpp"
#include "synthetic_rulebook.hpp"

namespace qingdan::bench {
namespace {

// Tasks of the catalogue read against: QINGDAN_READING_TASKS, else 10,000 (the names keep the
// benchmarks' names, which say 10k).
std::size_t catalogue_size() {
  const char* text = std::getenv("QINGDAN_READING_TASKS");
  return text != nullptr ? std::stoul(text) : 10'000;
}

struct Catalogue {
  std::filesystem::path folder =
      std::filesystem::temp_directory_path() / ("qingdan-reading-" + std::to_string(::getpid()));
  SyntheticRulebook written = write_synthetic_rulebook(catalogue_size(), folder);
  Rulebook book = Rulebook::load(folder, {.max_entries = 10'000'000, .compiled_cache = false});
  std::vector<std::string> embedded, altered, unrelated;

  Catalogue() {
    for (std::size_t i = 0; i < 1000; ++i) {
      const std::string& name = written.names[(i * 7919) % written.names.size()];
      // The name inside a sentence as a notice words it.
      embedded.push_back("请各村于每月5日前做好" + name + "，并报镇备案");
      // The name with its first characters changed: found by similar character pairs only.
      altered.push_back("各村要落实" + name.substr(6) + "相关要求");
      unrelated.push_back("组织开展第" + std::to_string(i) + "届乡村篮球联赛");
    }
    book.read("预热");  // the index is built on the first reading, once
  }
  ~Catalogue() { std::filesystem::remove_all(folder); }
};

Catalogue& catalogue() {
  static Catalogue shared;
  return shared;
}

void read_each(benchmark::State& state, const std::vector<std::string>& texts) {
  const Rulebook& book = catalogue().book;
  std::size_t at = 0, read_as = 0;
  for (auto _ : state) {
    Reading reading = book.read(texts[at]);
    read_as += reading.status == ReadingStatus::read_as;
    benchmark::DoNotOptimize(reading);
    if (++at == texts.size()) at = 0;
  }
  state.counters["read_as_share"] =
      static_cast<double>(read_as) / static_cast<double>(state.iterations());
}

void BM_ReadNameInASentence10kTasks(benchmark::State& state) {
  read_each(state, catalogue().embedded);
}
BENCHMARK(BM_ReadNameInASentence10kTasks)->Unit(benchmark::kMicrosecond);

void BM_ReadAlteredName10kTasks(benchmark::State& state) { read_each(state, catalogue().altered); }
BENCHMARK(BM_ReadAlteredName10kTasks)->Unit(benchmark::kMicrosecond);

void BM_ReadUnrelatedText10kTasks(benchmark::State& state) {
  read_each(state, catalogue().unrelated);
}
BENCHMARK(BM_ReadUnrelatedText10kTasks)->Unit(benchmark::kMicrosecond);

// The index a rulebook builds on its first reading.
void BM_BuildReadingIndex10kTasks(benchmark::State& state) {
  for (auto _ : state) {
    state.PauseTiming();
    Rulebook fresh = Rulebook::load(catalogue().folder);
    state.ResumeTiming();
    benchmark::DoNotOptimize(fresh.read("预热"));
  }
}
BENCHMARK(BM_BuildReadingIndex10kTasks)->Unit(benchmark::kMillisecond)->Iterations(5);

struct Country {
  std::filesystem::path folder = write_rulebook();
  Rulebook book = Rulebook::load(folder);
  Villages villages = Villages::parse_csv(village_csv(50), "villages.csv");
  ~Country() { std::filesystem::remove_all(folder); }
};

Country& country() {
  static Country shared;
  return shared;
}

// 100 items to every village of the country: each task's id, or a sentence around its name.
Directive hundred_items(bool worded) {
  std::string text = "qingdan: 1\nkind: directive\nid: BENCH\nissued: 2024-01-01\nitems:\n";
  for (int i = 0; i < 100; ++i) {
    std::string task = worded ? "请各村每月做好事项" + std::to_string(i % 20) + "相关工作"
                              : "T-" + std::to_string(i % 20);
    text += "  - {task: " + task + ", frequency: weekly, effort_hours: 0.1, funding: true}\n";
  }
  return Directive::parse(text, "bench.yaml");
}

void check_hundred(benchmark::State& state, bool worded) {
  Country& c = country();
  std::vector<Directive> directives{hundred_items(worded)};
  for (auto _ : state) {
    Report report = c.book.check(directives, c.villages);
    benchmark::DoNotOptimize(report);
    state.counters["findings"] = static_cast<double>(report.findings.size());
  }
}

void BM_Check500kVillages100ItemsById(benchmark::State& state) { check_hundred(state, false); }
BENCHMARK(BM_Check500kVillages100ItemsById)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_Check500kVillages100ItemsWorded(benchmark::State& state) { check_hundred(state, true); }
BENCHMARK(BM_Check500kVillages100ItemsWorded)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace
}  // namespace qingdan::bench
