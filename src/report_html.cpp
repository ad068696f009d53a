// The report as one self-contained HTML page with inline SVG charts.
#include <algorithm>
#include <cstdio>
#include <fstream>

#include <qingdan/detail/messages.hpp>
#include <qingdan/report_output.hpp>

namespace qingdan {

namespace {

std::string escape(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': escaped += "&amp;"; break;
      case '<': escaped += "&lt;"; break;
      case '>': escaped += "&gt;"; break;
      case '"': escaped += "&quot;"; break;
      case '\'': escaped += "&#39;"; break;
      default: escaped += c;
    }
  }
  return escaped;
}

// At most `limit` characters of UTF-8 text, with an ellipsis when cut.
std::string shorten(const std::string& text, std::size_t limit) {
  std::size_t cut = 0;
  for (std::size_t characters = 0; cut < text.size() && characters < limit; ++characters) {
    ++cut;
    while (cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) ++cut;
  }
  return cut < text.size() ? text.substr(0, cut) + "…" : text;
}

std::string number(double value, int decimals = 1) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

std::string_view verdict_label(CheckVerdict verdict) {
  constexpr std::string_view labels[] = {"通过 pass", "需复核 review", "退回 reject"};
  return labels[static_cast<std::size_t>(verdict)];
}

std::string svg_text(double x, double y, std::string_view text, std::string_view anchor = "start",
                     std::string_view extra = "") {
  return "<text x=\"" + number(x) + "\" y=\"" + number(y) + "\" text-anchor=\"" +
         std::string(anchor) + "\"" + std::string(extra) + ">" + escape(text) + "</text>";
}

std::string svg_rect(double x, double y, double width, double height, std::string_view css_class,
                     std::string_view tooltip) {
  return "<rect class=\"" + std::string(css_class) + "\" x=\"" + number(x) + "\" y=\"" + number(y) +
         "\" width=\"" + number(std::max(width, 0.0)) + "\" height=\"" + number(height) +
         "\"><title>" + escape(tooltip) + "</title></rect>";
}

std::string svg_line(double x1, double y1, double x2, double y2, std::string_view css_class) {
  return "<line class=\"" + std::string(css_class) + "\" x1=\"" + number(x1) + "\" y1=\"" +
         number(y1) + "\" x2=\"" + number(x2) + "\" y2=\"" + number(y2) + "\"/>";
}

std::string open_svg(std::string_view id, double width, double height, std::string_view label) {
  return "<svg id=\"" + std::string(id) + "\" class=\"chart\" viewBox=\"0 0 " + number(width, 0) +
         " " + number(height, 0) + "\" role=\"img\" aria-label=\"" + escape(label) + "\">";
}

// Villages by utilisation, with the warning and capacity lines.
std::string utilisation_histogram(const VillageSummary& villages) {
  const double left = 48, top = 16, width = 630, height = 200, bar = width / 21;
  std::size_t highest = 1;
  for (std::size_t count : villages.histogram) highest = std::max(highest, count);
  std::string svg = open_svg("utilisation-histogram", left + width + 16, top + height + 40,
                             "村居负荷分布 utilisation of villages");
  for (std::size_t bin = 0; bin < villages.histogram.size(); ++bin) {
    double h = height * static_cast<double>(villages.histogram[bin]) / static_cast<double>(highest);
    std::string range = bin == 20
                            ? "≥200 %"
                            : std::to_string(bin * 10) + "–" + std::to_string(bin * 10 + 10) + " %";
    std::string css = bin >= 10                                              ? "bar over"
                      : static_cast<double>(bin + 1) > villages.warn_at * 10 ? "bar near"
                                                                             : "bar";
    svg += svg_rect(left + bin * bar + 1, top + height - h, bar - 2, h, css,
                    range + ": " + std::to_string(villages.histogram[bin]) + " 个村居");
  }
  svg += svg_line(left, top + height, left + width, top + height, "axis");
  for (int percent : {0, 50, 100, 150, 200})
    svg += svg_text(left + percent / 10.0 * bar, top + height + 16, std::to_string(percent) + "%",
                    "middle");
  svg += svg_text(left - 6, top + 10, std::to_string(highest), "end");
  svg += svg_text(left - 6, top + height, "0", "end");
  double warn_x = left + villages.warn_at * 10 * bar, full_x = left + 10 * bar;
  svg += svg_line(warn_x, top, warn_x, top + height, "warn-line");
  svg += svg_text(warn_x - 4, top + 12, "预警 " + number(villages.warn_at * 100, 0) + "%", "end",
                  " class=\"warn-label\"");
  svg += svg_line(full_x, top, full_x, top + height, "capacity-line");
  svg += svg_text(full_x + 4, top + 12, "满负荷 100%", "start", " class=\"capacity-label\"");
  svg += svg_text(left + width / 2, top + height + 34, "利用率 (基础 + 新增) / 容量", "middle");
  return svg + "</svg>";
}

// The most loaded villages: baseline and added hours against capacity.
std::string most_loaded_chart(const VillageSummary& villages) {
  const double label = 230, width = 420, row = 26, top = 8;
  double widest = 1;
  for (const VillageLoad& village : villages.most_loaded)
    widest = std::max({widest, village.baseline + village.added, village.capacity});
  double scale = width / widest;
  double height = top + row * static_cast<double>(villages.most_loaded.size()) + 24;
  std::string svg =
      open_svg("most-loaded", label + width + 70, height, "负荷最重的村居 most loaded villages");
  double y = top;
  for (const VillageLoad& village : villages.most_loaded) {
    std::string name = village.jurisdiction;
    if (auto cut = name.find('/', name.find('/') + 1); cut != std::string::npos && name.size() > 30)
      name = "…" + name.substr(cut);
    svg += svg_text(label - 6, y + 15, name, "end");
    svg += svg_rect(label, y + 3, village.baseline * scale, row - 8, "bar baseline",
                    "基础 baseline " + number(village.baseline) + " h");
    svg += svg_rect(label + village.baseline * scale, y + 3, village.added * scale, row - 8,
                    village.utilisation > 1 ? "bar added over" : "bar added",
                    "新增 added " + number(village.added) + " h");
    double cap = label + village.capacity * scale;
    svg += svg_line(cap, y, cap, y + row - 2, "capacity-line");
    svg += svg_text(label + width + 8, y + 15, number(village.utilisation * 100) + "%");
    y += row;
  }
  svg += "<text class=\"legend\" x=\"" + number(label) + "\" y=\"" + number(y + 14) +
         "\"><tspan class=\"swatch-baseline\">■</tspan> 基础 baseline <tspan "
         "class=\"swatch-added\">■</tspan> 新增 added <tspan class=\"swatch-capacity\">|</tspan> "
         "容量 capacity（小时/月）</text>";
  return svg + "</svg>";
}

// Hours each item adds a month, over all the villages it reaches.
std::string item_hours_chart(const std::vector<ItemLoad>& items) {
  const double label = 300, width = 360, row = 24, top = 8;
  double widest = 1;
  for (const ItemLoad& item : items) widest = std::max(widest, item.total_hours);
  double height = top + row * static_cast<double>(items.size()) + 8;
  std::string svg =
      open_svg("item-hours", label + width + 110, height, "各事项新增工时 hours added per item");
  double y = top;
  for (const ItemLoad& item : items) {
    std::string name = item.item.directive + " #" + std::to_string(item.item.index) + " " +
                       shorten(item.item.task, 14);
    svg += svg_text(label - 6, y + 15, name, "end");
    svg += svg_rect(
        label, y + 3, item.total_hours / widest * width, row - 8, "bar added",
        number(item.total_hours) + " 小时/月, " + std::to_string(item.villages) + " 个村居");
    svg += svg_text(label + item.total_hours / widest * width + 6, y + 15,
                    number(item.total_hours) + " h");
    y += row;
  }
  return svg + "</svg>";
}

std::string findings_table(const Report& report) {
  std::string html =
      "<div class=\"filters\">"
      "<input type=\"radio\" name=\"severity\" id=\"show-all\" checked>"
      "<label for=\"show-all\">全部 all (" +
      std::to_string(report.findings.size()) +
      ")</label>"
      "<input type=\"radio\" name=\"severity\" id=\"show-errors\">"
      "<label for=\"show-errors\">错误 errors (" +
      std::to_string(report.count(Severity::error)) +
      ")</label>"
      "<input type=\"radio\" name=\"severity\" id=\"show-warnings\">"
      "<label for=\"show-warnings\">警告 warnings (" +
      std::to_string(report.count(Severity::warning)) +
      ")</label>"
      "<table id=\"findings\"><thead><tr><th>级别</th><th>代码</th><th>文件 · 事项</th>"
      "<th>事项</th><th>说明</th></tr></thead><tbody>";
  for (const Finding& finding : report.findings) {
    std::string severity(to_string(finding.severity));
    std::string where, task;
    if (finding.item) {
      where = finding.item->directive + " #" + std::to_string(finding.item->index) + "<br><small>" +
              escape(finding.item->position.file) + ":" +
              std::to_string(finding.item->position.line) + "</small>";
      task =
          escape(finding.task ? finding.task->id + " " + finding.task->name : finding.item->task);
    } else if (finding.village) {
      where = escape(finding.village->position.file) + ":" +
              std::to_string(finding.village->position.line);
      task = escape(finding.village->jurisdiction);
    }
    html += "<tr class=\"finding " + severity + "\"><td>" +
            (finding.severity == Severity::error ? "错误" : "警告") + "</td><td>" +
            std::string(code_of(finding.code)) + "<br><small>" +
            std::string(name_of(finding.code)) + "</small></td><td>" +
            (finding.item ? where : where) + "</td><td>" + task + "</td><td>" +
            escape(finding.message) + "</td></tr>";
  }
  return html + "</tbody></table></div>";
}

constexpr std::string_view style = R"(
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222;padding:0 1em}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ddd}
.verdict{display:inline-block;padding:.3em .8em;border-radius:4px;color:#fff;font-weight:bold}
.verdict.pass{background:#2e7d32}.verdict.review{background:#ef6c00}.verdict.reject{background:#c62828}
table{border-collapse:collapse;width:100%;font-size:.92em}td,th{border-bottom:1px solid #e4e4e4;padding:.35em .5em;text-align:left;vertical-align:top}
tr.error td:first-child{color:#c62828;font-weight:bold}tr.warning td:first-child{color:#ef6c00;font-weight:bold}
.filters input{margin-left:1em}
#show-errors:checked~table tr.warning{display:none}#show-warnings:checked~table tr.error{display:none}
svg.chart{width:100%;height:auto;font-size:12px}.bar{fill:#90a4ae}.bar.near{fill:#ffb74d}.bar.over{fill:#e57373}
.bar.baseline{fill:#b0bec5}.bar.added{fill:#ffa726}.bar.added.over{fill:#e53935}
.axis{stroke:#555}.capacity-line{stroke:#c62828;stroke-width:2}.warn-line{stroke:#ef6c00;stroke-dasharray:4 3;stroke-width:2}
.capacity-label{fill:#c62828}.swatch-baseline{fill:#b0bec5}.swatch-added{fill:#ffa726}.swatch-capacity{fill:#c62828;font-weight:bold}.warn-label{fill:#ef6c00}.legend{fill:#555}
dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}dt{color:#666}
small{color:#777}
)";

}  // namespace

std::string to_html(const Report& report) {
  const VillageSummary& villages = report.villages;
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>清单核查报告 qingdan check report</title><style>" +
      std::string(style) + "</style></head><body>";
  html += "<h1>清单核查报告 <small>qingdan check report</small></h1>";
  html += "<p>结论 verdict: <span id=\"verdict\" class=\"verdict " +
          std::string(to_string(report.verdict)) + "\">" +
          std::string(verdict_label(report.verdict)) + "</span> &nbsp; 错误 " +
          std::to_string(report.count(Severity::error)) + " · 警告 " +
          std::to_string(report.count(Severity::warning)) + "</p>";
  html += "<h2>文件 Directives</h2><dl>";
  for (const DirectiveSummary& directive : report.directives)
    html += "<dt>" + escape(directive.id) + "</dt><dd>" + escape(directive.title) + " <small>(" +
            escape(directive.file) + "; " + to_iso(directive.issued) + "; " +
            escape(directive.jurisdiction) + "; " + escape(directive.mode) + "; " +
            std::to_string(directive.items) + " 项)</small></dd>";
  html += "</dl>";
  if (villages.profiles_given) {
    html += "<h2>村居负荷 Village load</h2><p>核查村居 " + std::to_string(villages.checked) +
            " 个；超负荷 " + std::to_string(villages.overloaded) + " 个；接近满负荷 " +
            std::to_string(villages.near_capacity) + " 个（预警线 " +
            number(villages.warn_at * 100, 0) + "%）。</p>";
    html += utilisation_histogram(villages);
    if (!villages.most_loaded.empty())
      html += "<h2>负荷最重的村居 Most loaded villages</h2>" + most_loaded_chart(villages);
  }
  if (!report.items.empty())
    html += "<h2>各事项每月新增工时 Hours added per item</h2>" + item_hours_chart(report.items);
  html += "<h2>问题 Findings</h2>" + findings_table(report);
  html += "<p><small>规则库指纹 rulebook fingerprint " + escape(report.fingerprint) +
          "</small></p></body></html>\n";
  return html;
}

void write_html(const Report& report, const std::filesystem::path& file, Language language) {
  std::ofstream out(file, std::ios::binary);
  out << to_html(report);
  if (!out)
    throw Error(Diagnostic{file.generic_string(), 0, 0, Severity::error, "QU002",
                           detail::say(language, detail::Message::cannot_write_html)});
}

}  // namespace qingdan
