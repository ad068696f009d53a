#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include <qingdan/error.hpp>
#include <qingdan/rulebook_holder.hpp>

#include "serve/decision_log.hpp"
#include "serve/exchange.hpp"
#include "serve/metrics.hpp"
#include "serve/route.hpp"
#include "serve/serve_options.hpp"

namespace qingdan::serve {

// What the transport refuses before a request is whole, and answers with an error.
enum class Refusal : std::uint8_t {
  busy,              // 503: over the connection limit
  timeout,           // 408: not whole within the request timeout
  header_too_large,  // 431
  body_too_large,    // 413
  malformed,         // 400: not HTTP/1.1 the parser reads
};

// What a reload did.
struct ReloadOutcome {
  bool loaded = false;
  std::string fingerprint;          // of the rulebook serving after it
  std::optional<Diagnostic> error;  // why it failed
};

// The HTTP API over a RulebookHolder, apart from any transport: handle() answers one request
// (any thread may call it at once), reload() swaps the rulebook. A failed reload keeps the
// rulebook serving as it was, and /readyz and /metrics say so.
class Service {
 public:
  explicit Service(ServeOptions options);
  ~Service();
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  HttpResponse handle(const HttpRequest& request);
  // A request refused on its headers alone (an unknown route, a method the route does not take,
  // the token missing), before its body is read: the answer, else nothing.
  std::optional<HttpResponse> refuse_early(const HttpRequest& header);
  // The answer to what the transport refuses, counted like any other: in the language, with the
  // id and on the route of as much of the request as was read (`request` may be empty).
  // `reason` says what the parser found wrong in a malformed request.
  HttpResponse refuse(Refusal refusal, const HttpRequest& request, std::string_view reason = {});

  // Loads the rules now (one reload at a time); `trigger` says why ("start", "SIGHUP",
  // "watch", "admin").
  ReloadOutcome reload(const std::string& trigger);
  // Asks the reload thread to reload soon, and returns at once (from a signal handler's
  // thread, or the folder watch).
  void request_reload(std::string trigger);

  Metrics& metrics() { return metrics_; }
  const ServeOptions& options() const { return options_; }
  std::shared_ptr<const Rulebook> rulebook() const { return holder_.current(); }

 private:
  struct ReloadState {
    std::optional<std::chrono::system_clock::time_point> loaded_at;  // of the one serving
    std::optional<std::chrono::system_clock::time_point> last_attempt;
    std::string last_trigger;
    std::optional<Diagnostic> last_error;  // of the last reload, when it failed
    bool loading = false;
  };

  HttpResponse dispatch(Route route, Exchange& exchange);
  HttpResponse answer_readyz(const Exchange& exchange);
  HttpResponse answer_reload(Exchange& exchange);
  void authorize(Route route, const HttpRequest& request, Language language) const;
  // Throws the 404, 405, 401 or 403 the request's route, method and token earn.
  void admit(Route route, const HttpRequest& request, Language language) const;
  HttpResponse error_response(const ApiError& error, Route route) const;
  // The language a request asks for (`lang`, else Accept-Language, else the server's), read
  // leniently: a query that is not valid is refused in this language.
  Language language_of(const HttpRequest& request) const;
  std::string request_id_of(const HttpRequest& request);
  void finish(HttpResponse& response, const HttpRequest& request, Route route,
              const std::string& request_id, const Rulebook* book,
              std::chrono::steady_clock::time_point started);
  void reload_when_asked();

  ServeOptions options_;
  Metrics metrics_;
  std::unique_ptr<DecisionLog> log_;
  RulebookHolder holder_;
  mutable std::mutex state_mutex_;  // guards state_, and holder_'s swaps with it
  ReloadState state_;
  std::mutex reload_mutex_;  // one reload at a time
  std::string id_prefix_;
  std::atomic<std::uint64_t> next_request_{0};

  std::mutex asked_mutex_;
  std::condition_variable asked_;
  std::optional<std::string> asked_trigger_;
  bool stopping_ = false;
  std::thread reloader_;
};

}  // namespace qingdan::serve
