#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <boost/json.hpp>

#include <qingdan/decision.hpp>
#include <qingdan/language.hpp>

#include "serve/metrics.hpp"

namespace qingdan::serve {

// The fields of a decision log line, as `--log-mask` names them.
inline constexpr std::string_view logged_fields[] = {
    "time", "request_id", "task", "at", "in", "mode", "status", "task_id", "owner", "roles"};

// The answer of a decision as a log line holds it: status, task_id, owner, roles.
std::vector<std::pair<std::string, boost::json::value>> answer_fields(const Decision& decision);
// "sha256:" and the SHA-256 of a value's text (of its JSON text when it is not a string).
std::string logged_hash(const boost::json::value& value);

// The decision log (`--log FILE`): one JSON line per owner decision, appended by a thread of its
// own so that a slow disk never holds up an answer. Lines wait in a queue of at most 64 MiB; when
// the writer falls that far behind, or a write fails, a line is dropped and counted
// (qingdan_decision_log_dropped_total) rather than memory growing without end. Each masked field is
// left out, or replaced by "sha256:" and the SHA-256 of its text.
class DecisionLog {
 public:
  static constexpr std::size_t queue_limit_bytes = 64U << 20;
  static constexpr std::size_t longest_logged_task = 4096;  // bytes; longer is logged hashed

  // Opens `file` for appending; throws qingdan::Error (QU005) when it cannot, and (QU004) for
  // a mask that names no field or asks for something other than hashing.
  DecisionLog(const std::filesystem::path& file, const std::vector<std::string>& mask,
              Metrics& metrics, Language language);
  ~DecisionLog();  // writes what is queued, then closes the file
  DecisionLog(const DecisionLog&) = delete;
  DecisionLog& operator=(const DecisionLog&) = delete;

  void record(std::string_view request_id, const Decision& decision, std::string_view fingerprint);

  // The line record() queues, without the time (for tests of the masks).
  std::string line(std::string_view time, std::string_view request_id, const Decision& decision,
                   std::string_view fingerprint) const;

 private:
  enum class Masking : std::uint8_t { keep, drop, hash };
  Masking masking(std::string_view field) const;
  void write_lines();

  std::FILE* file_ = nullptr;
  std::vector<Masking> masks_;  // by logged_fields
  Metrics& metrics_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::string> queue_;
  std::size_t queued_bytes_ = 0;
  bool closing_ = false;
  std::thread writer_;
};

}  // namespace qingdan::serve
