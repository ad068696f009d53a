#pragma once

// The indexes of a Model that follow from its data. The loader builds them as it assembles the
// model, and the snapshot reader rebuilds them from the data it reads, with these same functions:
// a snapshot stores none of them, so it cannot bring back an index that disagrees with its data.
// Every index in the data they read from must already be within bounds.
#include <cstdint>
#include <vector>

#include <qingdan/detail/model.hpp>
#include <qingdan/load_options.hpp>

namespace qingdan::detail {

// Adds a category, or an approval, already in its vector to the index by its name or id; false
// when that key was already another's (the loader refuses those before; a snapshot might not).
// Tasks are added by Model::index_task.
bool index_category(Model& model, std::uint32_t category);
bool index_approval(Model& model, std::uint32_t approval);

// Adds an entry already in its edition to first_entry_by_task or first_entry_by_category unless
// an earlier entry of the edition has its task or category.
void index_entry(EditionRecord& edition, std::uint32_t entry);

// Two editions of one list and place that start on one day: `first` comes before `edition` in
// Model::editions.
struct EditionClash {
  std::uint32_t edition;
  std::uint32_t first;
};

// Model::editions_by_place and each edition's replaced_on. The later edition of a clash is left
// out of its place; the clashes are returned in the order of Model::editions.
std::vector<EditionClash> index_editions(Model& model);

// How many matches a model may make: an entry for a category is one match for each task of the
// category, so a few entries and a large category can make billions. Four for each entry
// max_entries allows, and never more than a 32-bit index counts.
std::uint64_t most_matches(const LoadOptions& options);

// Model::matches and Model::first_match, from the editions of each place. Returns how many
// matches there are; over `most`, they are counted only, nothing is allocated and the model
// keeps none.
std::uint64_t index_matches(Model& model, std::uint64_t most);

}  // namespace qingdan::detail
