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

namespace qingdan::detail {

std::string YamlNode::description(Language language) const {
  switch (kind) {
    case Kind::null: return say(language, Message::found_nothing);
    case Kind::sequence: return say(language, Message::found_list);
    case Kind::mapping: return say(language, Message::found_mapping);
    case Kind::scalar: break;
  }
  constexpr std::size_t shown = 40;
  if (character_count(text) <= shown) return say(language, Message::found_text, {{"text", text}});
  std::size_t cut = 0;
  for (std::size_t characters = 0; cut < text.size() && characters < shown; ++characters) {
    ++cut;
    while (cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) ++cut;
  }
  return say(language, Message::found_text, {{"text", text.substr(0, cut) + "…"}});
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
      stop(mark, "QL013", Message::text_over_limit,
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
      stop(mark, "QL006", Message::alias_contains_itself);
    expanded_ += found->second.node->size;
    if (expanded_ > options_.max_alias_nodes)
      stop(mark, "QL006", Message::alias_expansion_over_limit,
           {{"limit", std::to_string(options_.max_alias_nodes)}});
    attach(found->second.node);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(make(YamlNode::Kind::sequence, mark), anchor);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(make(YamlNode::Kind::mapping, mark), anchor);
  }
  void OnMapEnd() override { close(); }

  [[noreturn]] void stop(const YAML::Mark& mark, const char* code, Message id,
                         std::initializer_list<MessageArgument> arguments = {}) const {
    Position at = source_.position(static_cast<std::size_t>(mark.line),
                                   static_cast<std::size_t>(mark.column));
    throw Stop{Diagnostic{source_.display_path(), at.line, at.column, Severity::error, code,
                          say(options_.language, id, arguments)}};
  }

 private:
  struct Open {
    YamlNode* node;
    const YamlNode* pending_key = nullptr;
    std::unordered_map<std::string_view, Position> keys;
    YAML::anchor_t anchor = 0;
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

  void open(YamlNode* node, YAML::anchor_t anchor) {
    if (stack_.size() >= options_.max_depth)
      stop(last_mark_, "QL005", Message::nesting_over_limit,
           {{"limit", std::to_string(options_.max_depth)}});
    remember(anchor, node, false);
    stack_.push_back(Open{node, nullptr, {}, anchor});
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

  void attach(const YamlNode* node) {
    if (stack_.empty()) {
      root_ = node;
      return;
    }
    Open& parent = stack_.back();
    if (parent.node->is_sequence()) {
      parent.node->items.push_back(node);
    } else if (!parent.pending_key) {
      if (!node->is_scalar())
        stop(last_mark_, "QL004", Message::key_not_plain_text,
             {{"found", node->description(options_.language)}});
      auto [first, inserted] = parent.keys.emplace(node->text, node->position);
      if (!inserted) {
        throw Stop{
            Diagnostic{source_.display_path(), node->position.line, node->position.column,
                       Severity::error, "QL009",
                       say(options_.language, Message::duplicate_key,
                           {{"key", node->text}, {"line", std::to_string(first->second.line)}})}};
      }
      parent.pending_key = node;
    } else {
      parent.node->members.push_back({parent.pending_key, node});
      parent.pending_key = nullptr;
    }
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

// Stops at the start of a second document, before reading it.
class SecondDocument : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark& mark) override { throw mark; }
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

}  // namespace

std::shared_ptr<const YamlNode> parse_yaml(const SourceText& source, const LoadOptions& options,
                                           Diagnostics& diagnostics) {
  if (auto deep = flow_nesting_over(source.text(), options.max_depth)) {
    diagnostics.error(source.display_path(), source.position_of_offset(*deep), "QL005",
                      Message::nesting_over_limit, {{"limit", std::to_string(options.max_depth)}});
    return nullptr;
  }
  std::istringstream stream{std::string(source.text())};
  YAML::Parser parser(stream);
  TreeBuilder builder(source, options);
  auto syntax_error = [&](const YAML::Mark& mark, const std::string& message) {
    Position at = mark.is_null() ? Position{}
                                 : source.position(static_cast<std::size_t>(mark.line),
                                                   static_cast<std::size_t>(mark.column));
    diagnostics.error(source.display_path(), at, "QL004", Message::invalid_yaml,
                      {{"detail", message}});
    return nullptr;
  };
  try {
    if (!parser.HandleNextDocument(builder) || builder.root() == nullptr ||
        (builder.root()->is_null() && builder.root()->text.empty())) {
      diagnostics.error(source.display_path(), {1, 1}, "QL007", Message::empty_file);
      return nullptr;
    }
    try {
      SecondDocument second;
      parser.HandleNextDocument(second);
    } catch (const YAML::Mark& mark) {
      Position at = source.position(static_cast<std::size_t>(mark.line),
                                    static_cast<std::size_t>(mark.column));
      diagnostics.error(source.display_path(), at, "QL008", Message::second_document);
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
