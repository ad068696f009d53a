#include "load/source_text.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <system_error>
#include <utility>

#include <iconv.h>
#include <utf8proc.h>

#include <qingdan/detail/control_characters.hpp>
#include <qingdan/detail/utf8.hpp>

namespace qingdan::detail {

SourceText::SourceText(std::string display_path, std::string text)
    : display_path_(std::move(display_path)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
}

Position SourceText::position(std::size_t line0, std::size_t byte_column0) const {
  if (line0 >= line_starts_.size()) return Position{static_cast<std::uint32_t>(line0 + 1), 1};
  const std::size_t start = line_starts_[line0];
  byte_column0 = std::min(byte_column0, text_.size() - start);
  Cursor from{line0, 0, 0};
  if (last_.line0 == line0 && last_.byte_column0 <= byte_column0) from = last_;
  const std::size_t column0 =
      from.column0 + character_count(std::string_view(text_).substr(
                         start + from.byte_column0, byte_column0 - from.byte_column0));
  last_ = Cursor{line0, byte_column0, column0};
  return Position{static_cast<std::uint32_t>(line0 + 1), static_cast<std::uint32_t>(column0 + 1)};
}

Position SourceText::position_of_offset(std::size_t offset) const {
  auto next_line = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  auto line0 = static_cast<std::size_t>(next_line - line_starts_.begin() - 1);
  return position(line0, offset - line_starts_[line0]);
}

std::size_t SourceText::offset(std::size_t line0, std::size_t byte_column0) const {
  if (line0 >= line_starts_.size()) return text_.size();
  return std::min(line_starts_[line0] + byte_column0, text_.size());
}

std::size_t SourceText::offset_of(Position at) const {
  const std::size_t line0 = at.line == 0 ? 0 : at.line - 1;
  if (line0 >= line_starts_.size()) return text_.size();
  // Counted on from the last position asked when it lies earlier on the same line, as in
  // position(): a reader asking in reading order pays O(1) amortised, even on one long line.
  Cursor from{line0, 0, 0};
  if (last_offset_.line0 == line0 && last_offset_.column0 + 1 <= at.column) from = last_offset_;
  std::size_t offset = line_starts_[line0] + from.byte_column0;
  std::size_t column0 = from.column0;
  while (column0 + 1 < at.column && offset < text_.size() && text_[offset] != '\n') {
    ++offset;
    while (offset < text_.size() && (static_cast<unsigned char>(text_[offset]) & 0xC0) == 0x80)
      ++offset;
    ++column0;
  }
  last_offset_ = Cursor{line0, offset - line_starts_[line0], column0};
  return offset;
}

namespace {

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

}  // namespace

std::optional<std::size_t> first_invalid_utf8(std::string_view text) {
  // The well-formed sequences of the Unicode Standard's table 3-7, as utf8proc_iterate accepts
  // them, decoded here: a rule file or a snapshot is mostly ASCII and three-byte ideographs, and
  // a call per character was a tenth of a snapshot's load.
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  std::size_t at = 0;
  while (at < size) {
    if (std::uint64_t word = 0; size - at >= sizeof word) {
      std::memcpy(&word, bytes + at, sizeof word);
      if ((word & 0x8080808080808080ULL) == 0) {
        at += sizeof word;
        continue;
      }
    }
    const unsigned char lead = bytes[at];
    if (lead < 0x80) {
      ++at;
      continue;
    }
    const std::size_t length = lead >= 0xC2 && lead <= 0xDF   ? 2
                               : lead >= 0xE0 && lead <= 0xEF ? 3
                               : lead >= 0xF0 && lead <= 0xF4 ? 4
                                                              : 0;
    if (length == 0 || size - at < length) return at;
    const unsigned char second = bytes[at + 1];
    const unsigned char lowest = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
    const unsigned char highest = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
    if (second < lowest || second > highest) return at;
    for (std::size_t next = 2; next < length; ++next)
      if ((bytes[at + next] & 0xC0) != 0x80) return at;
    at += length;
  }
  return std::nullopt;
}

bool looks_like_gbk(std::string_view text) {
  // Chinese in UTF-8 with a stray byte is a UTF-8 file: its bytes above 0x7F are almost all in
  // three-byte characters, which GBK's two-byte ones seldom happen to form (they do form
  // two-byte UTF-8 characters often enough not to count those).
  std::size_t high = 0, in_utf8 = 0;
  for (std::size_t at = 0; at < text.size();) {
    if (static_cast<unsigned char>(text[at]) < 0x80) {
      ++at;
      continue;
    }
    utf8proc_int32_t point = 0;
    auto length = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + at),
                                   static_cast<utf8proc_ssize_t>(text.size() - at), &point);
    const std::size_t step = length > 0 ? static_cast<std::size_t>(length) : 1;
    high += step;
    if (length >= 3) in_utf8 += step;
    at += step;
  }
  if (high == 0 || in_utf8 * 2 >= high) return false;
  iconv_t convert = iconv_open("UTF-8", "GB18030");
  if (convert == reinterpret_cast<iconv_t>(-1)) return false;
  bool chinese = false, whole = true;
  char* in = const_cast<char*>(text.data());
  std::size_t in_left = text.size();
  char buffer[16384];
  while (in_left > 0 && whole) {
    char* out = buffer;
    std::size_t out_left = sizeof buffer;
    if (iconv(convert, &in, &in_left, &out, &out_left) == static_cast<std::size_t>(-1) &&
        errno != E2BIG)
      whole = false;  // a byte sequence that is not GB18030, or one cut short at the end
    for (char* byte = buffer; byte < out; ++byte) {  // U+4000–U+9FFF: the common ideographs
      const auto lead = static_cast<unsigned char>(*byte);
      chinese = chinese || (lead >= 0xE4 && lead <= 0xE9);
    }
  }
  iconv_close(convert);
  return whole && chinese;
}

std::string hex_byte(char byte) {
  char text[8];
  std::snprintf(text, sizeof text, "0x%02X", static_cast<unsigned char>(byte));
  return text;
}

std::string printable_name(std::string_view name) {
  std::string printable;
  while (auto invalid = first_invalid_utf8(name)) {
    printable.append(name.substr(0, *invalid))
        .append("\\x")
        .append(hex_byte(name[*invalid]).substr(2));
    name.remove_prefix(*invalid + 1);
  }
  return printable.append(name);
}

std::optional<SourceText> check_source(std::string display_path, std::string text,
                                       Diagnostics& diagnostics, bool spreadsheet) {
  auto fail = [&](Position at, Code code, Message id,
                  std::vector<Phrase::Argument> arguments = {}) {
    diagnostics.error(display_path, at, code, id, std::move(arguments));
    return std::nullopt;
  };
  std::string_view view = text;
  using namespace std::string_view_literals;
  if (view.starts_with("\xFF\xFE\0\0"sv) || view.starts_with("\0\0\xFE\xFF"sv))
    return fail({1, 1}, Code::not_utf8, Message::file_is_utf32);
  if (view.starts_with("\xFF\xFE") || view.starts_with("\xFE\xFF"))
    return fail({1, 1}, Code::not_utf8, Message::file_is_utf16);
  if (view.starts_with(utf8_bom)) text.erase(0, utf8_bom.size());
  SourceText source(display_path, std::move(text));
  if (auto nul = source.text().find('\0'); nul != std::string_view::npos)
    return fail(source.position_of_offset(nul), Code::not_utf8, Message::file_has_nul);
  // A control character other than tab, CR and LF is no part of a text file, and yaml-cpp reads
  // some as its own markers (U+0004 as the end of the stream): refused, like a lone CR below,
  // so that what qingdan checks (flow nesting, positions) is what the parser reads.
  std::optional<std::size_t> control;
  for_each_control(source.text(), true, [&](std::size_t at, std::size_t, char32_t point) {
    if (!control && point != U'\r') control = at;
  });
  if (control)
    return fail(source.position_of_offset(*control), Code::not_utf8,
                Message::file_has_control_character,
                {{"character", *first_control_character(source.text().substr(*control, 2), true)}});
  // YAML counts a lone CR as a line break and yaml-cpp does not, always: refused, so that what
  // qingdan checks (flow nesting, positions) is what the parser reads.
  for (std::size_t cr = source.text().find('\r'); cr != std::string_view::npos;
       cr = source.text().find('\r', cr + 1))
    if (cr + 1 == source.text().size() || source.text()[cr + 1] != '\n')
      return fail(source.position_of_offset(cr), Code::not_utf8,
                  Message::file_has_lone_carriage_return);
  if (auto invalid = first_invalid_utf8(source.text())) {
    const std::string byte = hex_byte(source.text()[*invalid]);
    if (looks_like_gbk(source.text()))  // as Excel, or Notepad, saves it on a Chinese Windows
      return fail(source.position_of_offset(*invalid), Code::not_utf8, Message::file_looks_like_gbk,
                  {{"byte", byte},
                   {"hint", spreadsheet ? Phrase(Message::save_csv_as_utf8_in_excel) : Phrase()}});
    return fail(source.position_of_offset(*invalid), Code::not_utf8, Message::invalid_utf8,
                {{"byte", byte}});
  }
  return source;
}

std::optional<std::string> read_file(const std::filesystem::path& path,
                                     const std::string& display_path, const LoadOptions& options,
                                     Diagnostics& diagnostics) {
  std::error_code failure;
  auto size = std::filesystem::file_size(path, failure);
  if (failure) {
    diagnostics.error(display_path, {}, Code::cannot_read, Message::cannot_read_file_because,
                      {{"reason", failure.message()}});
    return std::nullopt;
  }
  if (size > options.max_file_bytes) {
    diagnostics.error(
        display_path, {}, Code::file_too_large, Message::file_over_size_limit,
        {{"size", std::to_string(size)}, {"limit", std::to_string(options.max_file_bytes)}});
    return std::nullopt;
  }
  // The size taken above, then on in blocks up to one byte past the limit: a file that grows
  // while it is read is caught without reading all of it.
  std::ifstream in(path, std::ios::binary);
  const std::size_t most =
      static_cast<std::size_t>(std::min<std::uint64_t>(
          options.max_file_bytes, std::numeric_limits<std::size_t>::max() - 1)) +
      1;
  std::string text(static_cast<std::size_t>(std::min<std::uint64_t>(size, most)), '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  for (char block[1 << 16]; in && text.size() < most;) {
    in.read(block, static_cast<std::streamsize>(std::min(sizeof block, most - text.size())));
    text.append(block, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad() || (!in.eof() && text.size() < most)) {
    diagnostics.error(display_path, {}, Code::cannot_read, Message::cannot_read_file);
    return std::nullopt;
  }
  if (text.size() > options.max_file_bytes) {  // the file grew while it was read
    diagnostics.error(display_path, {}, Code::file_too_large, Message::file_grew_while_read);
    return std::nullopt;
  }
  return text;
}

std::optional<SourceText> read_source(const std::filesystem::path& path,
                                      const std::string& display_path, const LoadOptions& options,
                                      Diagnostics& diagnostics, std::string* bytes,
                                      bool spreadsheet) {
  auto text = read_file(path, display_path, options, diagnostics);
  if (!text) return std::nullopt;
  if (bytes != nullptr) *bytes = *text;
  return check_source(display_path, std::move(*text), diagnostics, spreadsheet);
}

}  // namespace qingdan::detail
