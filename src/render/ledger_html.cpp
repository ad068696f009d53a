// The year's ledger as one self-contained HTML page: the hours a month of the year and the year
// before, and a table of every department and village with what grew marked.
#include <algorithm>

#include <qingdan/report_output.hpp>

#include "render/html_page.hpp"
#include "render/wording.hpp"

namespace qingdan {

namespace {

using detail::Html;
using detail::number;
using render::in;

void legend(Html& html, double x, double y, const LedgerReport& ledger, Language language);

// The hours a month over all villages: the year before and the year, side by side.
void monthly_chart(Html& html, const LedgerReport& ledger, Language language) {
  const double left = 56, top = 16, width = 640, height = 200, slot = width / 12;
  double highest = 1;
  for (std::size_t m = 0; m < 12; ++m)
    highest = std::max(
        {highest, ledger.total.year.hours_per_month[m], ledger.total.previous.hours_per_month[m]});
  detail::open_svg(html, "monthly-hours", left + width + 16, top + height + 48,
                   in(language, "hours a month over all villages", "全部村居每月工时"));
  const std::string year = std::to_string(ledger.year), previous = std::to_string(ledger.year - 1);
  for (std::size_t m = 0; m < 12; ++m) {
    const double before = ledger.total.previous.hours_per_month[m];
    const double now = ledger.total.year.hours_per_month[m];
    const double x = left + static_cast<double>(m) * slot;
    const std::string month = std::to_string(m + 1);
    detail::svg_rect(html, x + 3, top + height - height * before / highest, slot / 2 - 4,
                     height * before / highest, "bar previous",
                     previous + "-" + month + ": " + render::hours_text(before) +
                         std::string(in(language, " h", " 小时")));
    detail::svg_rect(html, x + slot / 2 + 1, top + height - height * now / highest, slot / 2 - 4,
                     height * now / highest, "bar current",
                     year + "-" + month + ": " + render::hours_text(now) +
                         std::string(in(language, " h", " 小时")));
    detail::svg_text(html, x + slot / 2, top + height + 16, month, "middle");
  }
  detail::svg_line(html, left, top + height, left + width, top + height, "axis");
  detail::svg_text(html, left - 6, top + 10, render::hours_text(highest), "end");
  detail::svg_text(html, left - 6, top + height, "0", "end");
  legend(html, left, top + height + 36, ledger, language);
  html.close("svg");
}

// "■ 2021 ■ 2022 (hours a month)", each square in its bars' colour.
void legend(Html& html, double x, double y, const LedgerReport& ledger, Language language) {
  html.open("text", {{"class", "legend"}, {"x", number(x)}, {"y", number(y)}})
      .markup("<tspan class=\"swatch-previous\">■</tspan> ")
      .text(std::to_string(ledger.year - 1))
      .markup(" <tspan class=\"swatch-current\">■</tspan> ")
      .text(std::to_string(ledger.year))
      .text(in(language, " (hours a month)", "（每月工时）"))
      .close("text");
}

// Each department's hours a month on average, the year before above the year.
void departments_chart(Html& html, const LedgerReport& ledger, Language language) {
  const double label = 230, width = 420, row = 30, top = 8;
  double widest = 1;
  for (const LedgerRow& row_of : ledger.departments)
    widest = std::max({widest, row_of.year.hours, row_of.previous.hours});
  const double scale = width / widest;
  detail::open_svg(html, "department-hours", label + width + 80,
                   top + row * static_cast<double>(ledger.departments.size()) + 30,
                   in(language, "hours a month by department", "各发文单位每月工时"));
  double y = top;
  for (const LedgerRow& department : ledger.departments) {
    const std::string name = std::string(render::department_name(department, language));
    detail::svg_text(html, label - 8, y + 17, name, "end");
    detail::svg_rect(html, label, y + 2, department.previous.hours * scale, row / 2 - 3,
                     "bar previous",
                     std::to_string(ledger.year - 1) + ": " +
                         render::figure_text("hours", department.previous.hours));
    detail::svg_rect(
        html, label, y + row / 2, department.year.hours * scale, row / 2 - 3, "bar current",
        std::to_string(ledger.year) + ": " + render::figure_text("hours", department.year.hours));
    detail::svg_text(html, label + department.year.hours * scale + 6, y + row - 6,
                     render::figure_text("hours", department.year.hours));
    y += row;
  }
  legend(html, label, y + 16, ledger, language);
  html.close("svg");
}

// Rows by the name each is shown under.
using NamedRows = std::vector<std::pair<std::string_view, const LedgerRow*>>;

void rows_table(Html& html, const NamedRows& rows, Language language, detail::Markup id) {
  html.open("table", {{"id", id.view()}}).markup("<thead><tr>");
  html.element("th", {}, in(language, "name", "名称"));
  for (std::string_view measure : burden_measures)
    html.element("th", {}, render::measure_text(measure, language));
  html.markup("</tr></thead><tbody>");
  for (const auto& [name, one] : rows) {
    const LedgerRow& row = *one;
    html.markup("<tr>").element("td", {}, name);
    for (std::string_view measure : burden_measures) {
      const bool grew = std::find(row.grew.begin(), row.grew.end(), measure) != row.grew.end();
      const std::string cell = render::figure_text(measure, measure_of(row.year, measure)) + " (" +
                               render::figure_text(measure, measure_of(row.previous, measure)) +
                               ")" + (grew ? " ↑" : "");
      if (grew)
        html.element("td", {{"class", "grew"}}, cell);
      else
        html.element("td", {}, cell);
    }
    html.markup("</tr>");
  }
  html.markup("</tbody></table>");
}

}  // namespace

std::string to_html(const LedgerReport& ledger, Language language) {
  Html html;
  const std::string title = render::words(language, "qingdan ledger {year}", "{year} 年减负台账",
                                          {{"year", std::to_string(ledger.year)}});
  detail::open_page(html, language, title);
  html.element("p", {{"id", "summary"}},
               render::words(language,
                             "{count} directives reached villages in {year} ({before} in "
                             "{previous}); each cell is {year} ({previous}), ↑ where it grew "
                             "(只减不增: burdens may only shrink)",
                             "{year} 年共 {count} 份指令下达到村居（{previous} 年 {before} 份）；"
                             "每格为 {year} 年（{previous} 年），↑ 表示增加（违反只减不增）",
                             {{"count", std::to_string(ledger.directives)},
                              {"year", std::to_string(ledger.year)},
                              {"before", std::to_string(ledger.previous_directives)},
                              {"previous", std::to_string(ledger.year - 1)}}));
  html.element("h2", {}, in(language, "Hours a month, all villages", "全部村居每月工时"));
  monthly_chart(html, ledger, language);
  html.element("h2", {}, in(language, "All villages", "全部村居"));
  rows_table(html, {{in(language, "all villages", "全部村居"), &ledger.total}}, language, "total");
  html.element("h2", {}, in(language, "By issuing department", "按发文单位"));
  if (!ledger.departments.empty()) departments_chart(html, ledger, language);
  NamedRows departments, villages;
  for (const LedgerRow& row : ledger.departments)
    departments.emplace_back(render::department_name(row, language), &row);
  for (const LedgerRow& row : ledger.villages) villages.emplace_back(row.name, &row);
  rows_table(html, departments, language, "departments");
  html.element("h2", {}, in(language, "By village", "按村居"));
  rows_table(html, villages, language, "villages");
  return detail::close_page(std::move(html), language, ledger.fingerprint);
}

void write_html(const LedgerReport& ledger, const std::filesystem::path& file, Language language) {
  detail::write_page(file, to_html(ledger, language));
}

}  // namespace qingdan
