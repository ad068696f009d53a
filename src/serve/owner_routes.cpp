// GET and POST /v1/owner, POST /v1/owners: the owner question, one or a batch.
#include <string>
#include <vector>

#include <boost/json.hpp>

#include <qingdan/json.hpp>

#include "render/json_values.hpp"
#include "serve/decision_log.hpp"
#include "serve/metrics.hpp"
#include "serve/routes.hpp"

namespace qingdan::serve {

namespace json = boost::json;
using detail::Code;
using detail::Message;
using detail::say;

namespace {

struct OwnerQuestion {
  std::string task;
  Query query;
};

// What an answer holds: the whole decision (entries, reasons, candidates), or only its answer
// (status, task, owner, roles) for a system that routes work and asks often.
enum class View : std::uint8_t { decision, answer };

View read_view(const RequestFields& fields) {
  const std::string view = fields.text("view").value_or("decision");
  if (view == "decision") return View::decision;
  if (view == "answer") return View::answer;
  throw ApiError(
      400, Code::http_bad_request,
      say(fields.language(), Message::http_bad_parameter,
          {{"name", fields.where("view")}, {"expected", "decision, answer"}, {"value", view}}),
      fields.position_of("view"));
}

// {query, at, status, task: {id, name}, owner: {level, department}, roles}: an answer, made
// without the reasons a decision carries.
json::object answer_value(const Answer& answer, std::string_view query) {
  json::value task, owner;
  if (!answer.task_id().empty())
    task = json::object{{"id", answer.task_id()}, {"name", answer.task_name()}};
  if (answer.has_owner())
    owner = detail::owner_value(answer.owner_level(), answer.owner_department());
  json::object roles;
  for (const auto& [level, role] : answer.roles()) roles[level] = std::string(to_string(role));
  return json::object{{"query", query},
                      {"at", to_iso(answer.at())},
                      {"status", std::string(to_string(answer.status()))},
                      {"task", std::move(task)},
                      {"owner", std::move(owner)},
                      {"roles", std::move(roles)}};
}

// The date, place and mode of a question, over those `query` holds.
void read_circumstances(const RequestFields& fields, Query& query) {
  if (auto at = fields.date("at")) query.at = at;
  if (auto place = fields.text("in")) query.jurisdiction = *place;
  if (auto mode = fields.text("mode")) query.mode = *mode;
}

// The question's fields; `defaults` (a batch's body) fill in those a query leaves out.
OwnerQuestion read_question(const RequestFields& fields, const OwnerQuestion* defaults) {
  OwnerQuestion question;
  if (defaults != nullptr) question = *defaults;
  question.task = fields.required_text("task");
  read_circumstances(fields, question.query);
  return question;
}

// The decision, counted and logged as one given (not for HEAD, which asks for headers only).
Decision decide(const Exchange& exchange, const OwnerQuestion& question) {
  const Rulebook& book = exchange.rulebook();
  Decision decision = book.owner(question.task, question.query);
  if (exchange.request.method() == boost::beast::http::verb::head) return decision;
  exchange.metrics.count_decision(decision.status);
  if (exchange.log != nullptr)
    exchange.log->record(exchange.request_id, decision, book.fingerprint());
  return decision;
}

// The question answered in `view`. The decision log keeps whole decisions: with it, an answer
// is made from one.
json::object answered(const Exchange& exchange, const OwnerQuestion& question, View view) {
  if (view == View::decision || exchange.log != nullptr) {
    const Decision decision = decide(exchange, question);
    if (view == View::decision) return detail::decision_value(decision, exchange.language);
  }
  const Answer answer = exchange.rulebook().answer(question.task, question.query);
  if (exchange.log == nullptr && exchange.request.method() != boost::beast::http::verb::head)
    exchange.metrics.count_decision(answer.status());
  return answer_value(answer, question.task);
}

}  // namespace

HttpResponse answer_owner(Exchange& exchange) {
  bool explain = false;
  View view = View::decision;
  OwnerQuestion question;
  if (exchange.request.method() == boost::beast::http::verb::post) {
    exchange.parameters.allow_only({"lang"});
    const json::value body = exchange.json_object_body("{\"task\": …}");
    const RequestFields fields = RequestFields::from_json(body.get_object(), "", exchange.language);
    fields.allow_only({"task", "at", "in", "mode", "explain", "view"});
    question = read_question(fields, nullptr);
    explain = fields.flag("explain").value_or(false);
    view = read_view(fields);
  } else {
    exchange.parameters.allow_only({"task", "at", "in", "mode", "explain", "view", "lang"});
    question = read_question(exchange.parameters, nullptr);
    explain = exchange.parameters.flag("explain").value_or(false);
    view = read_view(exchange.parameters);
  }
  if (view == View::answer) {
    json::object body{{"fingerprint", exchange.rulebook().fingerprint()}};
    for (auto& member : answered(exchange, question, view))
      body.emplace(member.key(), std::move(member.value()));
    return json_response(200, detail::json_document(std::move(body)));
  }
  const Decision decision = decide(exchange, question);
  return json_response(
      200, to_json(decision, exchange.rulebook().fingerprint(), exchange.language, explain));
}

HttpResponse answer_owners(Exchange& exchange) {
  exchange.parameters.allow_only({"lang"});
  const json::value body = exchange.json_object_body("{\"queries\": […]}");
  const RequestFields fields = RequestFields::from_json(body.get_object(), "", exchange.language);
  fields.allow_only({"queries", "at", "in", "mode", "view"});
  OwnerQuestion defaults;
  read_circumstances(fields, defaults.query);
  const View view = read_view(fields);
  const json::value* queries = fields.json("queries");
  if (queries == nullptr || !queries->is_array())
    throw ApiError(400, Code::http_bad_request,
                   say(exchange.language, Message::http_wrong_json_type,
                       {{"name", "queries"}, {"expected", "[{\"task\": …}, …]"}}),
                   json::object{{"field", "queries"}});
  const json::array& asked = queries->get_array();
  if (asked.size() > exchange.options.max_batch)
    throw ApiError(413, Code::http_too_large,
                   say(exchange.language, Message::http_batch_too_large,
                       {{"count", std::to_string(asked.size())},
                        {"what", detail::words(exchange.language, "queries", "查询")},
                        {"limit", std::to_string(exchange.options.max_batch)}}),
                   json::object{{"field", "queries"}});
  const Rulebook& book = exchange.rulebook();
  // Each query is answered, or has its own error where its answer would be: one bad place in a
  // batch of orders does not cost the others their answers.
  json::array answers;
  answers.reserve(asked.size());
  for (std::size_t i = 0; i < asked.size(); ++i) {
    const std::string where = "queries[" + std::to_string(i) + "].";
    try {
      if (!asked[i].is_object())
        throw ApiError(
            400, Code::http_bad_request,
            say(exchange.language, Message::http_wrong_json_type,
                {{"name", "queries[" + std::to_string(i) + "]"}, {"expected", "{\"task\": …}"}}),
            json::object{{"field", "queries[" + std::to_string(i) + "]"}});
      const RequestFields query =
          RequestFields::from_json(asked[i].get_object(), where, exchange.language);
      query.allow_only({"task", "at", "in", "mode"});
      answers.push_back(answered(exchange, read_question(query, &defaults), view));
    } catch (const ApiError& error) {
      answers.push_back(error_body(error));
    } catch (const Error& error) {
      const Diagnostic& diagnostic = error.diagnostic();
      const std::string field = diagnostic.code == "QQ003"   ? "mode"
                                : diagnostic.code == "QQ004" ? "task"
                                                             : "in";
      answers.push_back(
          error_body(ApiError(400, diagnostic.code, diagnostic.message_in(exchange.language),
                              json::object{{"field", where + field}})));
    }
  }
  return json_response(200, detail::json_document(json::object{{"fingerprint", book.fingerprint()},
                                                               {"decisions", std::move(answers)}}));
}

}  // namespace qingdan::serve
