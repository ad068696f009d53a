#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <boost/unordered/unordered_flat_map.hpp>

#include <qingdan/date.hpp>
#include <qingdan/decision.hpp>
#include <qingdan/detail/jurisdiction_tree.hpp>
#include <qingdan/detail/string_hash.hpp>
#include <qingdan/directive.hpp>
#include <qingdan/four_lists.hpp>

namespace qingdan {}  // namespace qingdan

namespace qingdan::detail {

struct Model;
class ReadingIndex;  // src/reading/reading_index.cpp

// Builds the index that reads free texts against `model`'s catalogue.
std::shared_ptr<const ReadingIndex> build_reading_index(const Model& model);

using LevelSet = std::uint64_t;  // bit i stands for levels[i]
using ModeSet = std::uint64_t;   // bit i stands for modes[i]; 0 means every mode

using KindSet = std::uint64_t;  // bit k stands for kinds[k]; 0 on an entry means every place

inline constexpr std::size_t max_levels = 64;
inline constexpr std::size_t max_modes = 64;
inline constexpr std::size_t max_kinds = 64;

// A kind of place at one level (街道 and 镇 among towns, 村 and 居 among villages): the lists may
// say one thing for streets and another for towns. A place is of the kind its tree node names, or
// of the kind whose suffix its name ends with.
struct PlaceKind : Level {
  std::uint32_t level = 0;
  std::vector<std::string> suffixes;
};

inline bool mode_applies(ModeSet modes, std::uint32_t mode) {
  return modes == 0 || (modes >> mode) & 1U;
}

// Whether an entry for places of `entry_kinds` applies at a place whose own and enclosing places
// are of `place_kinds`.
inline bool kind_applies(KindSet entry_kinds, KindSet place_kinds) {
  return entry_kinds == 0 || (entry_kinds & place_kinds) != 0;
}

struct TaskRecord {
  std::string id;
  std::string name;
  std::vector<std::string> aliases;
  std::vector<std::string> keywords;          // words a directive may use for it; never exact
  std::uint32_t category = npos;              // index into Model::categories
  std::vector<std::string> normalized_texts;  // of the name and each alias
};

// The fields a query reads come first, so that weighing an entry touches one cache line.
struct EntryRecord {
  ModeSet modes = 0;
  KindSet kinds = 0;
  LevelSet levels = 0;  // collaboration: assist; negative: forbidden; self_governance: its level
  std::uint32_t owner_level = npos;  // power and collaboration entries
  std::uint32_t task = npos;         // exactly one of task and category is set
  std::uint32_t category = npos;
  std::string id;
  std::string owner_department;
  bool requires_funding = false;
  bool requires_approval = false;
  std::optional<double> max_per_month;
  std::string basis;
  std::string note;
  // self_governance: a duty the law itself sets, with its rhythm (村务公开 at least quarterly):
  // a directive that restates it at that rhythm or less is no interference.
  std::optional<Frequency> statutory_frequency;
  std::string statutory_basis;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

struct EditionRecord {
  ListKind list = ListKind::power;
  std::uint32_t jurisdiction = JurisdictionTree::root;
  std::string version;
  Date effective{};
  std::optional<Date> until;
  std::optional<Date> replaced_on;  // when the next edition of the same list and place starts
  std::string title;
  std::string source;
  bool illustrative = false;  // a reconstruction, not the published text
  std::uint32_t file = 0;     // index into Model::files
  std::uint32_t line = 0;
  std::vector<EntryRecord> entries;
  boost::unordered_flat_map<std::uint32_t, std::uint32_t> first_entry_by_task;
  boost::unordered_flat_map<std::uint32_t, std::uint32_t> first_entry_by_category;
};

// An entry a decision about some task weighs: one that names the task or its category. What a
// query reads of the entry is copied here, so that answering never leaves this array.
struct EntryMatch {
  std::uint32_t edition = 0;
  std::uint32_t entry = 0;
  ModeSet modes = 0;
  KindSet kinds = 0;
  LevelSet levels = 0;
  std::uint32_t owner_level = npos;

  void copy_from(const EntryRecord& record) {
    modes = record.modes;
    kinds = record.kinds;
    levels = record.levels;
    owner_level = record.owner_level;
  }
};

struct TestExpectation {
  std::optional<Status> status;
  std::optional<std::string> owner_level;
  std::optional<std::string> owner_department;
  std::optional<RoleMap> roles;
  std::vector<std::string> entries;
};

// A 准入 decision of the rulebook's approvals register (`kind: approvals`): the office that
// reviews directives allowed a task, or a category of tasks, to be sent to some levels below a
// jurisdiction, from a date, on conditions. A directive item cites it by its id.
struct ApprovalRecord {
  std::string id;             // the approval's document number
  std::uint32_t task = npos;  // exactly one of task and category is set
  std::uint32_t category = npos;
  std::uint32_t jurisdiction = JurisdictionTree::root;  // directives issued here or below
  LevelSet levels = 0;
  Date from{};
  std::optional<Date> until;  // the last day in force
  std::optional<double> max_per_month;
  bool funding = false;  // granted on condition that funding comes with the task
  std::string issuer;
  std::string note;
  bool illustrative = false;  // a reconstruction, not the office's register
  std::uint32_t file = 0;     // index into Model::files
  std::uint32_t line = 0;

  bool in_force(Date at) const { return from <= at && (!until || at <= *until); }
};

// How a mode treats 准入 (`modes:` in kind: rulebook): in an emergency a task not on the lists
// may go ahead and be reported afterwards (事后补报) within some days, and what is ordered in
// the mode must end within some days.
struct ModeRules {
  bool approval_after = false;
  std::optional<std::uint32_t> report_within_days;
  std::optional<std::uint32_t> sunset_days;
};

// A yearly cap on the items of one type a place at one level may be given (`caps:`).
struct Cap {
  std::uint32_t level = 0;
  ItemType type = ItemType::task;
  std::uint32_t per_year = 0;
};

// A case of a `kind: tests` file: a question and what its author expects.
struct TestCase {
  std::string name;
  std::string task;
  std::optional<Date> at;
  std::string jurisdiction;  // full path
  std::string mode;
  TestExpectation expect;
  std::uint32_t file = 0;
  std::uint32_t line = 0;
};

// A loaded rulebook, compact and immutable; shared by every copy of a qingdan::Rulebook.
struct Model {
  std::string name;
  std::string fingerprint;
  std::vector<Level> levels;
  std::vector<Mode> modes;
  std::vector<PlaceKind> kinds;
  JurisdictionTree jurisdictions;
  std::vector<std::string> files;  // relative paths of the rule files, in byte order

  std::vector<TaskRecord> tasks;
  std::vector<std::string> categories;
  // Ids are short enough to sit in the map itself (one cache miss less for the common lookup);
  // the normalised names and aliases are viewed in the tasks, which never move once loaded.
  StringMap<std::uint32_t> task_by_id;
  StringViewMap<std::uint32_t> task_by_text;
  // The names and aliases exactly as written: a query that quotes one needs no normalisation
  // (its normalised form names the same task, or the rulebook would not have loaded).
  StringViewMap<std::uint32_t> task_by_written;
  StringMap<std::uint32_t> category_by_name;

  // What reading free texts needs beyond the catalogue: groups of words that mean the same, the
  // first of each the one a reading compares under, and generic directive words (做好, 各村)
  // beyond the list qingdan ships (src/reading/generic_words.txt).
  std::vector<std::vector<std::string>> synonyms;
  std::vector<std::string> generic_words;

  // The index that reads free texts, built on the first text that names no task: loading does
  // not pay for it, and most queries never need it.
  const ReadingIndex& reading_index() const {
    std::call_once(reading_index_built_, [this] { reading_index_ = build_reading_index(*this); });
    return *reading_index_;
  }

  std::vector<EditionRecord> editions;
  // (jurisdiction, list) -> editions, oldest first
  boost::unordered_flat_map<std::uint64_t, std::vector<std::uint32_t>> editions_by_place;

  // Every task's entries in the order a decision weighs them: by list, the most specific
  // jurisdiction first, the newest edition first, task entries before category entries. A query
  // reads one contiguous run instead of probing every edition of its jurisdiction chain.
  std::vector<EntryMatch> matches;
  std::vector<std::uint32_t> first_match;  // per task, then one past the last match

  std::vector<TestCase> test_cases;

  std::vector<ApprovalRecord> approvals;  // in file order
  StringMap<std::uint32_t> approval_by_id;
  std::vector<ModeRules> mode_rules;  // one per mode
  std::vector<Cap> caps;              // by level, then type

  std::span<const EntryMatch> matches_of(std::uint32_t task) const {
    return {matches.data() + first_match[task], matches.data() + first_match[task + 1]};
  }

  // Adds a task's id, normalised texts and texts as written to the indexes; false when the id or
  // a normalised text was already another's (the loader refuses those before; a snapshot might
  // not). A text written twice keeps its first task, as normalising would find it.
  bool index_task(std::uint32_t task) {
    const TaskRecord& record = tasks[task];
    bool distinct = task_by_id.emplace(record.id, task).second;
    for (const std::string& text : record.normalized_texts)
      distinct = task_by_text.emplace(text, task).second && distinct;
    task_by_written.emplace(record.name, task);
    for (const std::string& alias : record.aliases) task_by_written.emplace(alias, task);
    return distinct;
  }

  static std::uint64_t place_key(std::uint32_t jurisdiction, ListKind list) {
    return (std::uint64_t{jurisdiction} << 2) | static_cast<std::uint64_t>(list);
  }

  const std::vector<std::uint32_t>* editions_at(std::uint32_t jurisdiction, ListKind list) const {
    auto found = editions_by_place.find(place_key(jurisdiction, list));
    return found == editions_by_place.end() ? nullptr : &found->second;
  }

  std::vector<std::string> level_ids() const {
    std::vector<std::string> ids;
    for (const Level& level : levels) ids.push_back(level.id);
    return ids;
  }

  std::vector<std::string> mode_ids() const {
    std::vector<std::string> ids;
    for (const Mode& mode : modes) ids.push_back(mode.id);
    return ids;
  }

  // The level (or mode, or kind) a text names: its id, its name or an alias, as written.
  template <class Named>
  static std::optional<std::uint32_t> named_index(const std::vector<Named>& named,
                                                  std::string_view text) {
    for (std::uint32_t i = 0; i < named.size(); ++i)
      if (named[i].id == text) return i;
    for (std::uint32_t i = 0; i < named.size(); ++i)
      if ((!named[i].name.empty() && named[i].name == text) ||
          std::find(named[i].aliases.begin(), named[i].aliases.end(), text) !=
              named[i].aliases.end())
        return i;
    return std::nullopt;
  }
  std::optional<std::uint32_t> level_index(std::string_view text) const {
    return named_index(levels, text);
  }
  std::optional<std::uint32_t> mode_index(std::string_view text) const {
    return named_index(modes, text);
  }
  std::optional<std::uint32_t> kind_index(std::string_view text) const {
    return named_index(kinds, text);
  }
  // The kind whose suffix a name at `level` ends with, the longest suffix first; npos if none.
  std::uint32_t kind_by_suffix(std::uint32_t level, std::string_view place) const {
    std::uint32_t best = npos;
    std::size_t longest = 0;
    for (std::uint32_t k = 0; k < kinds.size(); ++k) {
      if (kinds[k].level != level) continue;
      for (const std::string& suffix : kinds[k].suffixes)
        if (suffix.size() > longest && place.size() > suffix.size() && place.ends_with(suffix)) {
          best = k;
          longest = suffix.size();
        }
    }
    return best;
  }

  // Every id, name and alias, for "did you mean".
  template <class Named>
  static std::vector<std::string> words_of(const std::vector<Named>& named) {
    std::vector<std::string> words;
    for (const Level& level : named) {
      words.push_back(level.id);
      if (!level.name.empty()) words.push_back(level.name);
      words.insert(words.end(), level.aliases.begin(), level.aliases.end());
    }
    return words;
  }
  std::vector<std::string> level_words() const { return words_of(levels); }
  std::vector<std::string> mode_words() const { return words_of(modes); }
  std::vector<std::string> kind_words() const { return words_of(kinds); }

 private:
  mutable std::once_flag reading_index_built_;
  mutable std::shared_ptr<const ReadingIndex> reading_index_;
};

}  // namespace qingdan::detail
