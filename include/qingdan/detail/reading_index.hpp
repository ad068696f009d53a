#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include <qingdan/reading.hpp>

namespace qingdan::detail {

struct Model;

// The catalogue tasks a text that names no task may mean, best first, at most `limit`;
// `normalized` is the text normalised. Defined in src/reading/reading_index.cpp.
std::vector<Candidate> rank_candidates(const Model& model, std::string_view normalized,
                                       std::size_t limit);

// Throws qingdan::Error (QU003) for a threshold outside [0, 1].
void check_read_options(const ReadOptions& options);

// Reads a free text against the catalogue (docs/reading.md).
Reading read_text(const Model& model, std::string_view text, const ReadOptions& options);

}  // namespace qingdan::detail
