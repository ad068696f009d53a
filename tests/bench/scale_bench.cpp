// The owner query and loading at rulebook sizes N (synthetic_rulebook.hpp), against their floors
// in the same binary: a bare boost::unordered_flat_map find of the same keys, and yaml-cpp's own
// parse of the same files. Sizes come from QINGDAN_BENCH_SIZES (default 1000,10000,100000).
#include <benchmark/benchmark.h>
#include <malloc.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <chrono>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <boost/unordered/unordered_flat_map.hpp>

#include <qingdan/qingdan.hpp>

#include "answer/internals.hpp"
#include "synthetic_rulebook.hpp"

namespace qingdan::bench {
namespace {

std::vector<std::size_t> sizes() {
  const char* text = std::getenv("QINGDAN_BENCH_SIZES");
  std::stringstream list(text ? text : "1000,10000,100000");
  std::vector<std::size_t> result;
  for (std::string size; std::getline(list, size, ',');) result.push_back(std::stoul(size));
  return result;
}

// Heap bytes in use (glibc's count, mapped blocks included). Unlike the resident set it does
// not keep memory that earlier benchmarks freed, so the difference around a load is its size.
std::size_t heap_bytes_in_use() {
  struct mallinfo2 info = ::mallinfo2();
  return info.uordblks + info.hblkhd;
}

// Bytes of text the rulebook holds: every string's characters (ids, names, aliases, their
// normalised forms, departments, bases, notes), what "beyond the text" leaves out.
std::size_t text_bytes(const detail::Model& model) {
  std::size_t bytes = 0;
  for (const detail::TaskRecord& task : model.tasks) {
    bytes += task.id.size() + task.name.size();
    for (const std::string& alias : task.aliases) bytes += alias.size();
    for (const std::string& text : task.normalized_texts) bytes += text.size();
  }
  for (const detail::EditionRecord& edition : model.editions)
    for (const detail::EntryRecord& entry : edition.entries)
      bytes +=
          entry.id.size() + entry.owner_department.size() + entry.basis.size() + entry.note.size();
  return bytes;
}

// A million tasks make about 1.9 million entries. The compiled cache is off: a load from YAML
// must parse the YAML each time.
LoadOptions large() {
  LoadOptions options;
  options.max_entries = 10'000'000;
  options.compiled_cache = false;
  return options;
}

struct Loaded {
  SyntheticRulebook files;
  std::unique_ptr<Rulebook> book;
  std::size_t heap_growth = 0;  // heap bytes the loaded rulebook keeps
};

// The generated rulebooks by size, their folders removed when the benchmarks end.
struct LoadedCache : std::map<std::size_t, Loaded> {
  LoadedCache() = default;
  LoadedCache(const LoadedCache&) = delete;
  LoadedCache& operator=(const LoadedCache&) = delete;
  ~LoadedCache() {
    for (auto& [tasks, entry] : *this) std::filesystem::remove_all(entry.files.folder);
  }
};

const Loaded& loaded(std::size_t tasks) {
  static LoadedCache cache;
  auto found = cache.find(tasks);
  if (found != cache.end()) return found->second;
  Loaded& entry = cache[tasks];
  auto folder = std::filesystem::temp_directory_path() /
                ("qingdan-synthetic-" + std::to_string(::getpid()) + "-" + std::to_string(tasks));
  entry.files = write_synthetic_rulebook(tasks, folder);
  std::size_t before = heap_bytes_in_use();
  entry.book = std::make_unique<Rulebook>(Rulebook::load(folder, large()));
  entry.heap_growth = heap_bytes_in_use() - before;
  // The index of free texts is built at the first text that is not a task's (1.8 s at 100,000
  // tasks), and then kept: timed, that first call would be the whole of a short run of misses.
  (void)entry.book->read(entry.files.misses.front());
  return entry;
}

const Query any_day{Date{std::chrono::year{2024} / 9 / 1}, "市/区3/镇5", ""};

// Asks `ask(book, text)` for each text in turn.
template <class Texts, class Ask>
void ask_each(benchmark::State& state, const Texts& texts, Ask ask) {
  const Rulebook& book = *loaded(static_cast<std::size_t>(state.range(0))).book;
  std::size_t at = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(ask(book, texts[at]));
    if (++at == texts.size()) at = 0;
  }
}

template <class Texts>
void owner_of(benchmark::State& state, const Texts& texts) {
  ask_each(state, texts,
           [](const Rulebook& book, const std::string& text) { return book.owner(text, any_day); });
}

template <class Texts>
void answer_of(benchmark::State& state, const Texts& texts) {
  ask_each(state, texts, [](const Rulebook& book, const std::string& text) {
    return book.answer(text, any_day);
  });
}

void BM_OwnerById(benchmark::State& state) {
  owner_of(state, loaded(static_cast<std::size_t>(state.range(0))).files.ids);
}
void BM_OwnerByTraditionalAlias(benchmark::State& state) {
  owner_of(state, loaded(static_cast<std::size_t>(state.range(0))).files.traditional);
}
void BM_AnswerById(benchmark::State& state) {
  answer_of(state, loaded(static_cast<std::size_t>(state.range(0))).files.ids);
}
void BM_AnswerByTraditionalAlias(benchmark::State& state) {
  answer_of(state, loaded(static_cast<std::size_t>(state.range(0))).files.traditional);
}
void BM_AnswerByVariantNeedingNormalisation(benchmark::State& state) {
  answer_of(state, loaded(static_cast<std::size_t>(state.range(0))).files.variants);
}
void BM_AnswerBySimplifiedVariant(benchmark::State& state) {
  answer_of(state, loaded(static_cast<std::size_t>(state.range(0))).files.spaced);
}
void BM_OwnerMiss(benchmark::State& state) {
  owner_of(state, loaded(static_cast<std::size_t>(state.range(0))).files.misses);
}

// The floor: the same ids found in a bare boost::unordered_flat_map built in this binary.
void BM_BareFlatMapFind(benchmark::State& state) {
  const auto& ids = loaded(static_cast<std::size_t>(state.range(0))).files.ids;
  boost::unordered_flat_map<std::string, std::uint32_t> index;
  for (std::uint32_t i = 0; i < ids.size(); ++i) index.emplace(ids[i], i);
  std::size_t at = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(index.find(ids[at]));
    if (++at == ids.size()) at = 0;
  }
}

void BM_OwnersBatchOf1000(benchmark::State& state) {
  const Loaded& data = loaded(static_cast<std::size_t>(state.range(0)));
  std::vector<std::string> batch(
      data.files.ids.begin(),
      data.files.ids.begin() +
          static_cast<std::ptrdiff_t>(std::min<std::size_t>(1000, data.files.ids.size())));
  for (auto _ : state) benchmark::DoNotOptimize(data.book->owners(batch, any_day));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(batch.size()));
}

// 1,000 ids spread over the whole catalogue, so that the batch is not served from a warm cache.
void BM_AnswersBatchOf1000(benchmark::State& state) {
  const Loaded& data = loaded(static_cast<std::size_t>(state.range(0)));
  const std::vector<std::string>& ids = data.files.ids;
  std::vector<std::string_view> batch;
  const std::size_t stride = std::max<std::size_t>(1, ids.size() / 1000);
  for (std::size_t i = 0; i < ids.size() && batch.size() < 1000; i += stride)
    batch.push_back(ids[i]);
  for (auto _ : state) benchmark::DoNotOptimize(data.book->answers(batch, any_day));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(batch.size()));
}

void BM_LoadFromYaml(benchmark::State& state) {
  const Loaded& data = loaded(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    auto book = std::make_unique<Rulebook>(Rulebook::load(data.files.folder, large()));
    state.PauseTiming();  // freeing the rulebook is not loading it
    book.reset();
    state.ResumeTiming();
  }
  state.counters["threads"] = std::thread::hardware_concurrency();
  state.counters["entries"] = static_cast<double>(data.files.entries);
  state.counters["steady_heap_MB"] = static_cast<double>(data.heap_growth) / 1e6;
  state.counters["heap_bytes_per_entry"] =
      static_cast<double>(data.heap_growth) / static_cast<double>(data.files.entries);
  state.counters["beyond_text_per_entry"] =
      static_cast<double>(data.heap_growth - text_bytes(detail::Internals::model(*data.book))) /
      static_cast<double>(data.files.entries);
}

// The same rulebook from its snapshot (qingdan compile).
void BM_LoadFromSnapshot(benchmark::State& state) {
  const Loaded& data = loaded(static_cast<std::size_t>(state.range(0)));
  std::filesystem::path snapshot = data.files.folder;
  snapshot += ".qds";
  data.book->save_snapshot(snapshot);
  for (auto _ : state) {
    std::optional<Rulebook> book = Rulebook::load(snapshot);
    state.PauseTiming();  // freeing the rulebook is not loading it
    book.reset();
    state.ResumeTiming();
  }
  state.counters["snapshot_MB"] = static_cast<double>(std::filesystem::file_size(snapshot)) / 1e6;
  std::filesystem::remove(snapshot);
}

// The second load of the unchanged folder, from the compiled cache its first load wrote
// (docs/format.md §10.1): the rule files' stamps are checked, and the snapshot read.
void BM_LoadFromCache(benchmark::State& state) {
  const Loaded& data = loaded(static_cast<std::size_t>(state.range(0)));
  LoadOptions cached = large();
  cached.compiled_cache = true;
  cached.cache_directory = data.files.folder.string() + "-cache";
  // Files written minutes ago, as a rulebook's are: the stamps of files modified within the last
  // two seconds are not trusted, and those files are hashed.
  for (const auto& file : std::filesystem::recursive_directory_iterator(data.files.folder))
    if (file.is_regular_file())
      std::filesystem::last_write_time(
          file.path(), std::filesystem::file_time_type::clock::now() - std::chrono::minutes(10));
  (void)Rulebook::load(data.files.folder, cached);  // writes the cache
  for (auto _ : state) {
    auto book = std::make_unique<Rulebook>(Rulebook::load(data.files.folder, cached));
    state.PauseTiming();
    book.reset();
    state.ResumeTiming();
  }
  std::filesystem::remove_all(cached.cache_directory);
}

// yaml-cpp's own parse of the same files into its node tree: the floor for loading.
void BM_YamlCppBareParse(benchmark::State& state) {
  const Loaded& data = loaded(static_cast<std::size_t>(state.range(0)));
  std::vector<std::string> files;
  for (const auto& file : std::filesystem::recursive_directory_iterator(data.files.folder))
    if (file.is_regular_file()) files.push_back(file.path().string());
  for (auto _ : state)
    for (const std::string& file : files) benchmark::DoNotOptimize(YAML::LoadFile(file));
}

void register_all() {
  for (std::size_t size : sizes()) {
    auto n = static_cast<std::int64_t>(size);
    benchmark::RegisterBenchmark("BM_OwnerById", BM_OwnerById)->Arg(n);
    benchmark::RegisterBenchmark("BM_OwnerByTraditionalAlias", BM_OwnerByTraditionalAlias)->Arg(n);
    benchmark::RegisterBenchmark("BM_AnswerById", BM_AnswerById)->Arg(n);
    benchmark::RegisterBenchmark("BM_AnswerByTraditionalAlias", BM_AnswerByTraditionalAlias)
        ->Arg(n);
    benchmark::RegisterBenchmark("BM_AnswerByVariantNeedingNormalisation",
                                 BM_AnswerByVariantNeedingNormalisation)
        ->Arg(n);
    benchmark::RegisterBenchmark("BM_AnswerBySimplifiedVariant", BM_AnswerBySimplifiedVariant)
        ->Arg(n);
    benchmark::RegisterBenchmark("BM_OwnerMiss", BM_OwnerMiss)->Arg(n);
    benchmark::RegisterBenchmark("BM_BareFlatMapFind", BM_BareFlatMapFind)->Arg(n);
    benchmark::RegisterBenchmark("BM_OwnersBatchOf1000", BM_OwnersBatchOf1000)->Arg(n);
    benchmark::RegisterBenchmark("BM_AnswersBatchOf1000", BM_AnswersBatchOf1000)->Arg(n);
    benchmark::RegisterBenchmark("BM_LoadFromYaml", BM_LoadFromYaml)
        ->Arg(n)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("BM_LoadFromSnapshot", BM_LoadFromSnapshot)
        ->Arg(n)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("BM_LoadFromCache", BM_LoadFromCache)
        ->Arg(n)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("BM_YamlCppBareParse", BM_YamlCppBareParse)
        ->Arg(n)
        ->Unit(benchmark::kMillisecond);
  }
}

const bool registered = (register_all(), true);

}  // namespace
}  // namespace qingdan::bench
