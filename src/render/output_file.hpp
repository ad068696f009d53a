#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <qingdan/phrase.hpp>

#include <qingdan/language.hpp>

namespace qingdan::detail {

// How a file is replaced: writers that may run at once each give their own `partial_suffix`; a
// file whose loss in a crash costs nothing (a cache, checksummed) is not flushed to the disk.
struct Replacement {
  std::string_view partial_suffix = ".partial";
  bool durable = true;
};

// Writes `bytes` as the file `target`, replacing a regular file at most: a link, a folder, a
// device or a pipe there is refused and keeps what it is. The bytes go to `target`.partial
// (created new, never through a link), every write, the fsync and the close are checked, and
// the file is renamed into place. Returns why it could not be written, worded in `language`.
std::optional<Phrase> replace_regular_file(const std::filesystem::path& target,
                                           std::string_view bytes, const Replacement& how);
std::optional<Phrase> replace_regular_file(const std::filesystem::path& target,
                                           std::string_view bytes);

}  // namespace qingdan::detail
