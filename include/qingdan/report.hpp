#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <qingdan/decision.hpp>
#include <qingdan/directive.hpp>
#include <qingdan/error.hpp>
#include <qingdan/reading.hpp>

namespace qingdan {

inline constexpr double max_warn_at = 10;

struct CheckOptions {
  double warn_at = 0.9;          // utilisation that earns QD011 near-capacity, 0 to max_warn_at
  std::size_t most_loaded = 10;  // villages listed with their figures
  // Items that are not an exact id, name or alias are read (docs/reading.md): judged as the
  // task they are read as when `reading` is sure enough, and QD012 when a task among the first
  // `forbidden_among` candidates, at `forbidden_confidence` or more, is forbidden to the level
  // the item goes to. `exact_only` (`--exact`) turns reading off.
  bool exact_only = false;
  ReadOptions reading;
  double forbidden_confidence = 0.2;
  std::size_t forbidden_among = 5;
  // The year's ledger (docs/format.md §8.7): directives already sent down. Those in force on the
  // latest `issued` of the directives checked add to the villages' load and have their forms
  // compared; every one that falls in that year counts toward the caps (QD016). Their own
  // findings are not reported. Viewed, not copied: they must outlive the check.
  std::span<const Directive> ledger;
  // The month whose load is added up (a `once` item counts only in the month it is issued);
  // by default the month of the latest `issued` among the directives checked.
  std::optional<std::chrono::year_month> month;
};

// The finding codes of docs/format.md §8.4, with their severities.
enum class FindingCode : std::uint8_t {
  forbidden,                // QD001 error
  misassigned,              // QD002 error
  unlisted,                 // QD003 warning
  unfunded,                 // QD004 warning
  unapproved,               // QD005 warning
  wrong_mode,               // QD006 error
  over_frequency,           // QD007 warning
  duplicate_collection,     // QD008 warning
  overload,                 // QD010 error
  near_capacity,            // QD011 warning
  probably_forbidden,       // QD012 error
  issuer_not_owner,         // QD013 warning
  self_governance_ordered,  // QD014 warning
  approval_invalid,         // QD015 error (a cited approval fails), or warning (none cited)
  cap_exceeded,             // QD016 error
  no_sunset,                // QD017 warning
};

// A finding's row of the code catalogue (src/wording/codes.cpp): FindingCode follows its QD rows.
inline detail::Code catalogue_code(FindingCode code) {
  return static_cast<detail::Code>(static_cast<std::size_t>(detail::Code::forbidden) +
                                   static_cast<std::size_t>(code));
}

inline std::string_view code_of(FindingCode code) {  // "QD001"
  return detail::code_row(catalogue_code(code)).code;
}

inline std::string_view name_of(FindingCode code) {  // "forbidden"
  return detail::code_row(catalogue_code(code)).name;
}

inline Severity severity_of(FindingCode code) {
  return detail::code_row(catalogue_code(code)).severity == detail::CodeSeverity::error
             ? Severity::error
             : Severity::warning;
}

// An item of a directive as a finding names it.
struct ItemRef {
  std::string directive;  // the directive's id
  std::size_t index = 0;  // 1-based
  std::string task;       // as written in the directive
  SourcePosition position;
  bool ledger = false;  // an item of a directive of the ledger, not of one checked
  friend bool operator==(const ItemRef&, const ItemRef&) = default;
};

// A village's monthly figures.
struct VillageLoad {
  std::string jurisdiction;
  double capacity = 0;
  double baseline = 0;  // what it already works: its profile's baseline and the ledger's hours
  double added = 0;
  double utilisation = 0;   // (baseline + added) / capacity
  SourcePosition position;  // of its profile
  double extra = 0;         // of the capacity: the extra staff and hours of the directives' mode
  double ledger = 0;        // of the baseline: the hours the ledger's directives in force add
};

// What one item adds to one village each month.
struct ItemShare {
  ItemRef item;
  double hours = 0;
};

// A form in a QD008 finding, and how it compares with the first form of its group.
struct FormRef {
  ItemRef item;
  std::string name;          // as written
  bool same_name = false;    // its name reads as the first form's, once normalised
  std::size_t shared = 0;    // fields it has in common with the first form
  std::size_t together = 0;  // fields of the two forms together
  double jaccard = 0;        // shared / together; 0 when neither form has fields
  friend bool operator==(const FormRef&, const FormRef&) = default;
};

struct Finding {
  FindingCode code = FindingCode::unlisted;
  Severity severity = Severity::warning;
  std::optional<ItemRef> item;       // the item (for QD008, the item of its group's last form)
  std::vector<FormRef> forms;        // QD008: the forms that collect the same data, in order
  std::optional<TaskRef> task;       // the task the item names or was read as; QD012: the candidate
  std::vector<EntryRef> entries;     // the entries the finding rests on
  std::vector<TaskRef> suggestions;  // QD003 on an unknown task: its candidates' tasks
  std::optional<VillageLoad> village;  // QD010, QD011
  Phrase message;  // one line a reviewer can paste into a reply, in either language
};

enum class CheckVerdict : std::uint8_t { pass, review, reject };

inline constexpr std::string_view to_string(CheckVerdict verdict) {
  constexpr std::string_view keys[] = {"pass", "review", "reject"};
  return keys[static_cast<std::size_t>(verdict)];
}

// An item as checked: what its task text was read as, and the hours it adds over all villages
// it reaches in the month of the report.
struct ItemLoad {
  ItemRef item;
  std::string to;  // target level
  EffortUnit per = EffortUnit::village;
  double per_month = 0;      // occurrences in the month (a `once` item: 1 in its month, else 0)
  double effort_hours = 0;   // per occurrence and unit
  std::size_t villages = 0;  // villages it reaches (0 without profiles, or not sent to villages)
  double total_hours = 0;    // over those villages, a month
  Reading reading;           // what its task text was read as
};

struct VillageSummary {
  bool profiles_given = false;
  std::size_t checked = 0;        // villages under at least one directive's jurisdiction
  std::size_t overloaded = 0;     // QD010
  std::size_t near_capacity = 0;  // QD011
  double warn_at = 0.9;
  std::vector<VillageLoad> most_loaded;           // highest utilisation first
  std::vector<std::vector<ItemShare>> top_items;  // for each of most_loaded, largest first
  // Villages by utilisation: bins of 10 points from 0 %, the last holding 200 % and above.
  std::vector<std::size_t> histogram;
  // Villages whose capacity counted their extra staff and hours, and the mode they are for.
  std::size_t with_extra_capacity = 0;
  // The modes whose extra capacity they counted, in the rulebook's order, with their names.
  std::vector<Mode> extra_capacity_modes;
};

struct DirectiveSummary {
  std::string id;
  std::string title;
  std::string file;
  Date issued{};
  std::string jurisdiction;  // full path
  std::string mode;
  std::size_t items = 0;
  std::string mode_name;  // as the rulebook names the mode (应急), empty when it gives none
  std::optional<Date> until;
};

// The result of checking one or more directives against a rulebook (docs/format.md §8 and §9).
struct Report {
  CheckVerdict verdict = CheckVerdict::pass;
  std::chrono::year_month month{};  // whose load the items and villages add up
  // The language of the rulebook handle that made it (Rulebook::language()): what the bindings
  // word it in unless told otherwise. C++ renderers take their language as an argument.
  Language language = Language::en;
  std::vector<DirectiveSummary> directives;
  std::vector<DirectiveSummary> ledger;  // the ledger's directives in force, counted in the load
  std::vector<Finding> findings;  // by directive, item and severity; then forms; then villages
  std::vector<ItemLoad> items;
  VillageSummary villages;
  std::string fingerprint;

  // Set by the check when an answer it judged an item on rests on an illustrative edition.
  bool rests_on_illustrative = false;

  // Whether the check, or a finding, rests on an entry of an illustrative edition (a
  // reconstruction, not the published list).
  bool illustrative() const {
    if (rests_on_illustrative) return true;
    for (const Finding& finding : findings)
      for (const EntryRef& entry : finding.entries)
        if (entry.illustrative) return true;
    return false;
  }

  std::size_t errors() const { return count(Severity::error); }
  std::size_t warnings() const { return count(Severity::warning); }
  std::size_t count(Severity severity) const {
    std::size_t n = 0;
    for (const Finding& finding : findings) n += finding.severity == severity;
    return n;
  }
};

}  // namespace qingdan
