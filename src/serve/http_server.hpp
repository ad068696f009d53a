#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>

#include "serve/service.hpp"

namespace qingdan::serve {

class Connection;

// HTTP/1.1 over TCP with Boost.Beast, for a Service: keep-alive, the limits of ServeOptions
// (body and header size, connections, the time to receive a request and between requests; a
// slow client is cut off), and a graceful stop that finishes the requests in flight.
class HttpServer {
 public:
  // Binds to the address and port of the options (port 0: one the system picks); throws
  // qingdan::Error (QU004) when it cannot.
  explicit HttpServer(Service& service);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  unsigned short port() const { return port_; }

  // Serves on `threads` threads until stop(); with `signals`, SIGTERM and SIGINT stop it
  // gracefully and SIGHUP asks the service to reload.
  void run(std::size_t threads, bool signals);
  // Stops accepting, closes idle connections, lets requests in flight finish (for at most the
  // request timeout), then returns from run(). Any thread may call it.
  void stop();

 private:
  friend class Connection;
  void accept();
  void drain();
  void opened(const std::shared_ptr<Connection>& connection);
  void closed(Connection* connection);

  Service& service_;
  boost::asio::io_context context_;
  // The acceptor, the signals and the drain timer are touched on this strand only.
  boost::asio::strand<boost::asio::io_context::executor_type> strand_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::signal_set signals_;
  boost::asio::steady_timer drain_timer_;
  boost::asio::steady_timer accept_retry_;
  std::chrono::steady_clock::time_point drain_deadline_{};
  unsigned short port_ = 0;
  std::atomic<bool> stopping_{false};
  std::mutex connections_mutex_;
  std::unordered_map<Connection*, std::weak_ptr<Connection>> connections_;
  // Where the long requests (a reload, a check) are answered, so that the threads that read and
  // write connections keep answering the quick ones meanwhile. Declared last: destroyed (and
  // joined) first, while the connections it answers for still exist.
  std::unique_ptr<boost::asio::thread_pool> slow_work_;
};

}  // namespace qingdan::serve
