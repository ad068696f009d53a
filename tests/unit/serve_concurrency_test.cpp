// `qingdan serve` over real connections while its rules are reloaded: every answer whole and
// right for the rulebook its header names, no error, and a stop that lets requests finish.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include "serve/http_server.hpp"
#include "serve/service.hpp"
#include "temp_rulebook.hpp"

namespace qingdan::serve {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using qingdan::testing::levels_yaml;
using qingdan::testing::list_yaml;
using qingdan::testing::tasks_yaml;

std::string negative(const std::string& levels) {
  return list_yaml("list: negative\nversion: \"1\"\neffective: 2022-01-01\n",
                   "  - {id: N-1, task: ZM-01, levels: [" + levels + "]}\n");
}

// A keep-alive client of the server on 127.0.0.1.
class Client {
 public:
  explicit Client(unsigned short port) : stream_(context_) {
    stream_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  }
  http::response<http::string_body> get(const std::string& target) {
    http::request<http::empty_body> request{http::verb::get, target, 11};
    request.set(http::field::host, "127.0.0.1");
    http::write(stream_, request);
    http::response<http::string_body> response;
    http::read(stream_, buffer_, response);
    return response;
  }

 private:
  asio::io_context context_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
};

TEST(ServeConcurrency, AnswersStayRightWhileTheRulesAreReloadedAndBroken) {
  testing::TempRulebook rules{{{"rulebook.yaml", levels_yaml},
                               {"tasks.yaml", tasks_yaml},
                               {"neg.yaml", negative("village")}}};
  const std::string village_print = rules.load().fingerprint();
  rules.write("neg.yaml", negative("town"));
  const std::string town_print = rules.load().fingerprint();
  rules.write("neg.yaml", negative("village"));

  ServeOptions options;
  options.rules = rules.folder();
  options.port = 0;
  options.threads = 2;
  Service service(options);
  ASSERT_TRUE(service.reload("start").loaded);
  HttpServer server(service);
  std::thread serving([&] { server.run(2, false); });

  std::atomic<bool> running{true};
  std::atomic<int> answered{0}, wrong{0}, failed{0};
  std::vector<std::thread> clients;
  for (int client = 0; client < 4; ++client)
    clients.emplace_back([&] {
      try {
        Client connection(server.port());
        while (running.load()) {
          auto response = connection.get("/v1/owner?task=ZM-01&at=2024-01-01");
          if (response.result_int() != 200) {
            ++failed;
            continue;
          }
          const std::string fingerprint(response["Qingdan-Rulebook"]);
          const auto roles = boost::json::parse(response.body()).at("roles");
          const std::string expected = fingerprint == village_print ? "village"
                                       : fingerprint == town_print  ? "town"
                                                                    : "";
          if (expected.empty() || roles != boost::json::object{{expected, "forbidden"}}) ++wrong;
          ++answered;
        }
      } catch (const std::exception&) {
        ++failed;
      }
    });
  int reloads = 0, broken = 0;
  for (int round = 0; round < 40; ++round) {
    const int step = round % 4;  // village, broken, town, broken
    rules.write("neg.yaml",
                step % 2 ? negative("hamlet") : negative(step == 0 ? "village" : "town"));
    const ReloadOutcome outcome = service.reload("test");
    ++reloads;
    if (!outcome.loaded) ++broken;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  running = false;
  for (std::thread& client : clients) client.join();
  server.stop();
  serving.join();
  EXPECT_EQ(broken, 20);
  EXPECT_EQ(reloads, 40);
  EXPECT_GT(answered.load(), 100);
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_EQ(failed.load(), 0);
}

TEST(ServeConcurrency, StopClosesIdleConnectionsAndReturns) {
  testing::TempRulebook rules{{{"rulebook.yaml", levels_yaml}, {"tasks.yaml", tasks_yaml}}};
  ServeOptions options;
  options.rules = rules.folder();
  options.port = 0;
  Service service(options);
  service.reload("start");
  HttpServer server(service);
  std::thread serving([&] { server.run(2, false); });
  Client idle(server.port());
  EXPECT_EQ(idle.get("/healthz").result_int(), 200);  // then it waits, kept alive
  const auto asked = std::chrono::steady_clock::now();
  server.stop();
  serving.join();
  EXPECT_LT(std::chrono::steady_clock::now() - asked, std::chrono::seconds(5));
}

}  // namespace
}  // namespace qingdan::serve
