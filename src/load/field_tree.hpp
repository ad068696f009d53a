#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <qingdan/directive.hpp>
#include <qingdan/load_options.hpp>

#include "load/yaml_tree.hpp"
#include "wording/diagnostics.hpp"

namespace qingdan::detail {

// A YAML tree built from fields held in memory, so that a file's reader validates them as it
// validates the file. Its nodes have no line: node N is placed at {N, 0}, and paths[N - 1] says
// where it is among the fields ("items[1].per"; items counted from 0, as the list is indexed).
struct FieldTree {
  std::shared_ptr<const YamlNode> root;
  std::vector<std::string> paths;
};

// "PATH: MESSAGE", as a problem in fields is told; the message alone at the root.
Phrase at_path(std::string_view path, Phrase message);

// The tree of `fields`, or nothing, having reported a nesting deeper than options.max_depth
// (QL005) or a text over options.max_text_bytes (QL013) at its path.
std::optional<FieldTree> field_tree(const FieldValue& fields, const LoadOptions& options,
                                    Diagnostics& diagnostics);

}  // namespace qingdan::detail
