#include "serve/service.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>

#include <boost/json.hpp>

#include <qingdan/detail/messages.hpp>

#include "render/json_values.hpp"
#include "serve/routes.hpp"
#include "serve/shown_text.hpp"
#include "serve/utc_time.hpp"

namespace qingdan::serve {

namespace http = boost::beast::http;
namespace json = boost::json;
using detail::Code;
using detail::Message;
using detail::say;
using detail::words;

namespace {

json::object diagnostic_value(const Diagnostic& diagnostic, Language language) {
  json::object value{{"code", diagnostic.code}, {"message", diagnostic.message_in(language)}};
  if (!diagnostic.file.empty()) value["file"] = diagnostic.file;
  if (diagnostic.line > 0) value["line"] = diagnostic.line;
  if (diagnostic.column > 0) value["column"] = diagnostic.column;
  return value;
}

// The methods each route takes (HEAD with every GET).
std::string_view allowed_methods(Route route) {
  switch (route) {
    case Route::owner: return "GET, HEAD, POST";
    case Route::owners:
    case Route::check:
    case Route::reload: return "POST";
    default: return "GET, HEAD";
  }
}

bool method_allowed(Route route, http::verb method) {
  const std::string_view allowed = allowed_methods(route);
  const std::string_view name = http::to_string(method);
  for (std::size_t start = 0; start < allowed.size();) {
    std::size_t end = std::min(allowed.find(',', start), allowed.size());
    if (allowed.substr(start, end - start) == name) return true;
    start = end + 2;
  }
  return false;
}

// Compares in time independent of where the texts differ.
bool same_token(std::string_view given, std::string_view expected) {
  unsigned char difference = given.size() == expected.size() ? 0 : 1;
  for (std::size_t i = 0; i < expected.size(); ++i)
    difference |=
        static_cast<unsigned char>(static_cast<unsigned char>(i < given.size() ? given[i] : 0) ^
                                   static_cast<unsigned char>(expected[i]));
  return difference == 0;
}

}  // namespace

const Rulebook& Exchange::rulebook() const {
  if (!book)
    throw ApiError(503, Code::http_not_ready,
                   not_ready.empty()
                       ? say(language, Message::http_still_loading)
                       : say(language, Message::http_not_ready, {{"reason", not_ready}}));
  return *book;
}

std::string Exchange::require_media_type(std::initializer_list<std::string_view> accepted) const {
  const std::string_view header = request[http::field::content_type];
  std::string type(header.substr(0, std::min(header.find(';'), header.size())));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  std::transform(type.begin(), type.end(), type.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string lowered(header);
  std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const std::size_t charset = lowered.find("charset=");
  const bool utf8 = charset == std::string::npos || lowered.compare(charset + 8, 5, "utf-8") == 0 ||
                    lowered.compare(charset + 8, 7, "\"utf-8\"") == 0;
  if (utf8 && std::find(accepted.begin(), accepted.end(), type) != accepted.end()) return type;
  std::string listed;
  for (std::string_view name : accepted) listed += (listed.empty() ? "" : ", ") + std::string(name);
  throw ApiError(415, Code::http_unsupported_media_type,
                 say(language, Message::http_unsupported_media,
                     {{"type", shown_text(header, 80)}, {"accepted", listed}}));
}

json::value Exchange::json_object_body(std::string_view expected) const {
  require_media_type({"application/json"});
  json::value body = parse_json_body(request.body(), language);
  if (!body.is_object())
    throw ApiError(
        400, Code::http_bad_request,
        say(language, Message::http_wrong_json_type, {{"name", "body"}, {"expected", expected}}));
  return body;
}

HttpResponse text_response(unsigned status, std::string body, std::string_view content_type) {
  HttpResponse response{static_cast<http::status>(status), 11};
  response.set(http::field::content_type, content_type);
  response.body() = std::move(body);
  return response;
}

Service::Service(ServeOptions options) : options_(std::move(options)) {
  if (!options_.log.empty())
    log_ =
        std::make_unique<DecisionLog>(options_.log, options_.log_mask, metrics_, options_.language);
  std::random_device random;
  char prefix[16];
  std::snprintf(prefix, sizeof prefix, "%08x", random());
  id_prefix_ = prefix;
  reloader_ = std::thread([this] { reload_when_asked(); });
}

Service::~Service() {
  {
    std::lock_guard lock(asked_mutex_);
    stopping_ = true;
  }
  asked_.notify_one();
  reloader_.join();
}

ReloadOutcome Service::reload(const std::string& trigger) {
  std::lock_guard one_at_a_time(reload_mutex_);
  {
    std::lock_guard lock(state_mutex_);
    state_.loading = true;
  }
  ReloadOutcome outcome;
  std::optional<Rulebook> loaded;
  try {
    loaded.emplace(Rulebook::load(options_.rules).speaking(options_.language));
  } catch (const Error& error) {
    outcome.error = error.diagnostic();
  } catch (const std::exception& error) {  // out of memory: the rulebook serving stays
    Diagnostic diagnostic;
    diagnostic.code = detail::code_text(Code::http_internal);
    diagnostic.message = error.what();
    outcome.error = diagnostic;
  }
  // The rulebook replaced is released after the lock, by this function or its last reader:
  // freeing a large one must not hold up every request waiting for the lock.
  const std::shared_ptr<const Rulebook> replaced = holder_.current();
  std::lock_guard lock(state_mutex_);
  state_.loading = false;
  state_.last_attempt = std::chrono::system_clock::now();
  state_.last_trigger = trigger;
  state_.last_error = outcome.error;
  if (loaded) {
    outcome.loaded = true;
    holder_.replace(std::move(*loaded));
    state_.loaded_at = state_.last_attempt;
  }
  metrics_.count_reload(outcome.loaded);
  if (auto current = holder_.current()) outcome.fingerprint = current->fingerprint();
  return outcome;
}

void Service::request_reload(std::string trigger) {
  {
    std::lock_guard lock(asked_mutex_);
    asked_trigger_ = std::move(trigger);
  }
  asked_.notify_one();
}

void Service::reload_when_asked() {
  for (;;) {
    std::string trigger;
    {
      std::unique_lock lock(asked_mutex_);
      asked_.wait(lock, [this] { return stopping_ || asked_trigger_.has_value(); });
      if (stopping_) return;
      trigger = std::move(*asked_trigger_);
      asked_trigger_.reset();
    }
    const ReloadOutcome outcome = reload(trigger);
    if (outcome.error)
      std::fprintf(
          stderr, "%s\n",
          words(options_.language, "qingdan serve: reload ({trigger}) failed: {error}",
                "qingdan serve：重新加载（{trigger}）失败：{error}",
                {{"trigger", trigger}, {"error", outcome.error->to_string(options_.language)}})
              .c_str());
    else
      std::fprintf(
          stderr, "%s\n",
          words(options_.language, "qingdan serve: loaded ({trigger}) rulebook {fingerprint}",
                "qingdan serve：已加载（{trigger}）规则库 {fingerprint}",
                {{"trigger", trigger}, {"fingerprint", outcome.fingerprint}})
              .c_str());
  }
}

Language Service::language_of(const HttpRequest& request) const {
  const std::string_view target = request.target();
  std::string_view query = target.substr(std::min(target.find('?'), target.size()));
  while (!query.empty()) {
    query.remove_prefix(1);  // '?' or '&'
    const std::string_view pair = query.substr(0, std::min(query.find('&'), query.size()));
    if (pair == "lang=zh") return Language::zh;
    if (pair == "lang=en") return Language::en;
    query.remove_prefix(pair.size());
  }
  // Accept-Language: the first language named decides ("zh-CN,zh;q=0.9,en;q=0.8").
  std::string_view accepted = request[http::field::accept_language];
  while (!accepted.empty() && (accepted.front() == ' ' || accepted.front() == ','))
    accepted.remove_prefix(1);
  if (accepted.starts_with("zh") || accepted.starts_with("ZH")) return Language::zh;
  if (accepted.starts_with("en") || accepted.starts_with("EN")) return Language::en;
  return options_.language;
}

std::string Service::request_id_of(const HttpRequest& request) {
  const std::string_view given = request["X-Request-Id"];
  const bool usable =
      !given.empty() && given.size() <= 128 && std::all_of(given.begin(), given.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ||
               c == ':';
      });
  if (usable) return std::string(given);
  return id_prefix_ + '-' + std::to_string(next_request_.fetch_add(1, std::memory_order_relaxed));
}

void Service::authorize(Route route, const HttpRequest& request, Language language) const {
  const bool needed =
      route == Route::reload ||
      (options_.token_for_all && (route == Route::metrics || path_of(route).starts_with("/v1/")));
  if (!needed) return;
  if (options_.token.empty())
    throw ApiError(403, Code::http_unauthorized, say(language, Message::http_admin_off));
  const std::string_view header = request[http::field::authorization];
  constexpr std::string_view scheme = "Bearer ";
  if (!header.starts_with(scheme) || !same_token(header.substr(scheme.size()), options_.token))
    throw ApiError(401, Code::http_unauthorized, say(language, Message::http_unauthorized));
}

HttpResponse Service::refuse(Refusal refusal, const HttpRequest& request, std::string_view reason) {
  const auto started = std::chrono::steady_clock::now();
  const std::string_view target = request.target();
  const Route route = target.empty()
                          ? Route::other
                          : route_of(target.substr(0, std::min(target.find('?'), target.size())));
  const Language language = language_of(request);
  const auto seconds = [](std::chrono::milliseconds limit) {
    return detail::shortest_number_text(std::chrono::duration<double>(limit).count());
  };
  ApiError error = [&] {
    switch (refusal) {
      case Refusal::busy:
        return ApiError(503, Code::http_busy,
                        say(language, Message::http_too_many_connections,
                            {{"limit", std::to_string(options_.max_connections)}}));
      case Refusal::timeout:
        return ApiError(
            408, Code::http_timeout,
            say(language, Message::http_timeout, {{"seconds", seconds(options_.request_timeout)}}));
      case Refusal::header_too_large:
        return ApiError(431, Code::http_too_large,
                        say(language, Message::http_header_too_large,
                            {{"limit", std::to_string(options_.max_header_bytes)}}));
      case Refusal::body_too_large:
        return ApiError(413, Code::http_too_large,
                        say(language, Message::http_body_too_large,
                            {{"limit", std::to_string(options_.max_body_bytes)}}));
      case Refusal::malformed: break;
    }
    return ApiError(400, Code::http_bad_request,
                    say(language, Message::http_malformed, {{"reason", shown_text(reason, 120)}}));
  }();
  HttpResponse response = json_response(error.status, detail::json_document(error_body(error)));
  response.version(11);
  response.keep_alive(false);
  if (error.status == 503) response.set(http::field::retry_after, "1");
  const auto book = holder_.current();
  finish(response, request, route, request_id_of(request), book.get(), started);
  return response;
}

void Service::finish(HttpResponse& response, const HttpRequest& request, Route route,
                     const std::string& request_id, const Rulebook* book,
                     std::chrono::steady_clock::time_point started) {
  if (book != nullptr) response.set("Qingdan-Rulebook", book->fingerprint());
  response.set("X-Request-Id", request_id);
  response.set(http::field::server, "qingdan");
  response.set(http::field::cache_control, "no-store");
  response.set("X-Content-Type-Options", "nosniff");
  if (route == Route::page)
    response.set("Content-Security-Policy",
                 "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                 "connect-src 'self'; img-src data:; form-action 'none'; frame-ancestors 'none'; "
                 "base-uri 'none'");
  else
    response.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  response.prepare_payload();
  if (request.method() == http::verb::head) response.body().clear();  // the length stays
  metrics_.count_request(route, response.result_int(), std::chrono::steady_clock::now() - started);
}

void Service::admit(Route route, const HttpRequest& request, Language language) const {
  const std::string_view target = request.target();
  if (route == Route::other)
    throw ApiError(
        404, Code::http_not_found,
        say(language, Message::http_not_found,
            {{"path",
              shown_text(target.substr(0, std::min(target.find('?'), target.size())), 120)}}));
  if (!method_allowed(route, request.method()))
    throw ApiError(405, Code::http_method_not_allowed,
                   say(language, Message::http_method_not_allowed,
                       {{"path", path_of(route)},
                        {"method", shown_text(request.method_string(), 20)},
                        {"allowed", allowed_methods(route)}}));
  authorize(route, request, language);
}

HttpResponse Service::error_response(const ApiError& error, Route route) const {
  HttpResponse response = json_response(error.status, detail::json_document(error_body(error)));
  if (error.status == 503) response.set(http::field::retry_after, "1");
  if (error.status == 405) response.set(http::field::allow, allowed_methods(route));
  if (error.status == 401) response.set(http::field::www_authenticate, "Bearer realm=\"qingdan\"");
  return response;
}

std::optional<HttpResponse> Service::refuse_early(const HttpRequest& header) {
  const auto started = std::chrono::steady_clock::now();
  const std::string_view target = header.target();
  const Route route = route_of(target.substr(0, std::min(target.find('?'), target.size())));
  try {
    admit(route, header, language_of(header));
    return std::nullopt;
  } catch (const ApiError& error) {
    HttpResponse response = error_response(error, route);
    response.version(11);
    response.keep_alive(false);  // the body is not read
    const auto book = holder_.current();
    finish(response, header, route, request_id_of(header), book.get(), started);
    return response;
  }
}

HttpResponse Service::handle(const HttpRequest& request) {
  const auto started = std::chrono::steady_clock::now();
  const std::string_view target = request.target();
  const std::size_t question = std::min(target.find('?'), target.size());
  const std::string_view path = target.substr(0, question);
  const Route route = route_of(path);
  const std::string request_id = request_id_of(request);
  std::shared_ptr<const Rulebook> book;
  std::string not_ready, loaded_at;
  {
    std::lock_guard lock(state_mutex_);
    book = holder_.current();
    if (book) loaded_at = utc_time(*state_.loaded_at);
    if (!book && state_.last_error) not_ready = state_.last_error->message_in(options_.language);
  }
  const Language language = language_of(request);
  HttpResponse response;
  try {
    RequestFields parameters =
        RequestFields::from_query(target.substr(std::min(question + 1, target.size())), language);
    if (auto asked = parameters.text("lang"); asked && *asked != "zh" && *asked != "en")
      throw ApiError(
          400, Code::http_bad_request,
          say(language, Message::http_bad_parameter,
              {{"name", "lang"}, {"expected", "zh, en"}, {"value", shown_text(*asked, 20)}}),
          json::object{{"parameter", "lang"}});
    admit(route, request, language);
    Exchange exchange{request,   path,       std::move(parameters),
                      language,  request_id, book,
                      loaded_at, not_ready,  options_,
                      metrics_,  log_.get()};
    response = dispatch(route, exchange);
    book = exchange.book;  // a reload answers with the rulebook it left serving
  } catch (const ApiError& error) {
    response = error_response(error, route);
  } catch (const Error& error) {
    const Diagnostic& diagnostic = error.diagnostic();
    json::object position;
    if (!diagnostic.file.empty()) position["file"] = diagnostic.file;
    if (diagnostic.line > 0) position["line"] = diagnostic.line;
    if (diagnostic.column > 0) position["column"] = diagnostic.column;
    // The queries' own errors name what they are about: a parameter, or a field of the body.
    const char* about = diagnostic.code == "QQ001" || diagnostic.code == "QQ002" ? "in"
                        : diagnostic.code == "QQ003"                             ? "mode"
                        : diagnostic.code == "QQ004"                             ? "task"
                                                                                 : nullptr;
    if (about != nullptr)
      position[request.method() == http::verb::post ? "field" : "parameter"] = about;
    ApiError api(400, diagnostic.code, diagnostic.message_in(language), std::move(position));
    response = json_response(400, detail::json_document(error_body(api)));
  } catch (const std::exception& error) {
    ApiError api(
        500, Code::http_internal,
        say(language, Message::http_internal, {{"reason", shown_text(error.what(), 200)}}));
    response = json_response(500, detail::json_document(error_body(api)));
  }
  response.version(request.version());
  response.keep_alive(request.keep_alive());
  finish(response, request, route, request_id, book.get(), started);
  return response;
}

HttpResponse Service::dispatch(Route route, Exchange& exchange) {
  switch (route) {
    case Route::page: {
      exchange.parameters.allow_only({"lang"});
      return text_response(200, std::string(page_html()), "text/html; charset=utf-8");
    }
    case Route::openapi:
      exchange.parameters.allow_only({});
      return json_response(200, std::string(openapi_json()));
    case Route::healthz:
      exchange.parameters.allow_only({});
      return json_response(200, detail::json_document(json::object{{"status", "ok"}}));
    case Route::readyz: return answer_readyz(exchange);
    case Route::metrics: {
      exchange.parameters.allow_only({});
      const auto book = exchange.book;
      return text_response(200,
                           metrics_.prometheus_text(book ? book->fingerprint() : std::string(),
                                                    book ? book->name() : std::string()),
                           "text/plain; version=0.0.4; charset=utf-8");
    }
    case Route::owner: return answer_owner(exchange);
    case Route::owners: return answer_owners(exchange);
    case Route::check: return answer_check(exchange);
    case Route::tasks: return answer_tasks(exchange);
    case Route::rulebook: return answer_rulebook(exchange);
    case Route::reload: return answer_reload(exchange);
    case Route::other:
    case Route::count: break;
  }
  throw ApiError(
      404, Code::http_not_found,
      say(exchange.language, Message::http_not_found, {{"path", shown_text(exchange.path, 120)}}));
}

HttpResponse Service::answer_readyz(const Exchange& exchange) {
  exchange.parameters.allow_only({"lang"});
  json::object body;
  std::lock_guard lock(state_mutex_);
  const auto book = holder_.current();
  body["ready"] = book != nullptr;
  if (book) {
    body["fingerprint"] = book->fingerprint();
    body["name"] = book->name();
    body["loaded_at"] = utc_time(*state_.loaded_at);
  } else {
    body["reason"] = state_.last_error
                         ? say(exchange.language, Message::http_not_ready,
                               {{"reason", state_.last_error->message_in(exchange.language)}})
                         : say(exchange.language, Message::http_still_loading);
  }
  body["loading"] = state_.loading;
  if (state_.last_attempt) {
    json::object last{{"at", utc_time(*state_.last_attempt)},
                      {"trigger", state_.last_trigger},
                      {"ok", !state_.last_error.has_value()}};
    if (state_.last_error) last["error"] = diagnostic_value(*state_.last_error, exchange.language);
    body["last_reload"] = std::move(last);
  }
  HttpResponse response = json_response(book ? 200 : 503, detail::json_document(std::move(body)));
  if (!book) response.set(http::field::retry_after, "1");
  return response;
}

HttpResponse Service::answer_reload(Exchange& exchange) {
  exchange.parameters.allow_only({"lang"});
  const ReloadOutcome outcome = reload("admin");
  json::object body{
      {"loaded", outcome.loaded},
      {"fingerprint",
       outcome.fingerprint.empty() ? json::value() : json::value(outcome.fingerprint)}};
  if (outcome.error) body["error"] = diagnostic_value(*outcome.error, exchange.language);
  exchange.book = holder_.current();
  // A failed reload is the rules' fault, not the request's: 200, with the old rulebook serving.
  return json_response(200, detail::json_document(std::move(body)));
}

}  // namespace qingdan::serve
