// Loading one long flow line: every node's column is counted on from the last one, so the
// throughput (bytes_per_second) stays flat as the line grows (it was quadratic: 80 KB took
// 1.1 s). The floor is yaml-cpp's own parse of the same text.
#include <benchmark/benchmark.h>
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include <qingdan/qingdan.hpp>

namespace qingdan::bench {
namespace {

// A rulebook whose tasks file holds `count` tasks on one line, written once per size.
std::filesystem::path one_line_rulebook(std::int64_t count, std::string* text = nullptr) {
  std::filesystem::path folder =
      std::filesystem::temp_directory_path() / ("qingdan-bench-one-line-" + std::to_string(count));
  std::string tasks = "qingdan: 1\nkind: tasks\ntasks: [";
  for (std::int64_t i = 0; i < count; ++i)
    tasks += (i ? ", " : "") + std::string("{id: T-") + std::to_string(i) + ", name: 任务" +
             std::to_string(i) + "}";
  tasks += "]\n";
  if (text != nullptr) *text = tasks;
  if (!std::filesystem::exists(folder / "tasks.yaml")) {
    std::filesystem::create_directories(folder);
    std::ofstream(folder / "rulebook.yaml")
        << "qingdan: 1\nkind: rulebook\nname: one line\nlevels:\n  - {id: county, name: 县}\n"
           "  - {id: village, name: 村}\nmodes: [normal]\njurisdictions:\n  某县: {}\n";
    std::ofstream(folder / "tasks.yaml", std::ios::binary) << tasks;
  }
  return folder;
}

void report_size(benchmark::State& state, std::size_t bytes) {
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes) * state.iterations());
  state.counters["MiB"] = static_cast<double>(bytes) / (1 << 20);
}

void BM_LoadOneLongLine(benchmark::State& state) {
  std::string text;
  const std::filesystem::path folder = one_line_rulebook(state.range(0), &text);
  for (auto _ : state) benchmark::DoNotOptimize(Rulebook::load(folder, {.compiled_cache = false}));
  report_size(state, text.size());
}

void BM_YamlCppParseOfOneLongLine(benchmark::State& state) {
  std::string text;
  one_line_rulebook(state.range(0), &text);
  for (auto _ : state) benchmark::DoNotOptimize(YAML::Load(text));
  report_size(state, text.size());
}

BENCHMARK(BM_LoadOneLongLine)
    ->RangeMultiplier(4)
    ->Range(4096, 65536)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_YamlCppParseOfOneLongLine)
    ->RangeMultiplier(4)
    ->Range(4096, 65536)
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace qingdan::bench
