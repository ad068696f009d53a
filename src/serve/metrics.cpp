#include "serve/metrics.hpp"

#include <algorithm>
#include <cstdio>

namespace qingdan::serve {

namespace {

std::string number_text(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.9g", value);
  return text;
}

// A label value as the text format writes it: backslash, quote and newline escaped.
std::string label_value(const std::string& value) {
  std::string escaped;
  for (char c : value) {
    if (c == '\\' || c == '"') escaped += '\\';
    if (c == '\n') {
      escaped += "\\n";
      continue;
    }
    escaped += c;
  }
  return escaped;
}

}  // namespace

void Metrics::count_request(Route route, unsigned status, std::chrono::nanoseconds took) {
  PerRoute& counters = routes_[static_cast<std::size_t>(route)];
  std::size_t at = std::find(statuses.begin(), statuses.end() - 1, status) - statuses.begin();
  counters.by_status[at].fetch_add(1, std::memory_order_relaxed);
  const double seconds = std::chrono::duration<double>(took).count();
  const std::size_t bucket =
      std::lower_bound(bounds.begin(), bounds.end(), seconds) - bounds.begin();
  counters.buckets[bucket].fetch_add(1, std::memory_order_relaxed);
  counters.nanoseconds.fetch_add(static_cast<std::uint64_t>(took.count()),
                                 std::memory_order_relaxed);
}

void Metrics::count_decision(Status status) {
  decisions_[static_cast<std::size_t>(status)].fetch_add(1, std::memory_order_relaxed);
}

void Metrics::count_reload(bool succeeded) {
  reloads_.fetch_add(1, std::memory_order_relaxed);
  if (!succeeded) reload_failures_.fetch_add(1, std::memory_order_relaxed);
}

std::string Metrics::prometheus_text(const std::string& fingerprint,
                                     const std::string& name) const {
  std::string text;
  const auto load = [](const std::atomic<std::uint64_t>& counter) {
    return counter.load(std::memory_order_relaxed);
  };
  text +=
      "# HELP qingdan_http_requests_total HTTP requests answered, by route and status.\n"
      "# TYPE qingdan_http_requests_total counter\n";
  for (std::size_t route = 0; route < route_count; ++route)
    for (std::size_t at = 0; at < statuses.size(); ++at) {
      const std::uint64_t count = load(routes_[route].by_status[at]);
      if (count == 0) continue;
      text += "qingdan_http_requests_total{route=\"" + std::string(route_paths[route]) +
              "\",code=\"" +
              (statuses[at] == 0 ? std::string("other") : std::to_string(statuses[at])) + "\"} " +
              std::to_string(count) + '\n';
    }
  text +=
      "# HELP qingdan_http_request_duration_seconds Time from a request read whole to its answer "
      "made, by route.\n"
      "# TYPE qingdan_http_request_duration_seconds histogram\n";
  for (std::size_t route = 0; route < route_count; ++route) {
    const PerRoute& counters = routes_[route];
    std::uint64_t cumulative = 0;
    const std::string label = "route=\"" + std::string(route_paths[route]) + '"';
    for (std::size_t bucket = 0; bucket <= bounds.size(); ++bucket) {
      cumulative += load(counters.buckets[bucket]);
      text += "qingdan_http_request_duration_seconds_bucket{" + label + ",le=\"" +
              (bucket == bounds.size() ? std::string("+Inf") : number_text(bounds[bucket])) +
              "\"} " + std::to_string(cumulative) + '\n';
    }
    text += "qingdan_http_request_duration_seconds_sum{" + label + "} " +
            number_text(static_cast<double>(load(counters.nanoseconds)) / 1e9) + '\n';
    text += "qingdan_http_request_duration_seconds_count{" + label + "} " +
            std::to_string(cumulative) + '\n';
  }
  text +=
      "# HELP qingdan_decisions_total Owner decisions answered, by status.\n"
      "# TYPE qingdan_decisions_total counter\n";
  for (Status status : {Status::listed, Status::unlisted, Status::unknown})
    text += "qingdan_decisions_total{status=\"" + std::string(to_string(status)) + "\"} " +
            std::to_string(load(decisions_[static_cast<std::size_t>(status)])) + '\n';
  text +=
      "# HELP qingdan_reloads_total Reloads of the rulebook tried (the first load included).\n"
      "# TYPE qingdan_reloads_total counter\n"
      "qingdan_reloads_total " +
      std::to_string(load(reloads_)) +
      "\n"
      "# HELP qingdan_reload_failures_total Reloads that failed; the rulebook before them "
      "kept serving.\n"
      "# TYPE qingdan_reload_failures_total counter\n"
      "qingdan_reload_failures_total " +
      std::to_string(load(reload_failures_)) +
      "\n"
      "# HELP qingdan_connections_open Connections open now.\n"
      "# TYPE qingdan_connections_open gauge\n"
      "qingdan_connections_open " +
      std::to_string(open_.load(std::memory_order_relaxed)) +
      "\n"
      "# HELP qingdan_connections_refused_total Connections refused over the limit.\n"
      "# TYPE qingdan_connections_refused_total counter\n"
      "qingdan_connections_refused_total " +
      std::to_string(load(refused_)) +
      "\n"
      "# HELP qingdan_decision_log_dropped_total Decision log lines dropped because the log "
      "writer fell behind.\n"
      "# TYPE qingdan_decision_log_dropped_total counter\n"
      "qingdan_decision_log_dropped_total " +
      std::to_string(load(log_dropped_)) +
      "\n"
      "# HELP qingdan_rulebook_info The rulebook serving: 1 for its fingerprint and name.\n"
      "# TYPE qingdan_rulebook_info gauge\n";
  if (!fingerprint.empty())
    text += "qingdan_rulebook_info{fingerprint=\"" + label_value(fingerprint) + "\",name=\"" +
            label_value(name) + "\"} 1\n";
  return text;
}

}  // namespace qingdan::serve
