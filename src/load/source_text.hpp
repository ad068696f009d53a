#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <qingdan/load_options.hpp>

#include "wording/diagnostics.hpp"

namespace qingdan::detail {

// The checked text of one input file: UTF-8 without a byte-order mark, with line starts for
// turning byte offsets into the positions users see.
class SourceText {
 public:
  SourceText(std::string display_path, std::string text);

  const std::string& display_path() const { return display_path_; }
  std::string_view text() const { return text_; }

  // Line and column (both 1-based, column in characters) of a 0-based line and byte column.
  // Columns are counted on from the last position asked when it lies earlier on the same line,
  // so a parser asking in reading order pays O(1) amortised per node, even on one long line.
  Position position(std::size_t line0, std::size_t byte_column0) const;
  Position position_of_offset(std::size_t offset) const;
  // The byte offset of a 0-based line and byte column, and of a position (line and column in
  // characters, both 1-based), each kept within the text.
  std::size_t offset(std::size_t line0, std::size_t byte_column0) const;
  std::size_t offset_of(Position at) const;

 private:
  std::string display_path_;
  std::string text_;
  std::vector<std::size_t> line_starts_;
  struct Cursor {
    std::size_t line0 = 0, byte_column0 = 0, column0 = 0;
  };
  mutable Cursor last_;         // not shared between threads: one SourceText is read by one parse
  mutable Cursor last_offset_;  // the same, for offset_of()
};

// Byte offset of the first byte that is not part of well-formed UTF-8, if any.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);
// "0xFF", as messages name a byte.
std::string hex_byte(char byte);
// `name` with each byte that is not well-formed UTF-8 written as \xFF, so messages and JSON stay
// UTF-8.
std::string printable_name(std::string_view name);

// Whether text that is not UTF-8 reads as Chinese in GBK (GB18030), as Excel and Notepad save
// a file on a Chinese Windows: it decodes as GB18030 to text with CJK ideographs, and fewer than
// half of its bytes above 0x7F form three-byte UTF-8 characters (else it is UTF-8 Chinese with a
// stray byte).
bool looks_like_gbk(std::string_view text);

// Reads a file whole, within the size limit, as bytes; reports QL001-QL002 and returns nothing
// on error.
std::optional<std::string> read_file(const std::filesystem::path& path,
                                     const std::string& display_path, const LoadOptions& options,
                                     Diagnostics& diagnostics);

// Reads a file whole and checks that it is UTF-8 text within the size limit. `bytes` receives
// the raw file (for fingerprints) when not null. Reports QL001-QL003 and returns nothing on error;
// a file in GBK is named as such, with how Excel saves CSV as UTF-8 when `spreadsheet`.
std::optional<SourceText> read_source(const std::filesystem::path& path,
                                      const std::string& display_path, const LoadOptions& options,
                                      Diagnostics& diagnostics, std::string* bytes = nullptr,
                                      bool spreadsheet = false);

// The same checks on text already in memory.
std::optional<SourceText> check_source(std::string display_path, std::string text,
                                       Diagnostics& diagnostics, bool spreadsheet = false);

}  // namespace qingdan::detail
