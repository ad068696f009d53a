#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <qingdan/date.hpp>
#include <qingdan/four_lists.hpp>
#include <qingdan/language.hpp>
#include <qingdan/phrase.hpp>
#include <qingdan/reading.hpp>
#include <qingdan/task_ref.hpp>

namespace qingdan {

enum class Status : std::uint8_t {
  listed,    // some entry of the lists applies
  unlisted,  // in the catalogue, but no entry applies at that date, place and mode
  unknown,   // not in the catalogue
};

inline constexpr std::string_view to_string(Status status) {
  constexpr std::string_view keys[] = {"listed", "unlisted", "unknown"};
  return keys[static_cast<std::size_t>(status)];
}

struct Owner {
  std::string level;
  std::string department;  // empty when the list names none
  friend bool operator==(const Owner&, const Owner&) = default;
};

// One entry of one edition, as a decision cites it.
struct EntryRef {
  ListKind list = ListKind::power;
  std::string id;
  std::string edition;       // the edition's version label
  std::string jurisdiction;  // path of the jurisdiction the edition applies to
  std::string file;          // path relative to the rulebook folder
  std::uint32_t line = 0;
  std::string basis;
  // What a collaboration entry asks before its levels assist: funding, an approval, a limit.
  bool requires_funding = false;
  bool requires_approval = false;
  std::optional<double> max_per_month{};
  bool illustrative = false;  // its edition is a reconstruction, not the published text
  friend bool operator==(const EntryRef&, const EntryRef&) = default;
};

enum class EntryOutcome : std::uint8_t {
  applied,
  wrong_mode,                  // the entry applies in other modes only
  not_yet_in_force,            // its edition takes effect after the date
  expired,                     // its edition's `until` is before the date
  replaced,                    // a later edition of the same list and jurisdiction is in force
  overridden_by_jurisdiction,  // a more specific jurisdiction's entry applies instead
  overridden_by_task_entry,    // in the same edition a task entry beats a category entry
  other_kind,                  // the entry is for other kinds of place (街道, not 镇)
  for_kinds_below,             // it is for some kinds of place below the asked one: ask there
};

// An entry that matched the task, and what became of it; the raw material of explain().
struct Consideration {
  EntryRef entry;
  EntryOutcome outcome = EntryOutcome::applied;
  Phrase
      effect;  // what the entry says: "district (区) owns (区卫生健康委); village (村居) assists"
  Phrase reason;  // why it was skipped, empty when applied
};

// Roles by level, in the rulebook's level order (top to bottom).
class RoleMap {
 public:
  using value_type = std::pair<std::string, Role>;
  using const_iterator = std::vector<value_type>::const_iterator;

  RoleMap() = default;
  RoleMap(std::initializer_list<value_type> roles) : roles_(roles) {}

  const_iterator begin() const { return roles_.begin(); }
  const_iterator end() const { return roles_.end(); }
  std::size_t size() const { return roles_.size(); }
  bool empty() const { return roles_.empty(); }

  const_iterator find(std::string_view level) const {
    return std::find_if(roles_.begin(), roles_.end(),
                        [&](const value_type& role) { return role.first == level; });
  }
  bool contains(std::string_view level) const { return find(level) != end(); }
  Role at(std::string_view level) const {
    auto found = find(level);
    if (found == end()) throw std::out_of_range("no role for level " + std::string(level));
    return found->second;
  }
  // Appends; callers add levels in level order.
  void add(std::string level, Role role) { roles_.emplace_back(std::move(level), role); }

  friend bool operator==(const RoleMap&, const RoleMap&) = default;

 private:
  std::vector<value_type> roles_;
};

// The answer to "who owns this task", with the reasons.
struct Decision {
  std::string query;
  std::optional<TaskRef> task;
  Status status = Status::unknown;
  std::optional<Owner> owner;
  RoleMap roles;
  std::vector<EntryRef> entries;  // applied entries, in list order
  std::vector<Phrase> conflicts;  // the roles one entry gave and another overrode
  // For `unknown`: the catalogue tasks the text may mean, best first, with how sure and why
  // (the same ranking as Rulebook::read), and those tasks alone.
  std::vector<Candidate> candidates;
  std::vector<TaskRef> suggestions;

  // The question as answered: defaults filled in, jurisdiction as a full path.
  Date at{};
  std::string jurisdiction;
  std::string mode;
  // The rulebook's levels, top to bottom, and the mode's name, for naming them: "village (村居)".
  std::vector<Level> levels;
  std::string mode_name;
  // The kinds of place the question was answered for (the place's and those above it), top
  // down: {街道, 居} for a 居委会 of a street; empty in a rulebook without kinds.
  std::vector<Level> place_kinds;

  std::vector<Consideration> considered;  // applied and skipped entries, in the order weighed

  // Whether an entry was passed over because it is for some kinds of place below the asked one
  // (asked at a district, an entry for its 街道): the answer differs from place to place below.
  bool differs_below() const {
    return std::any_of(considered.begin(), considered.end(), [](const Consideration& item) {
      return item.outcome == EntryOutcome::for_kinds_below;
    });
  }

  // Whether an entry the answer rests on is from an illustrative edition: a reconstruction that a
  // reader must not take for the published list.
  bool illustrative() const {
    return std::any_of(entries.begin(), entries.end(),
                       [](const EntryRef& entry) { return entry.illustrative; });
  }

  // The reasoning as lines in `language`: the question, each entry considered and why it was
  // applied or skipped, the conflicts, and the answer.
  std::vector<std::string> explain(Language language = Language::en) const;
};

}  // namespace qingdan
