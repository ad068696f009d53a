#pragma once

// What each stable diagnostic code means, in a few words (rules/README.md gives an example of
// each). Used where a tool wants the rule behind a diagnostic, as SARIF does.
#include <string_view>

namespace qingdan::detail {

struct DiagnosticCode {
  std::string_view code;
  std::string_view summary;
};

inline constexpr DiagnosticCode diagnostic_codes[] = {
    {"QL001", "A file or folder cannot be read"},
    {"QL002", "File over the size limit"},
    {"QL003", "Not UTF-8 text"},
    {"QL004", "Invalid YAML"},
    {"QL005", "Nesting deeper than the limit"},
    {"QL006", "Aliases repeat too much or contain themselves"},
    {"QL007", "Empty file"},
    {"QL008", "More than one YAML document"},
    {"QL009", "A key given twice in one mapping"},
    {"QL010", "No file of kind rulebook, or two"},
    {"QL011", "Unsupported format version"},
    {"QL012", "Unknown kind, or a file that is not part of a rulebook"},
    {"QL013", "A text value over the limit"},
    {"QL014", "A symbolic link that leaves the folder, loops or is broken"},
    {"QL015", "Not a rulebook folder or snapshot, or too many files"},
    {"QL016", "A snapshot of another format version"},
    {"QL017", "A snapshot that is truncated, damaged or inconsistent"},
    {"QL018", "More problems than are listed"},
    {"QL019",
     "A full-width colon, comma or dash, a full-width space or a tab where YAML needs ASCII"},
    {"QL100", "Wrong type, empty value, or a control character in a name or text"},
    {"QL101", "Missing required key"},
    {"QL102", "Unknown key, or a key of another list"},
    {"QL103", "Bad date"},
    {"QL104", "An entry with both task and category"},
    {"QL105", "A value outside its choices"},
    {"QL200", "Duplicate task id"},
    {"QL201", "Task names or aliases that read the same once normalised"},
    {"QL202", "An entry names a task that is not in the catalogue"},
    {"QL203", "Unknown level, or a jurisdiction deeper than the levels"},
    {"QL204", "Unknown or ambiguous jurisdiction"},
    {"QL205", "Unknown mode"},
    {"QL206", "Duplicate entry id, level id or mode"},
    {"QL207", "Entries for one task or category whose modes overlap"},
    {"QL208", "Two editions of one list and jurisdiction on the same day"},
    {"QL209", "until before effective"},
    {"QL210", "More entries than the limit"},
    {"QL211", "A category entry that matches no task"},
    {"QL212", "A test expects an entry id that no edition has"},
    {"QL213", "Synonyms of one word or in two groups, or a reading word of only punctuation"},
    {"QL300", "A level both assists and is forbidden for a task"},
    {"QL301", "A negative entry forbids the level that owns or self-governs a task"},
};

inline std::string_view summary_of(std::string_view code) {
  for (const DiagnosticCode& known : diagnostic_codes)
    if (known.code == code) return known.summary;
  return {};
}

}  // namespace qingdan::detail
