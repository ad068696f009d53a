#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <qingdan/load_options.hpp>

#include "load/source_text.hpp"
#include "wording/diagnostics.hpp"

namespace qingdan::detail {

// A YAML document as qingdan reads it: scalars keep their text and whether they were quoted,
// mappings keep their keys in order, and every node keeps its position. Aliases share nodes.
// The nodes of a document live in one arena and point at each other: about 100 bytes a node,
// so that even a file of two-byte nodes (`[a,a,a,…`) stays within the stated memory bound.
struct YamlNode {
  enum class Kind : std::uint8_t { null, scalar, sequence, mapping };
  struct Member {
    const YamlNode* key;  // always a scalar
    const YamlNode* value;
  };

  Kind kind = Kind::null;
  bool plain = true;       // a scalar written without quotes
  std::uint32_t size = 1;  // nodes in this subtree, aliases counted (saturating)
  Position position;
  std::string text;
  std::vector<const YamlNode*> items;
  std::vector<Member> members;

  bool is_null() const { return kind == Kind::null; }
  bool is_scalar() const { return kind == Kind::scalar; }
  bool is_sequence() const { return kind == Kind::sequence; }
  bool is_mapping() const { return kind == Kind::mapping; }

  const YamlNode* find(std::string_view key) const {
    for (const Member& member : members)
      if (member.key->text == key) return member.value;
    return nullptr;
  }

  // How a message names this node: "text 'abc'", "a list", "a mapping", "nothing".
  Phrase description() const;
};

// Parses one YAML document within the limits (depth, alias expansion, text size). Reports
// syntax errors (QL004), limits (QL005, QL006, QL013), an empty file (QL007), several
// documents (QL008) and duplicate keys (QL009); returns null on error. The root keeps the
// whole document's arena alive.
std::shared_ptr<const YamlNode> parse_yaml(const SourceText& source, const LoadOptions& options,
                                           Diagnostics& diagnostics);

}  // namespace qingdan::detail
