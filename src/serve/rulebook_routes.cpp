// GET /v1/tasks and GET /v1/rulebook: what the rulebook holds.
#include <string>
#include <vector>

#include <boost/json.hpp>

#include <qingdan/detail/utf8.hpp>

#include "render/json_values.hpp"
#include "serve/routes.hpp"
#include "serve/shown_text.hpp"

namespace qingdan::serve {

namespace json = boost::json;

namespace {

json::array named_values(const std::vector<Level>& named) {
  json::array values;
  for (const Level& level : named) {
    json::array aliases;
    for (const std::string& alias : level.aliases) aliases.emplace_back(alias);
    values.push_back(
        json::object{{"id", level.id}, {"name", level.name}, {"aliases", std::move(aliases)}});
  }
  return values;
}

json::value optional_date(const std::optional<Date>& date) {
  return date ? json::value(to_iso(*date)) : json::value();
}

}  // namespace

HttpResponse answer_tasks(Exchange& exchange) {
  exchange.parameters.allow_only({"q", "limit", "lang"});
  const std::string words = exchange.parameters.text("q").value_or("");
  // Each word is looked for in every task: the search is kept to what a person types.
  std::size_t word_count = 0;
  for (std::size_t at = 0; at < words.size();) {
    const std::size_t end = std::min(words.find_first_of(" \t", at), words.size());
    if (end > at) ++word_count;
    at = end + 1;
  }
  if (detail::character_count(words) > 200 || word_count > 16)
    throw ApiError(400, detail::Code::http_bad_request,
                   detail::say(exchange.language, detail::Message::http_bad_parameter,
                               {{"name", "q"},
                                {"expected", detail::words(exchange.language,
                                                           "at most 200 characters in 16 words",
                                                           "至多 16 个词、200 个字")},
                                {"value", shown_text(words, 40)}}),
                   json::object{{"parameter", "q"}});
  const auto limit =
      static_cast<std::size_t>(exchange.parameters.whole_number("limit", 1, 10'000).value_or(50));
  const Rulebook& book = exchange.rulebook();
  const std::vector<TaskRef> found = book.find_tasks(words);
  json::array tasks;
  for (std::size_t i = 0; i < found.size() && i < limit; ++i)
    tasks.push_back(detail::task_value(found[i]));
  json::object body{{"fingerprint", book.fingerprint()},
                    {"q", words},
                    {"total", found.size()},
                    {"tasks", std::move(tasks)},
                    {"reading", json::value()}};
  // Free text is read too: a directive's wording rarely contains a catalogue name.
  if (!words.empty()) body["reading"] = detail::reading_value(book.read(words));
  return json_response(200, detail::json_document(std::move(body)));
}

HttpResponse answer_rulebook(Exchange& exchange) {
  exchange.parameters.allow_only({"at", "lang"});
  const Date at = exchange.parameters.date("at").value_or(today());
  const Rulebook& book = exchange.rulebook();
  json::array places;
  for (const Jurisdiction& place : book.jurisdictions())
    places.push_back(
        json::object{{"name", place.name},
                     {"path", place.path},
                     {"parent", place.parent.empty() ? json::value() : json::value(place.parent)},
                     {"level", place.level.empty() ? json::value() : json::value(place.level)}});
  json::array editions;
  for (const Edition& edition : book.editions()) {
    if (!edition.in_force(at)) continue;
    editions.push_back(json::object{{"list", std::string(to_string(edition.list))},
                                    {"jurisdiction", edition.jurisdiction},
                                    {"version", edition.version},
                                    {"effective", to_iso(edition.effective)},
                                    {"until", optional_date(edition.until)},
                                    {"replaced_on", optional_date(edition.replaced_on)},
                                    {"title", edition.title},
                                    {"source", edition.source},
                                    {"illustrative", edition.illustrative},
                                    {"file", edition.file},
                                    {"line", edition.line},
                                    {"entries", edition.entries}});
  }
  json::object body{{"fingerprint", book.fingerprint()},   {"name", book.name()},
                    {"loaded_at", exchange.loaded_at},     {"at", to_iso(at)},
                    {"task_count", book.task_count()},     {"edition_count", book.edition_count()},
                    {"entry_count", book.entry_count()},   {"levels", named_values(book.levels())},
                    {"modes", named_values(book.modes())}, {"jurisdictions", std::move(places)},
                    {"editions", std::move(editions)}};
  return json_response(200, detail::json_document(std::move(body)));
}

}  // namespace qingdan::serve
