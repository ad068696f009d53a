#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

#include <qingdan/decision.hpp>

#include "serve/route.hpp"

namespace qingdan::serve {

// The server's counters, kept with atomics (no lock on the request path) and written in the
// Prometheus text format (version 0.0.4) by hand: there are few, and their names are stable.
class Metrics {
 public:
  // The HTTP statuses the server answers with; any other is counted as the last.
  static constexpr std::array<unsigned, 14> statuses{200, 400, 401, 403, 404, 405, 408,
                                                     413, 415, 429, 431, 500, 503, 0};
  // Upper bounds of the latency histogram, in seconds.
  static constexpr std::array<double, 14> bounds{
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};

  void count_request(Route route, unsigned status, std::chrono::nanoseconds took);
  void count_decision(Status status);
  void count_reload(bool succeeded);
  void count_connection_refused() { refused_.fetch_add(1, std::memory_order_relaxed); }
  void count_log_dropped() { log_dropped_.fetch_add(1, std::memory_order_relaxed); }
  void connection_opened() { open_.fetch_add(1, std::memory_order_relaxed); }
  void connection_closed() { open_.fetch_sub(1, std::memory_order_relaxed); }
  std::int64_t open_connections() const { return open_.load(std::memory_order_relaxed); }

  // `fingerprint` and `name`: the rulebook serving (empty while none is).
  std::string prometheus_text(const std::string& fingerprint, const std::string& name) const;

 private:
  struct PerRoute {
    std::array<std::atomic<std::uint64_t>, statuses.size()> by_status{};
    std::array<std::atomic<std::uint64_t>, bounds.size() + 1> buckets{};  // the last: +Inf
    std::atomic<std::uint64_t> nanoseconds{0};
  };
  std::array<PerRoute, route_count> routes_{};
  std::array<std::atomic<std::uint64_t>, 3> decisions_{};  // by Status
  std::atomic<std::uint64_t> reloads_{0}, reload_failures_{0}, refused_{0}, log_dropped_{0};
  std::atomic<std::int64_t> open_{0};
};

}  // namespace qingdan::serve
