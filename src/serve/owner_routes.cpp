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

}  // namespace

HttpResponse answer_owner(Exchange& exchange) {
  bool explain = false;
  OwnerQuestion question;
  if (exchange.request.method() == boost::beast::http::verb::post) {
    exchange.parameters.allow_only({"lang"});
    const json::value body = exchange.json_object_body("{\"task\": …}");
    const RequestFields fields = RequestFields::from_json(body.get_object(), "", exchange.language);
    fields.allow_only({"task", "at", "in", "mode", "explain"});
    question = read_question(fields, nullptr);
    explain = fields.flag("explain").value_or(false);
  } else {
    exchange.parameters.allow_only({"task", "at", "in", "mode", "explain", "lang"});
    question = read_question(exchange.parameters, nullptr);
    explain = exchange.parameters.flag("explain").value_or(false);
  }
  const Decision decision = decide(exchange, question);
  return json_response(
      200, to_json(decision, exchange.rulebook().fingerprint(), exchange.language, explain));
}

HttpResponse answer_owners(Exchange& exchange) {
  exchange.parameters.allow_only({"lang"});
  const json::value body = exchange.json_object_body("{\"queries\": […]}");
  const RequestFields fields = RequestFields::from_json(body.get_object(), "", exchange.language);
  fields.allow_only({"queries", "at", "in", "mode"});
  OwnerQuestion defaults;
  read_circumstances(fields, defaults.query);
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
      const Decision decision = decide(exchange, read_question(query, &defaults));
      answers.push_back(detail::decision_value(decision, exchange.language));
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
