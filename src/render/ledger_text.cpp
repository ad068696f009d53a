// The year's ledger for people: each village and department on a line, this year beside the
// year before, what grew marked ↑ (只减不增).
#include <algorithm>
#include <cmath>

#include <qingdan/report_output.hpp>

#include "render/wording.hpp"

namespace qingdan {

namespace {

using render::in;

// "上海市/…/徐练村: hours a month 81.2 (2021: 31.0) ↑, inspections 10 (5) ↑, …"
std::string row_text(const LedgerRow& row, std::string_view name, int year, Language language) {
  std::string text = "  " + std::string(name) + std::string(in(language, ": ", "："));
  bool first = true;
  for (std::string_view measure : burden_measures) {
    const double now = measure_of(row.year, measure), before = measure_of(row.previous, measure);
    if (now <= 0 && before <= 0) continue;
    if (!first) text += in(language, ", ", "，");
    text += std::string(render::measure_text(measure, language)) + " " +
            render::figure_text(measure, now) + std::string(in(language, " ", "")) +
            (first ? render::words(language, "({year}: {value})", "（{year} 年 {value}）",
                                   {{"year", std::to_string(year - 1)},
                                    {"value", render::figure_text(measure, before)}})
                   : render::words(language, "({value})", "（{value}）",
                                   {{"value", render::figure_text(measure, before)}}));
    if (std::find(row.grew.begin(), row.grew.end(), measure) != row.grew.end()) text += " ↑";
    first = false;
  }
  if (first) text += in(language, "nothing", "无");
  return text + "\n";
}

}  // namespace

std::string to_text(const LedgerReport& ledger, Language language) {
  const std::string year = std::to_string(ledger.year);
  const std::string previous = std::to_string(ledger.year - 1);
  std::string text = render::words(
      language,
      "ledger {year}: {count} directives reached villages ({previous}: {before}); {villages} "
      "villages\n",
      "{year} 年台账：{count} 份指令下达到村居（{previous} 年 {before} 份）；{villages} 个村居\n",
      {{"year", year},
       {"count", std::to_string(ledger.directives)},
       {"previous", previous},
       {"before", std::to_string(ledger.previous_directives)},
       {"villages", std::to_string(ledger.villages.size())}});
  text += row_text(ledger.total, in(language, "all villages", "全部村居"), ledger.year, language);
  text += in(language, "by issuing department, over the villages each reached\n",
             "按发文单位（其下达到的村居合计）\n");
  for (const LedgerRow& row : ledger.departments)
    text += row_text(row, render::department_name(row, language), ledger.year, language);
  text += in(language, "by village\n", "按村居\n");
  std::size_t villages_grew = 0, departments_grew = 0;
  for (const LedgerRow& row : ledger.villages) {
    text += row_text(row, row.name, ledger.year, language);
    villages_grew += !row.grew.empty();
  }
  for (const LedgerRow& row : ledger.departments) departments_grew += !row.grew.empty();
  text += render::words(
      language,
      "grew on {previous} (只减不增: burdens may only shrink): {villages} of {of_villages} "
      "villages, {departments} of {of_departments} departments; ↑ marks what grew\n",
      "较 {previous} 年增加（违反只减不增）：{villages}/{of_villages} 个村居，"
      "{departments}/{of_departments} 个发文单位；↑ 表示增加\n",
      {{"previous", previous},
       {"villages", std::to_string(villages_grew)},
       {"of_villages", std::to_string(ledger.villages.size())},
       {"departments", std::to_string(departments_grew)},
       {"of_departments", std::to_string(ledger.departments.size())}});
  return text;
}

}  // namespace qingdan
