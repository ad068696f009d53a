// Reading `kind: directive` files: what is accepted and the exact message for each mistake.
#include <gtest/gtest.h>

#include "temp_rulebook.hpp"

namespace qingdan {
namespace {

const std::string header = "qingdan: 1\nkind: directive\nid: D-1\nissued: 2022-04-02\n";

std::string first_error(const std::string& text) {
  try {
    Directive::parse(text, "d.yaml");
  } catch (const Error& error) {
    return error.diagnostic().to_string();
  }
  return "no error";
}

TEST(DirectiveReader, ReadsEveryField) {
  Directive d = Directive::parse(
      header +
          "title: 通知\nissuer: {level: district, department: 区卫健委}\njurisdiction: 青浦区\n"
          "mode: emergency\nitems:\n"
          "  - task: 核酸筛查\n    to: village\n    frequency: {times: 2, per: week}\n"
          "    effort_hours: 4.5\n    per: household\n    funding: true\n    approved: false\n"
          "    form: {name: 统计表, fields: [姓名, 住址]}\n    note: 说明\n",
      "d.yaml");
  EXPECT_EQ(d.id, "D-1");
  EXPECT_EQ(d.title, "通知");
  EXPECT_EQ(d.issuer->department, "区卫健委");
  EXPECT_EQ(d.issued, Date{std::chrono::year{2022} / 4 / 2});
  EXPECT_EQ(d.jurisdiction, "青浦区");
  EXPECT_EQ(d.jurisdiction_position.line, 7u);
  EXPECT_EQ(d.mode, "emergency");
  ASSERT_EQ(d.items.size(), 1u);
  const DirectiveItem& item = d.items[0];
  EXPECT_EQ(item.task, "核酸筛查");
  EXPECT_EQ(item.to, "village");
  EXPECT_EQ(item.frequency.text, "2 per week");
  EXPECT_DOUBLE_EQ(item.frequency.per_month, 104.0 / 12);
  EXPECT_DOUBLE_EQ(item.effort_hours, 4.5);
  EXPECT_EQ(item.per, EffortUnit::household);
  EXPECT_TRUE(item.funding);
  EXPECT_FALSE(item.self_approved);
  EXPECT_TRUE(item.approval.empty());
  EXPECT_EQ(item.form->fields, (std::vector<std::string>{"姓名", "住址"}));
  EXPECT_EQ(item.position.line, 10u);
}

TEST(DirectiveReader, ReportsEachMistakeWithItsPosition) {
  const std::string item = "items:\n  - {task: T, frequency: daily, effort_hours: 1";
  EXPECT_EQ(first_error(header + item + ", per: houshold}\n"),
            "d.yaml:6:55: error: 'per' must be one of village (村), household (户), person (人); "
            "found 'houshold' (did you mean 'household'?) [QL105]");
  EXPECT_EQ(first_error(header + "items:\n  - {task: T, frequency: hourly, effort_hours: 1}\n"),
            "d.yaml:6:26: error: 'frequency' must be one of once (一次), daily (每日), weekly "
            "(每周), monthly (每月), quarterly (每季度), yearly (每年); found 'hourly' [QL105]");
  EXPECT_EQ(
      first_error(header +
                  "items:\n  - {task: T, frequency: {times: 0, per: week}, effort_hours: 1}\n"),
      "d.yaml:6:34: error: 'times' must be greater than 0 [QL100]");
  EXPECT_EQ(first_error(header + "items:\n  - {task: T, frequency: daily, effort_hours: -2}\n"),
            "d.yaml:6:47: error: 'effort_hours' must not be negative [QL100]");
  // Figures beyond any real directive, and NaN or infinity however written, are refused where
  // they are written: multiplied out, they would make infinite hours.
  EXPECT_EQ(first_error(header + "items:\n  - {task: T, frequency: daily, effort_hours: 1e308}\n"),
            "d.yaml:6:47: error: 'effort_hours' must be at most 10000, found 1e308 [QL100]");
  EXPECT_EQ(first_error(header + "items:\n  - {task: T, frequency: {times: 1e20, per: day}, "
                                 "effort_hours: 1}\n"),
            "d.yaml:6:34: error: 'times' must be at most 10000, found 1e20 [QL100]");
  for (const char* figure : {"nan", ".nan", "inf", ".inf", "-.inf", "1e999"})
    EXPECT_EQ(first_error(header + "items:\n  - {task: T, frequency: daily, effort_hours: " +
                          figure + "}\n"),
              "d.yaml:6:47: error: 'effort_hours' must be a number, found text '" +
                  std::string(figure) + "' [QL100]");
  EXPECT_EQ(first_error(header + item + ", funding: yes}\n"),
            "d.yaml:6:59: error: 'funding' must be true or false, found text 'yes' [QL100]");
  EXPECT_EQ(first_error(header + item + ", efort_hours: 2}\n"),
            "d.yaml:6:50: error: unknown key 'efort_hours' in an item (did you mean "
            "'effort_hours'?) [QL102]");
  EXPECT_EQ(first_error(header + "items:\n  - {task: T, frequency: daily}\n"),
            "d.yaml:6:5: error: an item is missing the required key 'effort_hours' [QL101]");
  EXPECT_EQ(first_error("qingdan: 1\nkind: directive\nid: D-1\nitems: []\n"),
            "d.yaml:1:1: error: a directive is missing the required key 'issued' [QL101]");
  EXPECT_EQ(first_error(header + "items: []\n"),
            "d.yaml:5:8: error: 'items' must not be empty [QL100]");
  EXPECT_EQ(first_error("qingdan: 1\nkind: tasks\ntasks: []\n"),
            "d.yaml:2:7: error: expected a file of kind 'directive', found kind 'tasks' [QL012]");
  EXPECT_EQ(
      first_error(header + "isued: 2022-01-01\nitems: []\n"),
      "d.yaml:5:1: error: unknown key 'isued' in a directive (did you mean 'issued'?) [QL102]");
  EXPECT_EQ(
      first_error(""),
      "d.yaml:1:1: error: file is empty; expected a mapping with 'qingdan: 1' and 'kind' [QL007]");
}

TEST(DirectiveReader, LoadsFromAFileAndNamesIt) {
  testing::TempRulebook folder{
      {{"d.yaml", header + "items:\n  - {task: T, frequency: once, effort_hours: 0}\n"}}};
  Directive d = Directive::load(folder.folder() / "d.yaml");
  EXPECT_EQ(d.items[0].position.file, (folder.folder() / "d.yaml").generic_string());
  EXPECT_THROW(Directive::load(folder.folder() / "missing.yaml"), Error);
}

// Fields built in code, as Python's Directive.from_dict builds them.
FieldValue text(std::string value) { return {FieldValue::Kind::text, std::move(value), {}, {}}; }
FieldValue literal(std::string value) {
  return {FieldValue::Kind::literal, std::move(value), {}, {}};
}
FieldValue mapping(std::vector<FieldValue::Member> members) {
  return {FieldValue::Kind::mapping, {}, {}, std::move(members)};
}
FieldValue item(FieldValue effort, std::string per = "village") {
  return mapping({{"task", text("核酸筛查")},
                  {"frequency", text("每周")},
                  {"effort_hours", std::move(effort)},
                  {"per", text(std::move(per))},
                  {"to", text("村居")}});
}
FieldValue fields(std::vector<FieldValue> items) {
  return mapping({{"id", text("D-1")},
                  {"issued", text("2022-04-02")},
                  {"items", {FieldValue::Kind::list, {}, std::move(items), {}}}});
}

std::string first_error_of(const FieldValue& value, Language language = Language::en) {
  try {
    Directive::from_fields(value, "<fields>");
  } catch (const Error& error) {
    EXPECT_EQ(error.file(), "");
    EXPECT_EQ(error.line(), 0u);
    EXPECT_EQ(error.column(), 0u);
    return error.diagnostic().to_string(language);
  }
  return "no error";
}

TEST(DirectiveFields, ReadAsTheFileWithoutItsHeader) {
  Directive d =
      Directive::from_fields(fields({item(literal("2")), item(literal("0.5"), "户")}), "<fields>");
  ASSERT_EQ(d.items.size(), 2u);
  EXPECT_EQ(d.items[1].frequency.text, "每周");
  EXPECT_DOUBLE_EQ(d.items[1].effort_hours, 0.5);
  EXPECT_EQ(d.items[1].per, EffortUnit::household);
  EXPECT_EQ(d.items[1].to, "村居");
  // Their findings cite the name given, with no line.
  EXPECT_EQ(d.items[1].position, (SourcePosition{"<fields>", 0, 0}));
  FieldValue given = fields({item(literal("2"))});
  given.members.push_back({"kind", text("directive")});
  given.members.push_back({"qingdan", literal("1")});
  EXPECT_EQ(Directive::from_fields(given, "<fields>").items.size(), 1u);
}

TEST(DirectiveFields, AMistakeIsToldAtItsPath) {
  EXPECT_EQ(first_error_of(fields({item(literal("1")), item(literal("1"), "houshold")})),
            "error: items[1].per: 'per' must be one of village (村), household (户), person (人); "
            "found 'houshold' (did you mean 'household'?) [QL105]");
  EXPECT_EQ(
      first_error_of(fields({item(literal("1")), item(literal("1"), "houshold")}), Language::zh),
      "错误：items[1].per：'per' 必须是 村（village）、户（household）、人（person） 之一；"
      "这里是 'houshold'（是否想写 'household'？） [QL105]");
  // A number given as text is no number, as "2" in YAML is not.
  EXPECT_EQ(first_error_of(fields({item(text("2"))})),
            "error: items[0].effort_hours: 'effort_hours' must be a number, found text '2' "
            "[QL100]");
  FieldValue without_effort = item(literal("1"));
  without_effort.members.erase(without_effort.members.begin() + 2);
  EXPECT_EQ(first_error_of(fields({without_effort})),
            "error: items[0]: an item is missing the required key 'effort_hours' [QL101]");
  FieldValue other_kind = fields({item(literal("1"))});
  other_kind.members.push_back({"kind", text("villages")});
  EXPECT_EQ(first_error_of(other_kind),
            "error: kind: expected a file of kind 'directive', found kind 'villages' [QL012]");
  EXPECT_EQ(first_error_of(mapping({{"id", text("D-1")}})),
            "error: a directive is missing the required key 'issued' [QL101]");
  FieldValue deep = literal("1");
  for (int i = 0; i < 70; ++i) deep = mapping({{"a", std::move(deep)}});
  // Nesting stops at 64 levels: the 65th mapping down, counting the root, is refused.
  std::string path = "note";
  for (int i = 0; i < 63; ++i) path += ".a";
  EXPECT_EQ(first_error_of(mapping({{"note", std::move(deep)}})),
            "error: " + path +
                ": nesting is deeper than 64 levels (raise LoadOptions::max_depth) [QL005]");
}

}  // namespace
}  // namespace qingdan
