#include "columnar/batch_stream.hpp"

#include <algorithm>
#include <cerrno>
#include <exception>
#include <stdexcept>

#include <nanoarrow/nanoarrow.hpp>

#include <qingdan/version.hpp>

#include "columnar/column_readers.hpp"
#include "columnar/struct_assembly.hpp"

namespace qingdan::columnar {

using detail::Code;
using detail::Message;

std::string worded(const Error& error, Language language) {
  return error.diagnostic().message_in(language) + " [" + error.code() + "]";
}

std::string worded(Code code, const Phrase& phrase, Language language) {
  return phrase.in(language) + " [" + std::string(detail::code_text(code)) + "]";
}

std::optional<std::string> missing_row(const ArrowArrayView& batch, std::int64_t row,
                                       Language language) {
  if (!ArrowArrayViewIsNull(&batch, row)) return std::nullopt;
  return worded(Code::arrow_null_value, Phrase(Message::arrow_null_row, {}), language);
}

void check_appended(ArrowErrorCode code) {
  if (code != NANOARROW_OK) throw std::bad_alloc();
}

namespace {

// The open stream: the input, the schemas made from it, and the query's answers.
class BatchStream {
 public:
  BatchStream(ArrowArrayStream* input, const MakeAnswers& make, const KeptColumns& kept,
              const std::string& fingerprint);

  int get_schema(ArrowSchema* out) { return ArrowSchemaDeepCopy(output_schema_.get(), out); }
  int get_next(ArrowArray* out);
  const char* last_error() const { return last_error_.empty() ? nullptr : last_error_.c_str(); }

 private:
  void answer_batch(const ArrowArray& batch, ArrowArray* out);
  void make_schemas(const std::string& fingerprint);

  nanoarrow::UniqueArrayStream input_;
  nanoarrow::UniqueSchema input_schema_;
  nanoarrow::UniqueSchema answer_schema_;
  nanoarrow::UniqueSchema output_schema_;
  nanoarrow::UniqueArrayView batch_view_;
  std::unique_ptr<BatchAnswers> answers_;
  std::vector<std::int64_t> kept_;
  std::string last_error_;
};

BatchStream::BatchStream(ArrowArrayStream* input, const MakeAnswers& make, const KeptColumns& kept,
                         const std::string& fingerprint) {
  ArrowArrayStreamMove(input, input_.get());
  ArrowError error;
  ArrowErrorInit(&error);
  if (ArrowArrayStreamGetSchema(input_.get(), input_schema_.get(), &error) != NANOARROW_OK) {
    const char* why = ArrowArrayStreamGetLastError(input_.get());
    throw std::runtime_error(why != nullptr ? why : "the input's schema cannot be read");
  }
  const ArrowSchema& schema = *input_schema_.get();
  ArrowSchemaView view;
  if (ArrowSchemaViewInit(&view, &schema, &error) != NANOARROW_OK ||
      view.type != NANOARROW_TYPE_STRUCT)
    throw usage_error(
        Code::arrow_not_a_batch,
        Phrase(Message::arrow_not_a_batch, {{"what", Phrase(Message::arrow_the_data, {})},
                                            {"type", ArrowTypeString(view.type)}}));
  answers_ = make(schema);
  if (kept.all) {
    for (std::int64_t i = 0; i < schema.n_children; ++i) kept_.push_back(i);
  } else {
    for (const std::string& name : kept.names) {
      const std::int64_t index =
          column_type(schema, name, Message::arrow_parameter_kept, ColumnUse::any).index;
      if (std::find(kept_.begin(), kept_.end(), index) != kept_.end())
        throw usage_error(Code::arrow_column_clash,
                          Phrase(Message::arrow_column_kept_again, {{"column", name}}));
      kept_.push_back(index);
    }
  }
  make_schemas(fingerprint);
  if (ArrowArrayViewInitFromSchema(batch_view_.get(), &schema, &error) != NANOARROW_OK)
    throw std::runtime_error(ArrowErrorMessage(&error));
}

void BatchStream::make_schemas(const std::string& fingerprint) {
  const std::vector<std::string> names = answers_->names();
  for (std::int64_t index : kept_) {
    const char* name = input_schema_->children[index]->name;
    for (const std::string& answer : names)
      if (name != nullptr && answer == name)
        throw usage_error(Code::arrow_column_clash,
                          Phrase(Message::arrow_column_kept_twice, {{"column", answer}}));
  }
  const auto answer_count = static_cast<std::int64_t>(names.size());
  ArrowSchemaInit(answer_schema_.get());
  check_appended(ArrowSchemaSetTypeStruct(answer_schema_.get(), answer_count));
  answers_->add_fields(answer_schema_.get(), 0);

  ArrowSchemaInit(output_schema_.get());
  const auto kept_count = static_cast<std::int64_t>(kept_.size());
  check_appended(ArrowSchemaSetTypeStruct(output_schema_.get(), kept_count + answer_count));
  for (std::int64_t i = 0; i < kept_count; ++i) {
    ArrowSchema* field = output_schema_->children[i];
    ArrowSchemaRelease(field);
    check_appended(
        ArrowSchemaDeepCopy(input_schema_->children[kept_[static_cast<std::size_t>(i)]], field));
  }
  answers_->add_fields(output_schema_.get(), kept_count);

  nanoarrow::UniqueBuffer metadata;
  check_appended(ArrowMetadataBuilderInit(metadata.get(), nullptr));
  check_appended(ArrowMetadataBuilderAppend(metadata.get(), ArrowCharView("qingdan.rulebook"),
                                            ArrowCharView(fingerprint.c_str())));
  check_appended(ArrowMetadataBuilderAppend(metadata.get(), ArrowCharView("qingdan.version"),
                                            ArrowCharView(QINGDAN_VERSION)));
  check_appended(
      ArrowSchemaSetMetadata(output_schema_.get(), reinterpret_cast<const char*>(metadata->data)));
}

int BatchStream::get_next(ArrowArray* out) {
  last_error_.clear();
  try {
    nanoarrow::UniqueArray batch;
    if (int code = input_->get_next(input_.get(), batch.get()); code != 0) {
      const char* why = input_->get_last_error(input_.get());
      last_error_ = why != nullptr ? why : "the input stream failed";
      return code;
    }
    if (batch->release == nullptr) {  // the end of the input
      out->release = nullptr;
      return 0;
    }
    answer_batch(*batch.get(), out);
    return 0;
  } catch (const Error& error) {
    last_error_ = worded(error, answers_->language());
  } catch (const std::bad_alloc&) {
    last_error_ = "out of memory";
    return ENOMEM;
  } catch (const std::exception& error) {
    last_error_ = error.what();
  }
  return EINVAL;
}

void BatchStream::answer_batch(const ArrowArray& batch, ArrowArray* out) {
  ArrowError error;
  ArrowErrorInit(&error);
  if (ArrowArrayViewSetArray(batch_view_.get(), &batch, &error) != NANOARROW_OK)
    throw std::runtime_error(ArrowErrorMessage(&error));
  nanoarrow::UniqueArray answered;
  answers_->answer(*batch_view_.get(), batch.length, *answer_schema_.get(), answered.get());

  std::vector<ArrowArray*> columns;
  for (std::int64_t index : kept_) {
    ArrowArray* column = batch.children[index];
    slice_to_batch(*column, batch.offset, batch.length);
    columns.push_back(column);
  }
  for (std::int64_t i = 0; i < answered->n_children; ++i) columns.push_back(answered->children[i]);
  assemble_struct(batch.length, columns, out);
}

// The C stream interface's callbacks over a BatchStream.
BatchStream& stream_of(ArrowArrayStream* stream) {
  return *static_cast<BatchStream*>(stream->private_data);
}
int stream_get_schema(ArrowArrayStream* stream, ArrowSchema* out) {
  return stream_of(stream).get_schema(out);
}
int stream_get_next(ArrowArrayStream* stream, ArrowArray* out) {
  return stream_of(stream).get_next(out);
}
const char* stream_last_error(ArrowArrayStream* stream) { return stream_of(stream).last_error(); }
void stream_release(ArrowArrayStream* stream) {
  delete &stream_of(stream);
  stream->release = nullptr;
}

}  // namespace

void open_batch_stream(ArrowArrayStream* input, const MakeAnswers& make, const KeptColumns& kept,
                       const std::string& fingerprint, ArrowArrayStream* output) {
  auto stream = std::make_unique<BatchStream>(input, make, kept, fingerprint);
  output->get_schema = stream_get_schema;
  output->get_next = stream_get_next;
  output->get_last_error = stream_last_error;
  output->release = stream_release;
  output->private_data = stream.release();
}

}  // namespace qingdan::columnar
