#include "serve/http_server.hpp"

#include <algorithm>
#include <csignal>
#include <functional>
#include <optional>
#include <thread>
#include <vector>

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <qingdan/detail/messages.hpp>
#include <qingdan/error.hpp>

#include "render/json_values.hpp"

namespace qingdan::serve {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using detail::Code;
using detail::Message;
using detail::say;

// One client connection: reads requests one after the other, answers each through the service.
// Between requests it waits at most the idle timeout (then closes quietly); from the first byte
// of a request, the request timeout runs, and a request not whole by then is answered 408.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, HttpServer& server)
      : stream_(std::move(socket)),
        request_timer_(stream_.get_executor()),
        server_(server),
        service_(server.service_) {}

  void start(bool refused) {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this(), refused] {
      if (refused)
        self->refuse(Refusal::busy);
      else
        self->wait_for_request();
    });
  }

  // From the server's stop(): an idle connection closes now, a busy one after its answer.
  void stop() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (self->idle_) self->stream_.socket().cancel();
    });
  }

 private:
  void wait_for_request() {
    if (server_.stopping_) return close();
    if (buffer_.size() > 0) return begin_request();  // pipelined: already here
    idle_ = true;
    // A connection that has sent nothing yet waits no longer than a request may take: opening
    // connections and staying silent must not hold the connection limit for the idle timeout.
    const ServeOptions& options = service_.options();
    stream_.expires_after(answered_once_ ? options.idle_timeout
                                         : std::min(options.idle_timeout, options.request_timeout));
    stream_.async_read_some(buffer_.prepare(16 * 1024),
                            [self = shared_from_this()](beast::error_code failure, std::size_t n) {
                              self->idle_ = false;
                              if (failure) return self->close();  // gone, idle too long, or stopped
                              self->buffer_.commit(n);
                              self->begin_request();
                            });
  }

  void begin_request() {
    const ServeOptions& options = service_.options();
    stream_.expires_never();
    timed_out_ = false;
    request_timer_.expires_after(options.request_timeout);
    reading_ = true;
    request_timer_.async_wait([self = shared_from_this()](beast::error_code failure) {
      // Cancelled, or come too late: the request arrived whole and is being answered.
      if (failure || !self->reading_) return;
      self->timed_out_ = true;
      beast::error_code ignored;
      self->stream_.socket().cancel(ignored);  // the read ends, and a 408 is written
    });
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
    parser_->body_limit(options.max_body_bytes);
    http::async_read_header(stream_, buffer_, *parser_,
                            [self = shared_from_this()](beast::error_code failure, std::size_t) {
                              self->on_header(failure);
                            });
  }

  void on_header(beast::error_code failure) {
    if (failure) return on_read_failure(failure);
    const auto& request = parser_->get();
    HttpRequest header;
    header.base() = request.base();
    if (auto refused = service_.refuse_early(header)) {
      reading_ = false;
      request_timer_.cancel();
      return write(std::make_shared<HttpResponse>(std::move(*refused)));
    }
    if (auto length = parser_->content_length();
        length && *length > service_.options().max_body_bytes)
      return refuse(Refusal::body_too_large);
    if (beast::iequals(request[http::field::expect], "100-continue")) {
      auto interim =
          std::make_shared<http::response<http::empty_body>>(http::status::continue_, 11);
      return http::async_write(
          stream_, *interim,
          [self = shared_from_this(), interim](beast::error_code error, std::size_t) {
            if (error) return self->on_read_failure(error);
            self->read_body();
          });
    }
    read_body();
  }

  void read_body() {
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code failure, std::size_t) {
                       if (failure) return self->on_read_failure(failure);
                       self->reading_ = false;
                       self->request_timer_.cancel();
                       self->answer(self->parser_->release());
                     });
  }

  void answer(HttpRequest request) {
    const std::string_view target = request.target();
    const Route route = route_of(target.substr(0, std::min(target.find('?'), target.size())));
    if (route != Route::reload && route != Route::check && route != Route::owners)
      return write(std::make_shared<HttpResponse>(service_.handle(request)));
    asio::post(*server_.slow_work_, [self = shared_from_this(), request = std::move(request)] {
      auto response = std::make_shared<HttpResponse>(self->service_.handle(request));
      asio::post(self->stream_.get_executor(), [self, response] { self->write(response); });
    });
  }

  // A request that could not be read whole: answered when the client may still read, else
  // closed.
  void on_read_failure(beast::error_code failure) {
    if (timed_out_) return refuse(Refusal::timeout);
    if (failure == http::error::end_of_stream || failure == asio::error::eof ||
        failure == asio::error::operation_aborted || failure == asio::error::connection_reset ||
        failure == http::error::partial_message)
      return close();
    if (failure == http::error::header_limit) return refuse(Refusal::header_too_large);
    if (failure == http::error::body_limit) return refuse(Refusal::body_too_large);
    refuse(Refusal::malformed, failure.message());
  }

  // Answers with an error and closes: what remains of the request is not read.
  void refuse(Refusal refusal, std::string_view reason = {}) {
    reading_ = false;
    request_timer_.cancel();
    // As much of the request as was read names its route, language and id.
    HttpRequest request;
    if (parser_) request.base() = parser_->get().base();
    write(std::make_shared<HttpResponse>(service_.refuse(refusal, request, reason)));
  }

  void write(std::shared_ptr<HttpResponse> response) {
    answered_once_ = true;
    if (server_.stopping_) response->keep_alive(false);
    stream_.expires_after(service_.options().request_timeout);
    http::async_write(
        stream_, *response,
        [self = shared_from_this(), response](beast::error_code failure, std::size_t) {
          if (failure || !response->keep_alive()) return self->close();
          self->wait_for_request();
        });
  }

  void close() {
    request_timer_.cancel();
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.socket().close(ignored);
    server_.closed(this);
  }

  beast::tcp_stream stream_;
  asio::steady_timer request_timer_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  HttpServer& server_;
  Service& service_;
  bool idle_ = false;     // touched on the connection's strand only, as the rest
  bool reading_ = false;  // a request has begun and is not yet read whole
  bool timed_out_ = false;
  bool answered_once_ = false;  // a first request came: from then on, the idle timeout
  bool closed_ = false;
  friend class HttpServer;
};

HttpServer::HttpServer(Service& service)
    : service_(service),
      strand_(asio::make_strand(context_)),
      acceptor_(strand_),
      signals_(strand_),
      drain_timer_(strand_),
      accept_retry_(strand_) {
  const ServeOptions& options = service.options();
  beast::error_code failure;
  const auto address = asio::ip::make_address(options.address, failure);
  if (failure)
    throw usage_error(
        Code::bad_command_line,
        detail::words(options.language, "--listen: '{address}' is not an IP address",
                      "--listen：'{address}' 不是 IP 地址", {{"address", options.address}}));
  const tcp::endpoint endpoint(address, options.port);
  auto fail = [&](beast::error_code error) {
    throw usage_error(Code::bad_command_line,
                      detail::words(options.language, "cannot listen on {address}:{port}: {reason}",
                                    "无法在 {address}:{port} 上监听：{reason}",
                                    {{"address", options.address},
                                     {"port", std::to_string(options.port)},
                                     {"reason", error.message()}}));
  };
  acceptor_.open(endpoint.protocol(), failure);
  if (failure) fail(failure);
  acceptor_.set_option(asio::socket_base::reuse_address(true), failure);
  acceptor_.bind(endpoint, failure);
  if (failure) fail(failure);
  acceptor_.listen(asio::socket_base::max_listen_connections, failure);
  if (failure) fail(failure);
  port_ = acceptor_.local_endpoint().port();
}

HttpServer::~HttpServer() = default;

void HttpServer::run(std::size_t threads, bool signals) {
  if (signals) {
    signals_.add(SIGTERM);
    signals_.add(SIGINT);
    signals_.add(SIGHUP);
    auto wait = std::make_shared<std::function<void()>>();
    *wait = [this, wait] {
      signals_.async_wait([this, wait](beast::error_code failure, int signal) {
        if (failure) return;
        if (signal == SIGHUP) {
          service_.request_reload("SIGHUP");
          (*wait)();
        } else {
          stop();
        }
      });
    };
    (*wait)();
  }
  slow_work_ = std::make_unique<asio::thread_pool>(std::max<std::size_t>(1, threads));
  accept();
  std::vector<std::thread> workers;
  for (std::size_t i = 1; i < threads; ++i) workers.emplace_back([this] { context_.run(); });
  context_.run();
  for (std::thread& worker : workers) worker.join();
  slow_work_->join();
}

void HttpServer::accept() {
  acceptor_.async_accept(
      asio::make_strand(context_), [this](beast::error_code failure, tcp::socket socket) {
        if (failure == asio::error::operation_aborted || !acceptor_.is_open()) return;
        if (!failure) {
          const bool refused = service_.metrics().open_connections() >=
                               static_cast<std::int64_t>(service_.options().max_connections);
          if (refused) service_.metrics().count_connection_refused();
          auto connection = std::make_shared<Connection>(std::move(socket), *this);
          opened(connection);
          connection->start(refused);
        }
        if (stopping_) return;
        if (!failure) return accept();
        // Out of descriptors, or the like: try again shortly rather than spin on the error.
        accept_retry_.expires_after(std::chrono::milliseconds(50));
        accept_retry_.async_wait([this](beast::error_code cancelled) {
          if (!cancelled && !stopping_) accept();
        });
      });
}

void HttpServer::opened(const std::shared_ptr<Connection>& connection) {
  std::lock_guard lock(connections_mutex_);
  connections_.emplace(connection.get(), connection);
  service_.metrics().connection_opened();
}

void HttpServer::closed(Connection* connection) {
  if (connection->closed_) return;
  connection->closed_ = true;
  std::lock_guard lock(connections_mutex_);
  connections_.erase(connection);
  service_.metrics().connection_closed();
}

void HttpServer::stop() {
  asio::post(strand_, [this] {
    if (stopping_.exchange(true)) return;
    beast::error_code ignored;
    acceptor_.close(ignored);
    signals_.cancel(ignored);
    accept_retry_.cancel();
    {
      std::lock_guard lock(connections_mutex_);
      for (const auto& [address, connection] : connections_)
        if (auto alive = connection.lock()) alive->stop();
    }
    drain_deadline_ = std::chrono::steady_clock::now() + service_.options().request_timeout;
    drain();
  });
}

// Until every connection has closed, or the deadline: then nothing is left to run and run()
// returns.
void HttpServer::drain() {
  {
    std::lock_guard lock(connections_mutex_);
    if (connections_.empty()) return;
    if (std::chrono::steady_clock::now() >= drain_deadline_) {
      context_.stop();
      return;
    }
  }
  drain_timer_.expires_after(std::chrono::milliseconds(20));
  drain_timer_.async_wait([this](beast::error_code failure) {
    if (!failure) drain();
  });
}

}  // namespace qingdan::serve
