#include "columnar/owner_stream.hpp"

#include <cerrno>
#include <exception>
#include <memory>
#include <optional>
#include <string_view>

#include <nanoarrow/nanoarrow.hpp>

#include <qingdan/detail/normalize.hpp>
#include <qingdan/detail/owner_engine.hpp>
#include <qingdan/detail/string_hash.hpp>
#include <qingdan/error.hpp>
#include <qingdan/version.hpp>

#include "answer/internals.hpp"
#include "columnar/answer_columns.hpp"
#include "columnar/struct_assembly.hpp"

namespace qingdan::columnar {

namespace {

using detail::Code;
using detail::Message;
using detail::Model;
using detail::npos;

std::string worded(const Error& error, Language language) {
  return error.diagnostic().message_in(language) + " [" + error.code() + "]";
}

std::string worded(Code code, const Phrase& phrase, Language language) {
  return phrase.in(language) + " [" + std::string(detail::code_text(code)) + "]";
}

// What a text names in the rulebook (a task, a place, a mode), or why its rows get no answer.
// A task the catalogue does not hold is neither: index npos, no error (status unknown).
struct Resolution {
  std::uint32_t index = npos;
  std::string error;
};

// One text parameter of the query (task, jurisdiction, mode), resolved once for each distinct
// text: per dictionary index for a dictionary column (for the batch), else per text (for the
// stream, a bounded number of texts), or once for a value given for every row.
class TextParameter {
 public:
  // `resolve_value` resolves a value given for every row, and throws qingdan::Error if it names
  // nothing: a wrong value for every row is the caller's mistake, not a row's.
  template <class ResolveValue>
  TextParameter(const Parameter& parameter, Message name, bool empty_is_missing,
                ResolveValue&& resolve_value)
      : parameter_(parameter), name_(name), empty_is_missing_(empty_is_missing) {
    if (parameter.from == Parameter::From::value) fixed_ = resolve_value(parameter.text);
    if (parameter.from == Parameter::From::nowhere) fixed_ = Resolution{};
  }

  bool from_column() const { return parameter_.from == Parameter::From::column; }
  Message name() const { return name_; }
  const std::string& column_name() const { return parameter_.text; }

  void start_batch(const ArrowArrayView& batch, const ColumnType& type) {
    if (!from_column()) return;
    column_ = TextColumn(batch, type);
    by_index_.assign(static_cast<std::size_t>(column_.dictionary_size()), std::nullopt);
  }

  // Null, or empty where an empty text cannot name anything (a task, a place): CSV readers
  // write an empty cell as either.
  bool is_missing(std::int64_t row) const {
    if (!from_column()) return false;
    if (column_.is_null(row)) return true;
    if (column_.has_dictionary()) {  // an index outside the dictionary holds nothing
      const std::int64_t index = column_.dictionary_index(row);
      if (index < 0 || index >= static_cast<std::int64_t>(by_index_.size())) return true;
    }
    return empty_is_missing_ && column_.at(row).empty();
  }
  std::string_view text(std::int64_t row) const { return column_.at(row); }
  // Whether the row's text is read as such (not from a dictionary, not a value for every row).
  bool by_text() const { return from_column() && !column_.has_dictionary(); }

  template <class Resolve>
  const Resolution& at(std::int64_t row, Resolve&& resolve) {
    if (fixed_) return *fixed_;
    if (column_.has_dictionary()) {
      std::optional<Resolution>& slot =
          by_index_[static_cast<std::size_t>(column_.dictionary_index(row))];
      if (!slot) slot = resolve(column_.at(row));
      return *slot;
    }
    const std::string_view text = column_.at(row);
    if (auto found = by_text_.find(text); found != by_text_.end()) return found->second;
    if (by_text_.size() >= max_texts) by_text_.clear();
    return by_text_.emplace(std::string(text), resolve(text)).first->second;
  }

 private:
  static constexpr std::size_t max_texts = 1 << 16;

  Parameter parameter_;
  Message name_;
  bool empty_is_missing_;
  std::optional<Resolution> fixed_;
  TextColumn column_;
  std::vector<std::optional<Resolution>> by_index_;
  detail::StringMap<Resolution> by_text_;
};

// The open stream: the input, what its schema told, and the caches its rows fill.
class OwnerStream {
 public:
  OwnerStream(const Rulebook& book, ArrowArrayStream* input, const OwnerQueryColumns& columns);

  int get_schema(ArrowSchema* out) { return ArrowSchemaDeepCopy(output_schema_.get(), out); }
  int get_next(ArrowArray* out);
  const char* last_error() const { return last_error_.empty() ? nullptr : last_error_.c_str(); }

 private:
  void answer_batch(const ArrowArray& batch, ArrowArray* answers);
  void answer_row(std::int64_t row, AnswerColumns& answers);
  void make_schemas(const std::vector<std::int64_t>& kept);
  Resolution resolve_task(std::string_view text) const;
  Resolution resolve_place(std::string_view text) const;
  Resolution resolve_mode(std::string_view text) const;
  std::string null_message(Message parameter) const {
    return worded(Code::arrow_null_value,
                  Phrase(Message::arrow_null_value, {{"parameter", Phrase(parameter, {})}}),
                  language_);
  }

  Rulebook book_;
  const Model& model_;
  Language language_;
  nanoarrow::UniqueArrayStream input_;
  nanoarrow::UniqueSchema input_schema_;
  nanoarrow::UniqueSchema answer_schema_;
  nanoarrow::UniqueSchema output_schema_;
  nanoarrow::UniqueArrayView batch_view_;
  AnswerLayout layout_;
  std::vector<std::int64_t> kept_;
  TextParameter task_;
  TextParameter place_;
  TextParameter mode_;
  ColumnType task_type_, place_type_, mode_type_, at_type_;
  std::optional<DateColumn> at_value_;
  DateColumn at_;
  std::string last_error_;
};

Resolution OwnerStream::resolve_task(std::string_view text) const {
  if (!detail::is_valid_utf8(text))
    return {npos, worded(Code::query_not_utf8, Phrase(Message::text_not_utf8, {}), language_)};
  std::string normalized;
  return {detail::resolve_task(model_, text, normalized).value_or(npos), {}};
}

Resolution OwnerStream::resolve_place(std::string_view text) const {
  try {
    return {detail::resolve_jurisdiction(model_, text), {}};
  } catch (const Error& error) {
    return {npos, worded(error, language_)};
  }
}

Resolution OwnerStream::resolve_mode(std::string_view text) const {
  try {
    return {detail::resolve_mode(model_, text), {}};
  } catch (const Error& error) {
    return {npos, worded(error, language_)};
  }
}

AnswerLayout layout_for(const Model& model, const OwnerQueryColumns& columns) {
  AnswerLayout layout;
  if (columns.roles) {
    for (const std::string& level : *columns.roles)
      layout.role_levels.push_back(detail::resolve_level(model, level));
  } else {
    for (std::uint32_t level = 0; level < model.levels.size(); ++level)
      layout.role_levels.push_back(level);
  }
  layout.fingerprint = columns.fingerprint;
  return layout;
}

OwnerStream::OwnerStream(const Rulebook& book, ArrowArrayStream* input,
                         const OwnerQueryColumns& columns)
    : book_(book),
      model_(detail::Internals::model(book_)),
      language_(columns.language),
      layout_(layout_for(model_, columns)),
      task_(columns.task, Message::arrow_parameter_task, true,
            [this](std::string_view text) { return resolve_task(text); }),
      place_(columns.jurisdiction, Message::arrow_parameter_place, true,
             [this](std::string_view text) {
               return Resolution{detail::resolve_jurisdiction(model_, text), {}};
             }),
      mode_(columns.mode, Message::arrow_parameter_mode, false, [this](std::string_view text) {
        return Resolution{detail::resolve_mode(model_, text), {}};
      }) {
  ArrowArrayStreamMove(input, input_.get());
  ArrowError error;
  ArrowErrorInit(&error);
  if (ArrowArrayStreamGetSchema(input_.get(), input_schema_.get(), &error) != NANOARROW_OK)
    throw std::runtime_error(ArrowErrorMessage(&error));
  const ArrowSchema& schema = *input_schema_.get();
  ArrowSchemaView view;
  if (ArrowSchemaViewInit(&view, &schema, &error) != NANOARROW_OK ||
      view.type != NANOARROW_TYPE_STRUCT)
    throw usage_error(Code::arrow_not_a_batch,
                      Phrase(Message::arrow_not_a_batch,
                             {{"what", "data"}, {"type", ArrowTypeString(view.type)}}));

  if (task_.from_column())
    task_type_ = column_type(schema, task_.column_name(), task_.name(), ColumnUse::text);
  if (place_.from_column())
    place_type_ = column_type(schema, place_.column_name(), place_.name(), ColumnUse::text);
  if (mode_.from_column())
    mode_type_ = column_type(schema, mode_.column_name(), mode_.name(), ColumnUse::text);
  switch (columns.at.from) {
    case Parameter::From::column:
      at_type_ =
          column_type(schema, columns.at.text, Message::arrow_parameter_date, ColumnUse::date);
      break;
    case Parameter::From::value: {
      auto date = parse_iso_date(columns.at.text);
      if (!date)
        throw usage_error(Code::bad_date_value,
                          Phrase(Message::bad_date, {{"text", columns.at.text}, {"key", "at"}}));
      at_value_.emplace(*date);
      break;
    }
    case Parameter::From::nowhere: at_value_.emplace(today()); break;
  }

  if (columns.keep_all) {
    for (std::int64_t i = 0; i < schema.n_children; ++i) kept_.push_back(i);
  } else {
    for (const std::string& name : columns.keep)
      kept_.push_back(
          column_type(schema, name, Message::arrow_parameter_kept, ColumnUse::any).index);
  }
  make_schemas(kept_);
  if (ArrowArrayViewInitFromSchema(batch_view_.get(), &schema, &error) != NANOARROW_OK)
    throw std::runtime_error(ArrowErrorMessage(&error));
}

void OwnerStream::make_schemas(const std::vector<std::int64_t>& kept) {
  const std::vector<std::string> names = layout_.names(model_);
  for (std::int64_t index : kept) {
    const char* name = input_schema_->children[index]->name;
    for (const std::string& answer : names)
      if (name != nullptr && answer == name)
        throw usage_error(Code::arrow_column_clash,
                          Phrase(Message::arrow_column_kept_twice, {{"column", answer}}));
  }
  auto check = [](ArrowErrorCode code) {
    if (code != NANOARROW_OK) throw std::bad_alloc();
  };
  const auto answer_count = static_cast<std::int64_t>(names.size());
  ArrowSchemaInit(answer_schema_.get());
  check(ArrowSchemaSetTypeStruct(answer_schema_.get(), answer_count));
  layout_.add_fields(model_, answer_schema_.get(), 0);

  ArrowSchemaInit(output_schema_.get());
  const auto kept_count = static_cast<std::int64_t>(kept.size());
  check(ArrowSchemaSetTypeStruct(output_schema_.get(), kept_count + answer_count));
  for (std::int64_t i = 0; i < kept_count; ++i) {
    ArrowSchema* field = output_schema_->children[i];
    ArrowSchemaRelease(field);
    check(ArrowSchemaDeepCopy(input_schema_->children[kept[static_cast<std::size_t>(i)]], field));
  }
  layout_.add_fields(model_, output_schema_.get(), kept_count);

  nanoarrow::UniqueBuffer metadata;
  check(ArrowMetadataBuilderInit(metadata.get(), nullptr));
  check(ArrowMetadataBuilderAppend(metadata.get(), ArrowCharView("qingdan.rulebook"),
                                   ArrowCharView(model_.fingerprint.c_str())));
  check(ArrowMetadataBuilderAppend(metadata.get(), ArrowCharView("qingdan.version"),
                                   ArrowCharView(QINGDAN_VERSION)));
  check(
      ArrowSchemaSetMetadata(output_schema_.get(), reinterpret_cast<const char*>(metadata->data)));
}

int OwnerStream::get_next(ArrowArray* out) {
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
    last_error_ = worded(error, language_);
  } catch (const std::bad_alloc&) {
    last_error_ = "out of memory";
    return ENOMEM;
  } catch (const std::exception& error) {
    last_error_ = error.what();
  }
  return EINVAL;
}

void OwnerStream::answer_batch(const ArrowArray& batch, ArrowArray* out) {
  ArrowError error;
  ArrowErrorInit(&error);
  if (ArrowArrayViewSetArray(batch_view_.get(), &batch, &error) != NANOARROW_OK)
    throw std::runtime_error(ArrowErrorMessage(&error));
  const ArrowArrayView& view = *batch_view_.get();
  task_.start_batch(view, task_type_);
  place_.start_batch(view, place_type_);
  mode_.start_batch(view, mode_type_);
  at_ = at_value_ ? *at_value_ : DateColumn(view, at_type_);

  AnswerColumns answers(model_, layout_, *answer_schema_.get(), batch.length);
  for (std::int64_t row = 0; row < batch.length; ++row) answer_row(row, answers);
  nanoarrow::UniqueArray answered;
  answers.finish(answered.get());

  std::vector<ArrowArray*> columns;
  for (std::int64_t index : kept_) {
    ArrowArray* column = batch.children[index];
    slice_to_batch(*column, batch.offset, batch.length);
    columns.push_back(column);
  }
  for (std::int64_t i = 0; i < answered->n_children; ++i) columns.push_back(answered->children[i]);
  assemble_struct(batch.length, columns, out);
}

void OwnerStream::answer_row(std::int64_t row, AnswerColumns& answers) {
  for (TextParameter* parameter : {&task_, &place_, &mode_})
    if (parameter->is_missing(row)) return answers.add_error(null_message(parameter->name()));
  if (at_.is_null(row)) return answers.add_error(null_message(Message::arrow_parameter_date));

  const std::optional<Date> at = at_.at(row);
  if (!at)
    return answers.add_error(worded(
        Code::bad_date_value,
        Phrase(Message::bad_date, {{"text", at_.shown(row)}, {"key", at_type_.name}}), language_));

  std::uint32_t task = npos;
  if (task_.by_text()) {  // an id is found at once; names and free text go by the cache
    if (auto by_id = model_.task_by_id.find(task_.text(row)); by_id != model_.task_by_id.end())
      task = by_id->second;
  }
  if (task == npos) {
    const Resolution& resolved =
        task_.at(row, [this](std::string_view text) { return resolve_task(text); });
    if (!resolved.error.empty()) return answers.add_error(resolved.error);
    task = resolved.index;
  }
  const Resolution& place =
      place_.at(row, [this](std::string_view text) { return resolve_place(text); });
  if (!place.error.empty()) return answers.add_error(place.error);
  const Resolution& mode =
      mode_.at(row, [this](std::string_view text) { return resolve_mode(text); });
  if (!mode.error.empty()) return answers.add_error(mode.error);
  if (task == npos) return answers.add_unknown();

  const detail::ResolvedQuery query = detail::ResolvedQuery::at_place(
      model_, place.index == npos ? detail::JurisdictionTree::root : place.index, *at,
      mode.index == npos ? 0 : mode.index);
  const detail::ChosenByList chosen = detail::weigh_entries(model_, task, query);
  detail::RoleAssigner assigner(model_);
  assigner.apply(chosen);
  answers.add(detail::AnswerMaker::of(model_, task, *at, chosen, assigner), chosen);
}

// The C stream interface's callbacks over an OwnerStream.
OwnerStream& stream_of(ArrowArrayStream* stream) {
  return *static_cast<OwnerStream*>(stream->private_data);
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

void open_owner_stream(const Rulebook& book, ArrowArrayStream* input,
                       const OwnerQueryColumns& columns, ArrowArrayStream* output) {
  auto stream = std::make_unique<OwnerStream>(book, input, columns);
  output->get_schema = stream_get_schema;
  output->get_next = stream_get_next;
  output->get_last_error = stream_last_error;
  output->release = stream_release;
  output->private_data = stream.release();
}

std::vector<std::string> answer_column_names(const Rulebook& book,
                                             const OwnerQueryColumns& columns) {
  const Model& model = detail::Internals::model(book);
  return layout_for(model, columns).names(model);
}

}  // namespace qingdan::columnar
