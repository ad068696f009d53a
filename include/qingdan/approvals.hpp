#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <qingdan/date.hpp>
#include <qingdan/task_ref.hpp>

namespace qingdan {

// A 准入 decision of a rulebook's approvals register (docs/format.md §5.6): a task, or a category
// of tasks, that may be sent to some levels below a jurisdiction from a date, on conditions.
struct Approval {
  std::string id;                   // its document number, as a directive item cites it
  std::optional<TaskRef> task;      // the task approved, or
  std::string category;             // the category approved
  std::string jurisdiction;         // full path; empty for the whole rulebook
  std::vector<std::string> levels;  // level ids
  Date from{};
  std::optional<Date> until;  // the last day in force
  std::optional<double> max_per_month;
  bool funding = false;  // on condition that funding comes with the task
  std::string issuer;
  std::string note;
  bool illustrative = false;  // a reconstruction, not the office's register
  std::string file;           // the rule file, relative to the rulebook folder
  std::uint32_t line = 0;

  bool in_force(Date at) const { return from <= at && (!until || at <= *until); }
  // In force on `at`, and ends within `days` days of it.
  bool expires_within(Date at, int days) const {
    return in_force(at) && until &&
           std::chrono::sys_days{*until} - std::chrono::sys_days{at} <= std::chrono::days{days};
  }
};

}  // namespace qingdan
