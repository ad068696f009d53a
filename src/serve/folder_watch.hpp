#pragma once

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace qingdan::serve {

// Watches a rulebook folder (or snapshot file) by polling: every `interval` it takes the names,
// sizes and modification times of the files below it, and calls `changed` once they differ from
// what they were at the last call and have stayed the same for one interval (an editor or a
// deployment still writing is not caught half way). Polling needs nothing of the platform and
// sees a folder replaced by a rename as well as an edit.
class FolderWatch {
 public:
  FolderWatch(std::filesystem::path path, std::chrono::milliseconds interval,
              std::function<void()> changed);
  ~FolderWatch();  // stops the watch
  FolderWatch(const FolderWatch&) = delete;
  FolderWatch& operator=(const FolderWatch&) = delete;

  // The files' names, sizes and times, as one text (for tests).
  static std::string signature(const std::filesystem::path& path);

 private:
  void watch();

  std::filesystem::path path_;
  std::chrono::milliseconds interval_;
  std::function<void()> changed_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace qingdan::serve
