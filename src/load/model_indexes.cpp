#include "load/model_indexes.hpp"

#include <algorithm>
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
  auto [slot, first] =
      first_entry.emplace(record.task != npos ? record.task : record.category, entry);
  if (first) return;
  std::uint32_t last = slot->second;
  while (edition.entries[last].next_same_key != npos) last = edition.entries[last].next_same_key;
  edition.entries[last].next_same_key = entry;
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

void index_matches(Model& model) {
  constexpr std::uint32_t unplaced = npos;
  std::vector<std::uint32_t> rank_at_place(model.editions.size(), unplaced);
  for (const auto& [place, editions] : model.editions_by_place)
    for (std::uint32_t i = 0; i < editions.size(); ++i) rank_at_place[editions[i]] = i;
  std::vector<std::vector<std::uint32_t>> tasks_of_category(model.categories.size());
  for (std::uint32_t task = 0; task < model.tasks.size(); ++task)
    if (model.tasks[task].category != npos)
      tasks_of_category[model.tasks[task].category].push_back(task);

  using WeighingOrder = std::tuple<std::uint32_t, ListKind, std::uint32_t, std::uint32_t,
                                   std::uint32_t, bool, std::uint32_t>;
  std::vector<std::pair<WeighingOrder, EntryMatch>> keyed;
  for (std::uint32_t e = 0; e < model.editions.size(); ++e) {
    if (rank_at_place[e] == unplaced) continue;  // left out as a second edition on one day
    const EditionRecord& edition = model.editions[e];
    const std::uint32_t deeper_first = npos - model.jurisdictions.node(edition.jurisdiction).depth;
    const std::uint32_t newer_first = npos - rank_at_place[e];
    for (std::uint32_t i = 0; i < edition.entries.size(); ++i) {
      const EntryRecord& entry = edition.entries[i];
      auto add = [&](std::uint32_t task) {
        keyed.emplace_back(WeighingOrder{task, edition.list, deeper_first, edition.jurisdiction,
                                         newer_first, entry.task == npos, i},
                           EntryMatch{e, i});
      };
      if (entry.task != npos) add(entry.task);
      if (entry.category != npos)
        for (std::uint32_t task : tasks_of_category[entry.category]) add(task);
    }
  }
  std::sort(keyed.begin(), keyed.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  model.matches.reserve(keyed.size());
  model.first_match.assign(model.tasks.size() + 1, 0);
  for (const auto& [order, match] : keyed) {
    ++model.first_match[std::get<0>(order) + 1];
    model.matches.push_back(match);
    model.matches.back().copy_from(model.editions[match.edition].entries[match.entry]);
  }
  for (std::size_t task = 0; task < model.tasks.size(); ++task)
    model.first_match[task + 1] += model.first_match[task];
}

}  // namespace qingdan::detail
