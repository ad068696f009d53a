#include "columnar/owner_stream.hpp"

#include <optional>
#include <string_view>

#include <nanoarrow/nanoarrow.hpp>

#include <qingdan/detail/normalize.hpp>
#include <qingdan/detail/owner_engine.hpp>
#include <qingdan/error.hpp>

#include "answer/internals.hpp"
#include "columnar/answer_columns.hpp"
#include "columnar/batch_stream.hpp"
#include "columnar/text_parameter.hpp"

namespace qingdan::columnar {

namespace {

using detail::Code;
using detail::Message;
using detail::Model;
using detail::npos;

// What a text names in the rulebook (a task, a place, a mode), or why its rows get no answer.
// A task the catalogue does not hold is neither: index npos, no error (status unknown).
struct Resolution {
  std::uint32_t index = npos;
  std::string error;
};

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

// The owner query of each row, with the caches its rows fill.
class OwnerAnswers : public BatchAnswers {
 public:
  OwnerAnswers(const Rulebook& book, const OwnerQueryColumns& columns, const ArrowSchema& input);

  std::vector<std::string> names() const override { return layout_.names(model_); }
  void add_fields(ArrowSchema* batch, std::int64_t first) const override {
    layout_.add_fields(model_, batch, first);
  }
  void answer(const ArrowArrayView& batch, std::int64_t rows, const ArrowSchema& answers,
              ArrowArray* out) override;
  Language language() const override { return language_; }

 private:
  void answer_row(std::int64_t row, AnswerColumns& answers);
  Resolution resolve_task(std::string_view text) const;
  Resolution resolve_place(std::string_view text) const;
  Resolution resolve_mode(std::string_view text) const;
  std::string missing(Message parameter) const {
    return worded(Code::arrow_null_value,
                  Phrase(Message::arrow_null_value, {{"parameter", Phrase(parameter, {})}}),
                  language_);
  }

  Rulebook book_;  // the answers outlive the caller's copy
  const Model& model_;
  Language language_;
  AnswerLayout layout_;
  TextParameter<Resolution> task_;
  TextParameter<Resolution> place_;
  TextParameter<Resolution> mode_;
  ColumnType at_type_;
  std::optional<DateColumn> at_value_;
  DateColumn at_;
};

OwnerAnswers::OwnerAnswers(const Rulebook& book, const OwnerQueryColumns& columns,
                           const ArrowSchema& input)
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
  task_.find_column(input);
  place_.find_column(input);
  mode_.find_column(input);
  switch (columns.at.from) {
    case Parameter::From::column:
      at_type_ =
          column_type(input, columns.at.text, Message::arrow_parameter_date, ColumnUse::date);
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
}

Resolution OwnerAnswers::resolve_task(std::string_view text) const {
  if (!detail::is_valid_utf8(text))
    return {npos, worded(Code::query_not_utf8, Phrase(Message::text_not_utf8, {}), language_)};
  std::string normalized;
  return {detail::resolve_task(model_, text, normalized).value_or(npos), {}};
}

Resolution OwnerAnswers::resolve_place(std::string_view text) const {
  try {
    return {detail::resolve_jurisdiction(model_, text), {}};
  } catch (const Error& error) {
    return {npos, worded(error, language_)};
  }
}

Resolution OwnerAnswers::resolve_mode(std::string_view text) const {
  try {
    return {detail::resolve_mode(model_, text), {}};
  } catch (const Error& error) {
    return {npos, worded(error, language_)};
  }
}

void OwnerAnswers::answer(const ArrowArrayView& batch, std::int64_t rows,
                          const ArrowSchema& answers, ArrowArray* out) {
  task_.start_batch(batch);
  place_.start_batch(batch);
  mode_.start_batch(batch);
  at_ = at_value_ ? *at_value_ : DateColumn(batch, at_type_);
  AnswerColumns columns(model_, layout_, answers, rows);
  for (std::int64_t row = 0; row < rows; ++row) {
    if (auto missing = missing_row(batch, row, language_)) {
      columns.add_error(*missing);
    } else {
      answer_row(row, columns);
    }
  }
  columns.finish(out);
}

void OwnerAnswers::answer_row(std::int64_t row, AnswerColumns& answers) {
  for (const TextParameter<Resolution>* parameter : {&task_, &place_, &mode_})
    if (parameter->is_missing(row)) return answers.add_error(missing(parameter->name()));
  if (at_.is_null(row)) return answers.add_error(missing(Message::arrow_parameter_date));

  const std::optional<Date> at = at_.at(row);
  if (!at)
    return answers.add_error(worded(
        Code::bad_date_value,
        Phrase(Message::bad_date, {{"text", at_.shown(row)}, {"key", at_type_.name}}), language_));

  std::uint32_t task = npos;
  std::string_view task_id;
  if (task_.by_text()) {  // an id, name or alias as written is found at once; others go by
                          // the cache, which keeps what their normalised forms named
    const std::string_view text = task_.text(row);
    if (auto by_id = model_.task_by_id.find(text); by_id != model_.task_by_id.end()) {
      task = by_id->second;
      task_id = text;
    } else if (auto as_written = model_.task_by_written.find(text);
               as_written != model_.task_by_written.end()) {
      task = as_written->second;
    }
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
  const Answer answer = detail::AnswerMaker::of(model_, task, *at, chosen, assigner);
  answers.add(answer, task_id.empty() ? answer.task_id() : task_id, chosen);
}

}  // namespace

void open_owner_stream(const Rulebook& book, ArrowArrayStream* input,
                       const OwnerQueryColumns& columns, ArrowArrayStream* output) {
  open_batch_stream(
      input,
      [&](const ArrowSchema& schema) {
        return std::make_unique<OwnerAnswers>(book, columns, schema);
      },
      columns.keep, book.fingerprint(), output);
}

std::vector<std::string> answer_column_names(const Rulebook& book,
                                             const OwnerQueryColumns& columns) {
  const Model& model = detail::Internals::model(book);
  return layout_for(model, columns).names(model);
}

}  // namespace qingdan::columnar
