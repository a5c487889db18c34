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
#include <optional>
#include <set>
#include <string>

namespace lianjian::http {

// Limits set on purpose; each is a configuration option of `lianjian serve`.
struct ServerLimits {
    std::size_t body_limit = 1024 * 1024;  // bytes of a request body
    // Bytes of an upload route's body, streamed to a file (`serve --upload-limit-mb`); the
    // Dispatcher says which routes are upload routes and their limit.
    std::size_t upload_limit = 20 * 1024 * 1024;
    std::size_t header_limit = 16 * 1024;     // bytes of the request line and headers
    std::chrono::seconds read_timeout{30};    // to read one request once it has started
    std::chrono::seconds write_timeout{30};   // to write one response
    std::chrono::seconds idle_timeout{60};    // between requests on a kept-alive connection
    std::chrono::seconds shutdown_grace{10};  // for in-flight requests after SIGTERM
    // Requests are answered one at a time per connection, in order; after this many the
    // connection is closed, so one client cannot hold a connection and pipeline forever.
    unsigned max_requests_per_connection = 1000;
    unsigned threads = 4;
    // Connections open at once. 0: derived from the open-files limit (RLIMIT_NOFILE, whose soft
    // value is raised to the hard one at start) less `descriptor_reserve` for database and
    // attachment files. A set value is lowered to that too. At the cap the connection idle for
    // longest is closed to make room; when none is idle, new clients wait in the listen backlog.
    std::size_t max_connections = 0;
    std::size_t descriptor_reserve = 64;
};

// Raises the soft open-files limit to the hard one and returns the soft limit now in force.
std::size_t raise_open_file_limit();
// The connection cap for these limits under an open-files limit of `open_files`: the configured
// cap if lower, and never more than `open_files` less the reserve (at most half of `open_files`).
std::size_t connection_cap(const ServerLimits& limits, std::size_t open_files);

// Why a request's head cannot be framed safely (RFC 9112), or nothing: a Transfer-Encoding whose
// last coding is not chunked (or any Transfer-Encoding in HTTP/1.0), or an HTTP/1.1 request
// without exactly one Host header. Such a request is answered 400 and its connection closed.
std::optional<std::string> framing_problem(const beast_http::request_header<>& header);

// Logs a repeated warning at most once per interval, saying how many were left out meanwhile, so
// that an error repeating thousands of times a second cannot fill the disk.
class RateLimitedWarning {
  public:
    explicit RateLimitedWarning(std::chrono::steady_clock::duration interval)
        : interval_(interval) {}
    // True when this call was logged.
    bool warn(const std::string& message);

  private:
    std::mutex mutex_;
    std::chrono::steady_clock::duration interval_;
    std::optional<std::chrono::steady_clock::time_point> last_;
    unsigned long long suppressed_ = 0;
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
    // The I/O context the server runs on, for timers that live as long as it serves (the
    // reminder scheduler).
    boost::asio::io_context& io_context() { return io_; }

  private:
    struct Connection;
    boost::asio::awaitable<void> accept_loop();
    boost::asio::awaitable<void> pause(std::chrono::milliseconds duration);
    std::size_t connection_count();
    // Closes the connection idle for longest; false when every connection is busy.
    bool shed_oldest_idle();
    boost::asio::awaitable<void> serve(std::shared_ptr<Connection> connection);
    void close_idle_connections();
    void drain();

    Dispatcher& dispatcher_;
    ServerLimits limits_;
    boost::asio::io_context io_;
    boost::asio::ip::tcp::acceptor acceptor_;
    boost::asio::steady_timer grace_timer_;
    boost::asio::steady_timer drain_timer_;
    std::size_t connection_cap_ = 1;
    RateLimitedWarning accept_warning_{std::chrono::seconds(10)};
    RateLimitedWarning cap_warning_{std::chrono::seconds(60)};
    std::atomic<bool> stopping_{false};
    std::mutex connections_mutex_;
    std::set<std::shared_ptr<Connection>> connections_;
};

}  // namespace lianjian::http
