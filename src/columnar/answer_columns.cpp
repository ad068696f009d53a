#include "columnar/answer_columns.hpp"

#include "columnar/batch_stream.hpp"

#include <stdexcept>

namespace qingdan::columnar {

namespace {

void set_field(ArrowSchema* field, std::string_view name, ArrowType type) {
  check_appended(ArrowSchemaSetType(field, type));
  check_appended(ArrowSchemaSetName(field, std::string(name).c_str()));
}

}  // namespace

std::vector<std::string> AnswerLayout::names(const detail::Model& model) const {
  std::vector<std::string> names{"status", "task_id", "owner_level", "owner_department"};
  for (std::uint32_t level : role_levels) names.push_back("role_" + model.levels[level].id);
  names.insert(names.end(), {"entries", "error"});
  if (fingerprint) names.emplace_back("rulebook");
  return names;
}

void AnswerLayout::add_fields(const detail::Model& model, ArrowSchema* batch,
                              std::int64_t first) const {
  std::int64_t field = first;
  for (const std::string& name : names(model)) {
    ArrowSchema* schema = batch->children[field++];
    if (name == "entries") {
      set_field(schema, name, NANOARROW_TYPE_LIST);
      set_field(schema->children[0], "item", NANOARROW_TYPE_STRING);
    } else {
      set_field(schema, name, NANOARROW_TYPE_STRING);
    }
  }
}

AnswerColumns::AnswerColumns(const detail::Model& model, const AnswerLayout& layout,
                             const ArrowSchema& answers, std::int64_t rows)
    : model_(model), layout_(layout) {
  ArrowError error;
  if (ArrowArrayInitFromSchema(array_.get(), &answers, &error) != NANOARROW_OK)
    throw std::runtime_error(ArrowErrorMessage(&error));
  check_appended(ArrowArrayStartAppending(array_.get()));
  check_appended(ArrowArrayReserve(array_.get(), rows));
  ArrowArray** child = array_->children;
  status_ = *child++;
  task_id_ = *child++;
  owner_level_ = *child++;
  owner_department_ = *child++;
  roles_ = std::span<ArrowArray*>(child, layout.role_levels.size());
  child += layout.role_levels.size();
  entries_ = *child++;
  error_ = *child++;
  if (layout.fingerprint) fingerprint_ = *child;
}

void AnswerColumns::add_unknown() {
  check_appended(ArrowArrayAppendString(status_, view_of(to_string(Status::unknown))));
  for (ArrowArray* column : {task_id_, owner_level_, owner_department_, error_})
    check_appended(ArrowArrayAppendNull(column, 1));
  for (ArrowArray* role : roles_) check_appended(ArrowArrayAppendNull(role, 1));
  check_appended(ArrowArrayFinishElement(entries_));
  add_fingerprint();
  check_appended(ArrowArrayFinishElement(array_.get()));
}

void AnswerColumns::add(const Answer& answer, std::string_view task_id,
                        const detail::ChosenByList& chosen) {
  check_appended(ArrowArrayAppendString(status_, view_of(to_string(answer.status()))));
  check_appended(ArrowArrayAppendString(task_id_, view_of(task_id)));
  if (answer.has_owner()) {
    check_appended(ArrowArrayAppendString(owner_level_, view_of(answer.owner_level())));
  } else {
    check_appended(ArrowArrayAppendNull(owner_level_, 1));
  }
  if (std::string_view department = answer.owner_department(); !department.empty()) {
    check_appended(ArrowArrayAppendString(owner_department_, view_of(department)));
  } else {
    check_appended(ArrowArrayAppendNull(owner_department_, 1));
  }
  for (std::size_t i = 0; i < roles_.size(); ++i) {
    if (auto role = answer.role_at(layout_.role_levels[i])) {
      check_appended(ArrowArrayAppendString(roles_[i], view_of(to_string(*role))));
    } else {
      check_appended(ArrowArrayAppendNull(roles_[i], 1));
    }
  }
  for (const detail::Chosen& one : chosen)
    if (one.entry != nullptr)
      check_appended(ArrowArrayAppendString(entries_->children[0], view_of(one.entry->id)));
  check_appended(ArrowArrayFinishElement(entries_));
  check_appended(ArrowArrayAppendNull(error_, 1));
  add_fingerprint();
  check_appended(ArrowArrayFinishElement(array_.get()));
}

void AnswerColumns::add_error(std::string_view message) {
  for (ArrowArray* column : {status_, task_id_, owner_level_, owner_department_, entries_})
    check_appended(ArrowArrayAppendNull(column, 1));
  for (ArrowArray* role : roles_) check_appended(ArrowArrayAppendNull(role, 1));
  check_appended(ArrowArrayAppendString(error_, view_of(message)));
  add_fingerprint();
  check_appended(ArrowArrayFinishElement(array_.get()));
}

void AnswerColumns::add_fingerprint() {
  if (fingerprint_ != nullptr)
    check_appended(ArrowArrayAppendString(fingerprint_, view_of(model_.fingerprint)));
}

void AnswerColumns::finish(ArrowArray* out) {
  ArrowError error;
  if (ArrowArrayFinishBuildingDefault(array_.get(), &error) != NANOARROW_OK)
    throw std::runtime_error(ArrowErrorMessage(&error));
  ArrowArrayMove(array_.get(), out);
}

}  // namespace qingdan::columnar
