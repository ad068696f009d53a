#include "serve/http_server.hpp"

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
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, HttpServer& server)
      : stream_(std::move(socket)), server_(server), service_(server.service_) {}

  void start(bool refused) {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this(), refused] {
      if (refused)
        self->refuse(
            Route::other,
            ApiError(503, Code::http_busy,
                     say(self->service_.options().language, Message::http_too_many_connections,
                         {{"limit", std::to_string(self->service_.options().max_connections)}})),
            11);
      else
        self->read_header();
    });
  }

  // From the server's stop(): an idle connection closes now, a busy one after its answer.
  void stop() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (self->idle_) self->stream_.socket().cancel();
    });
  }

 private:
  void read_header() {
    if (server_.stopping_) return close();
    const ServeOptions& options = service_.options();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
    parser_->body_limit(options.max_body_bytes);
    idle_ = true;
    stream_.expires_after(options.idle_timeout);
    http::async_read_header(stream_, buffer_, *parser_,
                            [self = shared_from_this()](beast::error_code failure, std::size_t) {
                              self->on_header(failure);
                            });
  }

  void on_header(beast::error_code failure) {
    idle_ = false;
    if (failure) return on_read_failure(failure, true);
    const ServeOptions& options = service_.options();
    const auto& request = parser_->get();
    if (auto length = parser_->content_length(); length && *length > options.max_body_bytes)
      return refuse(Route::other, too_large_body(), request.version());
    if (beast::iequals(request[http::field::expect], "100-continue")) {
      auto interim =
          std::make_shared<http::response<http::empty_body>>(http::status::continue_, 11);
      stream_.expires_after(options.request_timeout);
      return http::async_write(
          stream_, *interim,
          [self = shared_from_this(), interim](beast::error_code error, std::size_t) {
            if (error) return self->close();
            self->read_body();
          });
    }
    read_body();
  }

  void read_body() {
    stream_.expires_after(service_.options().request_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code failure, std::size_t) {
                       self->on_body(failure);
                     });
  }

  void on_body(beast::error_code failure) {
    if (failure) return on_read_failure(failure, false);
    HttpRequest request = parser_->release();
    write(std::make_shared<HttpResponse>(service_.handle(request)));
  }

  ApiError too_large_body() const {
    return ApiError(413, Code::http_too_large,
                    say(service_.options().language, Message::http_body_too_large,
                        {{"limit", std::to_string(service_.options().max_body_bytes)}}));
  }

  // A request that could not be read whole: answered when something of it came, else closed.
  void on_read_failure(beast::error_code failure, bool waiting_for_header) {
    const ServeOptions& options = service_.options();
    const Language language = options.language;
    if (failure == http::error::end_of_stream || failure == asio::error::eof ||
        failure == asio::error::operation_aborted || failure == asio::error::connection_reset)
      return close();
    if (failure == beast::error::timeout) {
      if (waiting_for_header && buffer_.size() == 0) return close();  // idle keep-alive
      const auto seconds = std::chrono::duration<double>(
                               waiting_for_header ? options.idle_timeout : options.request_timeout)
                               .count();
      return refuse(Route::other,
                    ApiError(408, Code::http_timeout,
                             say(language, Message::http_timeout,
                                 {{"seconds", detail::shortest_number_text(seconds)}})),
                    11);
    }
    if (failure == http::error::header_limit)
      return refuse(Route::other,
                    ApiError(431, Code::http_too_large,
                             say(language, Message::http_header_too_large,
                                 {{"limit", std::to_string(options.max_header_bytes)}})),
                    11);
    if (failure == http::error::body_limit) return refuse(Route::other, too_large_body(), 11);
    refuse(Route::other,
           ApiError(400, Code::http_bad_request,
                    say(language, Message::http_malformed, {{"reason", failure.message()}})),
           11);
  }

  // Answers with an error and closes: what remains of the request is not read.
  void refuse(Route route, const ApiError& error, unsigned version) {
    idle_ = false;
    auto response = std::make_shared<HttpResponse>(service_.refuse(route, error, version));
    write(std::move(response));
  }

  void write(std::shared_ptr<HttpResponse> response) {
    if (server_.stopping_) response->keep_alive(false);
    stream_.expires_after(service_.options().request_timeout);
    http::async_write(
        stream_, *response,
        [self = shared_from_this(), response](beast::error_code failure, std::size_t) {
          if (failure || !response->keep_alive()) return self->close();
          self->read_header();
        });
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.socket().close(ignored);
    server_.closed(this);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  HttpServer& server_;
  Service& service_;
  bool idle_ = false;  // touched on the connection's strand only
  bool closed_ = false;
  friend class HttpServer;
};

HttpServer::HttpServer(Service& service)
    : service_(service),
      strand_(asio::make_strand(context_)),
      acceptor_(strand_),
      signals_(strand_),
      drain_timer_(strand_) {
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
  accept();
  std::vector<std::thread> workers;
  for (std::size_t i = 1; i < threads; ++i) workers.emplace_back([this] { context_.run(); });
  context_.run();
  for (std::thread& worker : workers) worker.join();
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
        if (!stopping_) accept();
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
