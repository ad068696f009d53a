#include "load/model_indexes.hpp"

#include <algorithm>
#include <limits>
#include <tuple>
#include <utility>

namespace qingdan::detail {

bool index_category(Model& model, std::uint32_t category) {
  return model.category_by_name.emplace(model.categories[category], category).second;
}

bool index_approval(Model& model, std::uint32_t approval) {
  return model.approval_by_id.emplace(model.approvals[approval].id, approval).second;
}

void index_entry(EditionRecord& edition, std::uint32_t entry) {
  const EntryRecord& record = edition.entries[entry];
  auto& first_entry =
      record.task != npos ? edition.first_entry_by_task : edition.first_entry_by_category;
  first_entry.emplace(record.task != npos ? record.task : record.category, entry);
}

std::vector<EditionClash> index_editions(Model& model) {
  for (std::uint32_t e = 0; e < model.editions.size(); ++e) {
    const EditionRecord& edition = model.editions[e];
    model.editions_by_place[Model::place_key(edition.jurisdiction, edition.list)].push_back(e);
  }
  std::vector<EditionClash> clashes;
  for (auto& [place, editions] : model.editions_by_place) {
    // Stable, so that of the editions of one day the first in Model::editions comes first.
    std::stable_sort(editions.begin(), editions.end(), [&](std::uint32_t a, std::uint32_t b) {
      return model.editions[a].effective < model.editions[b].effective;
    });
    std::vector<std::uint32_t> kept;
    for (std::uint32_t e : editions) {
      if (!kept.empty() && model.editions[kept.back()].effective == model.editions[e].effective)
        clashes.push_back({e, kept.back()});
      else
        kept.push_back(e);
    }
    editions = std::move(kept);
    for (std::size_t i = 0; i < editions.size(); ++i)
      model.editions[editions[i]].replaced_on =
          i + 1 < editions.size() ? std::optional(model.editions[editions[i + 1]].effective)
                                  : std::nullopt;
  }
  std::sort(clashes.begin(), clashes.end(),
            [](const EditionClash& a, const EditionClash& b) { return a.edition < b.edition; });
  return clashes;
}

std::uint64_t most_matches(const LoadOptions& options) {
  constexpr std::uint64_t indexable = std::numeric_limits<std::uint32_t>::max();
  return options.max_entries > indexable / 4 ? indexable : options.max_entries * 4;
}

std::uint64_t index_matches(Model& model, std::uint64_t most) {
  constexpr std::uint32_t unplaced = npos;
  std::vector<std::uint32_t> rank_at_place(model.editions.size(), unplaced);
  for (const auto& [place, editions] : model.editions_by_place)
    for (std::uint32_t i = 0; i < editions.size(); ++i) rank_at_place[editions[i]] = i;
  std::vector<std::vector<std::uint32_t>> tasks_of_category(model.categories.size());
  for (std::uint32_t task = 0; task < model.tasks.size(); ++task)
    if (model.tasks[task].category != npos)
      tasks_of_category[model.tasks[task].category].push_back(task);
  auto each_match = [&](auto&& visit) {
    for (std::uint32_t e = 0; e < model.editions.size(); ++e) {
      if (rank_at_place[e] == unplaced) continue;  // left out as a second edition on one day
      const std::vector<EntryRecord>& entries = model.editions[e].entries;
      for (std::uint32_t i = 0; i < entries.size(); ++i) {
        if (entries[i].task != npos) visit(entries[i].task, EntryMatch{e, i});
        if (entries[i].category != npos)
          for (std::uint32_t task : tasks_of_category[entries[i].category])
            visit(task, EntryMatch{e, i});
      }
    }
  };

  std::uint64_t total = 0;
  for (std::uint32_t e = 0; e < model.editions.size(); ++e)
    if (rank_at_place[e] != unplaced)
      for (const EntryRecord& entry : model.editions[e].entries)
        total += (entry.task != npos ? 1 : 0) +
                 (entry.category != npos ? tasks_of_category[entry.category].size() : 0);
  if (total > most) return total;

  // Each task's matches are counted, placed in its run, and sorted there: a run is a few matches,
  // where one sort of them all would cost a good part of reading a snapshot.
  model.first_match.assign(model.tasks.size() + 1, 0);
  each_match([&](std::uint32_t task, const EntryMatch&) { ++model.first_match[task + 1]; });
  for (std::size_t task = 0; task < model.tasks.size(); ++task)
    model.first_match[task + 1] += model.first_match[task];
  std::vector<std::uint32_t> next(model.first_match.begin(), model.first_match.end() - 1);
  model.matches.resize(model.first_match.back());
  each_match([&](std::uint32_t task, EntryMatch match) {
    match.copy_from(model.editions[match.edition].entries[match.entry]);
    model.matches[next[task]++] = match;
  });
  auto weighing_order = [&](const EntryMatch& match) {
    const EditionRecord& edition = model.editions[match.edition];
    const std::uint32_t deeper_first = npos - model.jurisdictions.node(edition.jurisdiction).depth;
    const std::uint32_t newer_first = npos - rank_at_place[match.edition];
    return std::tuple(edition.list, deeper_first, edition.jurisdiction, newer_first,
                      edition.entries[match.entry].task == npos, match.entry);
  };
  for (std::size_t task = 0; task < model.tasks.size(); ++task)
    std::sort(model.matches.begin() + model.first_match[task],
              model.matches.begin() + model.first_match[task + 1],
              [&](const EntryMatch& a, const EntryMatch& b) {
                return weighing_order(a) < weighing_order(b);
              });
  return total;
}

}  // namespace qingdan::detail
