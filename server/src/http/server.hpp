#pragma once

#include "http/dispatcher.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <set>
#include <string>

namespace lianjian::http {

// Limits set on purpose; each is a configuration option of `lianjian serve`.
struct ServerLimits {
    std::size_t body_limit = 1024 * 1024;     // bytes of a request body
    std::size_t header_limit = 16 * 1024;     // bytes of the request line and headers
    std::chrono::seconds read_timeout{30};    // to read one request once it has started
    std::chrono::seconds write_timeout{30};   // to write one response
    std::chrono::seconds idle_timeout{60};    // between requests on a kept-alive connection
    std::chrono::seconds shutdown_grace{10};  // for in-flight requests after SIGTERM
    // Requests are answered one at a time per connection, in order; after this many the
    // connection is closed, so one client cannot hold a connection and pipeline forever.
    unsigned max_requests_per_connection = 1000;
    unsigned threads = 4;
};

// The listener and its connections: Beast over Asio with C++20 coroutines. Each connection reads
// a request, hands it to the Dispatcher, writes the response; the Dispatcher never sees a socket.
class Server {
  public:
    Server(Dispatcher& dispatcher, ServerLimits limits);
    ~Server();

    // Binds now (so a caller learns the port at once; port 0 picks a free one).
    boost::asio::ip::tcp::endpoint listen(const std::string& host, unsigned short port);
    // Runs until stop() or a SIGTERM/SIGINT when `handle_signals`, then drains and returns.
    void run(bool handle_signals);
    // Stops accepting, lets in-flight requests finish (within shutdown_grace), closes idle
    // connections. Safe from any thread.
    void stop();

  private:
    struct Connection;
    boost::asio::awaitable<void> accept_loop();
    boost::asio::awaitable<void> serve(std::shared_ptr<Connection> connection);
    void close_idle_connections();
    void drain();

    Dispatcher& dispatcher_;
    ServerLimits limits_;
    boost::asio::io_context io_;
    boost::asio::ip::tcp::acceptor acceptor_;
    boost::asio::steady_timer grace_timer_;
    boost::asio::steady_timer drain_timer_;
    std::atomic<bool> stopping_{false};
    std::mutex connections_mutex_;
    std::set<std::shared_ptr<Connection>> connections_;
};

}  // namespace lianjian::http
