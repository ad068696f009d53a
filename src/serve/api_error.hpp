#pragma once

#include <stdexcept>
#include <string>

#include <boost/json.hpp>

#include <qingdan/detail/codes.hpp>
#include <qingdan/detail/messages.hpp>

namespace qingdan::serve {

// A request the server answers with an error: its HTTP status, the code users look up
// (rules/README.md) and the message in the request's language; `position` says where in the
// request (`{"parameter": "at"}`, `{"line": 3, "column": 7}`, `{"field": "queries[2].in"}`, or a
// directive's file, line and column).
struct ApiError : std::runtime_error {
  ApiError(unsigned http_status, std::string error_code, std::string text,
           boost::json::object where = {})
      : std::runtime_error(text),
        status(http_status),
        code(std::move(error_code)),
        message(std::move(text)),
        position(std::move(where)) {}
  ApiError(unsigned http_status, detail::Code error_code, std::string text,
           boost::json::object where = {})
      : ApiError(http_status, std::string(detail::code_row(error_code).code), std::move(text),
                 std::move(where)) {}

  unsigned status;
  std::string code;
  std::string message;
  boost::json::object position;
};

// {"error": {"code", "message", "position"?}}
inline boost::json::object error_body(const ApiError& error) {
  boost::json::object body{{"code", error.code}, {"message", error.message}};
  if (!error.position.empty()) body["position"] = error.position;
  return boost::json::object{{"error", std::move(body)}};
}

}  // namespace qingdan::serve
