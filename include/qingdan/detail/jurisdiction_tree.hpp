#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <qingdan/detail/phrases.hpp>
#include <qingdan/detail/spelling.hpp>
#include <qingdan/detail/string_hash.hpp>

namespace qingdan::detail {

inline constexpr std::uint32_t npos = std::numeric_limits<std::uint32_t>::max();

// The jurisdiction tree. A node is named by its path ("上海市/青浦区/练塘镇/徐练村") or by any
// suffix of the path that names one node only ("徐练村").
class JurisdictionTree {
 public:
  struct Node {
    std::string name;
    std::string path;
    std::uint32_t parent = npos;
    std::uint32_t depth = 0;         // the root is 0; a node's depth is the index of its level
    std::uint32_t kind = npos;       // index into Model::kinds, npos when the node has none
    std::uint64_t kinds = 0;         // bit k: the node or an ancestor is of Model::kinds[k]
    std::uint64_t kinds_within = 0;  // the kinds of the node and of every node below it
  };

  struct Lookup {
    std::uint32_t node = npos;  // npos when unknown or ambiguous
    bool ambiguous = false;
    std::vector<std::string> candidates;  // the matching paths, or similar ones when unknown

    // Why `text` names no node, with the candidates.
    Phrase problem(std::string_view text) const {
      if (ambiguous)
        return Phrase(Message::ambiguous_jurisdiction,
                      {{"name", text}, {"candidates", verbatim_list(candidates)}});
      if (candidates.empty()) return Phrase(Message::unknown_jurisdiction, {{"name", text}});
      return Phrase(Message::unknown_jurisdiction_similar,
                    {{"name", text}, {"similar", verbatim_list(candidates)}});
    }
  };

  static constexpr std::uint32_t root = 0;

  explicit JurisdictionTree(std::string root_name = {}) {
    nodes_.push_back(Node{root_name, root_name, npos, 0});
    index(root);
  }

  std::uint32_t add_child(std::uint32_t parent, std::string name) {
    std::string path = nodes_[parent].path + '/' + name;
    if (auto found = by_path_.find(path); found != by_path_.end()) return found->second;
    if (preorder_) {  // still in preorder if added under the last node added or one above it
      std::uint32_t at = static_cast<std::uint32_t>(nodes_.size() - 1);
      while (at != npos && at != parent) at = nodes_[at].parent;
      preorder_ = at == parent;
    }
    nodes_.push_back(Node{std::move(name), std::move(path), parent, nodes_[parent].depth + 1, npos,
                          nodes_[parent].kinds, nodes_[parent].kinds});
    auto added = static_cast<std::uint32_t>(nodes_.size() - 1);
    index(added);
    return added;
  }

  const Node& node(std::uint32_t id) const { return nodes_[id]; }

  // One past the last node below `id` when the nodes are in preorder (as a tree read from a file
  // or a snapshot is): then the nodes below `id` are those from id + 1 to here. Otherwise the end
  // of all nodes, and a caller tells the nodes below by encloses().
  std::uint32_t subtree_end(std::uint32_t id) const {
    if (!preorder_) return static_cast<std::uint32_t>(nodes_.size());
    std::uint32_t end = id + 1;
    while (end < nodes_.size() && nodes_[end].depth > nodes_[id].depth) ++end;
    return end;
  }

  // Gives `id` its kind; the nodes below it count it among their kinds. A parent is always added
  // before its children, so one pass in order sees each parent's kinds settled. Meant to be
  // called once per node, as it is added (kinds_within only ever gains kinds).
  void set_kind(std::uint32_t id, std::uint32_t kind) {
    nodes_[id].kind = kind;
    const std::uint32_t end = subtree_end(id);
    for (std::uint32_t at = id; at < end; ++at) {
      if (at != id && !encloses(id, at)) continue;
      Node& node = nodes_[at];
      node.kinds = (node.parent == npos ? 0 : nodes_[node.parent].kinds) |
                   (node.kind == npos ? 0 : std::uint64_t{1} << node.kind);
      node.kinds_within |= node.kinds;
    }
    for (std::uint32_t above = nodes_[id].parent; above != npos; above = nodes_[above].parent)
      nodes_[above].kinds_within |= std::uint64_t{1} << kind;
  }

  std::size_t size() const { return nodes_.size(); }

  // The node a path or unique suffix names; npos when unknown or ambiguous. No suggestions are
  // gathered, so this stays a hash lookup on the paths that do not resolve.
  std::uint32_t locate(std::string_view text) const {
    text = trim(text);
    if (text.empty()) return root;
    if (auto exact = by_path_.find(text); exact != by_path_.end()) return exact->second;
    auto found = by_suffix_.find(text);
    return found == by_suffix_.end() ? npos : found->second;  // ambiguous_marker is npos
  }

  Lookup find(std::string_view text) const {
    text = trim(text);
    if (text.empty()) return Lookup{root, false, {}};
    if (auto exact = by_path_.find(text); exact != by_path_.end())
      return Lookup{exact->second, false, {}};
    auto found = by_suffix_.find(text);
    if (found != by_suffix_.end() && found->second != ambiguous_marker)
      return Lookup{found->second, false, {}};
    if (found != by_suffix_.end()) return Lookup{npos, true, paths_ending_with(text)};
    return Lookup{npos, false, similar_paths(text)};
  }

  // Whether `node` is `ancestor` or lies below it.
  bool encloses(std::uint32_t ancestor, std::uint32_t node) const {
    const std::uint32_t depth = nodes_[ancestor].depth;
    while (nodes_[node].depth > depth) node = nodes_[node].parent;
    return node == ancestor;
  }

  // The node and its ancestors, most specific first.
  std::vector<std::uint32_t> chain(std::uint32_t id) const {
    std::vector<std::uint32_t> nodes;
    for (std::uint32_t at = id; at != npos; at = nodes_[at].parent) nodes.push_back(at);
    return nodes;
  }

 private:
  static constexpr std::uint32_t ambiguous_marker = npos;

  static std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '/')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '/')) text.remove_suffix(1);
    return text;
  }

  void index(std::uint32_t id) {
    const std::string& path = nodes_[id].path;
    by_path_.emplace(path, id);
    for (std::size_t start = 0;;) {
      std::string_view suffix = trim(std::string_view(path).substr(start));
      if (!suffix.empty()) {
        auto [slot, inserted] = by_suffix_.emplace(std::string(suffix), id);
        if (!inserted && slot->second != id) slot->second = ambiguous_marker;
      }
      std::size_t slash = path.find('/', start);
      if (slash == std::string::npos) break;
      start = slash + 1;
    }
  }

  std::vector<std::string> paths_ending_with(std::string_view suffix) const {
    std::vector<std::string> paths;
    for (const Node& node : nodes_) {
      std::string_view path = node.path;
      if (path == suffix || (path.size() > suffix.size() && path.ends_with(suffix) &&
                             path[path.size() - suffix.size() - 1] == '/'))
        paths.push_back(node.path);
    }
    return paths;
  }

  // Up to five paths whose last name shares the most characters with the text's last name.
  std::vector<std::string> similar_paths(std::string_view text) const {
    std::string_view last =
        text.substr(text.rfind('/') == std::string_view::npos ? 0 : text.rfind('/') + 1);
    std::vector<std::pair<std::size_t, std::uint32_t>> scored;
    for (std::uint32_t id = 0; id < nodes_.size(); ++id) {
      std::size_t shared = shared_characters(last, nodes_[id].name);
      if (shared > 0) scored.emplace_back(shared, id);
    }
    std::sort(scored.begin(), scored.end(), [&](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : nodes_[a.second].path < nodes_[b.second].path;
    });
    std::vector<std::string> paths;
    for (std::size_t i = 0; i < scored.size() && i < 5; ++i)
      paths.push_back(nodes_[scored[i].second].path);
    return paths;
  }

  // Characters (UTF-8 sequences) of `a` that also occur in `b`.
  static std::size_t shared_characters(std::string_view a, std::string_view b) {
    std::size_t shared = 0;
    for (std::size_t i = 0; i < a.size();) {
      std::size_t length = 1;
      while (i + length < a.size() && (static_cast<unsigned char>(a[i + length]) & 0xC0) == 0x80)
        ++length;
      if (b.find(a.substr(i, length)) != std::string_view::npos) ++shared;
      i += length;
    }
    return shared;
  }

  std::vector<Node> nodes_;
  bool preorder_ = true;
  StringMap<std::uint32_t> by_path_;
  StringMap<std::uint32_t> by_suffix_;
};

}  // namespace qingdan::detail
