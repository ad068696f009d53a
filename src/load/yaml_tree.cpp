// The only file that includes yaml-cpp: its event parser feeds a builder that enforces
// qingdan's limits as the document is read, so a hostile file is stopped early.
#include "load/yaml_tree.hpp"

#include <cstdint>
#include <deque>
#include <sstream>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <qingdan/detail/utf8.hpp>

#include "check/flow_depth.hpp"
#include "load/typing_slips.hpp"

namespace qingdan::detail {

Phrase YamlNode::description() const {
  switch (kind) {
    case Kind::null: return Phrase(Message::found_nothing);
    case Kind::sequence: return Phrase(Message::found_list);
    case Kind::mapping: return Phrase(Message::found_mapping);
    case Kind::scalar: break;
  }
  constexpr std::size_t shown = 40;
  if (character_count(text) <= shown) return Phrase(Message::found_text, {{"text", text}});
  std::size_t cut = 0;
  for (std::size_t characters = 0; cut < text.size() && characters < shown; ++characters) {
    ++cut;
    while (cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) ++cut;
  }
  return Phrase(Message::found_text, {{"text", text.substr(0, cut) + "…"}});
}

namespace {

// Thrown from inside the event handler to stop the parse at the first broken limit.
struct Stop {
  Diagnostic diagnostic;
};

// The nodes of one document; a deque never moves what it holds.
using YamlArena = std::deque<YamlNode>;

class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(const SourceText& source, const LoadOptions& options)
      : source_(source), options_(options), arena_(std::make_shared<YamlArena>()) {}

  // The root, sharing ownership of the arena.
  std::shared_ptr<const YamlNode> root() const {
    return root_ == nullptr ? nullptr : std::shared_ptr<const YamlNode>(arena_, root_);
  }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto node = make(YamlNode::Kind::null, mark);
    remember(anchor, node, true);
    attach(node);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    auto node = make(YamlNode::Kind::scalar, mark);
    node->plain = tag == "?";
    if (value.size() > options_.max_text_bytes)
      stop(mark, Code::text_too_long, Message::text_over_limit,
           {{"size", std::to_string(value.size())},
            {"limit", std::to_string(options_.max_text_bytes)}});
    node->text = value;
    if (node->plain && (value == "~" || value == "null" || value == "Null" || value == "NULL"))
      node->kind = YamlNode::Kind::null;
    remember(anchor, node, true);
    attach(node);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto found = anchors_.find(anchor);
    if (found == anchors_.end() || !found->second.complete)
      stop(mark, Code::aliases_repeat, Message::alias_contains_itself);
    expanded_ += found->second.node->size;
    if (expanded_ > options_.max_alias_nodes)
      stop(mark, Code::aliases_repeat, Message::alias_expansion_over_limit,
           {{"limit", std::to_string(options_.max_alias_nodes)}});
    attach(found->second.node, false);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    open(make(YamlNode::Kind::sequence, mark), anchor, style == YAML::EmitterStyle::Flow);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    open(make(YamlNode::Kind::mapping, mark), anchor, style == YAML::EmitterStyle::Flow);
  }
  void OnMapEnd() override { close(); }

  [[noreturn]] void stop(const YAML::Mark& mark, Code code, Message id,
                         std::vector<Phrase::Argument> arguments = {}) const {
    Position at = source_.position(static_cast<std::size_t>(mark.line),
                                   static_cast<std::size_t>(mark.column));
    throw Stop{
        coded_diagnostic(source_.display_path(), at, code, Phrase(id, std::move(arguments)))};
  }

 private:
  struct Open {
    YamlNode* node;
    const YamlNode* pending_key = nullptr;
    std::unordered_map<std::string_view, Position> keys;
    YAML::anchor_t anchor = 0;
    bool flow = false;  // written [a, b] or {a: b}
  };
  struct Anchored {
    const YamlNode* node;
    bool complete = false;
  };

  YamlNode* make(YamlNode::Kind kind, const YAML::Mark& mark) {
    YamlNode* node = &arena_->emplace_back();
    node->kind = kind;
    node->position = source_.position(static_cast<std::size_t>(mark.line),
                                      static_cast<std::size_t>(mark.column));
    last_mark_ = mark;
    return node;
  }

  void remember(YAML::anchor_t anchor, const YamlNode* node, bool complete) {
    if (anchor != 0) anchors_[anchor] = Anchored{node, complete};
  }

  void open(YamlNode* node, YAML::anchor_t anchor, bool flow) {
    if (stack_.size() >= options_.max_depth)
      stop(last_mark_, Code::too_deep, Message::nesting_over_limit,
           {{"limit", std::to_string(options_.max_depth)}});
    remember(anchor, node, false);
    stack_.push_back(Open{node, nullptr, {}, anchor, flow});
  }

  static std::uint32_t add_sizes(std::uint32_t a, std::uint32_t b) {
    return b > UINT32_MAX - a ? UINT32_MAX : a + b;
  }

  void close() {
    Open finished = std::move(stack_.back());
    stack_.pop_back();
    YamlNode& node = *finished.node;
    node.items.shrink_to_fit();
    node.members.shrink_to_fit();
    for (const YamlNode* item : node.items) node.size = add_sizes(node.size, item->size);
    for (const auto& member : node.members)
      node.size = add_sizes(node.size, add_sizes(member.key->size, member.value->size));
    if (finished.anchor != 0) anchors_[finished.anchor].complete = true;
    attach(finished.node);
  }

  // `written` is false for an alias: what it repeats was looked at where it was written.
  void attach(const YamlNode* node, bool written = true) {
    if (stack_.empty()) {
      root_ = node;
      return;
    }
    Open& parent = stack_.back();
    if (parent.node->is_sequence()) {
      if (parent.flow && written) check_flow_item(*node);
      parent.node->items.push_back(node);
    } else if (!parent.pending_key) {
      if (!node->is_scalar())
        stop(last_mark_, Code::invalid_yaml, Message::key_not_plain_text,
             {{"found", node->description()}});
      if (written) check_key(*node);
      auto [first, inserted] = parent.keys.emplace(node->text, node->position);
      if (!inserted) {
        throw Stop{coded_diagnostic(
            source_.display_path(), node->position, Code::duplicate_key,
            Phrase(Message::duplicate_key,
                   {{"key", node->text}, {"line", std::to_string(first->second.line)}}))};
      }
      parent.pending_key = node;
    } else {
      if (written) check_value(*parent.pending_key, *node);
      parent.node->members.push_back({parent.pending_key, node});
      parent.pending_key = nullptr;
    }
  }

  // Typing slips that still make valid YAML (src/load/typing_slips.hpp), in plain texts only: a
  // quoted text is written as meant.
  void stop_at_slip(SlipKind kind, std::size_t offset) const {
    if (offset < source_.text().size())
      throw Stop{slip_diagnostic(source_, TypingSlip{kind, offset})};
  }
  std::size_t offset_of(const YamlNode& node) const { return source_.offset_of(node.position); }

  // `[核酸，筛查]` is one item to YAML: a ',' was meant.
  void check_flow_item(const YamlNode& item) const {
    if (item.is_scalar() && item.plain && item.text.find(full_width_comma) != std::string::npos)
      stop_at_slip(SlipKind::comma, source_.text().find(full_width_comma, offset_of(item)));
  }

  // A key that starts with '－ ' ("－ id: X-1" for "- id: X-1"), or with a U+3000 that indents
  // its line (yaml-cpp takes it as text).
  void check_key(const YamlNode& key) const {
    if (!key.plain) return;
    std::string_view text = key.text;
    if (text.starts_with(full_width_dash)) {
      std::string_view after = text.substr(full_width_dash.size());
      if (after.starts_with(' ') || after.starts_with('\t') || after.starts_with(ideographic_space))
        stop_at_slip(SlipKind::dash, offset_of(key));
    }
    if (text.starts_with(ideographic_space)) {
      const std::size_t at = offset_of(key);
      const std::size_t line_start = source_.offset_of(Position{key.position.line, 1});
      if (source_.text().substr(line_start, at - line_start).find_first_not_of(' ') ==
          std::string_view::npos)
        stop_at_slip(SlipKind::wide_space, at);
    }
  }

  // `name：防汛` is read as a key with no value: yaml-cpp takes a line without ':' in a mapping
  // as a key, and a flow mapping's entry may be a key alone. Flagged when no ':' follows the
  // key's '：' (the value is implied, not written).
  void check_value(const YamlNode& key, const YamlNode& value) const {
    if (!key.plain || !value.is_null() || !value.text.empty()) return;
    const std::size_t colon = key.text.find(full_width_colon);
    if (colon == std::string::npos) return;
    const std::size_t at = source_.text().find(full_width_colon, offset_of(key));
    const std::size_t value_at = offset_of(value);
    if (at == std::string_view::npos) return;
    if (value_at <= at ||
        source_.text().substr(at, value_at - at).find(':') == std::string_view::npos)
      stop_at_slip(SlipKind::colon, at);
  }

  const SourceText& source_;
  const LoadOptions& options_;
  std::shared_ptr<YamlArena> arena_;
  std::vector<Open> stack_;
  std::unordered_map<YAML::anchor_t, Anchored> anchors_;
  const YamlNode* root_ = nullptr;
  std::uint64_t expanded_ = 0;
  YAML::Mark last_mark_;
};

// Hears nothing: for parsing a text only to see where it stops.
class NoEvents : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

// Stops at the start of a second document, before reading it.
class SecondDocument : public NoEvents {
 public:
  void OnDocumentStart(const YAML::Mark& mark) override { throw mark; }
};

// Whether the text with `slip` fixed parses past where the text stopped (`error`): the text is
// read up to the end of the line after the error's, so that trying a fix costs no more than the
// parse that failed.
bool parses_further_when_fixed(const SourceText& source, TypingSlip slip, const YAML::Mark& error) {
  std::ptrdiff_t delta = 0;
  std::string fixed = with_slip_fixed(source.text(), slip, delta);
  std::size_t end = 0;  // of the line after the error's
  for (int line = 0; line <= error.line + 1 && end != std::string::npos; ++line)
    end = fixed.find('\n', line == 0 ? 0 : end + 1);
  if (end != std::string::npos) fixed.resize(end + 1);
  std::istringstream stream(std::move(fixed));
  YAML::Parser parser(stream);
  NoEvents none;
  try {
    parser.HandleNextDocument(none);
    return true;
  } catch (const YAML::Exception& again) {
    if (again.mark.is_null()) return false;
    const Position at = source.position_of_offset(slip.offset);
    const std::size_t slip_line0 = at.line - 1;
    const std::size_t slip_column0 = slip.offset - source.offset(slip_line0, 0);
    std::ptrdiff_t line = again.mark.line, column = again.mark.column;
    if (static_cast<std::size_t>(line) == slip_line0 &&
        column > static_cast<std::ptrdiff_t>(slip_column0))
      column -= delta;
    return line > error.line || (line == error.line && column > error.column);
  }
}

// The typing slip that made yaml-cpp stop at `error`, if one did: one on the error's line or
// the two before it whose fix lets the text parse further, the nearest first.
std::optional<TypingSlip> slip_behind(const SourceText& source, const YAML::Mark& error,
                                      const std::string& message) {
  const auto line0 = static_cast<std::size_t>(error.line);
  const std::size_t error_at = source.offset(line0, static_cast<std::size_t>(error.column));
  if (message == YAML::ErrorMsg::TAB_IN_INDENTATION)
    if (auto slip = indent_slip_of_line(source.text(), error_at)) return slip;
  // No fix moves an error at the end of the text (an unclosed bracket) further; and at most
  // three fixes are tried, so that a hostile file costs at most four parses, not one per slip.
  if (error_at >= source.text().size()) return std::nullopt;
  constexpr std::size_t lines_before = 2, max_tries = 3;
  auto candidates = slip_candidates(
      source.text(), source.offset(line0 < lines_before ? 0 : line0 - lines_before, 0),
      source.offset(line0 + 1, 0));
  std::size_t tries = 0;
  for (auto slip = candidates.rbegin(); slip != candidates.rend() && tries < max_tries;
       ++slip, ++tries)
    if (parses_further_when_fixed(source, *slip, error)) return *slip;
  return std::nullopt;
}

}  // namespace

std::shared_ptr<const YamlNode> parse_yaml(const SourceText& source, const LoadOptions& options,
                                           Diagnostics& diagnostics) {
  if (auto deep = flow_nesting_over(source.text(), options.max_depth)) {
    diagnostics.error(source.display_path(), source.position_of_offset(*deep), Code::too_deep,
                      Message::nesting_over_limit, {{"limit", std::to_string(options.max_depth)}});
    return nullptr;
  }
  std::istringstream stream{std::string(source.text())};
  YAML::Parser parser(stream);
  TreeBuilder builder(source, options);
  auto syntax_error = [&](const YAML::Mark& mark, const std::string& message) {
    if (!mark.is_null())
      if (auto slip = slip_behind(source, mark, message)) {
        diagnostics.add(slip_diagnostic(source, *slip));
        return nullptr;
      }
    Position at = mark.is_null() ? Position{}
                                 : source.position(static_cast<std::size_t>(mark.line),
                                                   static_cast<std::size_t>(mark.column));
    diagnostics.error(source.display_path(), at, Code::invalid_yaml, Message::invalid_yaml,
                      {{"detail", message}});
    return nullptr;
  };
  try {
    if (!parser.HandleNextDocument(builder) || builder.root() == nullptr ||
        (builder.root()->is_null() && builder.root()->text.empty())) {
      diagnostics.error(source.display_path(), {1, 1}, Code::empty_file, Message::empty_file);
      return nullptr;
    }
    try {
      SecondDocument second;
      parser.HandleNextDocument(second);
    } catch (const YAML::Mark& mark) {
      Position at = source.position(static_cast<std::size_t>(mark.line),
                                    static_cast<std::size_t>(mark.column));
      diagnostics.error(source.display_path(), at, Code::second_document, Message::second_document);
      return nullptr;
    }
  } catch (const Stop& stop) {
    diagnostics.add(stop.diagnostic);
    return nullptr;
  } catch (const YAML::ParserException& error) {
    return syntax_error(error.mark, error.msg);
  } catch (const YAML::Exception& error) {
    return syntax_error(error.mark, error.msg);
  }
  return builder.root();
}

}  // namespace qingdan::detail
