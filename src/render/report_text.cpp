// The report for people at a terminal.
#include <cstdio>
#include <map>
#include <string>
#include <utility>

#include <qingdan/detail/reading_words.hpp>
#include <qingdan/report_output.hpp>

namespace qingdan {

namespace {

std::string figure(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

std::string finding_line(const Finding& finding) {
  return std::string(to_string(finding.severity)) + " " + std::string(code_of(finding.code)) + " " +
         std::string(name_of(finding.code)) + ": " + finding.message + "\n";
}

std::string item_line(const ItemRef& item) {
  return "  item " + std::to_string(item.index) + " " + item.task + " (line " +
         std::to_string(item.position.line) + ")\n";
}

}  // namespace

std::string to_text(const Report& report) {
  std::string text;
  for (const DirectiveSummary& directive : report.directives) {
    text += directive.id + (directive.title.empty() ? "" : " " + directive.title) + "\n";
    text += "  " + directive.file + "; issued " + to_iso(directive.issued);
    if (!directive.jurisdiction.empty()) text += " in " + directive.jurisdiction;
    text += ", mode " + directive.mode + ", " + std::to_string(directive.items) + " items\n";
    // Item by item, in order: its findings, or how it was read when that is all there is to say
    // (a reviewer checks the reading).
    std::map<std::size_t, std::pair<const ItemRef*, std::string>> items;
    for (const Finding& finding : report.findings)
      if (finding.item && finding.item->directive == directive.id) {
        auto& [item, lines] = items[finding.item->index];
        item = &*finding.item;
        lines += "    " + finding_line(finding);
      }
    for (const ItemLoad& load : report.items)
      if (load.item.directive == directive.id && load.reading.status == ReadingStatus::read_as &&
          !items.contains(load.item.index))
        items[load.item.index] = {
            &load.item, "    " +
                            detail::say(report.language, detail::Message::read_as_task,
                                        {{"text", load.item.task},
                                         {"candidate", detail::candidate_label(*load.reading.task(),
                                                                               report.language)}}) +
                            "\n"};
    for (const auto& [index, item] : items) text += item_line(*item.first) + item.second;
  }
  const VillageSummary& villages = report.villages;
  if (villages.profiles_given) {
    text += "villages (" +
            detail::say(report.language, detail::Message::load_month,
                        {{"month", month_text(report.month)}}) +
            "): " + std::to_string(villages.checked) + " checked, " +
            std::to_string(villages.overloaded) + " overloaded, " +
            std::to_string(villages.near_capacity) + " near capacity (warning at " +
            figure(villages.warn_at * 100) + " %)\n";
    for (const Finding& finding : report.findings)
      if (finding.village) text += "  " + finding_line(finding);
    if (!villages.most_loaded.empty()) text += "most loaded:\n";
    for (const VillageLoad& village : villages.most_loaded)
      text += "  " + village.jurisdiction + "  " + figure(village.utilisation * 100) + " %  (" +
              figure(village.baseline) + " + " + figure(village.added) + " of " +
              figure(village.capacity) + " hours a month)\n";
  }
  std::size_t errors = report.count(Severity::error), warnings = report.count(Severity::warning);
  text += "verdict: " + std::string(to_string(report.verdict)) + " (" + std::to_string(errors) +
          (errors == 1 ? " error, " : " errors, ") + std::to_string(warnings) +
          (warnings == 1 ? " warning)\n" : " warnings)\n");
  return text;
}

}  // namespace qingdan
