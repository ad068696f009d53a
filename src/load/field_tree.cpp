#include "load/field_tree.hpp"

#include <deque>
#include <utility>

namespace qingdan::detail {

namespace {

class FieldTreeBuilder {
 public:
  FieldTreeBuilder(const LoadOptions& options, Diagnostics& diagnostics)
      : options_(options),
        diagnostics_(diagnostics),
        arena_(std::make_shared<std::deque<YamlNode>>()) {}

  std::optional<FieldTree> build(const FieldValue& fields) {
    const YamlNode* root = node(fields, std::string(), 0);
    if (root == nullptr) return std::nullopt;
    return FieldTree{std::shared_ptr<const YamlNode>(arena_, root), std::move(paths_)};
  }

 private:
  const YamlNode* node(const FieldValue& value, std::string path, std::uint32_t depth) {
    YamlNode& node = place(path);
    switch (value.kind) {
      case FieldValue::Kind::nothing: node.kind = YamlNode::Kind::null; break;
      case FieldValue::Kind::text:
      case FieldValue::Kind::literal:
        if (value.text.size() > options_.max_text_bytes) {
          report(path, Code::text_too_long, Message::text_over_limit,
                 {{"size", std::to_string(value.text.size())},
                  {"limit", std::to_string(options_.max_text_bytes)}});
          return nullptr;
        }
        node.kind = YamlNode::Kind::scalar;
        node.plain = value.kind == FieldValue::Kind::literal;  // as YAML reads `2`, `"2"`
        node.text = value.text;
        break;
      case FieldValue::Kind::list:
      case FieldValue::Kind::mapping:
        if (depth >= options_.max_depth) {
          report(path, Code::too_deep, Message::nesting_over_limit,
                 {{"limit", std::to_string(options_.max_depth)}});
          return nullptr;
        }
        node.kind = value.kind == FieldValue::Kind::list ? YamlNode::Kind::sequence
                                                         : YamlNode::Kind::mapping;
        for (std::size_t i = 0; i < value.items.size(); ++i) {
          const YamlNode* item =
              this->node(value.items[i], path + "[" + std::to_string(i) + "]", depth + 1);
          if (item == nullptr) return nullptr;
          node.items.push_back(item);
        }
        for (const auto& [key, member] : value.members) {
          const std::string member_path = path.empty() ? key : path + "." + key;
          YamlNode& key_node = place(member_path);
          key_node.kind = YamlNode::Kind::scalar;
          key_node.text = key;
          const YamlNode* item = this->node(member, member_path, depth + 1);
          if (item == nullptr) return nullptr;
          node.members.push_back({&key_node, item});
        }
        break;
    }
    return &node;
  }

  // A new node, placed at its path.
  YamlNode& place(std::string path) {
    YamlNode& node = arena_->emplace_back();
    paths_.push_back(std::move(path));
    node.position = Position{static_cast<std::uint32_t>(paths_.size()), 0};
    return node;
  }

  void report(const std::string& path, Code code, Message id,
              std::vector<Phrase::Argument> arguments) {
    diagnostics_.error({}, {}, code, at_path(path, Phrase(id, std::move(arguments))));
  }

  const LoadOptions& options_;
  Diagnostics& diagnostics_;
  std::shared_ptr<std::deque<YamlNode>> arena_;
  std::vector<std::string> paths_;
};

}  // namespace

Phrase at_path(std::string_view path, Phrase message) {
  if (path.empty()) return message;
  return Phrase(Message::at_path, {{"path", path}, {"message", std::move(message)}});
}

std::optional<FieldTree> field_tree(const FieldValue& fields, const LoadOptions& options,
                                    Diagnostics& diagnostics) {
  return FieldTreeBuilder(options, diagnostics).build(fields);
}

}  // namespace qingdan::detail
