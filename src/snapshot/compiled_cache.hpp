#pragma once

// The compiled cache (docs/format.md §10.1): Rulebook::load of a folder reads a snapshot of it
// from the user's cache directory while the folder's rule files are unchanged, and writes one
// after a YAML load. A snapshot there is found by the folder's fingerprint, so an edited file
// is never answered from an older snapshot; one for the same folder with another fingerprint is
// replaced. Any problem with the cache makes it a miss: it never fails or changes a load.
//
// Hashing a province's rule files would cost a third of reading its snapshot, so beside each
// snapshot the cache keeps its files' stamps (path, size, modification and change times, inode)
// as they were when their fingerprint was taken. While every stamp is the same the fingerprint
// is taken from there; a file modified or changed within two seconds of its stamp (a file
// system whose clock is coarse could hide an edit in that time) is hashed all the same, as git
// does.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include <qingdan/detail/model.hpp>
#include <qingdan/load_options.hpp>

namespace qingdan::detail {

class CompiledCache {
 public:
  // Snapshots kept at most; the least recently used go first.
  static constexpr std::size_t max_snapshots = 32;

  // The cache's place for `folder` as its files are now; nothing when the cache is off, there is
  // no cache directory, or a rule file cannot be listed or read (the YAML load reports that).
  static std::optional<CompiledCache> open(const std::filesystem::path& folder,
                                           const LoadOptions& options);

  // The directory `options` name, whether or not it exists; empty when the cache is off.
  static std::filesystem::path directory_of(const LoadOptions& options);

  // The model of the cached snapshot, or null when there is none, it is damaged, its
  // fingerprint is another's, or it is not the user's own file.
  std::shared_ptr<const Model> read(const LoadOptions& options) const;

  // Keeps `model`, loaded from the folder's YAML, for the next load. Never throws.
  void write(const Model& model) const noexcept;

  const std::filesystem::path& file() const { return file_; }

 private:
  CompiledCache(std::filesystem::path directory, std::string folder_key);

  std::filesystem::path file_of(const std::string& fingerprint) const;
  std::filesystem::path stamps_file() const;
  void write_stamps() const;
  void forget_others(const std::filesystem::path& kept) const;

  std::filesystem::path directory_;
  std::string folder_key_;  // of the folder, the limits that shape its model, and this library
  std::string fingerprint_;
  std::filesystem::path file_;
  std::string stamps_;           // a digest of the rule files' stamps, taken before they were read
  std::int64_t stamped_at_ = 0;  // when, in nanoseconds of the system clock
  bool fingerprint_hashed_ = true;        // rather than taken from the stamps
  std::uint64_t max_snapshot_bytes_ = 0;  // a larger snapshot could not be read back
};

}  // namespace qingdan::detail
