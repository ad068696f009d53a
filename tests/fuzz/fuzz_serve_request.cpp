// Fuzzed HTTP requests to `qingdan serve`, answered without a network: whatever the bytes, the
// server answers with a status other than 500, and a JSON answer is well-formed JSON.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string_view>

#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include "serve/service.hpp"

namespace {

qingdan::serve::Service& service() {
  static std::unique_ptr<qingdan::serve::Service> running = [] {
    qingdan::serve::ServeOptions options;
    options.rules = QINGDAN_SOURCE_DIR "/rules/shanghai-qingpu";
    options.token = "token";
    options.max_batch = 50;
    auto made = std::make_unique<qingdan::serve::Service>(options);
    if (!made->reload("start").loaded) std::abort();
    return made;
  }();
  return *running;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace http = boost::beast::http;
  http::request_parser<http::string_body> parser;
  parser.eager(true);
  parser.header_limit(16 * 1024);
  parser.body_limit(256 * 1024);
  boost::system::error_code failure;
  parser.put(boost::asio::buffer(data, size), failure);
  if (!failure && !parser.is_done()) parser.put_eof(failure);
  if (failure || !parser.is_done()) return 0;
  const qingdan::serve::HttpRequest request = parser.release();
  const qingdan::serve::HttpResponse response = service().handle(request);
  if (response.result_int() == 500) std::abort();
  if (request.method() != http::verb::head &&  // a HEAD answer has the headers only
      response[http::field::content_type].starts_with("application/json")) {
    boost::json::parse(response.body(), failure);
    if (failure) std::abort();
  }
  return 0;
}
