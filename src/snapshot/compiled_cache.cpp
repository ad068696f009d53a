#include "snapshot/compiled_cache.hpp"

#include <dlfcn.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include <qingdan/error.hpp>
#include <qingdan/version.hpp>

#include "load/load.hpp"
#include "load/rule_files.hpp"
#include "load/sha256.hpp"
#include "render/output_file.hpp"
#include "snapshot/snapshot.hpp"

namespace qingdan::detail {

namespace {

// A half-written snapshot older than this was left by a process that stopped while writing.
constexpr auto abandoned_after = std::chrono::hours(1);

// What makes this build of the library: its version, its snapshot format, and the file it was
// loaded from as it is now. A rebuilt library may assemble the same files into another model,
// so it never reads what an earlier build cached.
const std::string& library_identity() {
  static const std::string identity = [] {
    static const char anchor = 0;
    std::string text = std::string(QINGDAN_VERSION) + "/" + std::to_string(snapshot_format);
    Dl_info info{};
    struct stat status {};
    const bool found = ::dladdr(&anchor, &info) != 0 && info.dli_fname != nullptr &&
                       ::stat(info.dli_fname, &status) == 0;
    if (found || ::stat("/proc/self/exe", &status) == 0)
      text += "/" + std::to_string(status.st_dev) + ":" + std::to_string(status.st_ino) + ":" +
              std::to_string(status.st_size) + ":" + std::to_string(status.st_mtim.tv_sec) + "." +
              std::to_string(status.st_mtim.tv_nsec);
    return text;
  }();
  return identity;
}

// What the limits a model was loaded under add to its key: a folder over a limit does not load,
// so its cached snapshot must not be found under a lower one.
std::string limits_of(const LoadOptions& options) {
  std::string text;
  for (std::uint64_t limit :
       {options.max_file_bytes, std::uint64_t{options.max_depth}, options.max_alias_nodes,
        options.max_entries, options.max_text_bytes, options.max_files})
    text += std::to_string(limit) + ",";
  return text;
}

// A regular file or folder of the user's own that nobody else may write: anything else in a
// cache directory is not trusted with answers.
bool is_own(const std::filesystem::path& path, bool folder) {
  struct stat status {};
  if (::lstat(path.c_str(), &status) != 0) return false;
  const bool right_type = folder ? S_ISDIR(status.st_mode) : S_ISREG(status.st_mode);
  return right_type && status.st_uid == ::geteuid() && (status.st_mode & (S_IWGRP | S_IWOTH)) == 0;
}

std::filesystem::path environment_path(const char* variable) {
  const char* value = std::getenv(variable);
  return value != nullptr ? std::filesystem::path(value) : std::filesystem::path();
}

// A name no other writer uses at the same time, so that two processes (or threads) caching the
// same rulebook never write into each other's file.
std::string unique_partial_suffix() {
  static std::atomic<std::uint64_t> count{0};
  return "." + std::to_string(::getpid()) + "." + std::to_string(count.fetch_add(1)) + ".partial";
}

constexpr std::string_view stamps_format = "qingdan-stamps-1";
// How long after a file's last modification its stamp is trusted: longer than the coarsest
// clock of a file system in use (FAT's two seconds).
constexpr std::int64_t racy_window = 2'000'000'000;

std::int64_t nanoseconds(const struct timespec& time) {
  return std::int64_t{time.tv_sec} * 1'000'000'000 + time.tv_nsec;
}

std::int64_t nanoseconds_now() {
  struct timespec now {};
  ::clock_gettime(CLOCK_REALTIME, &now);
  return nanoseconds(now);
}

struct KeptStamps {
  std::string fingerprint;
  std::string stamps;
  std::int64_t stamped_at = 0;
};

std::optional<KeptStamps> read_stamps(const std::filesystem::path& directory,
                                      const std::filesystem::path& file) {
  if (!is_own(directory, true) || !is_own(file, false)) return std::nullopt;
  std::ifstream in(file);
  std::string format;
  KeptStamps kept;
  if (!(in >> format >> kept.fingerprint >> kept.stamps >> kept.stamped_at) ||
      format != stamps_format)
    return std::nullopt;
  return kept;
}

}  // namespace

CompiledCache::CompiledCache(std::filesystem::path directory, std::string folder_key)
    : directory_(std::move(directory)), folder_key_(std::move(folder_key)) {}

std::filesystem::path CompiledCache::directory_of(const LoadOptions& options) {
  if (!options.compiled_cache) return {};
  if (!options.cache_directory.empty()) return options.cache_directory;
  std::filesystem::path configured = environment_path("QINGDAN_CACHE_DIR");
  if (configured == "off") return {};
  if (!configured.empty()) return configured;
  std::filesystem::path base = environment_path("XDG_CACHE_HOME");
  if (base.is_relative()) {  // the XDG specification ignores a relative path
    std::filesystem::path home = environment_path("HOME");
    if (home.empty()) return {};
    base = home / ".cache";
  }
  return base / "qingdan";
}

std::optional<CompiledCache> CompiledCache::open(const std::filesystem::path& folder,
                                                 const LoadOptions& options) {
  std::filesystem::path directory = directory_of(options);
  if (directory.empty()) return std::nullopt;
  std::error_code failure;
  std::filesystem::path place = std::filesystem::weakly_canonical(folder, failure);
  if (failure) place = std::filesystem::absolute(folder, failure);
  CompiledCache cache(std::move(directory), sha256_hex(place.string() + '\n' + library_identity() +
                                                       '\n' + limits_of(options))
                                                .substr(0, 16));

  // The stamps are taken before any file is read: an edit made while the files are hashed or
  // loaded shows in them next time.
  Diagnostics diagnostics(options.language);
  const std::vector<RuleFile> files =
      list_rule_files(folder, folder.generic_string(), options, diagnostics);
  if (diagnostics.has_errors()) return std::nullopt;
  cache.stamped_at_ = nanoseconds_now();
  std::string stamps;
  std::int64_t last_modified = 0;
  for (const RuleFile& file : files) {
    struct stat status {};
    if (::stat(file.path.c_str(), &status) != 0) return std::nullopt;
    const std::int64_t modified = nanoseconds(status.st_mtim);
    last_modified = std::max(last_modified, modified);
    stamps += file.relative + '\0' + std::to_string(status.st_size) + ' ' +
              std::to_string(modified) + ' ' + std::to_string(nanoseconds(status.st_ctim)) + ' ' +
              std::to_string(status.st_ino) + ' ' + std::to_string(status.st_dev) + '\n';
  }
  cache.stamps_ = sha256_hex(stamps);

  if (auto kept = read_stamps(cache.directory_, cache.stamps_file());
      kept && kept->stamps == cache.stamps_ && last_modified + racy_window < kept->stamped_at) {
    cache.fingerprint_ = kept->fingerprint;
    cache.fingerprint_hashed_ = false;
  } else {
    std::optional<std::string> fingerprint = fingerprint_rule_files(folder, options);
    if (!fingerprint) return std::nullopt;
    cache.fingerprint_ = std::move(*fingerprint);
  }
  cache.file_ = cache.file_of(cache.fingerprint_);
  return cache;
}

std::filesystem::path CompiledCache::file_of(const std::string& fingerprint) const {
  return directory_ / (folder_key_ + "-" + fingerprint + ".qds");
}

std::filesystem::path CompiledCache::stamps_file() const {
  return directory_ / (folder_key_ + ".stamps");
}

void CompiledCache::write_stamps() const {
  const std::string suffix = unique_partial_suffix();
  replace_regular_file(stamps_file(),
                       std::string(stamps_format) + ' ' + fingerprint_ + ' ' + stamps_ + ' ' +
                           std::to_string(stamped_at_) + '\n',
                       Replacement{suffix, false});
}

std::shared_ptr<const Model> CompiledCache::read(const LoadOptions& options) const {
  if (!is_own(directory_, true) || !is_own(file_, false)) return nullptr;
  std::shared_ptr<const Model> model;
  try {
    model = read_snapshot(file_, options);
  } catch (const Error&) {  // damaged or from another format: the YAML load writes it anew
    return nullptr;
  }
  if (model->fingerprint != fingerprint_) return nullptr;
  ::utimensat(AT_FDCWD, file_.c_str(), nullptr, 0);  // recently used: kept over older ones
  if (fingerprint_hashed_) {
    try {
      write_stamps();  // so that the next load need not hash the files again
    } catch (...) {
    }
  }
  return model;
}

void CompiledCache::write(const Model& model) const noexcept {
  try {
    if (model.fingerprint.empty()) return;
    std::error_code failure;
    std::filesystem::create_directories(directory_.parent_path(), failure);
    if (::mkdir(directory_.c_str(), 0700) != 0 && errno != EEXIST) return;
    if (!is_own(directory_, true)) return;
    const std::filesystem::path target = file_of(model.fingerprint);
    const std::string suffix = unique_partial_suffix();
    if (replace_regular_file(target, seal_snapshot(snapshot_payload(model)),
                             Replacement{suffix, false}))
      return;
    if (model.fingerprint == fingerprint_) write_stamps();
    forget_others(target);
  } catch (...) {  // a cache that cannot be written costs the next load time, nothing else
  }
}

void CompiledCache::forget_others(const std::filesystem::path& kept) const {
  using Clock = std::filesystem::file_time_type::clock;
  const std::string own_prefix = folder_key_ + "-";
  std::vector<std::pair<std::filesystem::file_time_type, std::filesystem::path>> snapshots;
  std::error_code failure;
  for (auto it = std::filesystem::directory_iterator(directory_, failure);
       !failure && it != std::filesystem::directory_iterator(); it.increment(failure)) {
    const std::filesystem::path& path = it->path();
    const std::string name = path.filename().string();
    std::error_code ignored;
    const auto modified = std::filesystem::last_write_time(path, ignored);
    if (ignored || !is_own(path, false)) continue;
    if (name.ends_with(".partial")) {
      if (Clock::now() - modified > abandoned_after) std::filesystem::remove(path, ignored);
    } else if (name.ends_with(".qds") && path != kept) {
      if (name.starts_with(own_prefix))  // the same folder as it was before an edit
        std::filesystem::remove(path, ignored);
      else
        snapshots.emplace_back(modified, path);
    }
  }
  if (snapshots.size() + 1 <= max_snapshots) return;
  std::sort(snapshots.begin(), snapshots.end());
  for (std::size_t i = 0; i + max_snapshots < snapshots.size() + 1; ++i) {
    std::error_code ignored;
    const std::string name = snapshots[i].second.filename().string();
    std::filesystem::remove(snapshots[i].second, ignored);
    std::filesystem::remove(directory_ / (name.substr(0, name.find('-')) + ".stamps"), ignored);
  }
}

}  // namespace qingdan::detail
