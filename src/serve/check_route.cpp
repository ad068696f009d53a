// POST /v1/check: directives checked against the lists, as `qingdan check` does.
#include <algorithm>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include <qingdan/json.hpp>
#include <qingdan/report_output.hpp>

#include "serve/routes.hpp"

namespace qingdan::serve {

namespace json = boost::json;
using detail::Code;
using detail::Message;
using detail::say;
using detail::words;

namespace {

// A JSON value as the fields a directive file would hold: numbers and booleans stay literals,
// so that `hours: 2` reads as YAML's 2 and `approved: true` as its true.
FieldValue field_value(const json::value& value) {
  FieldValue field;
  switch (value.kind()) {
    case json::kind::null: break;
    case json::kind::string:
      field.kind = FieldValue::Kind::text;
      field.text = value.get_string();
      break;
    case json::kind::bool_:
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_:
      field.kind = FieldValue::Kind::literal;
      field.text = json::serialize(value);
      break;
    case json::kind::array:
      field.kind = FieldValue::Kind::list;
      for (const json::value& item : value.get_array()) field.items.push_back(field_value(item));
      break;
    case json::kind::object:
      field.kind = FieldValue::Kind::mapping;
      for (const auto& member : value.get_object())
        field.members.push_back({std::string(member.key()), field_value(member.value())});
      break;
  }
  return field;
}

// Directives in one request, at most.
constexpr std::size_t most_directives = 50;

// The limits a directive sent over the network is read with, far below a file's: what YAML
// aliases may repeat and one text's length bound what a request can make the server hold (50
// directives x 200 repeated nodes x 4 KiB), whatever the body's size.
LoadOptions request_load_options(const Exchange& exchange) {
  LoadOptions load;
  load.max_file_bytes = exchange.options.max_body_bytes;
  load.max_alias_nodes = 200;
  load.max_text_bytes = 4096;
  return load;
}

// One directive of a JSON body: an object of its fields, or its YAML text.
Directive directive_of(const json::value& value, const std::string& name,
                       const Exchange& exchange) {
  const LoadOptions load = request_load_options(exchange);
  if (value.is_string()) return Directive::parse(value.get_string(), name, load);
  if (value.is_object()) return Directive::from_fields(field_value(value), name, load);
  throw ApiError(
      400, Code::http_bad_request,
      say(exchange.language, Message::http_wrong_json_type,
          {{"name", name},
           {"expected", words(exchange.language, "a directive's fields, or its YAML text",
                              "指令的字段，或其 YAML 文本")}}),
      json::object{{"field", name}});
}

// One value of a row as a CSV field: quoted, its quotes doubled.
std::string csv_field(const json::value& value, std::size_t row, std::string_view key,
                      const Exchange& exchange) {
  std::string text;
  if (value.is_string())
    text = value.get_string();
  else if (value.is_number())
    text = json::serialize(value);
  else if (!value.is_null())
    throw ApiError(
        400, Code::http_bad_request,
        say(exchange.language, Message::http_wrong_json_type,
            {{"name", "villages[" + std::to_string(row) + "]." + std::string(key)},
             {"expected", words(exchange.language, "a string or a number", "字符串或数")}}),
        json::object{{"field", "villages[" + std::to_string(row) + "]." + std::string(key)}});
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + '"';
}

// Village profiles given as CSV text, or as rows of the CSV's columns ([{"jurisdiction": …,
// "households": 120, …}]), read as the CSV they stand for; a row's problem names the row.
Villages villages_of(const json::value& given, const Exchange& exchange) {
  if (given.is_string()) return Villages::parse_csv(given.get_string(), "villages");
  if (!given.is_array())
    throw ApiError(400, Code::http_bad_request,
                   say(exchange.language, Message::http_wrong_json_type,
                       {{"name", "villages"},
                        {"expected", words(exchange.language, "CSV text, or a list of rows",
                                           "CSV 文本，或由行组成的列表")}}),
                   json::object{{"field", "villages"}});
  std::vector<std::string> columns;
  for (const json::value& row : given.get_array()) {
    if (!row.is_object())
      throw ApiError(400, Code::http_bad_request,
                     say(exchange.language, Message::http_wrong_json_type,
                         {{"name", "villages[]"}, {"expected", "{\"jurisdiction\": …}"}}),
                     json::object{{"field", "villages"}});
    for (const auto& member : row.get_object())
      if (std::find(columns.begin(), columns.end(), member.key()) == columns.end())
        columns.emplace_back(member.key());
  }
  std::string csv;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (c > 0) csv += ',';
    csv += csv_field(json::value(columns[c]), 0, columns[c], exchange);
  }
  csv += '\n';
  const json::array& rows = given.get_array();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (c > 0) csv += ',';
      if (const json::value* value = rows[i].get_object().if_contains(columns[c]))
        csv += csv_field(*value, i, columns[c], exchange);
    }
    csv += '\n';
  }
  try {
    return Villages::parse_csv(csv, "villages");
  } catch (const Error& error) {
    const Diagnostic& diagnostic = error.diagnostic();
    json::object position{{"field", "villages"}};
    if (diagnostic.line >= 2)  // line 1 is the header the rows' keys made
      position["field"] = "villages[" + std::to_string(diagnostic.line - 2) + "]";
    throw ApiError(400, diagnostic.code, diagnostic.message_in(exchange.language),
                   std::move(position));
  }
}

void read_check_options(const RequestFields& fields, CheckOptions& check) {
  if (auto month = fields.month("month")) check.month = month;
  if (auto warn_at = fields.number("warn_at", 0, 1)) check.warn_at = *warn_at;
  if (auto exact = fields.flag("exact")) check.exact_only = *exact;
  if (auto most = fields.whole_number("most_loaded", 0, 100'000))
    check.most_loaded = static_cast<std::size_t>(*most);
}

}  // namespace

HttpResponse answer_check(Exchange& exchange) {
  const std::string type = exchange.require_media_type(
      {"application/json", "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"});
  std::vector<Directive> directives;
  Villages villages;
  CheckOptions check;
  if (type == "application/json") {
    exchange.parameters.allow_only({"format", "lang"});
    const json::value body = exchange.json_object_body("{\"directives\": […]}");
    const RequestFields fields = RequestFields::from_json(body.get_object(), "", exchange.language);
    fields.allow_only(
        {"directive", "directives", "villages", "month", "warn_at", "exact", "most_loaded"});
    if (const json::value* one = fields.json("directive")) {
      directives.push_back(directive_of(*one, "directive", exchange));
    }
    if (const json::value* many = fields.json("directives")) {
      if (!many->is_array())
        throw ApiError(400, Code::http_bad_request,
                       say(exchange.language, Message::http_wrong_json_type,
                           {{"name", "directives"}, {"expected", "[…]"}}),
                       json::object{{"field", "directives"}});
      const json::array& list = many->get_array();
      if (list.size() > most_directives)
        throw ApiError(413, Code::http_too_large,
                       say(exchange.language, Message::http_batch_too_large,
                           {{"count", std::to_string(list.size())},
                            {"what", words(exchange.language, "directives", "指令")},
                            {"limit", std::to_string(most_directives)}}),
                       json::object{{"field", "directives"}});
      for (std::size_t i = 0; i < list.size(); ++i)
        directives.push_back(
            directive_of(list[i], "directives[" + std::to_string(i) + "]", exchange));
    }
    if (const json::value* given = fields.json("villages"))
      villages = villages_of(*given, exchange);
    read_check_options(fields, check);
  } else {
    exchange.parameters.allow_only({"format", "lang", "month", "warn_at", "exact", "most_loaded"});
    directives.push_back(Directive::parse(exchange.request.body(), "directive.yaml",
                                          request_load_options(exchange)));
    read_check_options(exchange.parameters, check);
  }
  if (directives.empty())
    throw ApiError(400, Code::http_bad_request, say(exchange.language, Message::http_no_directive),
                   json::object{{"field", "directives"}});
  const std::string format = exchange.parameters.text("format").value_or("json");
  if (format != "json" && format != "html")
    throw ApiError(400, Code::http_bad_request,
                   say(exchange.language, Message::http_bad_parameter,
                       {{"name", "format"}, {"expected", "json, html"}, {"value", format}}),
                   json::object{{"parameter", "format"}});
  const Report report = exchange.rulebook().check(directives, villages, check);
  HttpResponse response = format == "html" ? text_response(200, to_html(report, exchange.language),
                                                           "text/html; charset=utf-8")
                                           : json_response(200, to_json(report, exchange.language));
  response.set("Qingdan-Verdict", to_string(report.verdict));
  return response;
}

}  // namespace qingdan::serve
