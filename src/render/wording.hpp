#pragma once

// The words every renderer shares: levels with their names, roles, statuses, in the language
// asked for.
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <cmath>
#include <cstdio>
#include <iterator>

#include <qingdan/decision.hpp>
#include <qingdan/detail/messages.hpp>
#include <qingdan/detail/phrases.hpp>
#include <qingdan/language.hpp>
#include <qingdan/ledger.hpp>
#include <qingdan/report.hpp>

namespace qingdan::render {

// A renderer's own words, in the language asked for: in(language, "verdict", "结论").
inline std::string_view in(Language language, std::string_view en, std::string_view zh) {
  return language == Language::zh ? zh : en;
}

// The same with each {placeholder} filled in from `arguments`.
inline std::string words(Language language, std::string_view en, std::string_view zh,
                         std::initializer_list<detail::MessageArgument> arguments = {}) {
  return detail::fill_placeholders(in(language, en, zh), arguments);
}

// "village (村居)" in English, "村居（village）" in Chinese; the id alone when it has no name.
inline std::string level_text(std::string_view id, const std::vector<Level>& levels,
                              Language language) {
  for (const Level& level : levels)
    if (level.id == id) return detail::level_phrase(level.id, level.name).in(language);
  return std::string(id);
}
inline std::string level_text(std::string_view id, const Decision& decision, Language language) {
  return level_text(id, decision.levels, language);
}

inline std::string mode_text(const Decision& decision, Language language) {
  return detail::level_phrase(decision.mode, decision.mode_name).in(language);
}

inline std::string role_text(Role role, Language language) {
  return detail::role_phrase(role).in(language);
}

// "district (区) owns, village (村居) assists" as the language lists them.
inline std::string roles_text(const RoleMap& roles, const std::vector<Level>& levels,
                              Language language) {
  std::vector<Phrase> each;
  for (const auto& [level, role] : roles)
    each.push_back(Phrase(
        detail::Message::level_role,
        {{"level", level_text(level, levels, language)}, {"role", detail::role_phrase(role)}}));
  return Phrase(detail::Message::verbatim, {{"text", std::move(each)}}).in(language);
}
inline std::string roles_text(const RoleMap& roles, const Decision& decision, Language language) {
  return roles_text(roles, decision.levels, language);
}

// A measure of the ledger (hours, forms, inspections …) as a reader calls it.
inline std::string_view measure_text(std::string_view measure, Language language) {
  struct Name {
    std::string_view id, en, zh;
  };
  constexpr Name names[] = {{"hours", "hours a month", "月均工时"},
                            {"forms", "forms", "表格"},
                            {"fields", "fields", "字段"},
                            {"reports", "reports", "报表"},
                            {"inspections", "inspections", "督查检查考核"},
                            {"meetings", "meetings", "会议"},
                            {"apps", "apps", "平台/APP"},
                            {"signs", "signs", "牌子"},
                            {"campaigns", "campaigns", "创建达标"}};
  for (const Name& name : names)
    if (name.id == measure) return language == Language::zh ? name.zh : name.en;
  return measure;
}

inline std::string status_text(Status status, Language language) {
  constexpr detail::Message words[] = {detail::Message::status_listed,
                                       detail::Message::status_unlisted,
                                       detail::Message::status_unknown};
  return detail::say(language, words[static_cast<std::size_t>(status)]);
}

inline std::string severity_text(Severity severity, Language language) {
  return detail::say(language, severity == Severity::error ? detail::Message::severity_error
                                                           : detail::Message::severity_warning);
}

inline std::string verdict_text(CheckVerdict verdict, Language language) {
  constexpr detail::Message words[] = {detail::Message::verdict_pass,
                                       detail::Message::verdict_review,
                                       detail::Message::verdict_reject};
  return detail::say(language, words[static_cast<std::size_t>(verdict)]);
}

// A finding's short name: "forbidden", "禁止下派".
inline std::string finding_name(FindingCode code, Language language) {
  return std::string(detail::code_row(catalogue_code(code)).title(language));
}

// "file:line", or the file alone where no line is known (fields given in code).
inline std::string place_text(const SourcePosition& position) {
  return position.line > 0 ? position.file + ':' + std::to_string(position.line) : position.file;
}

// Numbers are written one way in every report and language: hours and percentages with one
// decimal.
inline std::string hours_text(double hours) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", hours);
  return text;
}

// A measure of the ledger as shown: hours a month on average over the year's hours, a count
// whole when it is whole and with one decimal otherwise.
inline std::string figure_text(std::string_view measure, double value) {
  if (measure == "hours") return hours_text(value / 12);
  const double rounded = std::round(value);
  return std::abs(value - rounded) < 1e-9 ? std::to_string(static_cast<long long>(rounded))
                                          : hours_text(value);
}

// "emergency (应急)", or several joined as the language lists them.
inline std::string modes_text(const std::vector<Mode>& modes, Language language) {
  std::vector<Phrase> each;
  for (const Mode& mode : modes) each.push_back(detail::level_phrase(mode.id, mode.name));
  return Phrase(detail::Message::verbatim, {{"text", std::move(each)}}).in(language);
}

// A department of the ledger as named, or what stands for a directive that names none.
inline std::string_view department_name(const LedgerRow& row, Language language) {
  if (!row.name.empty()) return row.name;
  return in(language, "(no issuer)", "（未注明发文单位）");
}

// A share (0.9) as a percentage: "90.0 %" in English, "90.0%" in Chinese.
inline std::string percent_text(double share, Language language) {
  return detail::say(language, detail::Message::percent, {{"value", hours_text(share * 100)}});
}

// " (only with: funding, approval, at most 2 a month)", or nothing for an entry without
// conditions.
inline std::string conditions_text(const EntryRef& entry, Language language) {
  std::vector<Phrase> conditions;
  if (entry.requires_funding) conditions.push_back(Phrase(detail::Message::condition_funding, {}));
  if (entry.requires_approval)
    conditions.push_back(Phrase(detail::Message::condition_approval, {}));
  if (entry.max_per_month)
    conditions.push_back(Phrase(detail::Message::condition_max_per_month,
                                {{"count", detail::shortest_number_text(*entry.max_per_month)}}));
  if (conditions.empty()) return {};
  return Phrase(detail::Message::entry_conditions, {{"conditions", std::move(conditions)}})
      .in(language);
}

// " [illustrative]" after an entry of a reconstructed edition, or nothing.
inline std::string illustrative_mark(const EntryRef& entry, Language language) {
  return entry.illustrative ? detail::say(language, detail::Message::illustrative_mark)
                            : std::string();
}

// The note that an answer rests on a reconstruction, naming the entries; empty when it does not.
inline std::string illustrative_note(const Decision& decision, Language language) {
  if (!decision.illustrative()) return {};
  std::vector<Phrase> entries;
  for (const EntryRef& entry : decision.entries)
    if (entry.illustrative) entries.push_back(detail::verbatim(entry.id));
  return Phrase(detail::Message::illustrative_answer, {{"entries", std::move(entries)}})
      .in(language);
}

// The note that the answer differs below the asked place, naming the entries for some kinds of
// place there; empty when it does not.
inline std::string differs_below_note(const Decision& decision, Language language) {
  std::vector<Phrase> entries;
  for (const Consideration& item : decision.considered)
    if (item.outcome == EntryOutcome::for_kinds_below)
      entries.push_back(detail::verbatim(item.entry.id));
  if (entries.empty()) return {};
  return Phrase(detail::Message::differs_below_note,
                {{"place", decision.jurisdiction}, {"entries", std::move(entries)}})
      .in(language);
}

// One entry a decision rests on, on one line.
inline std::string entry_line(const EntryRef& entry, Language language) {
  return detail::say(language, detail::Message::entry_line,
                     {{"list", detail::list_phrase(entry.list).in(language)},
                      {"id", entry.id},
                      {"edition", entry.edition},
                      {"illustrative", illustrative_mark(entry, language)},
                      {"place", entry.jurisdiction.empty()
                                    ? std::string()
                                    : detail::say(language, detail::Message::explain_cite_place,
                                                  {{"place", entry.jurisdiction}})},
                      {"file", entry.file},
                      {"line", std::to_string(entry.line)},
                      {"basis", entry.basis.empty() ? std::string() : "  " + entry.basis},
                      {"conditions", conditions_text(entry, language)}});
}

}  // namespace qingdan::render
