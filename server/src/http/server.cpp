#include "http/server.hpp"

#include "http/error_response.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <thread>
#include <vector>

namespace lianjian::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

struct Server::Connection {
    explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
    beast::tcp_stream stream;
    std::atomic<bool> busy{false};  // a request is being handled or answered
};

Server::Server(Dispatcher& dispatcher, ServerLimits limits)
    : dispatcher_(dispatcher),
      limits_(limits),
      io_(static_cast<int>(limits.threads)),
      acceptor_(io_),
      grace_timer_(io_),
      drain_timer_(io_) {}

Server::~Server() = default;

tcp::endpoint Server::listen(const std::string& host, unsigned short port) {
    const tcp::endpoint endpoint{asio::ip::make_address(host), port};
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(asio::socket_base::max_listen_connections);
    return acceptor_.local_endpoint();
}

void Server::run(bool handle_signals) {
    asio::co_spawn(acceptor_.get_executor(), accept_loop(), asio::detached);
    asio::signal_set signals(io_);
    if (handle_signals) {
        signals.add(SIGINT);
        signals.add(SIGTERM);
        signals.async_wait([this](const boost::system::error_code& error, int number) {
            if (!error) {
                spdlog::info("signal {}: shutting down", number);
                stop();
            }
        });
    }
    std::vector<std::thread> threads;
    for (unsigned i = 1; i < limits_.threads; ++i) {
        threads.emplace_back([this] { io_.run(); });
    }
    io_.run();
    for (auto& thread : threads) {
        thread.join();
    }
}

void Server::stop() {
    if (stopping_.exchange(true)) {
        return;
    }
    asio::post(acceptor_.get_executor(), [this] {
        boost::system::error_code ignored;
        acceptor_.close(ignored);
        // Whatever is still in flight after the grace period is cut off.
        grace_timer_.expires_after(limits_.shutdown_grace);
        grace_timer_.async_wait([this](const boost::system::error_code& error) {
            if (!error) {
                io_.stop();
            }
        });
        drain();
    });
}

// Closes idle connections until none is left, so a quiet server exits at once and a busy one as
// soon as its last answer is written.
void Server::drain() {
    bool empty = false;
    {
        std::lock_guard lock(connections_mutex_);
        empty = connections_.empty();
    }
    if (empty) {
        io_.stop();
        return;
    }
    close_idle_connections();
    drain_timer_.expires_after(std::chrono::milliseconds(20));
    drain_timer_.async_wait([this](const boost::system::error_code& error) {
        if (!error) {
            drain();
        }
    });
}

void Server::close_idle_connections() {
    std::lock_guard lock(connections_mutex_);
    for (const auto& connection : connections_) {
        if (!connection->busy) {
            asio::post(connection->stream.get_executor(), [connection] {
                boost::system::error_code ignored;
                connection->stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
                connection->stream.cancel();
            });
        }
    }
}

asio::awaitable<void> Server::accept_loop() {
    while (!stopping_) {
        auto [error, socket] = co_await acceptor_.async_accept(asio::make_strand(io_),
                                                               asio::as_tuple(asio::use_awaitable));
        if (error) {
            if (stopping_ || error == asio::error::operation_aborted) {
                break;
            }
            spdlog::warn("accept failed: {}", error.message());
            continue;
        }
        auto connection = std::make_shared<Connection>(std::move(socket));
        {
            std::lock_guard lock(connections_mutex_);
            connections_.insert(connection);
        }
        asio::co_spawn(connection->stream.get_executor(), serve(connection), asio::detached);
    }
}

asio::awaitable<void> Server::serve(std::shared_ptr<Connection> connection) {
    auto& stream = connection->stream;
    std::string client_ip;
    {
        boost::system::error_code error;
        const auto remote = stream.socket().remote_endpoint(error);
        client_ip = error ? "" : remote.address().to_string();
    }
    beast::flat_buffer buffer;
    for (unsigned handled = 0; !stopping_ && handled < limits_.max_requests_per_connection;) {
        beast_http::request_parser<beast_http::string_body> parser;
        parser.body_limit(limits_.body_limit);
        parser.header_limit(static_cast<std::uint32_t>(limits_.header_limit));
        stream.expires_after(handled == 0 ? limits_.read_timeout : limits_.idle_timeout);
        auto [header_error, unused_header] = co_await beast_http::async_read_header(
            stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
        (void)unused_header;
        Response response;
        bool must_close = false;
        if (!header_error) {
            connection->busy = true;
            stream.expires_after(limits_.read_timeout);
            auto [body_error, unused_body] = co_await beast_http::async_read(
                stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
            (void)unused_body;
            header_error = body_error;
        }
        if (header_error == beast_http::error::body_limit) {
            response = error_response(ErrorCode::payload_too_large, "请求内容过大");
            must_close = true;
        } else if (header_error == beast_http::error::header_limit) {
            response = error_response(ErrorCode::headers_too_large, "请求头过大");
            must_close = true;
        } else if (header_error == beast_http::error::end_of_stream ||
                   header_error == asio::error::eof ||
                   header_error == asio::error::operation_aborted ||
                   header_error == beast::error::timeout ||
                   header_error == asio::error::connection_reset) {
            break;
        } else if (header_error) {
            response = error_response(ErrorCode::bad_request, "请求格式错误");
            must_close = true;
        } else {
            response = dispatcher_.handle(parser.get(), client_ip);
            ++handled;
            must_close = !response.keep_alive() || stopping_ ||
                         handled >= limits_.max_requests_per_connection;
        }
        if (must_close) {
            add_security_headers(response, true);
        }
        response.keep_alive(!must_close);
        stream.expires_after(limits_.write_timeout);
        auto [write_error, unused_written] =
            co_await beast_http::async_write(stream, response, asio::as_tuple(asio::use_awaitable));
        (void)unused_written;
        connection->busy = false;
        if (write_error || must_close) {
            break;
        }
    }
    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream.close();
    std::lock_guard lock(connections_mutex_);
    connections_.erase(connection);
}

}  // namespace lianjian::http
