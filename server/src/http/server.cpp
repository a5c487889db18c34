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
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/file_body.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/rfc7230.hpp>
#include <boost/beast/http/write.hpp>

#include <sys/resource.h>
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <filesystem>
#include <thread>
#include <vector>

namespace lianjian::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

namespace {

std::int64_t now_ticks() {
    return std::chrono::steady_clock::now().time_since_epoch().count();
}

std::string lower_trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    std::string lower(text);
    for (auto& character : lower) {
        character = static_cast<char>(std::tolower(static_cast<unsigned char>(character)));
    }
    return lower;
}

}  // namespace

bool RateLimitedWarning::warn(const std::string& message) {
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(mutex_);
    if (last_ && now - *last_ < interval_) {
        ++suppressed_;
        return false;
    }
    if (suppressed_ > 0) {
        spdlog::warn("{} (repeated {} more times since the last report)", message, suppressed_);
    } else {
        spdlog::warn("{}", message);
    }
    last_ = now;
    suppressed_ = 0;
    return true;
}

std::size_t raise_open_file_limit() {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) {
        return 1024;
    }
    if (limit.rlim_cur != limit.rlim_max) {
        rlimit raised = limit;
        raised.rlim_cur = limit.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0) {
            limit = raised;
        }
    }
    // An unlimited hard limit is still bounded by what select-free servers sensibly hold.
    if (limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur > (1U << 20)) {
        return 1U << 20;
    }
    return static_cast<std::size_t>(limit.rlim_cur);
}

std::size_t connection_cap(const ServerLimits& limits, std::size_t open_files) {
    const auto reserve = std::min(limits.descriptor_reserve, open_files / 2);
    auto cap = open_files > reserve ? open_files - reserve : 1;
    if (limits.max_connections > 0) {
        cap = std::min(cap, limits.max_connections);
    }
    return std::max<std::size_t>(cap, 1);
}

std::optional<std::string> framing_problem(const beast_http::request_header<>& header) {
    std::string codings;
    for (const auto& field : header) {
        if (field.name() == beast_http::field::transfer_encoding) {
            if (!codings.empty()) {
                codings += ',';
            }
            codings += std::string(field.value());
        }
    }
    if (header.count(beast_http::field::transfer_encoding) > 0) {
        if (header.version() < 11) {
            return "HTTP/1.0 请求不得带 Transfer-Encoding 头";
        }
        std::vector<std::string> list;
        std::size_t start = 0;
        while (start <= codings.size()) {
            const auto comma = codings.find(',', start);
            const auto end = comma == std::string::npos ? codings.size() : comma;
            auto coding = lower_trimmed(std::string_view(codings).substr(start, end - start));
            if (!coding.empty()) {
                list.push_back(std::move(coding));
            }
            start = end + 1;
        }
        const auto chunked = std::count(list.begin(), list.end(), "chunked");
        if (list.empty() || list.back() != "chunked" || chunked != 1) {
            return "Transfer-Encoding 的最后一种编码必须是 chunked";
        }
    }
    const auto hosts = header.count(beast_http::field::host);
    if (hosts > 1) {
        return "请求带有多个 Host 头";
    }
    if (header.version() >= 11 && hosts == 0) {
        return "HTTP/1.1 请求必须带 Host 头";
    }
    return std::nullopt;
}

struct Server::Connection {
    explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
    beast::tcp_stream stream;
    std::atomic<bool> busy{false};  // a request is being handled or answered
    std::atomic<bool> shed{false};  // chosen to be closed to make room
    std::atomic<std::int64_t> last_active{now_ticks()};
};

Server::Server(Dispatcher& dispatcher, ServerLimits limits)
    : dispatcher_(dispatcher),
      limits_(limits),
      io_(static_cast<int>(limits.threads)),
      acceptor_(io_),
      grace_timer_(io_),
      drain_timer_(io_),
      connection_cap_(connection_cap(limits, raise_open_file_limit())) {}

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

std::size_t Server::connection_count() {
    std::lock_guard lock(connections_mutex_);
    return connections_.size();
}

bool Server::shed_oldest_idle() {
    std::shared_ptr<Connection> oldest;
    {
        std::lock_guard lock(connections_mutex_);
        for (const auto& connection : connections_) {
            if (connection->busy || connection->shed) {
                continue;
            }
            if (!oldest || connection->last_active < oldest->last_active) {
                oldest = connection;
            }
        }
    }
    if (!oldest) {
        return false;
    }
    oldest->shed = true;
    asio::post(oldest->stream.get_executor(), [oldest] {
        // On the connection's strand: a request that began meanwhile is left to finish.
        if (oldest->busy) {
            oldest->shed = false;
            return;
        }
        boost::system::error_code ignored;
        oldest->stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
        oldest->stream.cancel();
    });
    return true;
}

asio::awaitable<void> Server::pause(std::chrono::milliseconds duration) {
    asio::steady_timer timer(co_await asio::this_coro::executor);
    timer.expires_after(duration);
    co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
}

asio::awaitable<void> Server::accept_loop() {
    auto backoff = std::chrono::milliseconds(10);
    while (!stopping_) {
        // At the cap: make room by closing the longest-idle connection; when all are busy, new
        // clients wait in the kernel's listen backlog instead of costing a descriptor each.
        if (connection_count() >= connection_cap_) {
            if (!shed_oldest_idle()) {
                cap_warning_.warn(fmt::format(
                    "connection cap of {} reached with every connection busy; new clients wait",
                    connection_cap_));
            }
            co_await pause(std::chrono::milliseconds(20));
            continue;
        }
        auto [error, socket] = co_await acceptor_.async_accept(asio::make_strand(io_),
                                                               asio::as_tuple(asio::use_awaitable));
        if (error) {
            if (stopping_ || error == asio::error::operation_aborted) {
                break;
            }
            // Out of descriptors (EMFILE/ENFILE) or kernel memory: retrying at once would spin,
            // so free an idle connection if there is one and back off, doubling up to a second.
            accept_warning_.warn("accept failed: " + error.message());
            if (error == asio::error::no_descriptors || error.value() == ENFILE ||
                error == asio::error::no_buffer_space || error == asio::error::no_memory) {
                shed_oldest_idle();
            }
            co_await pause(backoff);
            backoff = std::min(backoff * 2, std::chrono::milliseconds(1000));
            continue;
        }
        backoff = std::chrono::milliseconds(10);
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
        // The head is read under the larger limit, so that an upload's Content-Length is not
        // refused before its route is known; the JSON limit is set again once it is.
        parser.body_limit(std::max(limits_.body_limit, limits_.upload_limit));
        parser.header_limit(static_cast<std::uint32_t>(limits_.header_limit));
        stream.expires_after(handled == 0 ? limits_.read_timeout : limits_.idle_timeout);
        auto [header_error, unused_header] = co_await beast_http::async_read_header(
            stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
        (void)unused_header;
        Response response;
        bool must_close = false;
        std::optional<std::string> framing_error;
        std::optional<Request> streamed_request;
        std::optional<Upload> upload;
        if (!header_error) {
            framing_error = framing_problem(parser.get());
        }
        if (!header_error && !framing_error) {
            connection->busy = true;
            stream.expires_after(limits_.read_timeout);
            const auto limit = dispatcher_.upload_limit(parser.get());
            const auto declared = parser.content_length();
            if (declared && *declared > (limit ? *limit : limits_.body_limit)) {
                header_error = beast_http::error::body_limit;
            } else if (limit) {
                // An upload: the body goes to a fresh file (O_EXCL) under the route's limit.
                Upload file;
                boost::system::error_code open_error;
                try {
                    file.path = dispatcher_.new_upload_path();
                } catch (const std::exception& error) {
                    spdlog::error("cannot prepare an upload file: {}", error.what());
                    open_error =
                        boost::system::errc::make_error_code(boost::system::errc::io_error);
                }
                beast_http::request_parser<beast_http::file_body> file_parser(std::move(parser));
                file_parser.body_limit(*limit);
                if (!open_error) {
                    file_parser.get().body().open(file.path.c_str(), beast::file_mode::write_new,
                                                  open_error);
                }
                if (!open_error &&
                    beast_http::token_list(file_parser.get()[beast_http::field::expect])
                        .exists("100-continue")) {
                    // The client waits for this before sending a large body (curl does).
                    beast_http::response<beast_http::empty_body> proceed{
                        beast_http::status::continue_, file_parser.get().version()};
                    auto [continue_error, unused_continue] = co_await beast_http::async_write(
                        stream, proceed, asio::as_tuple(asio::use_awaitable));
                    (void)unused_continue;
                    open_error = continue_error;
                }
                if (open_error) {
                    spdlog::warn("upload to {} not started: {}", file.path.string(),
                                 open_error.message());
                    file_parser.get().body().close();
                    if (!file.path.empty()) {
                        std::error_code ignored;
                        std::filesystem::remove(file.path, ignored);
                    }
                    header_error = open_error;
                } else {
                    auto [body_error, body_size] = co_await beast_http::async_read(
                        stream, buffer, file_parser, asio::as_tuple(asio::use_awaitable));
                    (void)body_size;
                    file_parser.get().body().close();
                    header_error = body_error;
                    if (!body_error) {
                        std::error_code size_error;
                        file.size = std::filesystem::file_size(file.path, size_error);
                        streamed_request.emplace(file_parser.get().base());
                        upload = std::move(file);
                    } else {
                        std::error_code ignored;
                        std::filesystem::remove(file.path, ignored);
                    }
                }
            } else {
                parser.body_limit(limits_.body_limit);
                auto [body_error, unused_body] = co_await beast_http::async_read(
                    stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
                (void)unused_body;
                header_error = body_error;
            }
        }
        if (framing_error) {
            // The body's length is unknown, so nothing after this head can be trusted: answer
            // and close, never read what follows as another request (request smuggling).
            connection->busy = true;
            response = error_response(ErrorCode::bad_request, *framing_error);
            must_close = true;
        } else if (header_error == beast_http::error::body_limit) {
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
        } else if (streamed_request) {
            // The Dispatcher removes the file once answered unless the handler moved it.
            response = dispatcher_.handle(*streamed_request, client_ip, std::move(upload));
            ++handled;
            must_close = !response.keep_alive() || stopping_ ||
                         handled >= limits_.max_requests_per_connection;
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
        connection->last_active = now_ticks();
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
