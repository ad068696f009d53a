#pragma once

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <memory>
#include <mutex>
#include <numeric>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <qingdan/detail/model.hpp>
#include <qingdan/detail/model_phrases.hpp>
#include <qingdan/error.hpp>
#include <qingdan/report.hpp>
#include <qingdan/villages.hpp>
#include "answer/internals.hpp"

namespace qingdan::detail {

// A figure of a village profile as a CSV cell, or a str given to Villages.from_dicts, holds it:
// a finite decimal number, with spaces and tabs around it ignored. Nothing when the text is not
// one; a blank text is for the caller to take as "not given".
inline std::optional<double> parse_figure(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  double value = 0;
  auto [stop, failure] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || failure != std::errc() || stop != text.data() + text.size() ||
      !std::isfinite(value))
    return std::nullopt;
  return value;
}

// Village profiles placed in a rulebook's jurisdiction tree and sorted in tree order, so that the
// villages under any jurisdiction are one contiguous range.
struct PlacedVillages {
  std::vector<std::uint32_t> profile;  // index into the profiles, in tree order
  std::vector<std::uint32_t> enter;    // tree-order number of each village's anchor node
  std::vector<std::uint32_t> anchor;   // that node: the village, or its parent for a new one
  std::vector<std::string> path;       // full path
  // The figures the check reads for every village, in tree order, side by side.
  std::vector<double> households, population, capacity, baseline;
  std::vector<std::uint32_t> node_enter, node_exit;  // tree-order interval of every tree node

  std::pair<std::size_t, std::size_t> range_under(std::uint32_t node) const {
    auto first = std::lower_bound(enter.begin(), enter.end(), node_enter[node]);
    auto last = std::upper_bound(first, enter.end(), node_exit[node]);
    return {static_cast<std::size_t>(first - enter.begin()),
            static_cast<std::size_t>(last - enter.begin())};
  }
};

inline Error village_error(const VillageProfile& profile, Code code, Phrase message) {
  return positioned_error(profile.position.file, profile.position.line, profile.position.column,
                          code, std::move(message));
}

// Numbers every node of the tree in depth-first order; a node's subtree is [enter, exit].
inline void number_tree(const JurisdictionTree& tree, PlacedVillages& placed) {
  std::vector<std::vector<std::uint32_t>> children(tree.size());
  for (std::uint32_t node = 1; node < tree.size(); ++node)
    children[tree.node(node).parent].push_back(node);
  placed.node_enter.assign(tree.size(), 0);
  placed.node_exit.assign(tree.size(), 0);
  std::vector<std::pair<std::uint32_t, std::size_t>> stack{{JurisdictionTree::root, 0}};
  std::uint32_t counter = 0;
  placed.node_enter[JurisdictionTree::root] = counter++;
  while (!stack.empty()) {
    auto& [node, next_child] = stack.back();
    if (next_child < children[node].size()) {
      std::uint32_t child = children[node][next_child++];
      placed.node_enter[child] = counter++;
      stack.emplace_back(child, 0);
    } else {
      placed.node_exit[node] = counter - 1;
      stack.pop_back();
    }
  }
}

// The tree node a village hangs from: itself when the rulebook names it, else its parent, which
// the rulebook must know (a new last name extends the tree).
// The parent found for the previous village: profiles usually come town by town.
struct ParentMemo {
  std::string parent;
  std::uint32_t node = npos;
};

inline std::uint32_t anchor_of(const Model& model, const VillageProfile& profile, std::string& path,
                               ParentMemo& memo) {
  const std::uint32_t village_depth = static_cast<std::uint32_t>(model.levels.size() - 1);
  const JurisdictionTree& tree = model.jurisdictions;
  std::uint32_t exact = tree.locate(profile.jurisdiction);
  if (exact != npos && tree.node(exact).depth == village_depth) {
    path = tree.node(exact).path;
    return exact;
  }
  std::string_view text = profile.jurisdiction;
  std::size_t slash = text.rfind('/');
  std::string_view parent =
      slash == std::string_view::npos ? std::string_view() : text.substr(0, slash);
  std::string_view name = text.substr(slash == std::string_view::npos ? 0 : slash + 1);
  std::uint32_t found = memo.node != npos && parent == memo.parent ? memo.node
                        : parent.empty()                           ? npos
                                                                   : tree.locate(parent);
  if (found == npos) {
    std::string nearest;
    for (std::string_view prefix = parent; !prefix.empty();) {
      if (std::uint32_t known = tree.locate(prefix); known != npos) {
        nearest = tree.node(known).path;
        break;
      }
      std::size_t cut = prefix.rfind('/');
      prefix = cut == std::string_view::npos ? std::string_view() : prefix.substr(0, cut);
    }
    throw village_error(profile, Code::village_parent_unknown,
                        Phrase(Message::village_parent_unknown,
                               {{"village", profile.jurisdiction},
                                {"parent", parent},
                                {"hint", nearest.empty() ? Phrase()
                                                         : Phrase(Message::village_nearest_ancestor,
                                                                  {{"ancestor", nearest}})}}));
  }
  if (tree.node(found).depth + 1 != village_depth)
    throw village_error(profile, Code::village_wrong_level,
                        Phrase(Message::village_wrong_level,
                               {{"village", profile.jurisdiction},
                                {"level", level_phrase(model, village_depth)},
                                {"parent", tree.node(found).path},
                                {"parent_level", level_phrase(model, tree.node(found).depth)}}));
  memo.parent.assign(parent);
  memo.node = found;
  path.reserve(tree.node(found).path.size() + 1 + name.size());
  path.append(tree.node(found).path).append("/").append(name);
  return found;
}

inline PlacedVillages place_villages(const Model& model, const Villages& villages) {
  PlacedVillages placed;
  number_tree(model.jurisdictions, placed);
  const auto& profiles = villages.profiles();
  std::vector<std::uint32_t> anchor_enter(profiles.size()), anchors(profiles.size());
  std::vector<std::string> paths(profiles.size());
  ParentMemo memo;
  for (std::uint32_t i = 0; i < profiles.size(); ++i) {
    anchors[i] = anchor_of(model, profiles[i], paths[i], memo);
    anchor_enter[i] = placed.node_enter[anchors[i]];
  }
  placed.profile.resize(profiles.size());
  std::iota(placed.profile.begin(), placed.profile.end(), 0U);
  std::stable_sort(
      placed.profile.begin(), placed.profile.end(),
      [&](std::uint32_t a, std::uint32_t b) { return anchor_enter[a] < anchor_enter[b]; });
  placed.enter.reserve(profiles.size());
  placed.path.reserve(profiles.size());
  for (std::uint32_t index : placed.profile) {
    const VillageProfile& village = profiles[index];
    placed.enter.push_back(anchor_enter[index]);
    placed.anchor.push_back(anchors[index]);
    placed.path.push_back(std::move(paths[index]));
    placed.households.push_back(village.households);
    placed.population.push_back(village.population);
    placed.capacity.push_back(village.capacity());
    placed.baseline.push_back(village.baseline_hours);
  }
  return placed;
}

// Where one set of villages sits in one rulebook's tree, kept between checks. Keyed by the
// rulebook's fingerprint: rulebooks with the same files place villages the same way.
struct VillagePlacementCache {
  std::mutex mutex;
  std::string fingerprint;
  std::shared_ptr<const PlacedVillages> placed;
};

inline std::shared_ptr<const PlacedVillages> placed_villages(const Model& model,
                                                             const Villages& villages) {
  VillagePlacementCache& cache = Internals::placement_cache(villages);
  std::lock_guard lock(cache.mutex);
  if (!cache.placed || cache.fingerprint != model.fingerprint) {
    cache.placed = std::make_shared<const PlacedVillages>(place_villages(model, villages));
    cache.fingerprint = model.fingerprint;
  }
  return cache.placed;
}

// Monthly hours one directive adds to each village it reaches, by unit of effort.
struct DirectiveBurden {
  std::size_t first = 0, last = 0;  // its villages, as a range of PlacedVillages
  double per_village = 0, per_household = 0, per_person = 0;
  std::vector<std::size_t> items;  // indices of its items sent to the village level
};

// Hours an item adds to one village in a month where it occurs `per_month` times.
inline double item_hours(const DirectiveItem& item, double per_month, double households,
                         double population) {
  double units = item.per == EffortUnit::household ? households
                 : item.per == EffortUnit::person  ? population
                                                   : 1;
  return per_month * item.effort_hours * units;
}

}  // namespace qingdan::detail
