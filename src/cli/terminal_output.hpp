#pragma once

#include <unistd.h>

#include <cerrno>
#include <streambuf>
#include <string>
#include <string_view>

#include <qingdan/detail/control_characters.hpp>

namespace qingdan::cli {

// What std::cout and std::cerr write through: a buffer in front of a file descriptor that
//  - escapes every control character but newline and tab (escape_controls), so no rule file,
//    directive or file name can move the cursor, recolour the terminal or clear it; JSON, SARIF
//    and HTML never hold such characters (their writers escape them) and pass unchanged;
//  - checks every write and keeps the first failure's errno, so that a command whose output
//    did not arrive (a full disk, a closed pipe) ends in an error instead of exit 0.
class TerminalOutput : public std::streambuf {
 public:
  explicit TerminalOutput(int descriptor) : descriptor_(descriptor) {}
  ~TerminalOutput() override { sync(); }
  TerminalOutput(const TerminalOutput&) = delete;
  TerminalOutput& operator=(const TerminalOutput&) = delete;

  // errno of the first write that failed; 0 when everything was written.
  int failure() const { return failure_; }

 protected:
  int_type overflow(int_type c) override {
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    const char byte = traits_type::to_char_type(c);
    xsputn(&byte, 1);
    return c;
  }

  std::streamsize xsputn(const char* text, std::streamsize size) override {
    pending_.append(text, static_cast<std::size_t>(size));
    if (pending_.size() >= buffer_bytes) write_out(false);
    return size;
  }

  int sync() override {
    write_out(true);
    return failure_ == 0 ? 0 : -1;
  }

 private:
  static constexpr std::size_t buffer_bytes = 1 << 16;

  void write_out(bool everything) {
    // A C1 control is two bytes (C2 80 to C2 9F): one cut at the end waits for its second.
    std::size_t cut = pending_.size();
    if (!everything && cut > 0 && static_cast<unsigned char>(pending_[cut - 1]) == 0xC2) --cut;
    const std::string escaped =
        detail::escape_controls(std::string_view(pending_).substr(0, cut), true);
    pending_.erase(0, cut);
    std::string_view left = escaped;
    while (!left.empty() && failure_ == 0) {
      const ssize_t written = ::write(descriptor_, left.data(), left.size());
      if (written < 0 && errno == EINTR) continue;
      if (written <= 0) {
        failure_ = written < 0 ? errno : EIO;
        break;
      }
      left.remove_prefix(static_cast<std::size_t>(written));
    }
  }

  int descriptor_;
  std::string pending_;
  int failure_ = 0;
};

}  // namespace qingdan::cli
