#pragma once

// A struct array (a record batch) made of columns taken over from elsewhere: the columns kept
// from the input batch beside the answer columns, without copying either.
#include <cstdint>
#include <vector>

#include <nanoarrow/nanoarrow.h>

namespace qingdan::columnar {

// Takes over `columns` (each left released) as the children of `out`, a struct array of `length`
// rows.
void assemble_struct(std::int64_t length, const std::vector<ArrowArray*>& columns, ArrowArray* out);

// Narrows a column of a batch to the batch's rows: a struct's child holds its rows from the
// struct's offset `first` on, and may hold more than the struct's `length`.
void slice_to_batch(ArrowArray& column, std::int64_t first, std::int64_t length);

}  // namespace qingdan::columnar
