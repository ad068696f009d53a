#include "serve/decision_log.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <iterator>

#include <boost/json.hpp>

#include <qingdan/detail/codes.hpp>
#include <qingdan/detail/messages.hpp>
#include <qingdan/error.hpp>

#include "load/sha256.hpp"
#include "render/json_values.hpp"
#include "serve/utc_time.hpp"

namespace qingdan::serve {

namespace json = boost::json;
using detail::words;

std::vector<std::pair<std::string, json::value>> answer_fields(const Decision& decision) {
  json::value owner;
  if (decision.owner)
    owner = detail::owner_value(decision.owner->level, decision.owner->department);
  json::object roles;
  for (const auto& [level, role] : decision.roles) roles[level] = std::string(to_string(role));
  return {{"status", json::string(to_string(decision.status))},
          {"task_id", decision.task ? json::value(decision.task->id) : json::value()},
          {"owner", std::move(owner)},
          {"roles", std::move(roles)}};
}

std::string logged_hash(const json::value& value) {
  return "sha256:" + detail::sha256_hex(value.is_string() ? std::string(value.get_string())
                                                          : json::serialize(value));
}

DecisionLog::DecisionLog(const std::filesystem::path& file, const std::vector<std::string>& mask,
                         Metrics& metrics, Language language)
    : masks_(std::size(logged_fields), Masking::keep), metrics_(metrics) {
  for (const std::string& asked : mask) {
    const std::size_t colon = asked.find(':');
    const std::string field = asked.substr(0, colon);
    const std::string how = colon == std::string::npos ? std::string() : asked.substr(colon + 1);
    const auto* found = std::find(std::begin(logged_fields), std::end(logged_fields), field);
    if (found == std::end(logged_fields) || (colon != std::string::npos && how != "hash")) {
      std::string known;
      for (std::string_view name : logged_fields)
        known += (known.empty() ? "" : ", ") + std::string(name);
      throw usage_error(
          detail::Code::bad_command_line,
          words(language,
                "--log-mask takes FIELD or FIELD:hash, FIELD one of {known}; found '{mask}'",
                "--log-mask 的取值应为 字段 或 字段:hash，字段为 {known} 之一；实际为 '{mask}'",
                {{"known", known}, {"mask", asked}}));
    }
    masks_[static_cast<std::size_t>(found - std::begin(logged_fields))] =
        colon == std::string::npos ? Masking::drop : Masking::hash;
  }
  file_ = std::fopen(file.c_str(), "ae");
  if (file_ == nullptr)
    throw usage_error(detail::Code::cannot_write_file,
                      words(language, "cannot open the decision log {file}: {reason}",
                            "无法打开决定日志 {file}：{reason}",
                            {{"file", file.string()}, {"reason", std::strerror(errno)}}));
  writer_ = std::thread([this] { write_lines(); });
}

DecisionLog::~DecisionLog() {
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
  }
  wake_.notify_one();
  writer_.join();
  std::fclose(file_);
}

DecisionLog::Masking DecisionLog::masking(std::string_view field) const {
  const auto* found = std::find(std::begin(logged_fields), std::end(logged_fields), field);
  return masks_[static_cast<std::size_t>(found - std::begin(logged_fields))];
}

std::string DecisionLog::line(std::string_view time, std::string_view request_id,
                              const Decision& decision, std::string_view fingerprint) const {
  json::object line;
  const auto put = [&](std::string_view field, json::value value) {
    switch (masking(field)) {
      case Masking::keep: line[field] = std::move(value); break;
      case Masking::drop: break;
      case Masking::hash: line[field] = logged_hash(value); break;
    }
  };
  put("time", json::string(time));
  put("request_id", json::string(request_id));
  // A task text longer than any name is logged by its hash (and replayed as masked): a line
  // stays short whatever a client sends.
  if (decision.query.size() > longest_logged_task && masking("task") == Masking::keep)
    line["task"] = "sha256:" + detail::sha256_hex(decision.query);
  else
    put("task", json::string(decision.query));
  put("at", json::string(to_iso(decision.at)));
  put("in", json::string(decision.jurisdiction));
  put("mode", json::string(decision.mode));
  for (auto& [field, value] : answer_fields(decision)) put(field, std::move(value));
  line["fingerprint"] = fingerprint;
  std::string text = detail::json_document(std::move(line));  // ends with '\n'
  return text;
}

void DecisionLog::record(std::string_view request_id, const Decision& decision,
                         std::string_view fingerprint) {
  std::string text =
      line(utc_time(std::chrono::system_clock::now(), true), request_id, decision, fingerprint);
  {
    std::lock_guard lock(mutex_);
    if (queued_bytes_ + text.size() > queue_limit_bytes) {
      metrics_.count_log_dropped();
      return;
    }
    queued_bytes_ += text.size();
    queue_.push_back(std::move(text));
  }
  wake_.notify_one();
}

void DecisionLog::write_lines() {
  std::deque<std::string> batch;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return closing_ || !queue_.empty(); });
      if (queue_.empty() && closing_) return;
      batch.swap(queue_);
      queued_bytes_ = 0;
    }
    for (const std::string& text : batch)
      if (std::fwrite(text.data(), 1, text.size(), file_) != text.size())
        metrics_.count_log_dropped();  // a full disk: counted, and the next lines tried
    std::fflush(file_);
    batch.clear();
  }
}

}  // namespace qingdan::serve
