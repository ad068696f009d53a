#pragma once

// Free texts read against the catalogue over Arrow columns (docs/format.md §13.1): every row's
// text (an order's summary, a directive's item) read as Rulebook::read reads it, the readings
// written as columns, each batch when its reader asks for it.
#include <string>
#include <vector>

#include <nanoarrow/nanoarrow.h>

#include <qingdan/language.hpp>
#include <qingdan/reading.hpp>
#include <qingdan/rulebook.hpp>

#include "columnar/batch_stream.hpp"
#include "columnar/column_readers.hpp"

namespace qingdan::columnar {

struct ReadingColumns {
  Parameter text = Parameter::column("text");
  ReadOptions options{};
  KeptColumns keep;
  Language language = Language::en;  // of the error column
};

// Takes over `input` and sets `output` to the stream of readings: the kept columns, then
// reading, task_id, task_name, confidence, matched, candidates, confidences, error. A missing
// text column, or one not of text, throws qingdan::Error (QA001, QA002); bad options QU003.
void open_reading_stream(const Rulebook& book, ArrowArrayStream* input,
                         const ReadingColumns& columns, ArrowArrayStream* output);

std::vector<std::string> reading_column_names();

}  // namespace qingdan::columnar
