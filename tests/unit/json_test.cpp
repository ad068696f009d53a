// The JSON documents: stable shape, deterministic bytes, the rulebook's fingerprint.
#include <gtest/gtest.h>

#include <limits>

#include <boost/json.hpp>

#include <qingdan/detail/phrases.hpp>

#include "temp_rulebook.hpp"

namespace qingdan {
namespace {

using testing::levels_yaml;
using testing::list_yaml;
using testing::tasks_yaml;
using testing::TempRulebook;
namespace json = boost::json;

class Json : public ::testing::Test {
 protected:
  TempRulebook rules{
      {{"rulebook.yaml", levels_yaml},
       {"tasks.yaml", tasks_yaml},
       {"collab.yaml", list_yaml("list: collaboration\nversion: \"2022\"\neffective: 2022-01-01\n",
                                 "  - {id: X-1, task: HS-01, owner: {level: district, department: "
                                 "区卫健委}, assist: [village]}\n")}}};
  Query query{Date{std::chrono::year{2022} / 4 / 15}, "徐练村", "normal"};
};

TEST_F(Json, DecisionDocumentHasTheDocumentedShape) {
  Rulebook book = rules.load();
  json::object document =
      json::parse(to_json(book.owner("核酸筛查", query), book.fingerprint())).as_object();
  EXPECT_EQ(document.at("fingerprint").as_string(), book.fingerprint());
  EXPECT_EQ(document.at("status").as_string(), "listed");
  EXPECT_EQ(document.at("at").as_string(), "2022-04-15");
  EXPECT_EQ(document.at("jurisdiction").as_string(), "上海市/青浦区/练塘镇/徐练村");
  EXPECT_EQ(document.at("task").at("id").as_string(), "HS-01");
  EXPECT_EQ(document.at("owner").at("department").as_string(), "区卫健委");
  EXPECT_EQ(json::serialize(document.at("roles")), R"({"district":"owns","village":"assists"})");
  const json::object& entry = document.at("entries").at(0).as_object();
  EXPECT_EQ(entry.at("list").as_string(), "collaboration");
  EXPECT_EQ(entry.at("file").as_string(), "collab.yaml");
  EXPECT_EQ(entry.at("line").as_int64(), 7);
  EXPECT_EQ(document.at("considered").at(0).at("verdict").as_string(), "applied");
  std::vector<std::string_view> keys;
  for (const auto& member : document) keys.push_back(member.key());
  EXPECT_EQ(keys, (std::vector<std::string_view>{
                      "fingerprint", "query", "at", "jurisdiction", "place_kinds", "mode", "status",
                      "task", "owner", "roles", "entries", "illustrative", "differs_below",
                      "conflicts", "suggestions", "candidates", "considered"}));
  EXPECT_FALSE(document.at("differs_below").as_bool());
  EXPECT_FALSE(document.at("illustrative").as_bool());
  EXPECT_FALSE(entry.at("illustrative").as_bool());
}

TEST_F(Json, UnknownTaskHasNullsAndSuggestions) {
  Rulebook book = rules.load();
  json::object document =
      json::parse(to_json(book.owner("核酸", query), book.fingerprint())).as_object();
  EXPECT_EQ(document.at("status").as_string(), "unknown");
  EXPECT_TRUE(document.at("task").is_null());
  EXPECT_TRUE(document.at("owner").is_null());
  EXPECT_EQ(document.at("suggestions").at(0).at("id").as_string(), "HS-01");
}

TEST_F(Json, SameInputGivesTheSameBytes) {
  std::string first = to_json(rules.load().owner("HS-01", query), rules.load().fingerprint());
  std::string second = to_json(rules.load().owner("HS-01", query), rules.load().fingerprint());
  EXPECT_EQ(first, second);
  EXPECT_EQ(first.back(), '\n');
}

TEST_F(Json, LintDocumentCountsBySeverity) {
  rules.write("bad.yaml", "qingdan: 1\nkind: lists\n");
  json::object document = json::parse(to_json(lint(rules.folder()))).as_object();
  EXPECT_EQ(document.at("errors").as_int64(), 1);
  EXPECT_EQ(document.at("warnings").as_int64(), 0);
  const json::object& diagnostic = document.at("diagnostics").at(0).as_object();
  EXPECT_EQ(diagnostic.at("code").as_string(), "QL012");
  EXPECT_EQ(diagnostic.at("line").as_int64(), 2);
  EXPECT_EQ(diagnostic.at("column").as_int64(), 7);
  EXPECT_EQ(diagnostic.at("severity").as_string(), "error");
}

// One lint, its report worded in either language: the data the same, the messages not.
TEST_F(Json, LintDocumentsWordOneReportInEitherLanguage) {
  rules.write("bad.yaml", "qingdan: 1\nkind: lists\n");
  const LintReport report = lint(rules.folder());
  const json::object english = json::parse(to_json(report)).as_object();
  const json::object chinese = json::parse(to_json(report, Language::zh)).as_object();
  const json::object& en = english.at("diagnostics").at(0).as_object();
  const json::object& zh = chinese.at("diagnostics").at(0).as_object();
  EXPECT_EQ(
      en.at("message").as_string(),
      "unknown kind 'lists'; expected rulebook, tasks, list, tests or approvals (did you mean "
      "'list'?)");
  EXPECT_EQ(zh.at("message").as_string(),
            "未知的 kind 'lists'；应为 rulebook、tasks、list、tests 或 approvals（是否想写 "
            "'list'？）");
  for (const char* key : {"file", "line", "column", "severity", "code"})
    EXPECT_EQ(en.at(key), zh.at(key)) << key;
  const std::string sarif = to_sarif(report, Language::zh);
  EXPECT_NE(sarif.find("\"text\":\"未知的 kind 'lists'"), std::string::npos) << sarif;
}

}  // namespace
}  // namespace qingdan

namespace qingdan {
namespace {

TEST(ReportJson, HasTheDocumentedShapeAndIsDeterministic) {
  testing::TempRulebook rules{
      {{"rulebook.yaml", testing::levels_yaml},
       {"tasks.yaml", testing::tasks_yaml},
       {"neg.yaml", testing::list_yaml("list: negative\nversion: \"1\"\neffective: 2022-01-01\n",
                                       "  - {id: N-1, category: 证明事项}\n")}}};
  Rulebook book = rules.load();
  Directive directive = Directive::parse(
      "qingdan: 1\nkind: directive\nid: D-1\nissued: 2022-05-01\nitems:\n"
      "  - {task: ZM-01, frequency: weekly, effort_hours: 2}\n",
      "d.yaml");
  Villages villages = Villages::parse_csv(
      "jurisdiction,staff,baseline_hours\n上海市/青浦区/练塘镇/徐练村,1,155\n", "v.csv");
  Report report = book.check(std::vector<Directive>{directive}, villages);
  std::string text = to_json(report);
  EXPECT_EQ(text, to_json(book.check(std::vector<Directive>{directive}, villages)));
  json::object document = json::parse(text).as_object();
  std::vector<std::string_view> keys;
  for (const auto& member : document) keys.push_back(member.key());
  EXPECT_EQ(keys, (std::vector<std::string_view>{"fingerprint", "language", "verdict", "month",
                                                 "errors", "warnings", "illustrative", "directives",
                                                 "ledger", "findings", "items", "villages"}));
  EXPECT_EQ(document.at("fingerprint").as_string(), book.fingerprint());
  EXPECT_EQ(document.at("verdict").as_string(), "reject");
  EXPECT_EQ(document.at("errors").as_int64(), 2);  // QD001 and QD010
  const json::object& forbidden = document.at("findings").at(0).as_object();
  EXPECT_EQ(forbidden.at("code").as_string(), "QD001");
  EXPECT_EQ(forbidden.at("name").as_string(), "forbidden");
  EXPECT_EQ(forbidden.at("item").at("line").as_int64(), 6);
  EXPECT_EQ(forbidden.at("entries").at(0).at("id").as_string(), "N-1");
  const json::object& overload = document.at("findings").at(1).as_object();
  EXPECT_EQ(overload.at("code").as_string(), "QD010");
  EXPECT_TRUE(overload.at("item").is_null());
  EXPECT_EQ(overload.at("village").at("jurisdiction").as_string(), "上海市/青浦区/练塘镇/徐练村");
  const json::object& villages_value = document.at("villages").as_object();
  EXPECT_EQ(villages_value.at("checked").as_int64(), 1);
  EXPECT_EQ(villages_value.at("histogram").as_array().size(), 21u);
  EXPECT_EQ(villages_value.at("most_loaded").at(0).at("top_items").at(0).at("item").as_int64(), 1);
  EXPECT_EQ(document.at("items").at(0).at("per").as_string(), "village");
}

TEST(ReportJson, WritesNumbersThatAreNotFiniteAsNull) {
  // No input can make these (the readers refuse non-finite and absurd figures), but the writer
  // must not put NaN or Infinity into a document whatever it is given: JSON has neither.
  const double infinity = std::numeric_limits<double>::infinity();
  Report report;
  report.items.push_back(ItemLoad{
      ItemRef{"D-1", 1, "T", {}}, "village", EffortUnit::village, infinity, 1, 1, -infinity, {}});
  report.villages.profiles_given = true;
  report.villages.warn_at = std::numeric_limits<double>::quiet_NaN();
  report.villages.most_loaded.push_back(VillageLoad{"a/b", 0, 0, 1, infinity, {}});
  report.villages.top_items.emplace_back();
  std::string text = to_json(report);
  for (const char* bad : {"nan", "NaN", "inf", "Infinity", "1e99999", "E99999"})
    EXPECT_EQ(text.find(bad), std::string::npos) << bad << " in " << text;
  json::object document = json::parse(text).as_object();
  EXPECT_TRUE(document.at("items").at(0).at("per_month").is_null());
  EXPECT_TRUE(document.at("items").at(0).at("total_hours").is_null());
  EXPECT_EQ(document.at("items").at(0).at("effort_hours"), 1);  // whole: written 1, not 1E0
  EXPECT_TRUE(document.at("villages").at("warn_at").is_null());
  EXPECT_TRUE(document.at("villages").at("most_loaded").at(0).at("utilisation").is_null());
}

TEST(ReportJson, WritesWholeNumbersAsIntegersAndOthersAsTheyAre) {
  Report report;
  report.items.push_back(ItemLoad{ItemRef{"D-1", 1, "T", {}},
                                  "village",
                                  EffortUnit::village,
                                  30,
                                  0.5,
                                  1,
                                  9007199254740994.0,
                                  {}});
  const std::string text = to_json(report);
  EXPECT_NE(text.find("\"per_month\":30,"), std::string::npos) << text;
  EXPECT_EQ(text.find("3E1"), std::string::npos);
  const json::object item = json::parse(text).at("items").at(0).as_object();
  EXPECT_EQ(item.at("effort_hours").as_double(), 0.5);
  EXPECT_TRUE(item.at("total_hours").is_double());  // beyond 2^53 a double stays a double
}

TEST(ReportText, GroupsByDirectiveAndItemAndEndsWithTheVerdict) {
  Report report;
  report.directives.push_back(DirectiveSummary{"D-1", "通知", "d.yaml",
                                               Date{std::chrono::year{2022} / 5 / 1}, "上海市",
                                               "normal", 2, "常态", std::nullopt});
  ItemRef second{"D-1", 2, "某事项", SourcePosition{"d.yaml", 9, 5}};
  report.findings.push_back(Finding{FindingCode::unlisted,
                                    Severity::warning,
                                    second,
                                    {},
                                    std::nullopt,
                                    {},
                                    {},
                                    std::nullopt,
                                    detail::verbatim("needs approval")});
  report.verdict = CheckVerdict::review;
  EXPECT_EQ(to_text(report),
            "D-1 通知\n"
            "  d.yaml; issued 2022-05-01 in 上海市, mode normal (常态), 2 items\n"
            "  item 2 某事项 (line 9)\n"
            "    warning QD003 unlisted: needs approval\n"
            "verdict: review (0 errors, 1 warning)\n");
}

TEST(ReportHtml, IsOnePageWithChartsTableAndNoOutsideResources) {
  Report report;
  report.verdict = CheckVerdict::reject;
  report.villages.profiles_given = true;
  report.villages.histogram.assign(21, 0);
  report.villages.histogram[12] = 3;
  report.villages.most_loaded.push_back(
      VillageLoad{"上海市/青浦区/练塘镇/徐练村", 100, 80, 40, 1.2, {}});
  report.villages.top_items.emplace_back();
  report.findings.push_back(Finding{FindingCode::overload,
                                    Severity::error,
                                    std::nullopt,
                                    {},
                                    std::nullopt,
                                    {},
                                    {},
                                    report.villages.most_loaded[0],
                                    detail::verbatim("<b>over</b> & out")});
  std::string html = to_html(report);
  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>"));
  EXPECT_NE(html.find("id=\"utilisation-histogram\""), std::string::npos);
  EXPECT_NE(html.find("id=\"most-loaded\""), std::string::npos);
  EXPECT_NE(html.find("<tr class=\"finding error\">"), std::string::npos);
  EXPECT_NE(html.find("&lt;b&gt;over&lt;/b&gt; &amp; out"), std::string::npos);  // escaped
  for (const char* outside : {"http://", "https://", "<script src", "<link", "@import", "url("})
    EXPECT_EQ(html.find(outside), std::string::npos) << outside;
}

// A report whose every text is `text`: the directive, its items and findings, the villages.
Report report_with_text(const std::string& text) {
  Report report;
  report.verdict = CheckVerdict::reject;
  report.fingerprint = text;
  report.directives.push_back(DirectiveSummary{
      text, text, text, Date{std::chrono::year{2022} / 5 / 1}, text, text, 1, text, std::nullopt});
  ItemRef item{text, 1, text, SourcePosition{text, 3, 5}};
  VillageLoad village{text, 100, 80, 40, 1.2, SourcePosition{text, 2, 1}};
  TaskRef task{text, text, text, {text}};
  report.items.push_back(ItemLoad{item, text, EffortUnit::village, 1, 2, 1, 2, {}});
  report.villages.profiles_given = true;
  report.villages.histogram.assign(21, 1);
  report.villages.most_loaded.push_back(village);
  report.villages.top_items.push_back({ItemShare{item, 2}});
  report.findings.push_back(Finding{FindingCode::unlisted,
                                    Severity::warning,
                                    item,
                                    {},
                                    task,
                                    {},
                                    {task},
                                    std::nullopt,
                                    detail::verbatim(text)});
  report.findings.push_back(Finding{FindingCode::unlisted,
                                    Severity::warning,
                                    item,
                                    {},
                                    std::nullopt,
                                    {},
                                    {},
                                    std::nullopt,
                                    detail::verbatim(text)});
  report.findings.push_back(Finding{FindingCode::overload,
                                    Severity::error,
                                    std::nullopt,
                                    {},
                                    std::nullopt,
                                    {},
                                    {},
                                    village,
                                    detail::verbatim(text)});
  return report;
}

// The tags of a page with their attribute names, in order: what a browser would build.
std::vector<std::string> tags_of(const std::string& html) {
  std::vector<std::string> tags;
  for (std::size_t open = html.find('<'); open != std::string::npos;
       open = html.find('<', open + 1)) {
    std::size_t close = html.find('>', open);
    std::string tag = html.substr(open, close - open + 1), shape;
    bool in_value = false;
    for (std::size_t i = 0; i < tag.size(); ++i) {
      if (tag[i] == '"') in_value = !in_value;
      if (!in_value) shape += tag[i];
    }
    tags.push_back(shape);
  }
  return tags;
}

TEST(ReportHtml, TextFromFilesCannotAddElementsOrAttributes) {
  const std::string hostile =
      "</script><script>alert(1)</script>\"><img src=x onerror=alert(1)>'&amp;"
      "javascript:alert(1)\u2028\u2029";
  std::string html = to_html(report_with_text(hostile));
  EXPECT_EQ(tags_of(html), tags_of(to_html(report_with_text("村"))));
  for (const char* unsafe : {"<script", "<img", "'&amp;", "\u2028", "\u2029"})
    EXPECT_EQ(html.find(unsafe), std::string::npos) << unsafe;
  EXPECT_NE(html.find("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x "
                      "onerror=alert(1)&gt;&#39;&amp;amp;javascript:alert(1)&#x2028;&#x2029;"),
            std::string::npos);
}

TEST(ReportHtml, ForbidsScriptByItsContentSecurityPolicy) {
  std::string html = to_html(Report{});
  std::size_t policy = html.find(
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
      "'none'; script-src 'none';");
  ASSERT_NE(policy, std::string::npos);
  EXPECT_LT(policy, html.find("<style>")) << "the policy comes before anything it governs";
}

}  // namespace
}  // namespace qingdan
