#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <qingdan/date.hpp>
#include <qingdan/directive.hpp>
#include <qingdan/four_lists.hpp>

#include "load/schema.hpp"

namespace qingdan::detail {

// What the readers take from each file before references between files are resolved: plain
// values with the positions that errors about them will need.

// A level, or a mode: its id, the name users read, other names they may write.
struct RawLevel {
  Located<std::string> id;
  Located<std::string> name;
  std::vector<Located<std::string>> aliases;
};

// A kind of place: a level-like name, the level its places are at, the endings of their names.
struct RawKind : RawLevel {
  Located<std::string> level;
  std::vector<Located<std::string>> suffixes;
};

// A mode, with how it treats 准入.
struct RawMode : RawLevel {
  bool approval_after = false;
  std::optional<std::uint32_t> report_within_days;
  std::optional<std::uint32_t> sunset_days;
};

// `caps:` one level's yearly caps by item type.
struct RawCaps {
  Located<std::string> level;
  std::vector<std::pair<ItemType, std::uint32_t>> per_year;
};

struct RawJurisdiction {
  Located<std::string> name;
  std::optional<Located<std::string>> kind;  // given in the tree; else taken from a suffix
  std::vector<RawJurisdiction> children;
};

struct RawRulebookFile {
  std::uint32_t file = 0;
  Position position;
  std::string name;
  std::vector<RawLevel> levels;
  Position levels_position;
  std::vector<RawMode> modes;
  std::vector<RawKind> kinds;
  std::vector<RawCaps> caps;
  Position kinds_position;
  std::optional<RawJurisdiction> root;
  std::vector<std::vector<Located<std::string>>> synonyms;
  std::vector<Located<std::string>> generic_words;
};

struct RawTask {
  std::uint32_t file = 0;
  Position position;
  Located<std::string> id;
  Located<std::string> name;
  std::vector<Located<std::string>> aliases;
  std::vector<Located<std::string>> keywords;
  std::optional<Located<std::string>> category;
};

struct RawEntry {
  Position position;
  Located<std::string> id;
  std::optional<Located<std::string>> task;
  std::optional<Located<std::string>> category;
  std::optional<Located<std::string>> owner_level;
  std::string owner_department;
  std::optional<std::vector<Located<std::string>>> levels;  // assist / levels / level
  bool requires_funding = false;
  bool requires_approval = false;
  std::optional<std::vector<Located<std::string>>> modes;
  std::optional<std::vector<Located<std::string>>> kinds;
  std::optional<double> max_per_month;
  std::string basis;
  std::string note;
  std::optional<Frequency> statutory_frequency;
  std::string statutory_basis;
};

struct RawEdition {
  std::uint32_t file = 0;
  Position position;
  ListKind list = ListKind::power;
  std::optional<Located<std::string>> jurisdiction;
  std::string version;
  Located<Date> effective;
  std::optional<Located<Date>> until;
  std::string title;
  std::string source;
  bool illustrative = false;
  std::vector<RawEntry> entries;
};

struct RawApproval {
  std::uint32_t file = 0;
  Position position;
  Located<std::string> id;
  std::optional<Located<std::string>> task;
  std::optional<Located<std::string>> category;
  std::optional<Located<std::string>> jurisdiction;
  std::optional<std::vector<Located<std::string>>> levels;
  Located<Date> from;
  std::optional<Located<Date>> until;
  std::optional<double> max_per_month;
  bool funding = false;
  std::string issuer;
  std::string note;
  bool illustrative = false;
};

struct RawTestCase {
  std::uint32_t file = 0;
  Position position;
  std::string name;
  std::string task;
  std::optional<Date> at;
  std::optional<Located<std::string>> jurisdiction;
  std::optional<Located<std::string>> mode;
  std::optional<Located<std::string>> status;
  std::optional<Located<std::string>> owner_level;
  std::optional<std::string> owner_department;
  std::optional<std::vector<std::pair<Located<std::string>, Located<std::string>>>> roles;
  std::vector<Located<std::string>> entries;
};

struct RawRules {
  std::vector<RawRulebookFile> rulebooks;
  std::vector<RawTask> tasks;
  std::vector<RawEdition> editions;
  std::vector<RawTestCase> test_cases;
  std::vector<RawApproval> approvals;
  // A file other than a tests file reported an error while it was read, so entries may be
  // missing: test cases are not checked against the entries that were read (no QL212).
  bool incomplete = false;
};

}  // namespace qingdan::detail
