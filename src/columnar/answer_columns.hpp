#pragma once

// The answer columns of the columnar owner query, built one row at a time: status, task_id,
// owner_level, owner_department, a role column per level asked for, entries, error, and the
// rulebook's fingerprint when asked.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nanoarrow/nanoarrow.hpp>

#include <qingdan/answer.hpp>
#include <qingdan/detail/entry_weighing.hpp>
#include <qingdan/detail/model.hpp>

namespace qingdan::columnar {

// The answer columns' names and types, in order.
struct AnswerLayout {
  std::vector<std::uint32_t> role_levels;  // indices in the model's levels, one column each
  bool fingerprint = false;

  // "status", "task_id", … in the order of the columns.
  std::vector<std::string> names(const detail::Model& model) const;
  // Appends the answer fields to the struct schema `batch` (whose kept fields come first).
  void add_fields(const detail::Model& model, ArrowSchema* batch, std::int64_t first) const;
};

class AnswerColumns {
 public:
  // `answers` is a struct schema holding only the answer fields.
  AnswerColumns(const detail::Model& model, const AnswerLayout& layout, const ArrowSchema& answers,
                std::int64_t rows);

  // A task the catalogue does not hold: status unknown, no entries.
  void add_unknown();
  // A known task's answer and the entries that made it; `task_id` is the answer's task id,
  // given by a caller that has it at hand (the row's own text) so the model's copy, cold in a
  // large catalogue, is not read.
  void add(const Answer& answer, std::string_view task_id, const detail::ChosenByList& chosen);
  // A row that could not be asked: every answer null but the error.
  void add_error(std::string_view message);

  // The columns as a struct array; the builder is spent.
  void finish(ArrowArray* out);

 private:
  void add_fingerprint();

  const detail::Model& model_;
  const AnswerLayout& layout_;
  nanoarrow::UniqueArray array_;
  ArrowArray* status_;
  ArrowArray* task_id_;
  ArrowArray* owner_level_;
  ArrowArray* owner_department_;
  std::span<ArrowArray*> roles_;
  ArrowArray* entries_;
  ArrowArray* error_;
  ArrowArray* fingerprint_ = nullptr;
};

}  // namespace qingdan::columnar
