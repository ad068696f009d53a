// normalize_text alone (docs/format.md §4.2) on names like the synthetic rulebook's: written in
// traditional characters with a space inside, simplified with a space inside, with full-width
// forms (which only utf8proc folds); and the traditional-to-simplified conversion by the tables
// beside OpenCC's own converter.
#include <benchmark/benchmark.h>

#include <cstddef>
#include <random>
#include <string>
#include <vector>

#include <qingdan/detail/normalize.hpp>

#include "answer/normalize_stages.hpp"
#include "synthetic_rulebook.hpp"

namespace qingdan::bench {
namespace {

struct Names {
  std::vector<std::string> traditional, simplified, full_width, folded_traditional;
};

const Names& names() {
  static const Names made = [] {
    using namespace synthetic;
    Names result;
    std::mt19937 draw(20220415);
    std::uniform_int_distribution<int> prefix_length(2, 6), character(0, 23), ending(0, 5);
    for (std::size_t i = 0; i < 1000; ++i) {
      std::string name, old;
      for (int c = prefix_length(draw); c > 0; --c) {
        int pick = character(draw);
        name += simplified[pick];
        old += traditional[pick];
      }
      const std::string end = code(i) + std::string(endings[ending(draw)]);
      name += end;
      old += end;
      result.traditional.push_back(old.substr(0, 6) + " " + old.substr(6));
      result.simplified.push_back(name.substr(0, 3) + " " + name.substr(3));
      result.full_width.push_back(name + "（第１２３号）");
      result.folded_traditional.push_back(old);
    }
    return result;
  }();
  return made;
}

template <class Work>
void each_name(benchmark::State& state, const std::vector<std::string>& texts, Work work) {
  std::size_t at = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(work(texts[at]));
    if (++at == texts.size()) at = 0;
  }
}

void BM_NormalizeTraditionalVariant(benchmark::State& state) {
  each_name(state, names().traditional, detail::normalize_text);
}
BENCHMARK(BM_NormalizeTraditionalVariant);

void BM_NormalizeSimplifiedVariant(benchmark::State& state) {
  each_name(state, names().simplified, detail::normalize_text);
}
BENCHMARK(BM_NormalizeSimplifiedVariant);

void BM_NormalizeFullWidthVariant(benchmark::State& state) {
  each_name(state, names().full_width, detail::normalize_text);
}
BENCHMARK(BM_NormalizeFullWidthVariant);

void BM_ConvertByTables(benchmark::State& state) {
  const auto& converter = detail::TraditionalToSimplified::instance();
  each_name(state, names().folded_traditional,
            [&](const std::string& text) { return converter.convert(text); });
}
BENCHMARK(BM_ConvertByTables);

void BM_ConvertByOpencc(benchmark::State& state) {
  const auto& converter = detail::TraditionalToSimplified::instance();
  each_name(state, names().folded_traditional,
            [&](const std::string& text) { return converter.convert_by_opencc(text); });
}
BENCHMARK(BM_ConvertByOpencc);

}  // namespace
}  // namespace qingdan::bench
