#include "serve/folder_watch.hpp"

#include <algorithm>
#include <vector>

namespace qingdan::serve {

namespace fs = std::filesystem;

FolderWatch::FolderWatch(fs::path path, std::chrono::milliseconds interval,
                         std::function<void()> changed)
    : path_(std::move(path)), interval_(interval), changed_(std::move(changed)) {
  thread_ = std::thread([this] { watch(); });
}

FolderWatch::~FolderWatch() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

std::string FolderWatch::signature(const fs::path& path) {
  std::vector<std::string> files;
  std::error_code failure;
  const auto describe = [&](const fs::path& file, const std::string& name) {
    std::error_code error;
    const auto size = fs::file_size(file, error);
    const auto time = fs::last_write_time(file, error);
    if (error) return;
    files.push_back(name + '\t' + std::to_string(size) + '\t' +
                    std::to_string(time.time_since_epoch().count()));
  };
  if (fs::is_regular_file(path, failure)) {
    describe(path, path.filename().string());
  } else {
    // The walk is bounded as loading is (LoadOptions::max_files); a folder that changes while
    // it is walked gives an error, and the next poll tries again.
    fs::recursive_directory_iterator walk(path, fs::directory_options::skip_permission_denied,
                                          failure);
    for (; !failure && walk != fs::recursive_directory_iterator(); walk.increment(failure)) {
      if (files.size() > 200'000) break;
      std::error_code error;
      if (walk->is_regular_file(error))
        describe(walk->path(), fs::relative(walk->path(), path, error).string());
    }
    if (failure) files.push_back("(unreadable)");
  }
  std::sort(files.begin(), files.end());
  std::string text;
  for (const std::string& file : files) text += file + '\n';
  return text;
}

void FolderWatch::watch() {
  std::string loaded = signature(path_), seen = loaded;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      if (wake_.wait_for(lock, interval_, [this] { return stopping_; })) return;
    }
    std::string now = signature(path_);
    if (now != loaded && now == seen) {
      loaded = now;
      changed_();
    }
    seen = std::move(now);
  }
}

}  // namespace qingdan::serve
