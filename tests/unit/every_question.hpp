#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <string>

#include <qingdan/qingdan.hpp>
#include "answer/internals.hpp"

namespace qingdan::testing {

// Under a sanitizer, which makes each question many times slower, one question in seven is
// asked: the same code is run, and the plain build asks every question.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
inline constexpr std::size_t question_stride = 7;
#else
inline constexpr std::size_t question_stride = 1;
#endif

// Every question worth asking a rulebook: each task, in each jurisdiction and mode, on each day an
// edition starts or ends and on the days either side (one in question_stride under a sanitizer).
// Calls ask(task id, query) for each and stops at the first failed expectation; returns how many
// were asked.
template <class Ask>
std::size_t ask_every_question(const Rulebook& book, Ask ask) {
  using std::chrono::days;
  using std::chrono::sys_days;
  const detail::Model& model = detail::Internals::model(book);
  std::set<Date> dates;
  for (const detail::EditionRecord& edition : model.editions)
    for (Date date : {edition.effective, edition.until.value_or(edition.effective)})
      for (Date day : {Date{sys_days{date} - days{1}}, date, Date{sys_days{date} + days{1}}})
        dates.insert(day);
  std::size_t asked = 0, seen = 0;
  for (Date at : dates)
    for (std::uint32_t node = 0; node < model.jurisdictions.size(); ++node)
      for (const std::string& mode : model.mode_ids())
        for (const detail::TaskRecord& task : model.tasks) {
          if (seen++ % question_stride != 0) continue;
          Query query{at, model.jurisdictions.node(node).path, mode};
          SCOPED_TRACE(task.id + " at " + to_iso(at) + " in '" + query.jurisdiction + "' " + mode);
          ask(task.id, query);
          ++asked;
          if (::testing::Test::HasFailure()) return asked;
        }
  return asked;
}

}  // namespace qingdan::testing
