// The report as one self-contained HTML page with inline SVG charts. Everything is written
// through detail::Html, which escapes every string that does not come from this file.
#include <algorithm>
#include <cstdio>
#include <fstream>

#include <qingdan/detail/messages.hpp>
#include <qingdan/detail/reading_words.hpp>
#include <qingdan/report_output.hpp>

#include "render/wording.hpp"

#include "render/html_page.hpp"

namespace qingdan {

namespace {

using detail::Html;
using detail::Markup;
using detail::number;
using detail::open_svg;
using detail::svg_line;
using detail::svg_rect;
using detail::svg_text;
using render::in;

// At most `limit` characters of UTF-8 text, with an ellipsis when cut.
std::string shorten(const std::string& text, std::size_t limit) {
  std::size_t cut = 0;
  for (std::size_t characters = 0; cut < text.size() && characters < limit; ++characters) {
    ++cut;
    while (cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) ++cut;
  }
  return cut < text.size() ? text.substr(0, cut) + "…" : text;
}

// Villages by utilisation, with the warning and capacity lines.
void utilisation_histogram(Html& html, const VillageSummary& villages, Language language) {
  const double left = 48, top = 16, width = 630, height = 200, bar = width / 21;
  std::size_t highest = 1;
  for (std::size_t count : villages.histogram) highest = std::max(highest, count);
  open_svg(html, "utilisation-histogram", left + width + 16, top + height + 40,
           in(language, "utilisation of villages", "村居负荷分布"));
  for (std::size_t bin = 0; bin < villages.histogram.size(); ++bin) {
    double h = height * static_cast<double>(villages.histogram[bin]) / static_cast<double>(highest);
    std::string range = bin == 20
                            ? "≥200 %"
                            : std::to_string(bin * 10) + "–" + std::to_string(bin * 10 + 10) + " %";
    std::string_view css = bin >= 10                                              ? "bar over"
                           : static_cast<double>(bin + 1) > villages.warn_at * 10 ? "bar near"
                                                                                  : "bar";
    svg_rect(html, left + bin * bar + 1, top + height - h, bar - 2, h, css,
             range + ": " + std::to_string(villages.histogram[bin]) +
                 std::string(in(language, " villages", " 个村居")));
  }
  svg_line(html, left, top + height, left + width, top + height, "axis");
  for (int percent : {0, 50, 100, 150, 200})
    svg_text(html, left + percent / 10.0 * bar, top + height + 16, std::to_string(percent) + "%",
             "middle");
  svg_text(html, left - 6, top + 10, std::to_string(highest), "end");
  svg_text(html, left - 6, top + height, "0", "end");
  double warn_x = left + villages.warn_at * 10 * bar, full_x = left + 10 * bar;
  svg_line(html, warn_x, top, warn_x, top + height, "warn-line");
  svg_text(html, warn_x - 4, top + 12,
           std::string(in(language, "warning ", "预警 ")) + number(villages.warn_at * 100) + "%",
           "end", "warn-label");
  svg_line(html, full_x, top, full_x, top + height, "capacity-line");
  svg_text(html, full_x + 4, top + 12, in(language, "capacity 100%", "满负荷 100%"), "start",
           "capacity-label");
  svg_text(html, left + width / 2, top + height + 34,
           in(language, "utilisation (baseline + added) / capacity", "利用率（基础 + 新增）/ 容量"),
           "middle");
  html.close("svg");
}

// The most loaded villages: baseline and added hours against capacity.
void most_loaded_chart(Html& html, const VillageSummary& villages, Language language) {
  const double label = 230, width = 420, row = 26, top = 8;
  double widest = 1;
  for (const VillageLoad& village : villages.most_loaded)
    widest = std::max({widest, village.baseline + village.added, village.capacity});
  double scale = width / widest;
  double height = top + row * static_cast<double>(villages.most_loaded.size()) + 24;
  open_svg(html, "most-loaded", label + width + 70, height,
           in(language, "most loaded villages", "负荷最重的村居"));
  double y = top;
  for (const VillageLoad& village : villages.most_loaded) {
    std::string name = village.jurisdiction;
    if (auto cut = name.find('/', name.find('/') + 1); cut != std::string::npos && name.size() > 30)
      name = "…" + name.substr(cut);
    svg_text(html, label - 6, y + 15, name, "end");
    svg_rect(html, label, y + 3, village.baseline * scale, row - 8, "bar baseline",
             std::string(in(language, "baseline ", "基础 ")) + number(village.baseline) +
                 std::string(in(language, " h", " 小时")));
    svg_rect(html, label + village.baseline * scale, y + 3, village.added * scale, row - 8,
             village.utilisation > 1 ? "bar added over" : "bar added",
             std::string(in(language, "added ", "新增 ")) + number(village.added) +
                 std::string(in(language, " h", " 小时")));
    double cap = label + village.capacity * scale;
    svg_line(html, cap, y, cap, y + row - 2, "capacity-line");
    svg_text(html, label + width + 8, y + 15, number(village.utilisation * 100) + "%");
    y += row;
  }
  html.open("text", {{"class", "legend"}, {"x", number(label)}, {"y", number(y + 14)}})
      .markup("<tspan class=\"swatch-baseline\">■</tspan> ")
      .text(in(language, "baseline", "基础"))
      .markup(" <tspan class=\"swatch-added\">■</tspan> ")
      .text(in(language, "added", "新增"))
      .markup(" <tspan class=\"swatch-capacity\">|</tspan> ")
      .text(in(language, "capacity (hours a month)", "容量（小时/月）"))
      .close("text")
      .close("svg");
}

// Hours each item adds a month, over all the villages it reaches.
void item_hours_chart(Html& html, const std::vector<ItemLoad>& items, Language language) {
  const double label = 300, width = 360, row = 24, top = 8;
  double widest = 1;
  for (const ItemLoad& item : items) widest = std::max(widest, item.total_hours);
  double height = top + row * static_cast<double>(items.size()) + 8;
  open_svg(html, "item-hours", label + width + 110, height,
           in(language, "hours added per item", "各事项新增工时"));
  double y = top;
  for (const ItemLoad& item : items) {
    std::string name = item.item.directive + " #" + std::to_string(item.item.index) + " " +
                       shorten(item.item.task, 14);
    svg_text(html, label - 6, y + 15, name, "end");
    svg_rect(html, label, y + 3, item.total_hours / widest * width, row - 8, "bar added",
             number(item.total_hours) +
                 std::string(in(language, " hours a month, ", " 小时/月，")) +
                 std::to_string(item.villages) + std::string(in(language, " villages", " 个村居")));
    svg_text(html, label + item.total_hours / widest * width + 6, y + 15,
             number(item.total_hours) + std::string(in(language, " h", " 小时")));
    y += row;
  }
  html.close("svg");
}

void findings_table(Html& html, const Report& report, Language language) {
  html.markup(
          "<div class=\"filters\">"
          "<input type=\"radio\" name=\"severity\" id=\"show-all\" checked>"
          "<label for=\"show-all\">")
      .text(in(language, "all (", "全部（"))
      .text(std::to_string(report.findings.size()))
      .text(in(language, ")", "）"))
      .markup(
          "</label>"
          "<input type=\"radio\" name=\"severity\" id=\"show-errors\">"
          "<label for=\"show-errors\">")
      .text(in(language, "errors (", "错误（"))
      .text(std::to_string(report.count(Severity::error)))
      .text(in(language, ")", "）"))
      .markup(
          "</label>"
          "<input type=\"radio\" name=\"severity\" id=\"show-warnings\">"
          "<label for=\"show-warnings\">")
      .text(in(language, "warnings (", "警告（"))
      .text(std::to_string(report.count(Severity::warning)))
      .text(in(language, ")", "）"))
      .markup("</label><table id=\"findings\"><thead><tr>");
  for (auto [en, zh] : {std::pair{"severity", "级别"},
                        {"code", "代码"},
                        {"directive · item", "文件 · 事项"},
                        {"task", "事项"},
                        {"finding", "说明"}})
    html.element("th", {}, in(language, en, zh));
  html.markup("</tr></thead><tbody>");
  for (const Finding& finding : report.findings) {
    const bool error = finding.severity == Severity::error;
    html.open("tr", {{"class", error ? "finding error" : "finding warning"}})
        .element("td", {}, render::severity_text(finding.severity, language))
        .open("td")
        .text(code_of(finding.code))
        .markup("<br>")
        .element("small", {}, render::finding_name(finding.code, language))
        .close("td")
        .open("td");
    if (finding.item) {
      html.text(finding.item->directive + " #" + std::to_string(finding.item->index))
          .markup("<br>")
          .element("small", {}, render::place_text(finding.item->position));
    } else if (finding.village) {
      html.text(render::place_text(finding.village->position));
    }
    html.close("td").open("td");
    if (finding.item)
      html.text(finding.task ? finding.task->id + " " + finding.task->name : finding.item->task);
    else if (finding.village)
      html.text(finding.village->jurisdiction);
    html.close("td").element("td", {}, finding.message.in(language)).close("tr");
  }
  html.markup("</tbody></table></div>");
}

// How each item that does not name its task exactly was read: a reviewer checks these first.
void readings_table(Html& html, const Report& report, Language language) {
  html.markup("<table id=\"readings\"><thead><tr>");
  for (auto [en, zh] : {std::pair{"directive · item", "文件 · 事项"},
                        {"text", "原文"},
                        {"reading", "识别"},
                        {"candidates", "候选"}})
    html.element("th", {}, in(language, en, zh));
  html.markup("</tr></thead><tbody>");
  constexpr std::pair<std::string_view, std::string_view> status_labels[] = {
      {"exact", "精确"}, {"read as", "读作"}, {"candidates", "候选"}, {"none", "无"}};
  for (const ItemLoad& item : report.items) {
    const Reading& reading = item.reading;
    if (reading.status == ReadingStatus::exact) continue;
    html.open("tr", {{"class", "reading " + std::string(to_string(reading.status))}})
        .element("td", {}, item.item.directive + " #" + std::to_string(item.item.index))
        .element("td", {}, item.item.task)
        .element("td", {},
                 in(language, status_labels[static_cast<std::size_t>(reading.status)].first,
                    status_labels[static_cast<std::size_t>(reading.status)].second))
        .open("td");
    if (reading.candidates.empty()) html.text("—");
    for (const Candidate& candidate : reading.candidates)
      html.open("div").text(detail::candidate_label(candidate).in(language)).close("div");
    html.close("td").close("tr");
  }
  html.markup("</tbody></table>");
}

}  // namespace

std::string to_html(const Report& report, Language language) {
  const VillageSummary& villages = report.villages;
  Html html;
  detail::open_page(html, language, in(language, "qingdan check report", "清单核查报告"));
  html.open("p")
      .text(in(language, "verdict: ", "结论："))
      .open("span",
            {{"id", "verdict"}, {"class", "verdict " + std::string(to_string(report.verdict))}})
      .text(render::verdict_text(report.verdict, language))
      .close("span")
      .markup(" &nbsp; ")
      .text(in(language, "errors ", "错误 "))
      .text(std::to_string(report.count(Severity::error)))
      .text(in(language, " · warnings ", " · 警告 "))
      .text(std::to_string(report.count(Severity::warning)))
      .close("p");
  if (report.illustrative())
    html.element("p", {{"id", "illustrative"}, {"class", "illustrative"}},
                 detail::say(language, detail::Message::illustrative_report));
  html.element("h2", {}, in(language, "Directives", "文件")).markup("<dl>");
  for (const DirectiveSummary& directive : report.directives)
    html.element("dt", {}, directive.id)
        .open("dd")
        .text(directive.title)
        .markup(" ")
        .element("small", {},
                 "(" + directive.file + "; " + to_iso(directive.issued) + "; " +
                     directive.jurisdiction + "; " +
                     detail::level_phrase(directive.mode, directive.mode_name).in(language) + "; " +
                     std::to_string(directive.items) + std::string(in(language, " items)", " 项)")))
        .close("dd");
  html.markup("</dl>");
  if (!report.ledger.empty()) {
    html.element("h2", {}, in(language, "Ledger counted", "计入的台账"))
        .markup("<dl id=\"ledger\">");
    for (const DirectiveSummary& directive : report.ledger)
      html.element("dt", {}, directive.id)
          .open("dd")
          .text(directive.title)
          .markup(" ")
          .element("small", {},
                   "(" + directive.file + "; " + to_iso(directive.issued) + "; " +
                       directive.jurisdiction + ")")
          .close("dd");
    html.markup("</dl>");
  }
  if (villages.profiles_given) {
    html.element("h2", {}, in(language, "Village load", "村居负荷"))
        .element("p", {},
                 detail::say(language, detail::Message::text_villages,
                             {{"month", detail::say(language, detail::Message::load_month,
                                                    {{"month", month_text(report.month)}})},
                              {"checked", std::to_string(villages.checked)},
                              {"overloaded", std::to_string(villages.overloaded)},
                              {"near", std::to_string(villages.near_capacity)},
                              {"warn_at", render::percent_text(villages.warn_at, language)}}));
    if (villages.with_extra_capacity > 0)
      html.element(
          "p", {{"id", "extra-capacity"}},
          detail::say(language, detail::Message::extra_capacity_in_mode,
                      {{"mode", render::modes_text(villages.extra_capacity_modes, language)},
                       {"count", std::to_string(villages.with_extra_capacity)}}));
    utilisation_histogram(html, villages, language);
    if (!villages.most_loaded.empty()) {
      html.element("h2", {}, in(language, "Most loaded villages", "负荷最重的村居"));
      most_loaded_chart(html, villages, language);
    }
  }
  if (!report.items.empty()) {
    html.element("h2", {}, in(language, "Hours added per item", "各事项每月新增工时"));
    item_hours_chart(html, report.items, language);
  }
  const bool any_read =
      std::any_of(report.items.begin(), report.items.end(),
                  [](const ItemLoad& item) { return item.reading.status != ReadingStatus::exact; });
  if (any_read) {
    html.element("h2", {}, in(language, "How items were read", "事项识别"));
    readings_table(html, report, language);
  }
  html.element("h2", {}, in(language, "Findings", "问题"));
  findings_table(html, report, language);
  return detail::close_page(std::move(html), language, report.fingerprint);
}

void write_html(const Report& report, const std::filesystem::path& file, Language language) {
  detail::write_page(file, to_html(report, language));
}

}  // namespace qingdan
