#include "snapshot/compiled_cache.hpp"

#include <fcntl.h>
#include <link.h>
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

#include <utf8proc.h>
#include <qingdan/error.hpp>
#include <qingdan/version.hpp>

#include "answer/normalize_stages.hpp"
#include "load/load.hpp"
#include "load/rule_files.hpp"
#include "load/sha256.hpp"
#include "render/output_file.hpp"
#include "snapshot/snapshot.hpp"

namespace qingdan::detail {

namespace {

// A half-written snapshot older than this was left by a process that stopped while writing.
constexpr auto abandoned_after = std::chrono::hours(1);

// The file the code of this library was loaded from: the shared object that holds it, or the
// program itself (whose name glibc gives as argv[0], so it is found as /proc/self/exe).
std::string file_holding_this_code() {
  static const char anchor = 0;
  struct Search {
    std::uintptr_t address;
    std::string file;
  } search{reinterpret_cast<std::uintptr_t>(&anchor), {}};
  ::dl_iterate_phdr(
      [](struct dl_phdr_info* info, std::size_t, void* data) -> int {
        auto* wanted = static_cast<Search*>(data);
        for (int i = 0; i < info->dlpi_phnum; ++i) {
          const ElfW(Phdr)& segment = info->dlpi_phdr[i];
          const std::uintptr_t start = info->dlpi_addr + segment.p_vaddr;
          if (segment.p_type == PT_LOAD && wanted->address >= start &&
              wanted->address < start + segment.p_memsz) {
            const bool program = info->dlpi_name == nullptr || info->dlpi_name[0] == '\0';
            wanted->file = program ? "/proc/self/exe" : info->dlpi_name;
            return 1;
          }
        }
        return 0;
      },
      &search);
  return search.file;
}

// What makes this build of the library: its version, its snapshot format, and the file it was
// loaded from as it was when the process started. A rebuilt library may assemble the same files
// into another model, so it never reads what an earlier build cached.
std::string identity_of_this_build() {
  std::string text = std::string(QINGDAN_VERSION) + "/" + std::to_string(snapshot_format);
  struct stat status {};
  if (const std::string file = file_holding_this_code();
      !file.empty() && ::stat(file.c_str(), &status) == 0)
    text += "/" + std::to_string(status.st_dev) + ":" + std::to_string(status.st_ino) + ":" +
            std::to_string(status.st_size) + ":" + std::to_string(status.st_mtim.tv_sec) + "." +
            std::to_string(status.st_mtim.tv_nsec);
  return text;
}
const std::string this_build = identity_of_this_build();

// What a load's model depends on beyond its files, its limits and this build: how names are
// normalised (utf8proc's version; OpenCC's configuration and dictionaries, which the snapshot's
// normalised names were made with).
const std::string& library_identity() {
  static const std::string identity =
      this_build + "/" + utf8proc_version() + "/" + TraditionalToSimplified::instance().identity();
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
  std::string suffix = ".";  // appended to, not `"." + …`: GCC 12's -Wrestrict misreads that
  suffix += std::to_string(::getpid());
  suffix += '.';
  suffix += std::to_string(count.fetch_add(1));
  suffix += ".partial";
  return suffix;
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

bool is_digest(std::string_view text) {
  return text.size() == 64 && text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

// The cache's own files: KEY-FINGERPRINT.qds, KEY.stamps, and either of them with a writer's
// partial suffix (.PID.N.partial). Nothing else in the directory is touched.
struct CacheFileName {
  std::string key;
  bool snapshot = false;
  bool partial = false;
};
std::optional<CacheFileName> cache_file_name(std::string name) {
  CacheFileName parsed;
  if (name.ends_with(".partial")) {
    parsed.partial = true;
    name.resize(name.size() - std::string_view(".partial").size());
    for (int part = 0; part < 2; ++part) {  // .PID.N
      const std::size_t dot = name.rfind('.');
      if (dot == std::string::npos ||
          name.find_first_not_of("0123456789", dot + 1) != std::string::npos)
        return std::nullopt;
      name.resize(dot);
    }
  }
  auto is_key = [](std::string_view text) {
    return text.size() == 16 && text.find_first_not_of("0123456789abcdef") == std::string::npos;
  };
  if (name.ends_with(".stamps")) {
    parsed.key = name.substr(0, name.size() - 7);
    return is_key(parsed.key) ? std::optional(parsed) : std::nullopt;
  }
  if (name.size() != 16 + 1 + 64 + 4 || !name.ends_with(".qds") || name[16] != '-' ||
      !is_digest(name.substr(17, 64)))
    return std::nullopt;
  parsed.key = name.substr(0, 16);
  parsed.snapshot = true;
  return is_key(parsed.key) ? std::optional(parsed) : std::nullopt;
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
      format != stamps_format || !is_digest(kept.fingerprint))
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
  if (configured.is_absolute()) return configured;  // a relative one would follow the process
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
  Diagnostics diagnostics;
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
    // A tool that restores a file's modification time (cp -p, tar) leaves its change time new.
    last_modified = std::max({last_modified, modified, nanoseconds(status.st_ctim)});
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
  cache.max_snapshot_bytes_ = options.max_snapshot_bytes;
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
  } catch (const std::exception&) {  // damaged or from another format: the YAML load writes
    return nullptr;                  // it anew
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
    const std::string sealed = seal_snapshot(snapshot_payload(model));
    if (sealed.size() > max_snapshot_bytes_) return;  // it could never be read back
    const std::string suffix = unique_partial_suffix();
    if (replace_regular_file(target, sealed, Replacement{suffix, false})) return;
    if (model.fingerprint == fingerprint_) write_stamps();
    forget_others(target);
  } catch (...) {  // a cache that cannot be written costs the next load time, nothing else
  }
}

void CompiledCache::forget_others(const std::filesystem::path& kept) const {
  using Clock = std::filesystem::file_time_type::clock;
  std::vector<std::pair<std::filesystem::file_time_type, std::filesystem::path>> snapshots;
  std::error_code failure;
  for (auto it = std::filesystem::directory_iterator(directory_, failure);
       !failure && it != std::filesystem::directory_iterator(); it.increment(failure)) {
    const std::filesystem::path& path = it->path();
    const auto name = cache_file_name(path.filename().string());
    std::error_code ignored;
    const auto modified = std::filesystem::last_write_time(path, ignored);
    if (!name || ignored || !is_own(path, false)) continue;
    if (name->partial) {
      if (Clock::now() - modified > abandoned_after) std::filesystem::remove(path, ignored);
    } else if (name->snapshot && path != kept) {
      if (name->key == folder_key_)  // the same folder as it was before an edit
        std::filesystem::remove(path, ignored);
      else
        snapshots.emplace_back(modified, path);
    }
  }
  if (snapshots.size() + 1 <= max_snapshots) return;
  std::sort(snapshots.begin(), snapshots.end());
  for (std::size_t i = 0; i + max_snapshots < snapshots.size() + 1; ++i) {
    std::error_code ignored;
    const std::string key = snapshots[i].second.filename().string().substr(0, 16);
    std::filesystem::remove(snapshots[i].second, ignored);
    std::filesystem::remove(directory_ / (key + ".stamps"), ignored);
  }
}

}  // namespace qingdan::detail
