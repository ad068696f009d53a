// Fuzzed Arrow batches for the columnar queries (src/columnar/): rows of task, date, place and
// mode texts, the date as text, as a date32 of any value or as a nanosecond timestamp, the texts
// as plain strings or as dictionaries whose indices come from the input (inside the dictionary
// or not). Every row gets an answer or its error, as many rows out as in; never a crash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <nanoarrow/nanoarrow.hpp>

#include "columnar/owner_stream.hpp"
#include "columnar/reading_stream.hpp"
#include "fuzz_support.hpp"

namespace {

void ok(ArrowErrorCode code) {
  if (code != NANOARROW_OK) std::abort();
}

std::vector<std::string_view> split(std::string_view text, char at) {
  std::vector<std::string_view> parts;
  while (true) {
    const std::size_t end = text.find(at);
    parts.push_back(text.substr(0, end));
    if (end == std::string_view::npos) return parts;
    text = text.substr(end + 1);
  }
}

std::int64_t number_of(std::string_view text) {
  std::int64_t value = 0;
  if (!text.empty()) std::memcpy(&value, text.data(), std::min(text.size(), sizeof value));
  return value;
}

// One column of texts: field `field` of each row, as strings or a dictionary of them (whose
// indices are the row's own number, taken from its bytes, so they may fall outside it).
void add_text_column(ArrowSchema* schema, ArrowArray* array, const char* name, bool dictionary,
                     const std::vector<std::vector<std::string_view>>& rows, std::size_t field) {
  auto text = [&](std::size_t row) {
    return field < rows[row].size() ? rows[row][field] : std::string_view();
  };
  ArrowSchemaInit(schema);
  ok(ArrowSchemaSetType(schema, dictionary ? NANOARROW_TYPE_INT32 : NANOARROW_TYPE_STRING));
  if (dictionary) {
    ok(ArrowSchemaAllocateDictionary(schema));
    ArrowSchemaInit(schema->dictionary);
    ok(ArrowSchemaSetType(schema->dictionary, NANOARROW_TYPE_STRING));
  }
  ok(ArrowSchemaSetName(schema, name));
  ArrowError error;
  ok(ArrowArrayInitFromSchema(array, schema, &error));
  ok(ArrowArrayStartAppending(array));
  for (std::size_t row = 0; row < rows.size(); ++row) {
    if (text(row) == "\x01") {
      ok(ArrowArrayAppendNull(array, 1));
    } else if (dictionary) {
      ok(ArrowArrayAppendInt(array, static_cast<std::int32_t>(number_of(text(row)) % 8)));
    } else {
      ok(ArrowArrayAppendString(array,
                                {text(row).data(), static_cast<std::int64_t>(text(row).size())}));
    }
  }
  if (dictionary)
    for (std::size_t row = 0; row < rows.size() && row < 4; ++row)
      ok(ArrowArrayAppendString(array->dictionary,
                                {text(row).data(), static_cast<std::int64_t>(text(row).size())}));
  ok(ArrowArrayFinishBuildingDefault(array, &error));
}

void add_date_column(ArrowSchema* schema, ArrowArray* array, std::uint8_t kind,
                     const std::vector<std::vector<std::string_view>>& rows) {
  if (kind % 3 == 0) return add_text_column(schema, array, "at", false, rows, 1);
  ArrowSchemaInit(schema);
  if (kind % 3 == 1) {
    ok(ArrowSchemaSetType(schema, NANOARROW_TYPE_DATE32));
  } else {
    ok(ArrowSchemaSetTypeDateTime(schema, NANOARROW_TYPE_TIMESTAMP, NANOARROW_TIME_UNIT_NANO,
                                  kind & 4 ? "Asia/Shanghai" : nullptr));
  }
  ok(ArrowSchemaSetName(schema, "at"));
  ArrowError error;
  ok(ArrowArrayInitFromSchema(array, schema, &error));
  ok(ArrowArrayStartAppending(array));
  for (const auto& row : rows) {
    const std::int64_t value = row.size() > 1 ? number_of(row[1]) : 0;
    ok(ArrowArrayAppendInt(array, kind % 3 == 1 ? static_cast<std::int32_t>(value) : value));
  }
  ok(ArrowArrayFinishBuildingDefault(array, &error));
}

// The batch of `rows`: task, at, jurisdiction and mode, in the forms `kind` chooses.
void make_batch(std::uint8_t kind, const std::vector<std::vector<std::string_view>>& rows,
                ArrowSchema* schema, ArrowArray* batch) {
  ArrowSchemaInit(schema);
  ok(ArrowSchemaSetTypeStruct(schema, 4));
  std::vector<nanoarrow::UniqueArray> columns(4);
  add_text_column(schema->children[0], columns[0].get(), "task", kind & 8, rows, 0);
  add_date_column(schema->children[1], columns[1].get(), kind, rows);
  add_text_column(schema->children[2], columns[2].get(), "jurisdiction", kind & 16, rows, 2);
  add_text_column(schema->children[3], columns[3].get(), "mode", kind & 32, rows, 3);
  ArrowError error;
  ok(ArrowArrayInitFromSchema(batch, schema, &error));
  for (std::size_t i = 0; i < columns.size(); ++i) {
    ArrowArrayRelease(batch->children[i]);
    ArrowArrayMove(columns[i].get(), batch->children[i]);
  }
  batch->length = static_cast<std::int64_t>(rows.size());
}

// A stream of the one batch of `rows`.
void make_stream(std::uint8_t kind, const std::vector<std::vector<std::string_view>>& rows,
                 ArrowArrayStream* stream) {
  nanoarrow::UniqueSchema schema;
  nanoarrow::UniqueArray batch;
  make_batch(kind, rows, schema.get(), batch.get());
  ok(ArrowBasicArrayStreamInit(stream, schema.get(), 1));
  ArrowBasicArrayStreamSetArray(stream, 0, batch.get());
}

std::int64_t rows_read(ArrowArrayStream* stream) {
  std::int64_t rows = 0;
  while (true) {
    nanoarrow::UniqueArray batch;
    if (stream->get_next(stream, batch.get()) != 0) std::abort();  // rows never fail the stream
    if (batch->release == nullptr) return rows;
    rows += batch->length;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::uint8_t kind = data[0];
  std::vector<std::vector<std::string_view>> rows;
  for (std::string_view line :
       split(std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1), '\n'))
    rows.push_back(split(line, '\t'));
  if (rows.size() > 64) rows.resize(64);
  const auto expected = static_cast<std::int64_t>(rows.size());
  using namespace qingdan::columnar;
  try {
    nanoarrow::UniqueArrayStream input, output;
    make_stream(kind, rows, input.get());
    OwnerQueryColumns query;
    query.mode = Parameter::column("mode");
    query.keep.all = true;
    open_owner_stream(qingdan::fuzz::qingpu(), input.get(), query, output.get());
    if (rows_read(output.get()) != expected) std::abort();
  } catch (const qingdan::Error&) {  // a schema the query refuses (a time zone, a type)
  }
  nanoarrow::UniqueArrayStream input, output;
  make_stream(kind, rows, input.get());
  ReadingColumns reading;
  reading.text = Parameter::column("task");
  open_reading_stream(qingdan::fuzz::qingpu(), input.get(), reading, output.get());
  if (rows_read(output.get()) != expected) std::abort();
  return 0;
}
