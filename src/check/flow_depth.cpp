#include "check/flow_depth.hpp"

#include <algorithm>
#include <vector>

namespace qingdan::detail {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
// yaml-cpp breaks lines at \n, \r\n and a lone \r.
bool is_break(char c) { return c == '\n' || c == '\r'; }
bool is_flow_indicator(char c) { return c == ',' || c == '[' || c == ']' || c == '{' || c == '}'; }

// Follows yaml-cpp 0.7's scanner far enough to know where its flow collections open and close:
// tokens start between tokens (after a flow indicator, an indicator followed by a blank, a
// quoted scalar, a line break in block context); a comment starts at a token start or after a
// blank; a quoted scalar starts at a token start; a plain scalar runs on (in block context onto
// lines indented deeper than its parent, in flow context until a flow indicator); a block
// scalar's lines are those indented deeper than its parent collection. A differential fuzz
// target (fuzz_flow_depth) checks that yaml-cpp never reports a deeper flow nesting than this.
class FlowScanner {
 public:
  explicit FlowScanner(std::string_view text) : text_(text) { start_line(0); }

  std::optional<std::size_t> first_over(std::size_t limit) {
    while (at_ < text_.size()) {
      const char c = text_[at_];
      if (c == '\r' && at_ + 1 < text_.size() && text_[at_ + 1] == '\n') {
        ++at_;
      } else if (is_break(c)) {
        end_of_line();
      } else if (c == ' ' || c == '\t') {
        ++at_;
      } else if (c == '#' && (token_start_ || at_ == 0 || is_blank(text_[at_ - 1]))) {
        skip_to_line_end();
        end_plain();
      } else if (depth_ > 0 ? flow_token(c, limit) : block_token(c, limit)) {
        return at_;
      }
    }
    return std::nullopt;
  }

 private:
  // One step in flow context; true when a collection opens past `limit`.
  bool flow_token(char c, std::size_t limit) {
    if (c == '[' || c == '{') return open(limit);
    if (c == ']' || c == '}' || c == ',') {
      if (c != ',') --depth_;
      ++at_;
      end_plain();
      return false;
    }
    if (c == ':' && (!in_plain_ || ends_indicator(at_ + 1))) {
      ++at_;
      end_plain();
      return false;
    }
    if (!in_plain_) {
      if (c == '"' || c == '\'') return skip_quoted(c), end_plain(), false;
      if (c == '&' || c == '*' || c == '!') return skip_name(), false;
      if ((c == '?' || c == '-') && ends_indicator(at_ + 1)) return ++at_, false;
    }
    in_plain_ = true;
    token_start_ = false;
    ++at_;
    return false;
  }

  // One step in block context; true when a collection opens past `limit`.
  bool block_token(char c, std::size_t limit) {
    if (in_plain_ || !token_start_) {  // in a plain scalar, or after a quoted one or an alias
      if (c == ':' && ends_indicator(at_ + 1)) {
        open_block_collection(key_column_);  // a mapping at its first key's column
        indicator();
      } else {
        ++at_;
      }
      return false;
    }
    const long column = static_cast<long>(at_ - line_start_);
    const bool starts_entry = key_column_ < 0;
    if (starts_entry) key_column_ = column;
    if (c == '[' || c == '{') return open(limit);
    if (c == ']' || c == '}' || c == ',') return ++at_, false;  // an error for yaml-cpp
    if (c == '"' || c == '\'') {
      const std::size_t opened = at_;
      skip_quoted(c);
      // After a quoted scalar that began indented and ran onto another line, yaml-cpp takes a
      // bracket that follows it for a flow collection (fuzz_flow_depth found `    "a\n"[[[[[`);
      // counting it so is the safe side: the scan may only count deeper than yaml-cpp nests.
      token_start_ = opened > line_start_ &&
                     std::any_of(text_.begin() + static_cast<std::ptrdiff_t>(opened),
                                 text_.begin() + static_cast<std::ptrdiff_t>(at_), is_break);
      return false;
    }
    if ((c == '-' || c == '?') && ends_indicator(at_ + 1)) {
      open_block_collection(column);  // a sequence (or an explicit key's mapping) here
      key_column_ = -1;               // the next token on this line starts its entry
      tag_column_ = -1;
      indicator();
      return false;
    }
    if (c == ':' && ends_indicator(at_ + 1)) {  // an empty key: a mapping at this entry's column
      open_block_collection(key_column_);
      return indicator(), false;
    }
    if (c == '&' || c == '!') {
      // Where a key may start, yaml-cpp takes the tag or anchor as the start of a possible key
      // and indents what follows it from there: a mapping opens at its column, and a scalar
      // after it continues only on lines indented deeper.
      if (starts_entry) tag_column_ = column;
      skip_name();
      return false;
    }
    if (c == '*') {
      skip_name();
      token_start_ = false;
      return false;
    }
    if ((c == '|' || c == '>') && block_scalar_header()) return skip_block_scalar(), false;
    if (c == '%' && at_ == line_start_) return skip_to_line_end(), false;
    if (document_marker()) {  // tokens may follow on its line
      indents_.assign(1, -1);
      key_column_ = -1;
      return at_ += 3, false;
    }
    // A plain scalar: its next lines continue it when indented deeper than its collection.
    plain_parent_ = scalar_parent();
    in_plain_ = true;
    token_start_ = false;
    ++at_;
    return false;
  }

  bool open(std::size_t limit) {
    if (++depth_ > limit) return true;
    ++at_;
    end_plain();
    return false;
  }

  // After an indicator (`- `, `? `, `: `) in block context a new token starts.
  void indicator() {
    ++at_;
    in_plain_ = false;
    token_start_ = true;
  }

  // yaml-cpp's indentation stack: a block collection at a column deeper than the innermost
  // one opens there; a line less indented closes those deeper than it.
  void open_block_collection(long column) {
    if (column > indents_.back()) indents_.push_back(column);
  }
  long parent_column() const { return indents_.back(); }
  // What a scalar starting here must be indented deeper than on its next lines.
  long scalar_parent() const { return std::max(parent_column(), tag_column_); }

  void end_plain() {
    in_plain_ = false;
    token_start_ = true;
  }

  // Whether the character at `next` ends an indicator: a blank, the end, or in flow context a
  // flow indicator.
  bool ends_indicator(std::size_t next) const {
    return next >= text_.size() || is_blank(text_[next]) ||
           (depth_ > 0 && is_flow_indicator(text_[next]));
  }

  // `|` or `>` opens a block scalar only with a header of indentation and chomping indicators
  // followed by a blank, a comment or the end of the line; otherwise it starts a plain scalar.
  bool block_scalar_header() const {
    std::size_t i = at_ + 1;
    while (i < text_.size() &&
           (text_[i] == '+' || text_[i] == '-' || (text_[i] >= '1' && text_[i] <= '9')))
      ++i;
    return i >= text_.size() || is_blank(text_[i]);
  }

  bool document_marker() const { return at_ == line_start_ && document_marker_at(at_); }

  // `---` or `...` at a line's start, followed by a blank: it ends any scalar.
  bool document_marker_at(std::size_t start) const {
    const std::string_view three = text_.substr(start, 3);
    return (three == "---" || three == "...") &&
           (start + 3 >= text_.size() || is_blank(text_[start + 3]));
  }

  std::size_t indent_at(std::size_t line_start) const {
    std::size_t spaces = 0;
    while (line_start + spaces < text_.size() && text_[line_start + spaces] == ' ') ++spaces;
    return spaces;
  }

  bool blank_line_at(std::size_t line_start) const {
    std::size_t i = line_start;
    while (i < text_.size() && (text_[i] == ' ' || text_[i] == '\t')) ++i;
    return i >= text_.size() || is_break(text_[i]);
  }

  void start_line(std::size_t start) {
    line_start_ = start;
    key_column_ = -1;
    tag_column_ = -1;
    const auto indent = static_cast<long>(indent_at(start));
    while (indents_.size() > 1 && indents_.back() > indent) indents_.pop_back();
  }

  void end_of_line() {
    ++at_;
    if (depth_ > 0) return;    // flow context: line breaks are blanks
    if (blank_line_at(at_)) {  // changes nothing; a plain scalar folds it into itself
      line_start_ = at_;
      return;
    }
    if (in_plain_) {
      if (static_cast<long>(indent_at(at_)) > plain_parent_ && !document_marker_at(at_)) {
        line_start_ = at_;
        at_ += indent_at(at_);  // its next line: text, not tokens
        return;
      }
    }
    start_line(at_);
    in_plain_ = false;
    token_start_ = true;
  }

  void skip_to_line_end() {
    while (at_ < text_.size() && !is_break(text_[at_])) ++at_;
  }

  // Anchor, alias and tag names end at a blank or a flow indicator.
  void skip_name() {
    ++at_;
    while (at_ < text_.size() && !is_blank(text_[at_]) && !is_flow_indicator(text_[at_])) ++at_;
  }

  // A quoted scalar, which may span lines: '' escapes a single quote, \ escapes in double quotes.
  // An unterminated one runs to the end, where the parser reports it.
  void skip_quoted(char quote) {
    ++at_;
    while (at_ < text_.size()) {
      const char c = text_[at_++];
      if (quote == '"' && c == '\\') {
        ++at_;
      } else if (c == quote) {
        if (quote == '\'' && at_ < text_.size() && text_[at_] == '\'') {
          ++at_;
          continue;
        }
        return;
      }
    }
  }

  // A literal or folded block scalar: its header line, then the lines indented at least as deep
  // as its first non-blank line (or as its indentation indicator says), which must be deeper
  // than its collection; blank lines belong to it.
  void skip_block_scalar() {
    const long parent = scalar_parent();
    long content = -1;
    for (std::size_t i = at_ + 1; i < text_.size() && !is_blank(text_[i]); ++i)
      if (text_[i] >= '1' && text_[i] <= '9') content = std::max(parent, 0L) + (text_[i] - '0');
    skip_to_line_end();
    while (at_ < text_.size()) {
      std::size_t next = at_ + 1;
      if (text_[at_] == '\r' && next < text_.size() && text_[next] == '\n') ++next;
      if (!blank_line_at(next)) {
        const auto indent = static_cast<long>(indent_at(next));
        if (content < 0) content = indent;
        if (indent < content || content <= std::max(parent, 0L)) break;
      }
      at_ = next;
      skip_to_line_end();
    }
    token_start_ = true;
  }

  std::string_view text_;
  std::size_t at_ = 0;
  std::size_t line_start_ = 0;
  std::size_t depth_ = 0;
  bool token_start_ = true;        // between tokens: a collection, a quote or a comment may start
  bool in_plain_ = false;          // inside a plain scalar
  long key_column_ = -1;           // block context: where this line's current entry starts
  long tag_column_ = -1;           // a tag or anchor that starts this line's current entry
  long plain_parent_ = -1;         // the scalar_parent() of the plain scalar being skipped
  std::vector<long> indents_{-1};  // block context: the columns of the open collections
};

}  // namespace

std::optional<std::size_t> flow_nesting_over(std::string_view text, std::size_t limit) {
  return FlowScanner(text).first_over(limit);
}

}  // namespace qingdan::detail
