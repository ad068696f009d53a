#include <charconv>
#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "serve/folder_watch.hpp"
#include "serve/http_server.hpp"
#include "serve/service.hpp"

namespace qingdan::cli {

namespace {

struct ServeCommandOptions {
  std::string rules;
  std::string listen = "127.0.0.1:8080";
  std::string token_file;
  bool token_for_all = false;
  std::string log;
  std::vector<std::string> log_mask;
  bool watch = false;
  std::size_t threads = 0;
  std::size_t max_body = 2U << 20;
  std::size_t max_connections = 256;
  std::size_t max_batch = 10'000;
  double request_timeout = 10;
  double idle_timeout = 30;
};

// HOST:PORT, [IPv6]:PORT
void read_listen(const std::string& text, serve::ServeOptions& options, const Session& session) {
  const std::size_t colon = text.rfind(':');
  std::string host = colon == std::string::npos ? std::string() : text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  unsigned port = 0;
  const char* digits = colon == std::string::npos ? nullptr : text.data() + colon + 1;
  const auto [end, failure] = digits ? std::from_chars(digits, text.data() + text.size(), port)
                                     : std::from_chars_result{nullptr, std::errc::invalid_argument};
  if (host.empty() || failure != std::errc() || end != text.data() + text.size() || port > 65535)
    throw usage_error(detail::Code::bad_command_line,
                      session.words("--listen takes HOST:PORT (127.0.0.1:8080), found '{text}'",
                                    "--listen 的取值应为 主机:端口（如 127.0.0.1:8080），实际为 "
                                    "'{text}'",
                                    {{"text", text}}));
  options.address = host;
  options.port = static_cast<unsigned short>(port);
}

std::string read_token(const std::string& file, const Session& session) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  std::string token = text.str();
  while (!token.empty() && std::isspace(static_cast<unsigned char>(token.back()))) token.pop_back();
  if (!in || token.empty() || token.size() > 4096 ||
      token.find_first_of(" \t\r\n") != std::string::npos)
    throw usage_error(detail::Code::bad_command_line,
                      session.words("--token-file {file}: cannot read a token from it (one line, "
                                    "no spaces)",
                                    "--token-file {file}：无法从中读出令牌（应为一行，不含空格）",
                                    {{"file", file}}));
  return token;
}

std::chrono::milliseconds seconds_option(double seconds, std::string_view option) {
  return std::chrono::milliseconds(
      static_cast<std::int64_t>(checked_number(seconds, option, 0.05, 3600) * 1000));
}

}  // namespace

void add_serve_command(CLI::App& app, Session& session) {
  auto options = std::make_shared<ServeCommandOptions>();
  CLI::App* command =
      add_command(app, session, "serve",
                  "Serve the rulebook: an HTTP API for other systems and a web page for reviewers",
                  "提供规则库服务：供其他系统调用的 HTTP 接口，以及供审查人员使用的网页");
  add_rules_option(*command, session, options->rules);
  command->add_option(
      "--listen", options->listen,
      session.words("Address and port to listen on (default 127.0.0.1:8080; "
                    "port 0: any free one)",
                    "监听的地址和端口（默认 127.0.0.1:8080；端口 0 表示任选空闲端口）"));
  command->add_option("--token-file", options->token_file,
                      session.words("A file holding the bearer token the admin routes need "
                                    "(without it they are off)",
                                    "存放管理地址所需令牌的文件（不指定则管理地址关闭）"));
  command->add_flag("--token-for-all", options->token_for_all,
                    session.words("Require the token on every /v1/ route and /metrics too",
                                  "所有 /v1/ 地址和 /metrics 也需要令牌"));
  command->add_option("--log", options->log,
                      session.words("Append one JSON line per owner decision to this file",
                                    "每个归属结论向此文件追加一行 JSON"));
  command->add_option("--log-mask", options->log_mask,
                      session.words("Leave a field out of the decision log, or FIELD:hash to log "
                                    "its SHA-256 (time, request_id, task, at, in, mode, status, "
                                    "task_id, owner, roles)",
                                    "决定日志中不记录某个字段；写作 字段:hash 则只记录其 SHA-256 "
                                    "摘要"));
  command->add_flag("--watch", options->watch,
                    session.words("Reload when the rule files change", "规则文件变化时重新加载"));
  command->add_option("--threads", options->threads,
                      session.words("Threads answering requests (default: one per core)",
                                    "处理请求的线程数（默认：每核一个）"));
  command->add_option("--max-body", options->max_body,
                      session.words("Largest request body, in bytes (default 2097152)",
                                    "请求体的最大字节数（默认 2097152）"));
  command->add_option(
      "--max-connections", options->max_connections,
      session.words("Connections open at once (default 256)", "同时打开的连接数上限（默认 256）"));
  command->add_option("--max-batch", options->max_batch,
                      session.words("Queries in one POST /v1/owners (default 10000)",
                                    "一次 POST /v1/owners 的查询数上限（默认 10000）"));
  command->add_option("--request-timeout", options->request_timeout,
                      session.words("Seconds to receive a request once it began (default 10)",
                                    "开始接收后收完一个请求的秒数上限（默认 10）"));
  command->add_option("--idle-timeout", options->idle_timeout,
                      session.words("Seconds a connection may wait between requests (default 30)",
                                    "连接在两次请求之间可空闲的秒数（默认 30）"));
  command->callback([options, &session] {
    serve::ServeOptions serve;
    serve.rules = options->rules;
    read_listen(options->listen, serve, session);
    if (!options->token_file.empty()) serve.token = read_token(options->token_file, session);
    serve.token_for_all = options->token_for_all;
    if (serve.token_for_all && serve.token.empty())
      throw usage_error(detail::Code::bad_command_line,
                        session.words("--token-for-all needs --token-file",
                                      "--token-for-all 需要同时指定 --token-file"));
    serve.log = options->log;
    serve.log_mask = options->log_mask;
    if (!serve.log_mask.empty() && serve.log.empty())
      throw usage_error(detail::Code::bad_command_line,
                        session.words("--log-mask needs --log", "--log-mask 需要同时指定 --log"));
    serve.watch = options->watch;
    serve.threads = options->threads == 0
                        ? std::max(1U, std::thread::hardware_concurrency())
                        : static_cast<std::size_t>(checked_number(
                              static_cast<double>(options->threads), "--threads", 1, 256));
    serve.max_body_bytes = static_cast<std::size_t>(
        checked_number(static_cast<double>(options->max_body), "--max-body", 1024, 1 << 30));
    serve.max_connections = static_cast<std::size_t>(checked_number(
        static_cast<double>(options->max_connections), "--max-connections", 1, 100'000));
    serve.max_batch = static_cast<std::size_t>(
        checked_number(static_cast<double>(options->max_batch), "--max-batch", 1, 1'000'000));
    serve.request_timeout = seconds_option(options->request_timeout, "--request-timeout");
    serve.idle_timeout = seconds_option(options->idle_timeout, "--idle-timeout");
    serve.language = session.language;

    serve::Service service(serve);
    serve::HttpServer server(service);
    std::optional<serve::FolderWatch> watch;
    if (serve.watch)
      watch.emplace(serve.rules, serve.watch_interval,
                    [&service] { service.request_reload("watch"); });
    const std::string host =
        serve.address.find(':') != std::string::npos ? '[' + serve.address + ']' : serve.address;
    std::fprintf(stderr, "%s\n",
                 session
                     .words("qingdan serve: listening on http://{host}:{port}/ (rules: {rules})",
                            "qingdan serve：正在监听 http://{host}:{port}/（规则库：{rules}）",
                            {{"host", host},
                             {"port", std::to_string(server.port())},
                             {"rules", options->rules}})
                     .c_str());
    service.request_reload("start");
    server.run(serve.threads, true);
    watch.reset();
    std::fprintf(stderr, "%s\n",
                 session.words("qingdan serve: stopped", "qingdan serve：已停止").c_str());
    session.exit_status = exit_success;
  });
}

}  // namespace qingdan::cli
