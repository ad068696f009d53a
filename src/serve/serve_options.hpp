#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include <qingdan/language.hpp>

namespace qingdan::serve {

// What `qingdan serve` is told (README.md, "Serve the lists"); every limit has a safe default.
struct ServeOptions {
  std::filesystem::path rules;  // a rulebook folder or a snapshot
  std::string address = "127.0.0.1";
  unsigned short port = 8080;
  std::string token;                  // empty: the admin routes are off
  bool token_for_all = false;         // the /v1/ routes and /metrics need the token too
  std::filesystem::path log;          // the decision log; empty: none
  std::vector<std::string> log_mask;  // FIELD (dropped) or FIELD:hash
  bool watch = false;                 // reload when the rule files change
  std::chrono::milliseconds watch_interval{1000};
  std::size_t threads = 0;                // 0: one per core
  std::size_t max_body_bytes = 2U << 20;  // with max_connections: at most 512 MiB of bodies
  std::size_t max_header_bytes = 16U << 10;
  std::size_t max_connections = 256;
  std::size_t max_batch = 10'000;                     // queries of one POST /v1/owners
  std::chrono::milliseconds request_timeout{10'000};  // to receive a request once it began
  std::chrono::milliseconds idle_timeout{30'000};     // between requests of a connection
  Language language = Language::zh;                   // of answers when a request does not ask
};

}  // namespace qingdan::serve
