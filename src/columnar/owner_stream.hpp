#pragma once

// The owner query over Arrow columns (docs/format.md §13): every row of a stream of record
// batches asks who owns its task at its date, in its place and mode; the answers come back as a
// stream of batches, each answered when its reader asks for it.
#include <string>
#include <vector>

#include <nanoarrow/nanoarrow.h>

#include <qingdan/language.hpp>
#include <qingdan/rulebook.hpp>

#include "columnar/batch_stream.hpp"
#include "columnar/column_readers.hpp"

namespace qingdan::columnar {

struct OwnerQueryColumns {
  Parameter task = Parameter::column("task");
  Parameter at = Parameter::column("at");
  Parameter jurisdiction = Parameter::column("jurisdiction");
  Parameter mode{};
  // The levels (ids or names) that get a role column, `role_<level id>`; every level when unset.
  std::optional<std::vector<std::string>> roles;
  // Columns of the input carried into the answers as they are, before the answer columns.
  KeptColumns keep;
  // A `rulebook` column holding the fingerprint of the rulebook that answered each row.
  bool fingerprint = false;
  Language language = Language::en;  // of the error column
};

// Takes over `input` and sets `output` to the stream of answers. The answers' schema is read
// from the input's now: a column missing or of a type that cannot hold its parameter, an unknown
// level or mode, a bad date value, throw qingdan::Error. Rows with nulls or bad values get a
// null answer and their `error`; they never stop the stream. The output keeps a copy of `book`.
void open_owner_stream(const Rulebook& book, ArrowArrayStream* input,
                       const OwnerQueryColumns& columns, ArrowArrayStream* output);

// The answer columns' names for `columns` asked of `book`, in order (the schema's last fields).
std::vector<std::string> answer_column_names(const Rulebook& book,
                                             const OwnerQueryColumns& columns);

}  // namespace qingdan::columnar
