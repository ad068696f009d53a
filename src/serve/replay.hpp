#pragma once

#include <cstddef>
#include <istream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <qingdan/rulebook.hpp>

namespace qingdan::serve {

// What a decision said: as the log has it (a field masked out of it left empty), or as a
// rulebook answers it again.
struct LoggedAnswer {
  std::string status;
  std::string task_id;
  std::optional<Owner> owner;
  std::map<std::string, std::string> roles;  // level id -> role
  friend bool operator==(const LoggedAnswer&, const LoggedAnswer&) = default;
};

// A logged decision a rulebook answers otherwise.
struct ReplayChange {
  std::size_t line = 0;  // in the log, from 1
  std::string task, at, in, mode;
  LoggedAnswer before, after;
  std::string error;  // when the rulebook cannot answer the question at all (a place it lacks)
};

struct ReplayResult {
  std::size_t decisions = 0;  // lines replayed
  std::size_t unchanged = 0;
  std::size_t masked = 0;  // lines whose question was masked out of the log: cannot be replayed
  std::vector<std::size_t> unreadable;  // lines that are not a decision of the log
  std::vector<ReplayChange> changes;
};

// Asks `book` every question of a decision log (`qingdan serve --log`) again, on the date, in
// the place and mode the logged answer was given for, and lists the answers that would change:
// the change impact of publishing a new edition. A line is read up to 1 MiB.
ReplayResult replay_decisions(std::istream& log, const Rulebook& book);

}  // namespace qingdan::serve
