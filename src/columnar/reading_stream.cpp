#include "columnar/reading_stream.hpp"

#include <optional>
#include <string_view>

#include <nanoarrow/nanoarrow.hpp>

#include <qingdan/error.hpp>

#include "columnar/text_parameter.hpp"

namespace qingdan::columnar {

namespace {

using detail::Code;
using detail::Message;

// A reading as its columns hold it; the same text is read once per batch or stream.
struct ReadRow {
  std::string status;
  std::string task_id;  // empty unless the text was taken as a task
  std::string task_name;
  std::optional<double> confidence;  // the best candidate's
  std::string matched;
  std::vector<std::pair<std::string, double>> candidates;
  std::string error;
};

class ReadingAnswers : public BatchAnswers {
 public:
  ReadingAnswers(const Rulebook& book, const ReadingColumns& columns, const ArrowSchema& input)
      : book_(book),
        options_(columns.options),
        language_(columns.language),
        text_(columns.text, Message::arrow_parameter_text, true,
              [this](std::string_view text) { return read(text); }) {
    book_.read("", options_);  // refuses bad options (QU003) before any row
    text_.find_column(input);
  }

  std::vector<std::string> names() const override { return reading_column_names(); }
  void add_fields(ArrowSchema* batch, std::int64_t first) const override;
  void answer(const ArrowArrayView& batch, std::int64_t rows, const ArrowSchema& answers,
              ArrowArray* out) override;
  Language language() const override { return language_; }

 private:
  ReadRow read(std::string_view text) const {
    ReadRow row;
    try {
      const Reading reading = book_.read(text, options_);
      row.status = to_string(reading.status);
      if (const Candidate* taken = reading.task()) {
        row.task_id = taken->task.id;
        row.task_name = taken->task.name;
      }
      if (!reading.candidates.empty()) {
        row.confidence = reading.candidates.front().confidence;
        row.matched = reading.candidates.front().matched;
      }
      for (const Candidate& candidate : reading.candidates)
        row.candidates.emplace_back(candidate.task.id, candidate.confidence);
    } catch (const Error& error) {
      row.error = worded(error, language_);
    }
    return row;
  }
  void add_row(const ReadRow& row, ArrowArray& out);
  void add_missing(ArrowArray& out);

  Rulebook book_;
  ReadOptions options_;
  Language language_;
  TextParameter<ReadRow> text_;
};

void ReadingAnswers::add_fields(ArrowSchema* batch, std::int64_t first) const {
  std::int64_t field = first;
  for (const std::string& name : names()) {
    ArrowSchema* schema = batch->children[field++];
    const bool is_list = name == "candidates" || name == "confidences";
    const ArrowType type = name == "confidence" ? NANOARROW_TYPE_DOUBLE : NANOARROW_TYPE_STRING;
    check_appended(ArrowSchemaSetType(schema, is_list ? NANOARROW_TYPE_LIST : type));
    check_appended(ArrowSchemaSetName(schema, name.c_str()));
    if (is_list) {
      check_appended(ArrowSchemaSetType(schema->children[0], name == "confidences"
                                                                 ? NANOARROW_TYPE_DOUBLE
                                                                 : NANOARROW_TYPE_STRING));
      check_appended(ArrowSchemaSetName(schema->children[0], "item"));
    }
  }
}

void ReadingAnswers::answer(const ArrowArrayView& batch, std::int64_t rows,
                            const ArrowSchema& answers, ArrowArray* out) {
  text_.start_batch(batch);
  nanoarrow::UniqueArray array;
  ArrowError error;
  if (ArrowArrayInitFromSchema(array.get(), &answers, &error) != NANOARROW_OK)
    throw std::runtime_error(ArrowErrorMessage(&error));
  check_appended(ArrowArrayStartAppending(array.get()));
  check_appended(ArrowArrayReserve(array.get(), rows));
  for (std::int64_t row = 0; row < rows; ++row) {
    if (auto missing = missing_row(batch, row, language_)) {
      ReadRow nothing;
      nothing.error = *missing;
      add_row(nothing, *array.get());
    } else if (text_.is_missing(row)) {
      add_missing(*array.get());
    } else {
      add_row(text_.at(row, [this](std::string_view text) { return read(text); }), *array.get());
    }
    check_appended(ArrowArrayFinishElement(array.get()));
  }
  if (ArrowArrayFinishBuildingDefault(array.get(), &error) != NANOARROW_OK)
    throw std::runtime_error(ArrowErrorMessage(&error));
  ArrowArrayMove(array.get(), out);
}

void ReadingAnswers::add_row(const ReadRow& row, ArrowArray& out) {
  ArrowArray** column = out.children;
  auto text_or_null = [](ArrowArray* to, std::string_view text, bool present) {
    check_appended(present ? ArrowArrayAppendString(to, view_of(text))
                           : ArrowArrayAppendNull(to, 1));
  };
  const bool failed = !row.error.empty();
  text_or_null(column[0], row.status, !failed);
  text_or_null(column[1], row.task_id, !row.task_id.empty());
  text_or_null(column[2], row.task_name, !row.task_id.empty());
  check_appended(row.confidence ? ArrowArrayAppendDouble(column[3], *row.confidence)
                                : ArrowArrayAppendNull(column[3], 1));
  text_or_null(column[4], row.matched, row.confidence.has_value());
  if (failed) {
    check_appended(ArrowArrayAppendNull(column[5], 1));
    check_appended(ArrowArrayAppendNull(column[6], 1));
  } else {
    for (const auto& [id, confidence] : row.candidates) {
      check_appended(ArrowArrayAppendString(column[5]->children[0], view_of(id)));
      check_appended(ArrowArrayAppendDouble(column[6]->children[0], confidence));
    }
    check_appended(ArrowArrayFinishElement(column[5]));
    check_appended(ArrowArrayFinishElement(column[6]));
  }
  text_or_null(column[7], row.error, failed);
}

void ReadingAnswers::add_missing(ArrowArray& out) {
  ReadRow missing;
  missing.error = worded(
      Code::arrow_null_value,
      Phrase(Message::arrow_null_value, {{"parameter", Phrase(Message::arrow_parameter_text, {})}}),
      language_);
  add_row(missing, out);
}

}  // namespace

std::vector<std::string> reading_column_names() {
  return {"reading", "task_id",    "task_name",   "confidence",
          "matched", "candidates", "confidences", "error"};
}

void open_reading_stream(const Rulebook& book, ArrowArrayStream* input,
                         const ReadingColumns& columns, ArrowArrayStream* output) {
  open_batch_stream(
      input,
      [&](const ArrowSchema& schema) {
        return std::make_unique<ReadingAnswers>(book, columns, schema);
      },
      columns.keep, book.fingerprint(), output);
}

}  // namespace qingdan::columnar
