#include "flow_depth.hpp"

namespace qingdan::detail {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool is_flow_indicator(char c) { return c == ',' || c == '[' || c == ']' || c == '{' || c == '}'; }

class FlowScanner {
 public:
  explicit FlowScanner(std::string_view text) : text_(text) {}

  std::optional<std::size_t> first_over(std::size_t limit) {
    while (at_ < text_.size()) {
      const char c = text_[at_];
      if (c == '\n') {
        next_line();
      } else if (c == ' ' || c == '\t' || c == '\r') {
        ++at_;
      } else if (c == '#' && (at_ == 0 || is_blank(text_[at_ - 1]))) {
        skip_to_line_end();
      } else if (c == '[' || c == '{') {
        if (depth_ == 0 && !token_start_) {  // a bracket inside a block plain scalar
          ++at_;
          continue;
        }
        if (++depth_ > limit) return at_;
        ++at_;
        token_start_ = true;
      } else if (c == ']' || c == '}') {
        if (depth_ > 0) --depth_;
        ++at_;
        token_start_ = false;
      } else if (c == ',' && depth_ > 0) {
        ++at_;
        token_start_ = true;
      } else if ((c == '"' || c == '\'') && token_start_) {
        skip_quoted(c);
        token_start_ = false;
      } else if (c == ':' && ends_indicator(at_ + 1, true)) {
        ++at_;
        token_start_ = true;
      } else if ((c == '-' || c == '?') && token_start_ && ends_indicator(at_ + 1, false)) {
        ++at_;
      } else if ((c == '&' || c == '!') && token_start_) {
        while (at_ < text_.size() && !is_blank(text_[at_]) &&
               !(depth_ > 0 && is_flow_indicator(text_[at_])))
          ++at_;
      } else if ((c == '|' || c == '>') && token_start_ && depth_ == 0) {
        skip_block_scalar();
      } else {
        ++at_;
        token_start_ = false;
      }
    }
    return std::nullopt;
  }

 private:
  // Whether the character at `next` ends an indicator (`: `, `- `, `? `): a blank, the end, or in
  // flow context a flow indicator; a `:` right after a quoted scalar or a collection counts too
  // (JSON's `"a":"b"`).
  bool ends_indicator(std::size_t next, bool colon) const {
    if (next >= text_.size() || is_blank(text_[next])) return true;
    if (depth_ == 0) return false;
    if (is_flow_indicator(text_[next])) return true;
    if (!colon || at_ == 0) return false;
    const char before = text_[at_ - 1];
    return before == '"' || before == '\'' || before == ']' || before == '}';
  }

  void next_line() {
    ++at_;
    line_start_ = at_;
    if (depth_ > 0) return;
    token_start_ = true;
    if (text_.substr(at_, 3) == "---" || text_.substr(at_, 3) == "...")
      if (at_ + 3 >= text_.size() || is_blank(text_[at_ + 3])) at_ += 3;
  }

  void skip_to_line_end() {
    while (at_ < text_.size() && text_[at_] != '\n') ++at_;
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

  // A literal or folded block scalar: the rest of its line, then every line that is blank or
  // indented deeper than the line that holds the indicator.
  void skip_block_scalar() {
    std::size_t indent = 0;
    while (line_start_ + indent < text_.size() && text_[line_start_ + indent] == ' ') ++indent;
    skip_to_line_end();
    while (at_ < text_.size()) {
      std::size_t next = at_ + 1, spaces = 0;
      while (next + spaces < text_.size() && text_[next + spaces] == ' ') ++spaces;
      const bool blank_line = next + spaces >= text_.size() || text_[next + spaces] == '\n' ||
                              text_[next + spaces] == '\r';
      if (!blank_line && spaces <= indent) return;
      at_ = next;
      skip_to_line_end();
    }
  }

  std::string_view text_;
  std::size_t at_ = 0;
  std::size_t line_start_ = 0;
  std::size_t depth_ = 0;
  bool token_start_ = true;  // the next character may start a token (a collection or a quote)
};

}  // namespace

std::optional<std::size_t> flow_nesting_over(std::string_view text, std::size_t limit) {
  return FlowScanner(text).first_over(limit);
}

}  // namespace qingdan::detail
