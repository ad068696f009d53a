#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <qingdan/date.hpp>
#include <qingdan/decision.hpp>
#include <qingdan/load_options.hpp>
#include <qingdan/source_position.hpp>

namespace qingdan {

// How often an item recurs, and its rate per month (docs/format.md §8.3: daily 30, weekly 52/12,
// monthly 1, quarterly 1/3, yearly 1/12, once 1; {times: n, per: day|week|month|year}
// accordingly).
struct Frequency {
  std::string text;  // as written: "daily", "3 per week"
  double per_month = 0;
};

// A one-off item: its load counts in the month it is issued, and it sets no rhythm.
// A frequency keeps its word as written, in either language.
inline bool is_once(const Frequency& frequency) {
  return frequency.text == "once" || frequency.text == "一次";
}

// The largest figures an item may give (docs/format.md §8.2 and §11). A larger one is a slip
// of the keyboard, and the hours a check multiplies out of it could overflow.
inline constexpr double max_times = 10'000;         // `times` in {times, per}
inline constexpr double max_effort_hours = 10'000;  // per occurrence and per unit

// Whether an item's effort is per village, per household or per person.
enum class EffortUnit : std::uint8_t { village, household, person };

inline constexpr std::string_view to_string(EffortUnit unit) {
  constexpr std::string_view keys[] = {"village", "household", "person"};
  return keys[static_cast<std::size_t>(unit)];
}

// What an item asks of the places it goes to, for the yearly caps a rulebook may set (`caps:`,
// docs/format.md §3.7): a form, a report (报表), an inspection (督查检查考核), a meeting, an app (a
// new platform or 打卡 app), a sign (牌子), a campaign (创建/达标), or any other task.
enum class ItemType : std::uint8_t { task, form, report, inspection, meeting, app, sign, campaign };

inline constexpr std::size_t item_type_count = 8;

inline constexpr std::string_view to_string(ItemType type) {
  constexpr std::string_view keys[] = {"task",    "form", "report", "inspection",
                                       "meeting", "app",  "sign",   "campaign"};
  return keys[static_cast<std::size_t>(type)];
}

inline std::optional<ItemType> item_type_from(std::string_view key) {
  for (std::size_t i = 0; i < item_type_count; ++i)
    if (to_string(static_cast<ItemType>(i)) == key) return static_cast<ItemType>(i);
  return std::nullopt;
}

// A form the item asks villages to fill in.
struct Form {
  std::string name;
  std::vector<std::string> fields;
};

struct DirectiveItem {
  std::string task;  // id, name or alias, resolved against a rulebook when checked
  std::string to;    // target level; empty means the lowest level
  Frequency frequency;
  double effort_hours = 0;  // per occurrence and per unit
  EffortUnit per = EffortUnit::village;
  bool funding = false;  // does funding come with the task (费随事转)?
  ItemType type = ItemType::task;
  // The 准入 approval the item cites (`approved: 示例准入〔2022〕1号`), checked against the
  // rulebook's approvals register; empty when it cites none.
  std::string approval;
  bool self_approved = false;  // `approved: true`: the issuer's word, with no approval cited
  std::optional<Form> form;
  SourcePosition position;  // of the item
  SourcePosition task_position;
  SourcePosition to_position;
  SourcePosition approval_position;
};

// A directive's fields as a program holds them (a Python dict, a row of a spreadsheet), shaped
// like its YAML file: what Directive::from_fields reads.
struct FieldValue {
  enum class Kind : std::uint8_t { nothing, text, literal, list, mapping };
  struct Member;

  Kind kind = Kind::nothing;
  // A text is text whatever it holds; a literal is a number or a boolean as YAML writes it
  // unquoted ("2", "0.5", "true"), and reads as YAML reads it.
  std::string text;
  std::vector<FieldValue> items;  // of a list
  std::vector<Member> members;    // of a mapping, in order
};

struct FieldValue::Member {
  std::string key;
  FieldValue value;
};

// A directive a higher office means to send down (docs/format.md §8), read from `kind: directive`
// YAML.
struct Directive {
  std::string id;
  std::string title;
  std::optional<Owner> issuer;
  Date issued{};
  std::optional<Date> until;  // the last day it is in force; none: until withdrawn
  std::string jurisdiction;   // as written; empty means the root
  std::string mode;           // empty means the first declared mode
  std::vector<DirectiveItem> items;
  SourcePosition position;
  SourcePosition jurisdiction_position;
  SourcePosition mode_position;

  // Reads and validates a directive file; throws qingdan::Error with the first problem.
  static Directive load(const std::filesystem::path& file, const LoadOptions& options = {});
  // The same from YAML (or JSON) text; `name` stands for the file in messages.
  static Directive parse(std::string_view text, const std::string& name,
                         const LoadOptions& options = {});
  // Every directive of a folder (a ledger, docs/format.md §8.7): its `.yaml` and `.yml` files and
  // those of the folders below it, in byte order of their paths; one file is read alone. Throws
  // qingdan::Error with the first problem: a file of another kind, two directives of one id.
  static std::vector<Directive> load_folder(const std::filesystem::path& folder,
                                            const LoadOptions& options = {});
  // The same from fields held in memory, a mapping as the file's; `qingdan` and `kind` may be
  // left out. A problem is told at the field's path, without a file, line or column:
  // "items[1].per: …", items counted from 0 as the list is indexed. `name` stands for the file
  // in what the directive's findings cite.
  static Directive from_fields(const FieldValue& fields, const std::string& name,
                               const LoadOptions& options = {});
};

}  // namespace qingdan
