#pragma once

// Decisions made on demand. The owner query's Answer (status, owner, roles) is made at once and
// allocates nothing; the full Decision, with entries, conflicts and explain(), only when one of
// those is read. A batch keeps one Answer per task and hands out LazyDecisions by index.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <pybind11/pybind11.h>

#include <qingdan/detail/model.hpp>
#include <qingdan/detail/owner_engine.hpp>
#include <qingdan/qingdan.hpp>
#include "answer/internals.hpp"

namespace qingdan::python {

namespace py = pybind11;

class LazyDecision {
 public:
  // `query` has its date filled in, so that the full Decision answers the same question.
  LazyDecision(Rulebook book, std::string text, Query query, const Answer& answer)
      : book_(std::move(book)), text_(std::move(text)), query_(std::move(query)), answer_(answer) {}

  const Rulebook& book() const { return book_; }
  const std::string& text() const { return text_; }
  const Answer& answer() const { return answer_; }
  std::optional<TaskRef> task() const {
    const detail::Model& model = detail::Internals::model(book_);
    auto found = model.task_by_id.find(answer_.task_id());
    if (found == model.task_by_id.end()) return std::nullopt;
    return detail::task_ref(model, found->second);
  }
  const Decision& full() const {
    if (!full_) full_ = book_.owner(text_, query_);
    return *full_;
  }

 private:
  Rulebook book_;
  std::string text_;
  Query query_;
  Answer answer_;
  mutable std::optional<Decision> full_;
};

// Rulebook.owners: one Answer per task text, and columns of them for a caller that wants one
// field of every decision.
class DecisionBatch {
 public:
  DecisionBatch(Rulebook book, py::tuple texts, Query query, std::vector<Answer> answers)
      : book_(std::move(book)),
        texts_(std::move(texts)),
        query_(std::move(query)),
        answers_(std::move(answers)) {}

  std::size_t size() const { return answers_.size(); }
  LazyDecision at(std::ptrdiff_t index) const;
  const std::vector<Answer>& answers() const { return answers_; }
  const Rulebook& book() const { return book_; }

 private:
  Rulebook book_;
  py::tuple texts_;  // the task texts, kept alive for the decisions made later
  Query query_;
  std::vector<Answer> answers_;
};

// The task texts of `tasks` (any iterable of str) as views into the kept tuple `texts`.
std::vector<std::string_view> task_texts(const py::tuple& texts, Language language);

void bind_decisions(py::module_& m);

}  // namespace qingdan::python
