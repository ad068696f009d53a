#include "load/typing_slips.hpp"

#include <string>

namespace qingdan::detail {

namespace {

constexpr std::size_t max_candidates = 16;

bool at_text(std::string_view text, std::size_t at, std::string_view what) {
  return text.compare(at, what.size(), what) == 0;
}

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// The end of the line starting at `start`, before its line break ("\n" or "\r\n").
std::size_t line_end(std::string_view text, std::size_t start) {
  std::size_t end = text.find('\n', start);
  if (end == std::string_view::npos) end = text.size();
  if (end > start && text[end - 1] == '\r') --end;
  return end;
}

void scan_line(std::string_view text, std::size_t start, std::size_t end,
               std::vector<TypingSlip>& found) {
  auto add = [&](SlipKind kind, std::size_t at) {
    if (found.size() < max_candidates) found.push_back({kind, at});
  };
  std::size_t at = start;
  std::optional<TypingSlip> indent;
  while (at < end) {
    if (text[at] == ' ') {
      ++at;
    } else if (text[at] == '\t' || at_text(text, at, ideographic_space)) {
      if (!indent) indent = TypingSlip{text[at] == '\t' ? SlipKind::tab : SlipKind::wide_space, at};
      at += text[at] == '\t' ? 1 : ideographic_space.size();
    } else {
      break;
    }
  }
  if (at == end || text[at] == '#') return;  // a blank line or a comment
  if (indent) add(indent->kind, indent->offset);
  // The markers of block list items, "- " and the full-width "－".
  for (;;) {
    if (at_text(text, at, full_width_dash)) {
      add(SlipKind::dash, at);
      at += full_width_dash.size();
    } else if (text[at] == '-' && (at + 1 == end || is_blank(text[at + 1]))) {
      ++at;
    } else {
      break;
    }
    while (at < end && (is_blank(text[at]) || at_text(text, at, ideographic_space)))
      at += text[at] == ' ' || text[at] == '\t' ? 1 : ideographic_space.size();
    if (at == end) return;
  }
  // A '：' where a key of plain text ends: before the line's ': ' and before any comment.
  if (std::string_view("\"'[]{}|>#&*!%@`,?:").find(text[at]) == std::string_view::npos) {
    for (std::size_t i = at; i < end; ++i) {
      if (text[i] == ':' && (i + 1 == end || is_blank(text[i + 1]))) break;
      if (text[i] == '#' && is_blank(text[i - 1])) break;
      if (at_text(text, i, full_width_colon)) {
        add(SlipKind::colon, i);
        break;
      }
    }
  }
  // A '，' in a flow list or mapping opened on the line, outside quotes and comments.
  int depth = 0;
  char quote = 0;
  char before = ' ';  // the last character that is not a space, or ' ' at the content's start
  for (std::size_t i = at; i < end; ++i) {
    const char c = text[i];
    if (quote != 0) {
      if (quote == '"' && c == '\\') {
        ++i;
      } else if (c == quote) {
        if (quote == '\'' && i + 1 < end && text[i + 1] == '\'')
          ++i;
        else
          quote = 0;
      }
      continue;
    }
    if (c == '#' && i > at && is_blank(text[i - 1])) break;
    if ((c == '"' || c == '\'') &&
        std::string_view(" [{,:-").find(before) != std::string_view::npos)
      quote = c;
    else if (c == '[' || c == '{')
      ++depth;
    else if ((c == ']' || c == '}') && depth > 0)
      --depth;
    else if (depth > 0 && at_text(text, i, full_width_comma))
      add(SlipKind::comma, i);
    if (!is_blank(c)) before = c;
  }
}

}  // namespace

Diagnostic slip_diagnostic(const SourceText& source, TypingSlip slip) {
  Message id = Message::typed_full_width_colon;
  switch (slip.kind) {
    case SlipKind::colon: id = Message::typed_full_width_colon; break;
    case SlipKind::comma: id = Message::typed_full_width_comma; break;
    case SlipKind::dash: id = Message::typed_full_width_dash; break;
    case SlipKind::wide_space: id = Message::typed_ideographic_space; break;
    case SlipKind::tab: id = Message::typed_tab; break;
  }
  Position at = source.position_of_offset(slip.offset);
  return coded_diagnostic(
      source.display_path(), at, Code::typing_slip,
      Phrase(id, {{"line", std::to_string(at.line)}, {"column", std::to_string(at.column)}}));
}

std::vector<TypingSlip> slip_candidates(std::string_view text, std::size_t from, std::size_t to) {
  std::vector<TypingSlip> found;
  for (std::size_t start = from; start < to && start <= text.size();) {
    const std::size_t end = line_end(text, start);
    scan_line(text, start, end, found);
    const std::size_t next = text.find('\n', end);
    if (next == std::string_view::npos) break;
    start = next + 1;
  }
  return found;
}

std::string with_slip_fixed(std::string_view text, TypingSlip slip, std::ptrdiff_t& delta) {
  std::string fixed(text.substr(0, slip.offset));
  auto replace = [&](std::string_view typed, char ascii) {
    const std::size_t after = slip.offset + typed.size();
    fixed += ascii;
    if (after < text.size() && !is_blank(text[after]) && text[after] != '\n' && text[after] != '\r')
      fixed += ' ';
    delta = static_cast<std::ptrdiff_t>(fixed.size() - slip.offset) -
            static_cast<std::ptrdiff_t>(typed.size());
    fixed.append(text.substr(after));
  };
  switch (slip.kind) {
    case SlipKind::colon: replace(full_width_colon, ':'); break;
    case SlipKind::comma: replace(full_width_comma, ','); break;
    case SlipKind::dash: replace(full_width_dash, '-'); break;
    case SlipKind::wide_space:
    case SlipKind::tab: {
      std::size_t at = slip.offset;
      while (at < text.size()) {
        if (text[at] == ' ') {
          fixed += ' ';
          ++at;
        } else if (text[at] == '\t') {
          fixed += "  ";
          ++at;
        } else if (at_text(text, at, ideographic_space)) {
          fixed += "  ";
          at += ideographic_space.size();
        } else {
          break;
        }
      }
      delta = static_cast<std::ptrdiff_t>(fixed.size() - slip.offset) -
              static_cast<std::ptrdiff_t>(at - slip.offset);
      fixed.append(text.substr(at));
      break;
    }
  }
  return fixed;
}

std::optional<TypingSlip> indent_slip_of_line(std::string_view text, std::size_t offset) {
  const std::size_t previous_break =
      offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
  const std::size_t start = previous_break == std::string_view::npos ? 0 : previous_break + 1;
  const std::size_t end = line_end(text, start);
  std::vector<TypingSlip> found;
  scan_line(text, start, end, found);
  if (!found.empty() && (found[0].kind == SlipKind::tab || found[0].kind == SlipKind::wide_space))
    return found[0];
  return std::nullopt;
}

}  // namespace qingdan::detail
