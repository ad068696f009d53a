// The JSON documents: stable shape, deterministic bytes, the rulebook's fingerprint.
#include <gtest/gtest.h>

#include <boost/json.hpp>

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
                      "fingerprint", "query", "at", "jurisdiction", "mode", "status", "task",
                      "owner", "roles", "entries", "conflicts", "suggestions", "considered"}));
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

}  // namespace
}  // namespace qingdan
