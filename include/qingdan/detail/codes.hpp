#pragma once

// Every stable code qingdan reports, by name; one row each in src/wording/codes.cpp gives its
// code ("QL102"), name, severity and titles, so that a call site names what went wrong
// (`Code::unknown_key`) and the code cannot be mistyped or paired with the wrong severity.
#include <cstdint>
#include <span>
#include <string_view>

#include <qingdan/language.hpp>

namespace qingdan {
enum class Severity : std::uint8_t;
}

namespace qingdan::detail {

enum class Code : std::uint8_t {
  // Reading files and folders (QL001–QL019).
  cannot_read,            // QL001
  file_too_large,         // QL002
  not_utf8,               // QL003
  invalid_yaml,           // QL004
  too_deep,               // QL005
  aliases_repeat,         // QL006
  empty_file,             // QL007
  second_document,        // QL008
  duplicate_key,          // QL009
  rulebook_file_count,    // QL010
  unsupported_version,    // QL011
  unknown_kind,           // QL012
  text_too_long,          // QL013
  bad_symbolic_link,      // QL014
  not_a_rulebook,         // QL015
  snapshot_other_format,  // QL016
  snapshot_damaged,       // QL017
  too_many_problems,      // QL018
  typing_slip,            // QL019
  // Shapes and values (QL100–QL105).
  wrong_type,         // QL100
  missing_key,        // QL101
  unknown_key,        // QL102
  bad_date,           // QL103
  task_and_category,  // QL104
  not_a_choice,       // QL105
  // How the rulebook fits together (QL200–QL213).
  duplicate_task_id,           // QL200
  task_texts_clash,            // QL201
  unknown_task,                // QL202
  unknown_level,               // QL203
  unknown_jurisdiction,        // QL204
  unknown_mode,                // QL205
  duplicate_id,                // QL206
  entries_overlap,             // QL207
  editions_on_same_day,        // QL208
  until_before_effective,      // QL209
  too_many_entries,            // QL210
  category_matches_no_task,    // QL211
  test_expects_unknown_entry,  // QL212
  bad_reading_words,           // QL213
  unknown_place_kind,          // QL214
  // Conflicts lint finds (QL300-QL302).
  assists_and_forbidden,  // QL300
  forbids_owner,          // QL301
  approval_forbidden,     // QL302
  // Queries (QQ), values given on the command line or to an API (QU), the machine (QE).
  query_unknown_jurisdiction,    // QQ001
  query_ambiguous_jurisdiction,  // QQ002
  query_unknown_mode,            // QQ003
  query_not_utf8,                // QQ004
  query_unknown_level,           // QQ005
  bad_date_value,                // QU001
  cannot_write_html,             // QU002
  option_out_of_range,           // QU003
  bad_command_line,              // QU004
  cannot_write_file,             // QU005
  conversion_data_missing,       // QE001
  // Requests to `qingdan serve` (QH).
  http_bad_request,             // QH001
  http_not_found,               // QH002
  http_method_not_allowed,      // QH003
  http_too_large,               // QH004
  http_unsupported_media_type,  // QH005
  http_unauthorized,            // QH006
  http_busy,                    // QH007
  http_not_ready,               // QH008
  http_timeout,                 // QH009
  http_internal,                // QH010
  // Arrow columns given to the columnar owner query (QA).
  arrow_column_missing,  // QA001
  arrow_column_type,     // QA002
  arrow_time_zone,       // QA003
  arrow_null_value,      // QA004
  arrow_not_a_batch,     // QA005
  arrow_column_clash,    // QA006
  // Village profiles (QV) and directives (QC).
  villages_bad_header,         // QV001
  villages_bad_value,          // QV002
  village_value_out_of_range,  // QV003
  village_without_capacity,    // QV004
  village_listed_twice,        // QV005
  villages_bad_row,            // QV006
  village_parent_unknown,      // QV008
  village_wrong_level,         // QV009
  village_missing_units,       // QV010
  workbook_unreadable,         // QV011
  unknown_target_level,        // QC003
  // Findings of a directive check (QD), in FindingCode's order.
  forbidden,                // QD001
  misassigned,              // QD002
  unlisted,                 // QD003
  unfunded,                 // QD004
  unapproved,               // QD005
  wrong_mode,               // QD006
  over_frequency,           // QD007
  duplicate_collection,     // QD008
  overload,                 // QD010
  near_capacity,            // QD011
  probably_forbidden,       // QD012
  issuer_not_owner,         // QD013
  self_governance_ordered,  // QD014
  approval_invalid,         // QD015
  cap_exceeded,             // QD016
  no_sunset,                // QD017
  count,
};

// The severities a code is reported with.
enum class CodeSeverity : std::uint8_t { error, warning, either };

// One row of the catalogue.
struct CodeRow {
  Code id;
  std::string_view code;  // "QL102"
  std::string_view name;  // "unknown-key", as JSON and SARIF name it
  CodeSeverity severity;
  std::string_view en;       // a short title: "unknown key"
  std::string_view zh;       // the same in Chinese: "未知的键"
  std::string_view summary;  // when it is reported, in a sentence

  std::string_view title(Language language) const { return language == Language::zh ? zh : en; }
};

const CodeRow& code_row(Code id);
inline std::string_view code_text(Code id) { return code_row(id).code; }

// The whole catalogue, in code order.
std::span<const CodeRow> code_rows();

// The row of a code as written ("QL102"), or null.
const CodeRow* find_code(std::string_view code);

// Whether `code` may be reported with `severity`.
bool allows(Code code, Severity severity);

}  // namespace qingdan::detail
