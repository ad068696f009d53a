#pragma once

// After a snapshot's data is read: every index it holds must point inside the model (a query
// trusts them), and the indexes that follow from the data are rebuilt. Both throw
// SnapshotDamaged through the reader.
#include <qingdan/detail/model.hpp>
#include <qingdan/load_options.hpp>

#include "snapshot/snapshot_stream.hpp"

namespace qingdan::detail::snapshot {

void validate(const Model& model, const SnapshotReader& reader);
// No more matches than LoadOptions allow a rulebook folder (model_indexes.hpp) are made.
void rebuild_indexes(Model& model, const SnapshotReader& reader, const LoadOptions& options);

}  // namespace qingdan::detail::snapshot
