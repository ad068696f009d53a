#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include <qingdan/date.hpp>
#include <qingdan/four_lists.hpp>

namespace qingdan {

// One edition of a list, as its rule file declares it (docs/format.md §4): what a reviewer needs
// to see which documents are in force where.
struct Edition {
  ListKind list = ListKind::power;
  std::string jurisdiction;  // full path
  std::string version;
  Date effective{};
  std::optional<Date> until;        // as the file writes it
  std::optional<Date> replaced_on;  // when the next edition of the same list and place starts
  std::string title;
  std::string source;
  bool illustrative = false;  // a reconstruction, not the published text
  std::string file;           // relative to the rulebook folder
  std::uint32_t line = 0;
  std::size_t entries = 0;

  // In force on `day`: effective, not past its until, not yet replaced.
  bool in_force(Date day) const {
    return effective <= day && (!until || day <= *until) && (!replaced_on || day < *replaced_on);
  }
};

// A place of the jurisdiction tree, in the tree's order (a place before the places below it).
struct Jurisdiction {
  std::string name;
  std::string path;
  std::string parent;  // the parent's path; empty for the root
  std::string level;   // id of the level its depth stands for; empty below the last level
};

}  // namespace qingdan
