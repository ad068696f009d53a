// The report for people at a terminal, in the language asked for.
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <utility>

#include <qingdan/detail/messages.hpp>
#include <qingdan/detail/reading_words.hpp>
#include <qingdan/report_output.hpp>

#include "render/wording.hpp"

namespace qingdan {

namespace {

using detail::Code;
using detail::Message;
using detail::say;

std::string finding_line(const Finding& finding, Language language) {
  return say(language, Message::text_finding,
             {{"severity", render::severity_text(finding.severity, language)},
              {"code", code_of(finding.code)},
              {"name", render::finding_name(finding.code, language)},
              {"message", finding.message.in(language)}}) +
         "\n";
}

std::string item_line(const ItemRef& item, Language language) {
  // An item given as fields in code (Directive::from_fields) has no line to name.
  return say(language,
             item.position.line > 0 ? Message::text_item_line : Message::text_item_line_unplaced,
             {{"index", std::to_string(item.index)},
              {"task", item.task},
              {"line", std::to_string(item.position.line)}}) +
         "\n";
}

std::string directive_text(const Report& report, const DirectiveSummary& directive,
                           Language language) {
  std::string text = directive.id + (directive.title.empty() ? "" : " " + directive.title) + "\n";
  text += say(language, Message::text_directive_line,
              {{"file", directive.file},
               {"date", to_iso(directive.issued)},
               {"place", directive.jurisdiction.empty() ? std::string()
                                                        : say(language, Message::text_in_place,
                                                              {{"place", directive.jurisdiction}})},
               {"mode", detail::level_phrase(directive.mode, directive.mode_name).in(language)},
               {"items", std::to_string(directive.items)}}) +
          "\n";
  // Item by item, in order: its findings, or how it was read when that is all there is to say
  // (a reviewer checks the reading).
  std::map<std::size_t, std::pair<const ItemRef*, std::string>> items;
  for (const Finding& finding : report.findings)
    if (finding.item && finding.item->directive == directive.id) {
      auto& [item, lines] = items[finding.item->index];
      item = &*finding.item;
      lines += "    " + finding_line(finding, language);
    }
  for (const ItemLoad& load : report.items)
    if (load.item.directive == directive.id && load.reading.status == ReadingStatus::read_as &&
        !items.contains(load.item.index))
      items[load.item.index] = {
          &load.item,
          "    " +
              say(language, Message::read_as_task,
                  {{"text", load.item.task},
                   {"candidate", detail::candidate_label(*load.reading.task()).in(language)}}) +
              "\n"};
  for (const auto& [index, item] : items) text += item_line(*item.first, language) + item.second;
  return text;
}

// The village findings: by default those of the most loaded villages, then how many villages
// over or near capacity each jurisdiction above them holds; with `every_village`, all of them.
std::string village_findings_text(const Report& report, Language language, bool every_village) {
  std::set<std::string> listed;
  for (const VillageLoad& village : report.villages.most_loaded)
    listed.insert(village.jurisdiction);
  std::string text;
  std::size_t left_out = 0;
  std::map<std::string, std::pair<std::size_t, std::size_t>> by_place;  // overloaded, near
  for (const Finding& finding : report.findings) {
    if (!finding.village) continue;
    const std::string& path = finding.village->jurisdiction;
    auto& [overloaded, near] = by_place[path.substr(0, path.rfind('/'))];
    ++(finding.code == FindingCode::overload ? overloaded : near);
    if (every_village || listed.contains(path))
      text += "  " + finding_line(finding, language);
    else
      ++left_out;
  }
  if (left_out == 0) return text;
  text +=
      say(language, Message::text_more_village_findings, {{"count", std::to_string(left_out)}}) +
      "\n";
  text += say(language, Message::text_by_place) + "\n";
  for (const auto& [place, counts] : by_place)
    text += say(language, Message::text_place_rollup,
                {{"place", place.empty() ? "/" : place},
                 {"overloaded", std::to_string(counts.first)},
                 {"near", std::to_string(counts.second)}}) +
            "\n";
  return text;
}

std::string villages_text(const Report& report, Language language, bool every_village) {
  const VillageSummary& villages = report.villages;
  std::string text =
      say(language, Message::text_villages,
          {{"month", say(language, Message::load_month, {{"month", month_text(report.month)}})},
           {"checked", std::to_string(villages.checked)},
           {"overloaded", std::to_string(villages.overloaded)},
           {"near", std::to_string(villages.near_capacity)},
           {"warn_at", render::percent_text(villages.warn_at, language)}}) +
      "\n";
  if (villages.with_extra_capacity > 0)
    text += "  " +
            say(language, Message::extra_capacity_in_mode,
                {{"mode", render::modes_text(villages.extra_capacity_modes, language)},
                 {"count", std::to_string(villages.with_extra_capacity)}}) +
            "\n";
  text += village_findings_text(report, language, every_village);
  if (!villages.most_loaded.empty()) text += say(language, Message::text_most_loaded) + "\n";
  for (const VillageLoad& village : villages.most_loaded)
    text += say(language, Message::text_village_line,
                {{"village", village.jurisdiction},
                 {"percent", render::percent_text(village.utilisation, language)},
                 {"baseline", render::hours_text(village.baseline)},
                 {"added", render::hours_text(village.added)},
                 {"capacity", render::hours_text(village.capacity)}}) +
            "\n";
  return text;
}

}  // namespace

std::string to_text(const Report& report, Language language, const TextOptions& options) {
  std::string text;
  for (const DirectiveSummary& directive : report.directives)
    text += directive_text(report, directive, language);
  if (!report.ledger.empty()) {
    std::string ids;
    for (const DirectiveSummary& directive : report.ledger)
      ids += (ids.empty() ? "" : say(language, Message::list_separator)) + directive.id;
    text += say(language, Message::text_ledger,
                {{"count", std::to_string(report.ledger.size())}, {"ids", ids}}) +
            "\n";
  }
  if (report.villages.profiles_given)
    text += villages_text(report, language, options.every_village);
  const std::size_t errors = report.count(Severity::error);
  const std::size_t warnings = report.count(Severity::warning);
  if (report.illustrative()) text += say(language, Message::illustrative_report) + "\n";
  text +=
      say(language, Message::text_verdict,
          {{"verdict", render::verdict_text(report.verdict, language)},
           {"errors", say(language, errors == 1 ? Message::count_error_one : Message::count_errors,
                          {{"count", std::to_string(errors)}})},
           {"warnings",
            say(language, warnings == 1 ? Message::count_warning_one : Message::count_warnings,
                {{"count", std::to_string(warnings)}})}}) +
      "\n";
  return text;
}

}  // namespace qingdan
