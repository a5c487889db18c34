#include "support/test_server.hpp"

#include "demo/demo_data.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>

#include <sys/socket.h>
#include <algorithm>

namespace lianjian::testing {

namespace asio = boost::asio;
namespace beast_http = boost::beast::http;

TestServer::TestServer(app::Config config, bool load_demo) {
    config.database_url = database_.url();
    config.data_dir = database_.directory();
    config.limits.threads = 2;
    config.database_pool = 4;
    config.account_policy.hash_cost = accounts::HashCost::minimum;
    application_ = std::make_unique<app::Application>(config);
    if (load_demo) {
        demo::load_demo(application_->services(), std::string(demo_password));
    }
    port_ = application_->listen("127.0.0.1", 0).port();
    thread_ = std::thread([this] { application_->run(false); });
}

TestServer::~TestServer() {
    application_->stop();
    thread_.join();
}

boost::json::value HttpResult::json() const {
    return boost::json::parse(body);
}

std::string HttpResult::error_code() const {
    boost::system::error_code error;
    auto value = boost::json::parse(body, error);
    if (error || !value.is_object()) {
        return {};
    }
    const auto* envelope = value.as_object().if_contains("error");
    if (!envelope || !envelope->is_object()) {
        return {};
    }
    const auto* code = envelope->as_object().if_contains("code");
    return code && code->is_string() ? std::string(code->as_string()) : std::string();
}

HttpResult HttpClient::get(const std::string& target) {
    return request("GET", target, "", {});
}

HttpResult HttpClient::post(const std::string& target, const std::string& body) {
    return request("POST", target, body,
                   {{"X-Requested-With", "XMLHttpRequest"}, {"Content-Type", "application/json"}});
}

HttpResult HttpClient::request(const std::string& method, const std::string& target,
                               const std::string& body,
                               const std::map<std::string, std::string>& headers) {
    asio::io_context io;
    asio::ip::tcp::socket socket(io);
    socket.connect({asio::ip::make_address("127.0.0.1"), port_});
    beast_http::request<beast_http::string_body> request{beast_http::string_to_verb(method), target,
                                                         11};
    request.set(beast_http::field::host, "127.0.0.1:" + std::to_string(port_));
    for (const auto& [name, value] : headers) {
        request.set(name, value);
    }
    if (!cookie_.empty()) {
        request.set(beast_http::field::cookie, cookie_);
    }
    request.body() = body;
    if (!body.empty() || method == "POST") {
        request.prepare_payload();
    }
    beast_http::write(socket, request);
    boost::beast::flat_buffer buffer;
    beast_http::response_parser<beast_http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    beast_http::read(socket, buffer, parser);
    const auto& response = parser.get();
    HttpResult result;
    result.status = response.result_int();
    for (const auto& field : response) {
        std::string name(field.name_string());
        std::transform(name.begin(), name.end(), name.begin(), ::tolower);
        result.headers[name] = std::string(field.value());
    }
    result.body = response.body();
    const auto set_cookie = result.headers.find("set-cookie");
    if (set_cookie != result.headers.end()) {
        const auto& value = set_cookie->second;
        const auto end = value.find(';');
        cookie_ = value.find("Max-Age=0") != std::string::npos ? "" : value.substr(0, end);
    }
    return result;
}

std::string HttpClient::raw(const std::string& bytes) {
    return raw_exchange(bytes).text;
}

RawAnswer HttpClient::raw_exchange(const std::string& bytes) {
    asio::io_context io;
    asio::ip::tcp::socket socket(io);
    socket.connect({asio::ip::make_address("127.0.0.1"), port_});
    // Reads give up after 5 s instead of hanging the test if the server never closes.
    timeval timeout{5, 0};
    setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    asio::write(socket, asio::buffer(bytes));
    RawAnswer answer;
    boost::system::error_code error;
    char chunk[4096];
    for (;;) {
        const auto count = socket.read_some(asio::buffer(chunk), error);
        answer.text.append(chunk, count);
        if (error) {
            answer.closed_by_server =
                error == asio::error::eof || error == asio::error::connection_reset;
            break;
        }
    }
    return answer;
}

HttpResult HttpClient::login(const std::string& username, const std::string& password) {
    return post("/api/v1/auth/login",
                R"({"username":")" + username + R"(","password":")" + password + R"("})");
}

}  // namespace lianjian::testing
