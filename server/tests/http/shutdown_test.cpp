// Specification: stopping the server lets a request in flight finish, closes idle kept-alive
// connections at once, and returns promptly.
#include "support/test_server.hpp"

#include <gtest/gtest.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <sys/socket.h>
#include <chrono>
#include <future>
#include <thread>

namespace lianjian::testing {
namespace {

namespace asio = boost::asio;
namespace beast_http = boost::beast::http;
using namespace std::chrono_literals;

// A kept-alive connection that has finished one request and now waits, idle.
class IdleConnection {
  public:
    explicit IdleConnection(unsigned short port) : socket_(io_) {
        socket_.connect({asio::ip::make_address("127.0.0.1"), port});
        // Reads give up after 5 s instead of hanging the test if the server never closes.
        timeval timeout{5, 0};
        setsockopt(socket_.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        beast_http::request<beast_http::empty_body> request{beast_http::verb::get, "/api/v1/health",
                                                            11};
        request.set(beast_http::field::host, "127.0.0.1");
        request.keep_alive(true);
        beast_http::write(socket_, request);
        beast_http::response<beast_http::string_body> response;
        beast_http::read(socket_, buffer_, response);
        status_ = response.result_int();
        kept_alive_ = response.keep_alive();
    }

    int status() const { return status_; }
    bool kept_alive() const { return kept_alive_; }

    // Waits for the server to close the connection: true on a clean end of stream.
    bool closed_by_server() {
        char byte;
        boost::system::error_code error;
        const auto count = socket_.read_some(asio::buffer(&byte, 1), error);
        return count == 0 && (error == asio::error::eof || error == asio::error::connection_reset);
    }

  private:
    asio::io_context io_;
    asio::ip::tcp::socket socket_;
    boost::beast::flat_buffer buffer_;
    int status_ = 0;
    bool kept_alive_ = false;
};

TEST(GracefulShutdown, InFlightRequestFinishesIdleConnectionClosesServerExits) {
    auto server = std::make_unique<TestServer>();
    // Given a route whose handler waits until the test lets it go,
    std::promise<void> entered;
    std::promise<void> release;
    auto released = release.get_future().share();
    server->application().router().add(
        beast_http::verb::get, "/api/v1/test/slow", {accounts::Permission::public_access},
        [&entered, released](http::RequestContext&) {
            entered.set_value();
            released.wait_for(10s);
            return http::json_response(http::Status::ok, {{"finished", true}});
        });
    // an idle kept-alive connection,
    IdleConnection idle(server->port());
    ASSERT_EQ(idle.status(), 200);
    ASSERT_TRUE(idle.kept_alive());
    // and a request in flight,
    auto in_flight = std::async(std::launch::async, [port = server->port()] {
        HttpClient client{port};
        return client.get("/api/v1/test/slow");
    });
    ASSERT_EQ(entered.get_future().wait_for(5s), std::future_status::ready);

    // when the server is stopped from another thread,
    const auto stop_started = std::chrono::steady_clock::now();
    std::thread stopper([&server] { server->application().stop(); });
    stopper.join();

    // then the idle connection is closed at once,
    EXPECT_TRUE(idle.closed_by_server());
    EXPECT_LT(std::chrono::steady_clock::now() - stop_started, 2s);
    // the request in flight is answered in full,
    release.set_value();
    ASSERT_EQ(in_flight.wait_for(5s), std::future_status::ready);
    const auto answer = in_flight.get();
    EXPECT_EQ(answer.status, 200);
    EXPECT_NE(answer.body.find("finished"), std::string::npos);
    // with the connection marked for closing,
    EXPECT_EQ(answer.headers.count("connection") ? answer.headers.at("connection") : "", "close");
    // and the server thread ends promptly (the destructor joins it).
    const auto join_started = std::chrono::steady_clock::now();
    server.reset();
    EXPECT_LT(std::chrono::steady_clock::now() - join_started, 2s);
}

TEST(GracefulShutdown, QuietServerStopsAtOnce) {
    auto server = std::make_unique<TestServer>();
    IdleConnection idle(server->port());
    ASSERT_EQ(idle.status(), 200);
    const auto started = std::chrono::steady_clock::now();
    std::thread stopper([&server] { server->application().stop(); });
    stopper.join();
    EXPECT_TRUE(idle.closed_by_server());
    server.reset();
    EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
}

TEST(GracefulShutdown, NoNewConnectionsAfterStop) {
    auto server = std::make_unique<TestServer>();
    const auto port = server->port();
    IdleConnection idle(port);
    server->application().stop();
    EXPECT_TRUE(idle.closed_by_server());
    server.reset();
    asio::io_context io;
    asio::ip::tcp::socket socket(io);
    boost::system::error_code error;
    socket.connect({asio::ip::make_address("127.0.0.1"), port}, error);
    EXPECT_TRUE(error) << "a stopped server still accepts connections";
}

TEST(GracefulShutdown, StopIsIdempotent) {
    auto server = std::make_unique<TestServer>();
    server->application().stop();
    server->application().stop();
    const auto started = std::chrono::steady_clock::now();
    server.reset();  // the destructor stops once more and joins
    EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
}

}  // namespace
}  // namespace lianjian::testing
