#pragma once

// Chinese typing slips in YAML: a full-width '：', '，' or '－' typed where YAML's syntax needs
// the ASCII ':', ',' or '-', and a full-width space (U+3000) or a tab used to indent. Each is
// reported as QL019 at the character itself. Full-width punctuation inside a text (a quoted
// string, a value such as `name: 防汛：巡查`) is Chinese, not a slip, and is never looked at:
// the places below are those where YAML would have needed the ASCII character.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "load/source_text.hpp"
#include "wording/diagnostics.hpp"

namespace qingdan::detail {

inline constexpr std::string_view full_width_colon = "\xEF\xBC\x9A";   // U+FF1A ：
inline constexpr std::string_view full_width_comma = "\xEF\xBC\x8C";   // U+FF0C ，
inline constexpr std::string_view full_width_dash = "\xEF\xBC\x8D";    // U+FF0D －
inline constexpr std::string_view ideographic_space = "\xE3\x80\x80";  // U+3000

enum class SlipKind : std::uint8_t { colon, comma, dash, wide_space, tab };

struct TypingSlip {
  SlipKind kind;
  std::size_t offset;  // of the character in the source text
};

// QL019 for `slip`, positioned at the character and naming its position in the message too.
Diagnostic slip_diagnostic(const SourceText& source, TypingSlip slip);

// Where yaml-cpp could not parse: the slips on the lines that start in [from, to) (byte
// offsets) that could be the cause, in the order of the text. A candidate is not yet a slip:
// parse_yaml keeps one only when the text with it fixed (with_slip_fixed) parses further.
// - a tab or a U+3000 among the spaces that indent a line that holds more than a comment;
// - a '－' where a line's list items start (after the indent and any "- ");
// - the first '：' of a line whose content starts as a plain text, before any ': ', ':' at the
//   line's end, and ' #';
// - a '，' in a flow list or mapping opened on the line, outside quotes and comments.
std::vector<TypingSlip> slip_candidates(std::string_view text, std::size_t from, std::size_t to);

// `text` with `slip` typed as YAML needs it: ': ' for '：', ', ' for '，', '- ' for '－', and
// two spaces for each U+3000 or tab in the indent of the slip's line (a full-width space is as
// wide as two; a tab is taken as the same). `delta` receives how many bytes longer the line got
// (negative when shorter), counted at the slip's offset.
std::string with_slip_fixed(std::string_view text, TypingSlip slip, std::ptrdiff_t& delta);

// The first U+3000 or tab in the indent of the line holding `offset`, if the line is indented
// with one.
std::optional<TypingSlip> indent_slip_of_line(std::string_view text, std::size_t offset);

}  // namespace qingdan::detail
