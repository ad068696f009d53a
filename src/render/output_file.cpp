#include "render/output_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include <qingdan/detail/messages.hpp>
#include <qingdan/detail/phrases.hpp>

namespace qingdan::detail {

namespace {

// Writes `bytes` to a new file at `path` (O_EXCL and O_NOFOLLOW: never through a link or into
// an existing file); every write and the close are checked. Returns the failure's reason, if any.
std::optional<std::string> write_new_file(const std::filesystem::path& path, std::string_view bytes,
                                          bool durable) {
  const int descriptor =
      ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (descriptor < 0) return std::strerror(errno);
  while (!bytes.empty()) {
    const ssize_t written = ::write(descriptor, bytes.data(), bytes.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) {
      std::string reason = written < 0 ? std::strerror(errno) : "nothing could be written";
      ::close(descriptor);
      return reason;
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  if ((durable && ::fsync(descriptor) != 0) || ::close(descriptor) != 0)
    return std::strerror(errno);
  return std::nullopt;
}

}  // namespace

std::optional<Phrase> replace_regular_file(const std::filesystem::path& target,
                                           std::string_view bytes, const Replacement& how) {
  std::error_code failure;
  const auto status = std::filesystem::symlink_status(target, failure);
  if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))
    return Phrase(Message::output_not_a_regular_file, {});
  std::filesystem::path partial = target;
  partial += how.partial_suffix;
  if (std::filesystem::is_regular_file(std::filesystem::symlink_status(partial, failure)))
    std::filesystem::remove(partial, failure);  // left by a write that was cut short
  if (auto reason = write_new_file(partial, bytes, how.durable)) {
    if (*reason != std::strerror(EEXIST)) std::filesystem::remove(partial, failure);
    return verbatim(*reason);
  }
  std::filesystem::rename(partial, target, failure);
  if (failure) {
    std::error_code ignored;
    std::filesystem::remove(partial, ignored);
    return verbatim(failure.message());
  }
  return std::nullopt;
}

std::optional<Phrase> replace_regular_file(const std::filesystem::path& target,
                                           std::string_view bytes) {
  return replace_regular_file(target, bytes, Replacement{});
}

}  // namespace qingdan::detail
