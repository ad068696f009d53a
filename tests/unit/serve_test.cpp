// The HTTP API of `qingdan serve`, request by request, without a network: routes, errors,
// reloads, the decision log and its replay.
#include <gtest/gtest.h>

#include <sstream>

#include <boost/json.hpp>

#include <qingdan/json.hpp>

#include "load/sha256.hpp"
#include "serve/decision_log.hpp"
#include "serve/folder_watch.hpp"
#include "serve/replay.hpp"
#include "serve/service.hpp"
#include "serve/shown_text.hpp"
#include "temp_rulebook.hpp"

namespace qingdan::serve {
namespace {

namespace http = boost::beast::http;
namespace json = boost::json;
using qingdan::testing::levels_yaml;
using qingdan::testing::list_yaml;
using qingdan::testing::tasks_yaml;
using qingdan::testing::TempRulebook;

std::string negative(const std::string& levels) {
  return list_yaml("list: negative\nversion: \"1\"\neffective: 2022-01-01\n",
                   "  - {id: N-1, task: ZM-01, levels: [" + levels + "], basis: 测试依据}\n");
}

HttpRequest get(const std::string& target) { return HttpRequest{http::verb::get, target, 11}; }

HttpRequest post(const std::string& target, const std::string& body,
                 const std::string& type = "application/json") {
  HttpRequest request{http::verb::post, target, 11};
  request.set(http::field::content_type, type);
  request.body() = body;
  request.prepare_payload();
  return request;
}

json::object body_of(const HttpResponse& response) {
  return json::parse(response.body()).as_object();
}

std::string error_code(const HttpResponse& response) {
  return std::string(body_of(response).at("error").at("code").as_string());
}

class ServeTest : public ::testing::Test {
 protected:
  ServeTest()
      : rules_({{"rulebook.yaml", levels_yaml},
                {"tasks.yaml", tasks_yaml},
                {"neg.yaml", negative("village")}}) {}

  ServeOptions options() const {
    ServeOptions options;
    options.rules = rules_.folder();
    options.language = Language::en;
    options.token = "s3cret";
    return options;
  }

  TempRulebook rules_;
};

TEST_F(ServeTest, OwnerAnswersAsTheCommandLineDoesWithTheFingerprintInAHeader) {
  Service service(options());
  ASSERT_TRUE(service.reload("start").loaded);
  const Rulebook book = rules_.load();
  const Decision expected =
      book.owner("ZM-01", Query{Date{std::chrono::year{2024} / 1 / 1}, "徐练村", ""});
  HttpResponse response =
      service.handle(get("/v1/owner?task=ZM-01&at=2024-01-01&in=%E5%BE%90%E7%BB%83%E6%9D%91"));
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_EQ(response.body(), to_json(expected, book.fingerprint(), Language::en));
  EXPECT_EQ(response["Qingdan-Rulebook"], book.fingerprint());
  EXPECT_FALSE(response["X-Request-Id"].empty());
  EXPECT_EQ(response[http::field::content_type], "application/json; charset=utf-8");

  HttpResponse posted = service.handle(
      post("/v1/owner?lang=zh",
           R"({"task": "ZM-01", "at": "2024-01-01", "in": "徐练村", "explain": true})"));
  EXPECT_EQ(posted.body(), to_json(expected, book.fingerprint(), Language::zh, true));
}

TEST_F(ServeTest, TheAnswerViewHoldsWhatTheDecisionAnswers) {
  Service service(options());
  service.reload("start");
  const json::object decision = body_of(
      service.handle(get("/v1/owner?task=ZM-01&at=2024-01-01&in=%E5%BE%90%E7%BB%83%E6%9D%91")));
  const json::object answer = body_of(service.handle(
      get("/v1/owner?task=ZM-01&at=2024-01-01&in=%E5%BE%90%E7%BB%83%E6%9D%91&view=answer")));
  EXPECT_EQ(answer.size(), 7U);  // fingerprint, query, at, status, task, owner, roles
  for (const char* key : {"fingerprint", "query", "at", "status", "owner", "roles"})
    EXPECT_EQ(answer.at(key), decision.at(key)) << key;
  EXPECT_EQ(answer.at("task"), (json::object{{"id", "ZM-01"}, {"name", "开具亲属关系证明"}}));
  const json::object batch = body_of(service.handle(
      post("/v1/owners", R"({"view": "answer", "queries": [{"task": "nothing like it"}]})")));
  EXPECT_EQ(batch.at("decisions").as_array()[0].at("status"), "unknown");
  EXPECT_EQ(batch.at("decisions").as_array()[0].at("task"), nullptr);
  EXPECT_EQ(error_code(service.handle(get("/v1/owner?task=ZM-01&view=brief"))), "QH001");
}

TEST_F(ServeTest, AnUnknownTaskIsAnAnswerWithCandidatesNotAnError) {
  Service service(options());
  service.reload("start");
  HttpResponse response = service.handle(get(
      "/v1/owner?task=%E4%BA%B2%E5%B1%9E%E5%85%B3%E7%B3%BB%E8%AF%81%E6%98%8E%E5%BC%80%E5%85%B7"));
  EXPECT_EQ(response.result_int(), 200);
  const json::object body = body_of(response);
  EXPECT_EQ(body.at("status"), "unknown");
  ASSERT_FALSE(body.at("candidates").as_array().empty());
  EXPECT_EQ(body.at("candidates").as_array()[0].at("task").at("id"), "ZM-01");
}

TEST_F(ServeTest, BadRequestsAreTheirOwnErrorsInTheAskedLanguage) {
  Service service(options());
  service.reload("start");
  HttpResponse unknown = service.handle(get("/v1/owner?task=ZM-01&place=x"));
  EXPECT_EQ(unknown.result_int(), 400);
  EXPECT_EQ(body_of(unknown).at("error").at("position"), (json::object{{"parameter", "place"}}));
  EXPECT_EQ(error_code(unknown), "QH001");

  HttpResponse twice = service.handle(get("/v1/owner?task=ZM-01&task=ZM-02"));
  EXPECT_EQ(error_code(twice), "QH001");
  HttpResponse broken = service.handle(get("/v1/owner?task=%E4%BA"));  // half a character
  EXPECT_EQ(error_code(broken), "QH001");
  HttpResponse date = service.handle(get("/v1/owner?task=ZM-01&at=2024-02-30&lang=zh"));
  EXPECT_EQ(body_of(date).at("error").at("message"),
            "'at' 应为 YYYY-MM-DD 格式的日期，实际为 '2024-02-30'");
  HttpResponse place = service.handle(get("/v1/owner?task=ZM-01&in=nowhere"));
  EXPECT_EQ(error_code(place), "QQ001");
  EXPECT_EQ(body_of(place).at("error").at("position"), (json::object{{"parameter", "in"}}));

  HttpResponse json_error = service.handle(post("/v1/owner", "{\n  \"task\": \"ZM-01\",\n  oops"));
  EXPECT_EQ(json_error.result_int(), 400);
  EXPECT_EQ(body_of(json_error).at("error").at("position"),
            (json::object{{"line", 3}, {"column", 3}}));
  HttpResponse media =
      service.handle(post("/v1/owner", "task=ZM-01", "application/x-www-form-urlencoded"));
  EXPECT_EQ(media.result_int(), 415);
  EXPECT_EQ(error_code(media), "QH005");

  HttpResponse missing = service.handle(get("/nowhere"));
  EXPECT_EQ(missing.result_int(), 404);
  EXPECT_EQ(error_code(missing), "QH002");
  HttpRequest remove{http::verb::delete_, "/v1/owner", 11};
  HttpResponse method = service.handle(remove);
  EXPECT_EQ(method.result_int(), 405);
  EXPECT_EQ(method[http::field::allow], "GET, HEAD, POST");
  EXPECT_EQ(error_code(method), "QH003");
}

TEST_F(ServeTest, ABatchAnswersInOrderWithEachBadQueryInItsPlace) {
  ServeOptions limited = options();
  limited.max_batch = 3;
  Service service(limited);
  service.reload("start");
  HttpResponse response = service.handle(post(
      "/v1/owners",
      R"({"at": "2024-01-01", "queries": [{"task": "ZM-01", "in": "徐练村"}, {"task": "ZM-01", "in": "nowhere"}, {"task": "ZZ-01", "at": "2021-01-01"}]})"));
  ASSERT_EQ(response.result_int(), 200);
  const json::array decisions = body_of(response).at("decisions").as_array();
  ASSERT_EQ(decisions.size(), 3U);
  EXPECT_EQ(decisions[0].at("roles"), (json::object{{"village", "forbidden"}}));
  EXPECT_EQ(decisions[0].at("at"), "2024-01-01");
  EXPECT_EQ(decisions[1].at("error").at("code"), "QQ001");
  EXPECT_EQ(decisions[1].at("error").at("position"), (json::object{{"field", "queries[1].in"}}));
  EXPECT_EQ(decisions[2].at("at"), "2021-01-01");

  HttpResponse over = service.handle(
      post("/v1/owners",
           R"({"queries": [{"task": "a"}, {"task": "b"}, {"task": "c"}, {"task": "d"}]})"));
  EXPECT_EQ(over.result_int(), 413);
  EXPECT_EQ(error_code(over), "QH004");
}

TEST_F(ServeTest, HeadAnswersWithTheLengthAndNoBody) {
  Service service(options());
  service.reload("start");
  HttpRequest head{http::verb::head, "/healthz", 11};
  HttpResponse response = service.handle(head);
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_TRUE(response.body().empty());
  EXPECT_EQ(response[http::field::content_length], "16");  // {"status":"ok"}\n
}

TEST_F(ServeTest, TheAdminRouteNeedsTheTokenAndIsOffWithoutOne) {
  ServeOptions without = options();
  without.token.clear();
  Service off(without);
  EXPECT_EQ(off.handle(post("/v1/admin/reload", "")).result_int(), 403);

  Service service(options());
  service.reload("start");
  EXPECT_EQ(service.handle(post("/v1/admin/reload", "")).result_int(), 401);
  HttpRequest wrong = post("/v1/admin/reload", "");
  wrong.set(http::field::authorization, "Bearer s3cres");
  EXPECT_EQ(service.handle(wrong).result_int(), 401);
  HttpRequest right = post("/v1/admin/reload", "");
  right.set(http::field::authorization, "Bearer s3cret");
  HttpResponse reloaded = service.handle(right);
  EXPECT_EQ(reloaded.result_int(), 200);
  EXPECT_EQ(body_of(reloaded).at("loaded"), true);
  // The token guards the admin route only, unless asked for everywhere.
  EXPECT_EQ(service.handle(get("/v1/owner?task=ZM-01")).result_int(), 200);
  ServeOptions everywhere = options();
  everywhere.token_for_all = true;
  Service guarded(everywhere);
  guarded.reload("start");
  EXPECT_EQ(guarded.handle(get("/v1/owner?task=ZM-01")).result_int(), 401);
  EXPECT_EQ(guarded.handle(get("/metrics")).result_int(), 401);
  EXPECT_EQ(guarded.handle(get("/healthz")).result_int(), 200);
}

TEST_F(ServeTest, AFailedReloadKeepsTheRulebookServingAndSaysSo) {
  Service service(options());
  const HttpResponse before_load = service.handle(get("/readyz"));
  EXPECT_EQ(before_load.result_int(), 503);
  EXPECT_EQ(service.handle(get("/v1/owner?task=ZM-01")).result_int(), 503);
  EXPECT_EQ(error_code(service.handle(get("/v1/owner?task=ZM-01"))), "QH008");

  const std::string first = service.reload("start").fingerprint;
  rules_.write("neg.yaml", negative("hamlet"));
  const ReloadOutcome failed = service.reload("admin");
  EXPECT_FALSE(failed.loaded);
  ASSERT_TRUE(failed.error);
  EXPECT_EQ(failed.error->code, "QL203");
  EXPECT_EQ(failed.fingerprint, first);
  const HttpResponse ready = service.handle(get("/readyz"));
  EXPECT_EQ(ready.result_int(), 200);
  const json::object readiness = body_of(ready);
  EXPECT_EQ(readiness.at("fingerprint").as_string(), first);
  EXPECT_EQ(readiness.at("last_reload").at("ok"), false);
  EXPECT_EQ(readiness.at("last_reload").at("error").at("code"), "QL203");
  EXPECT_EQ(service.handle(get("/v1/owner?task=ZM-01"))["Qingdan-Rulebook"], first);
  const std::string metrics = service.handle(get("/metrics")).body();
  EXPECT_NE(metrics.find("qingdan_reloads_total 2\n"), std::string::npos);
  EXPECT_NE(metrics.find("qingdan_reload_failures_total 1\n"), std::string::npos);
  EXPECT_NE(metrics.find("qingdan_rulebook_info{fingerprint=\"" + first + "\""), std::string::npos);

  rules_.write("neg.yaml", negative("town"));
  const ReloadOutcome fixed = service.reload("admin");
  EXPECT_TRUE(fixed.loaded);
  EXPECT_NE(fixed.fingerprint, first);
  EXPECT_EQ(body_of(service.handle(get("/v1/owner?task=ZM-01&at=2024-01-01"))).at("roles"),
            (json::object{{"town", "forbidden"}}));
}

TEST_F(ServeTest, AFirstLoadThatFailsIsNotReadyWithTheReason) {
  rules_.write("neg.yaml", "qingdan: 1\nkind: list\nlist: [");
  Service service(options());
  EXPECT_FALSE(service.reload("start").loaded);
  const HttpResponse ready = service.handle(get("/readyz?lang=zh"));
  EXPECT_EQ(ready.result_int(), 503);
  EXPECT_TRUE(std::string(body_of(ready).at("reason").as_string()).starts_with("尚未加载规则库："));
  EXPECT_EQ(service.handle(get("/healthz")).result_int(), 200);
  EXPECT_EQ(service.handle(get("/v1/owner?task=ZM-01"))["Qingdan-Rulebook"], "");
}

TEST_F(ServeTest, CheckTakesYamlOrJsonAndAnswersJsonOrHtml) {
  Service service(options());
  service.reload("start");
  const std::string directive =
      "qingdan: 1\nkind: directive\nid: D-1\nissued: 2024-03-01\njurisdiction: 徐练村\nitems:\n"
      "  - {task: ZM-01, to: village, frequency: once, effort_hours: 1}\n";
  HttpResponse yaml = service.handle(post("/v1/check", directive, "application/yaml"));
  ASSERT_EQ(yaml.result_int(), 200) << yaml.body();
  EXPECT_EQ(yaml["Qingdan-Verdict"], "reject");
  EXPECT_EQ(body_of(yaml).at("findings").as_array()[0].at("code"), "QD001");

  json::object fields{
      {"id", "D-1"},
      {"issued", "2024-03-01"},
      {"jurisdiction", "徐练村"},
      {"items",
       json::array{json::object{
           {"task", "ZM-01"}, {"to", "village"}, {"frequency", "once"}, {"effort_hours", 1}}}}};
  HttpResponse from_fields = service.handle(
      post("/v1/check?format=html&lang=zh", json::serialize(json::object{{"directive", fields}})));
  ASSERT_EQ(from_fields.result_int(), 200) << from_fields.body();
  EXPECT_EQ(from_fields[http::field::content_type], "text/html; charset=utf-8");
  EXPECT_NE(from_fields.body().find("QD001"), std::string::npos);

  fields["items"].as_array()[0].as_object()["effort_hours"] = "lots";
  HttpResponse bad = service.handle(
      post("/v1/check", json::serialize(json::object{{"directives", json::array{fields}}})));
  EXPECT_EQ(bad.result_int(), 400);
  EXPECT_NE(
      std::string(body_of(bad).at("error").at("message").as_string()).find("items[0].effort_hours"),
      std::string::npos);
  HttpResponse none = service.handle(post("/v1/check", "{}"));
  EXPECT_EQ(error_code(none), "QH001");
}

TEST_F(ServeTest, TasksAndRulebookDescribeWhatIsLoaded) {
  Service service(options());
  service.reload("start");
  const json::object tasks = body_of(service.handle(get("/v1/tasks?q=%E6%A0%B8%E9%85%B8&limit=1")));
  EXPECT_EQ(tasks.at("total"), 1);  // 核酸: HS-01 by its alias
  EXPECT_EQ(tasks.at("tasks").as_array()[0].at("id"), "HS-01");
  EXPECT_EQ(tasks.at("reading").at("status"), "read_as");  // and read as it
  EXPECT_EQ(tasks.at("reading").at("task").at("id"), "HS-01");
  const json::object book = body_of(service.handle(get("/v1/rulebook?at=2021-06-01")));
  EXPECT_TRUE(book.at("editions").as_array().empty());  // the list starts in 2022
  const json::object later = body_of(service.handle(get("/v1/rulebook?at=2022-06-01")));
  ASSERT_EQ(later.at("editions").as_array().size(), 1U);
  EXPECT_EQ(later.at("editions").as_array()[0].at("file"), "neg.yaml");
  EXPECT_EQ(later.at("levels").as_array().size(), 4U);
  EXPECT_EQ(later.at("jurisdictions").as_array()[0].at("parent"), nullptr);
}

TEST(DecisionLog, MasksDropOrHashFieldsAndABadMaskIsRefused) {
  Metrics metrics;
  TempRulebook folder{{{"rulebook.yaml", levels_yaml}, {"tasks.yaml", tasks_yaml}}};
  const Rulebook book = folder.load();
  const Decision decision =
      book.owner("ZM-01", Query{Date{std::chrono::year{2024} / 1 / 1}, "徐练村", ""});
  const auto file = folder.folder() / "decisions.jsonl";
  DecisionLog log(file, {"task", "in:hash"}, metrics, Language::en);
  const json::object line = json::parse(log.line("T", "r-1", decision, "fp")).as_object();
  EXPECT_FALSE(line.contains("task"));
  EXPECT_EQ(line.at("in").as_string(),
            "sha256:" + detail::sha256_hex("上海市/青浦区/练塘镇/徐练村"));
  EXPECT_EQ(line.at("request_id"), "r-1");
  EXPECT_EQ(line.at("status"), "unlisted");
  EXPECT_THROW(DecisionLog(file, {"tusk"}, metrics, Language::en), Error);
  EXPECT_THROW(DecisionLog(file, {"task:encrypt"}, metrics, Language::en), Error);
  EXPECT_THROW(DecisionLog(folder.folder() / "no/such/folder/log", {}, metrics, Language::en),
               Error);
}

TEST(Replay, ListsTheAnswersANewRulebookChanges) {
  TempRulebook village{{{"rulebook.yaml", levels_yaml},
                        {"tasks.yaml", tasks_yaml},
                        {"neg.yaml", negative("village")}}};
  TempRulebook town{
      {{"rulebook.yaml", levels_yaml}, {"tasks.yaml", tasks_yaml}, {"neg.yaml", negative("town")}}};
  const Rulebook before = village.load(), after = town.load();
  Metrics metrics;
  std::string lines;
  {
    DecisionLog log(village.folder() / "log.jsonl", {}, metrics, Language::en);
    const Query query{Date{std::chrono::year{2024} / 1 / 1}, "徐练村", ""};
    lines += log.line("T", "a", before.owner("ZM-01", query), before.fingerprint());
    lines += log.line("T", "b", before.owner("ZZ-01", query), before.fingerprint());
  }
  DecisionLog masked(village.folder() / "masked.jsonl", {"task:hash"}, metrics, Language::en);
  lines += masked.line("T", "c", before.owner("ZM-01"), before.fingerprint());
  lines += "not json\n";
  std::istringstream same(lines);
  const ReplayResult unchanged = replay_decisions(same, before);
  EXPECT_EQ(unchanged.decisions, 2U);
  EXPECT_EQ(unchanged.unchanged, 2U);
  EXPECT_EQ(unchanged.masked, 1U);
  EXPECT_EQ(unchanged.unreadable, (std::vector<std::size_t>{4}));
  std::istringstream log(lines);
  const ReplayResult changed = replay_decisions(log, after);
  ASSERT_EQ(changed.changes.size(), 1U);
  EXPECT_EQ(changed.changes[0].line, 1U);
  EXPECT_EQ(changed.changes[0].before.roles.at("village"), "forbidden");
  EXPECT_EQ(changed.changes[0].after.roles.at("town"), "forbidden");
}

TEST(Replay, AnAnswerFieldMaskedIsNotComparedAndOneHashedIsComparedByItsHash) {
  TempRulebook village{{{"rulebook.yaml", levels_yaml},
                        {"tasks.yaml", tasks_yaml},
                        {"neg.yaml", negative("village")}}};
  TempRulebook town{
      {{"rulebook.yaml", levels_yaml}, {"tasks.yaml", tasks_yaml}, {"neg.yaml", negative("town")}}};
  const Rulebook before = village.load(), after = town.load();
  Metrics metrics;
  DecisionLog log(village.folder() / "log.jsonl", {"owner", "roles:hash", "status"}, metrics,
                  Language::en);
  const Query query{Date{std::chrono::year{2024} / 1 / 1}, "徐练村", ""};
  const std::string lines = log.line("T", "a", before.owner("ZM-01", query), before.fingerprint());
  std::istringstream same(lines), changed(lines);
  const ReplayResult unchanged = replay_decisions(same, before);
  EXPECT_EQ(unchanged.decisions, 1U);
  EXPECT_EQ(unchanged.unchanged, 1U);
  const ReplayResult moved = replay_decisions(changed, after);
  ASSERT_EQ(moved.changes.size(), 1U);                 // the roles' hash differs
  EXPECT_TRUE(moved.changes[0].before.roles.empty());  // not in the log to show
}

TEST(ShownText, QuotesAnyBytesAsValidUtf8WithoutControls) {
  EXPECT_EQ(shown_text("徐练村"), "徐练村");
  EXPECT_EQ(shown_text("a\nb\x7F"), "a%0Ab%7F");
  EXPECT_EQ(shown_text("\xE5\xBE"), "%E5%BE");         // half a character
  EXPECT_EQ(shown_text("\xC0\xAF"), "%C0%AF");         // an overlong '/'
  EXPECT_EQ(shown_text("\xED\xA0\x80"), "%ED%A0%80");  // a surrogate
  EXPECT_EQ(shown_text("\xC2\x85"), "%C2%85");         // a C1 control
  EXPECT_EQ(shown_text("一二三四", 2), "一二…");
}

TEST(Metrics, TheHistogramIsCumulativeAndEndsWithItsCount) {
  Metrics metrics;
  metrics.count_request(Route::owner, 200, std::chrono::microseconds(50));
  metrics.count_request(Route::owner, 200, std::chrono::milliseconds(3));
  metrics.count_request(Route::owner, 418, std::chrono::seconds(5));
  const std::string text = metrics.prometheus_text("fp", "n\"ame");
  EXPECT_NE(text.find("qingdan_http_requests_total{route=\"/v1/owner\",code=\"200\"} 2\n"),
            std::string::npos);
  EXPECT_NE(text.find("qingdan_http_requests_total{route=\"/v1/owner\",code=\"other\"} 1\n"),
            std::string::npos);
  EXPECT_NE(
      text.find(
          "qingdan_http_request_duration_seconds_bucket{route=\"/v1/owner\",le=\"0.0001\"} 1\n"),
      std::string::npos);
  EXPECT_NE(
      text.find(
          "qingdan_http_request_duration_seconds_bucket{route=\"/v1/owner\",le=\"0.005\"} 2\n"),
      std::string::npos);
  EXPECT_NE(
      text.find(
          "qingdan_http_request_duration_seconds_bucket{route=\"/v1/owner\",le=\"+Inf\"} 3\n"),
      std::string::npos);
  EXPECT_NE(text.find("qingdan_http_request_duration_seconds_count{route=\"/v1/owner\"} 3\n"),
            std::string::npos);
  EXPECT_NE(text.find("qingdan_rulebook_info{fingerprint=\"fp\",name=\"n\\\"ame\"} 1\n"),
            std::string::npos);
}

TEST(FolderWatch, TheSignatureChangesWithAFileAndNotWithoutOne) {
  TempRulebook folder{{{"a.yaml", "x"}, {"sub/b.yaml", "y"}}};
  const std::string first = FolderWatch::signature(folder.folder());
  EXPECT_EQ(FolderWatch::signature(folder.folder()), first);
  EXPECT_NE(first.find("sub/b.yaml"), std::string::npos);
  folder.write("sub/b.yaml", "yy");
  EXPECT_NE(FolderWatch::signature(folder.folder()), first);
}

}  // namespace
}  // namespace qingdan::serve
