#pragma once

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>

#include <boost/beast/http.hpp>

#include <qingdan/language.hpp>
#include <qingdan/rulebook.hpp>

#include "serve/api_error.hpp"
#include "serve/request_fields.hpp"
#include "serve/serve_options.hpp"

namespace qingdan::serve {

class Metrics;
class DecisionLog;

using HttpRequest = boost::beast::http::request<boost::beast::http::string_body>;
using HttpResponse = boost::beast::http::response<boost::beast::http::string_body>;

// One request being answered, and what its route handler may use.
struct Exchange {
  const HttpRequest& request;
  std::string_view path;
  RequestFields parameters;  // of the query string
  Language language;
  std::string request_id;
  std::shared_ptr<const Rulebook> book;  // the rulebook this request is answered from, or null
  std::string loaded_at;                 // when it was loaded (ISO 8601, UTC)
  std::string not_ready;                 // why there is none
  const ServeOptions& options;
  Metrics& metrics;
  DecisionLog* log;  // null without --log

  // The rulebook, or a 503 (QH008) when none is loaded.
  const Rulebook& rulebook() const;
  // The body as JSON, which must be an object (`expected` shows its shape in the message); a
  // 415 unless the body is application/json, a 400 positioned where it stops being JSON.
  boost::json::value json_object_body(std::string_view expected) const;
  // The body's media type, lower case, without parameters ("application/json"); a 415 (QH005)
  // unless it is one of `accepted` (and, when a charset is named, UTF-8).
  std::string require_media_type(std::initializer_list<std::string_view> accepted) const;
};

// A response with a body of `content_type`; the server adds the headers every response carries.
HttpResponse text_response(unsigned status, std::string body, std::string_view content_type);
inline HttpResponse json_response(unsigned status, std::string document) {
  return text_response(status, std::move(document), "application/json; charset=utf-8");
}

}  // namespace qingdan::serve
