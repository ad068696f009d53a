#pragma once

// After a snapshot's data is read: every index it holds must point inside the model (a query
// trusts them), and the indexes that follow from the data are rebuilt. Both throw
// SnapshotDamaged through the reader.
#include <qingdan/detail/model.hpp>

#include "snapshot/snapshot_stream.hpp"

namespace qingdan::detail::snapshot {

void validate(const Model& model, const SnapshotReader& reader);
void rebuild_indexes(Model& model, const SnapshotReader& reader);

}  // namespace qingdan::detail::snapshot
