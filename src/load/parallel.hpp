#pragma once

// Work spread over the threads a load may use (LoadOptions::threads).
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <system_error>
#include <thread>
#include <vector>

#include <qingdan/load_options.hpp>

namespace qingdan::detail {

// The threads for `items` pieces of work: LoadOptions::threads, else the hardware's, at most one
// per piece.
inline std::size_t thread_count(const LoadOptions& options, std::size_t items) {
  constexpr std::size_t most = 256;  // each holds a parsed file: more would only cost memory
  const std::size_t threads =
      options.threads != 0 ? options.threads : std::thread::hardware_concurrency();
  return std::clamp<std::size_t>(threads, 1, std::clamp<std::size_t>(items, 1, most));
}

// Calls `work(i)` for every i below `count` on `threads` threads (the caller's among them), and
// rethrows the exception of the lowest i that threw once all have finished.
template <class Work>
void run_in_parallel(std::size_t count, std::size_t threads, const Work& work) {
  std::atomic<std::size_t> next{0};
  std::vector<std::exception_ptr> failures(count);
  auto take_turns = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < count;) {
      try {
        work(i);
      } catch (...) {
        failures[i] = std::current_exception();
      }
    }
  };
  {
    std::vector<std::thread> helpers;
    struct JoinAll {  // however this block is left, no helper outlives what it works on
      std::vector<std::thread>& threads;
      ~JoinAll() {
        for (std::thread& thread : threads) thread.join();
      }
    } join_all{helpers};
    helpers.reserve(threads);
    for (std::size_t t = 1; t < std::min(threads, count); ++t) {
      try {
        helpers.emplace_back(take_turns);
      } catch (const std::system_error&) {  // no more threads to be had: these share the work
        break;
      }
    }
    take_turns();
  }
  for (const std::exception_ptr& failure : failures)
    if (failure) std::rethrow_exception(failure);
}

// The same over the indexes below `count` in runs of `run` at a time, for work too small to
// share out one index at a time.
template <class Work>
void run_in_parallel_runs(std::size_t count, std::size_t run, const LoadOptions& options,
                          const Work& work) {
  const std::size_t runs = (count + run - 1) / run;
  run_in_parallel(runs, thread_count(options, runs), [&](std::size_t r) {
    for (std::size_t i = r * run; i < std::min(count, (r + 1) * run); ++i) work(i);
  });
}

}  // namespace qingdan::detail
