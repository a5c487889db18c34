// Specification: when the process runs short of file descriptors the server neither spins in its
// accept loop nor floods the log; it caps its connections below the open-files limit, makes room
// by closing the connection idle for longest, and answers new clients.
#include "http/server.hpp"
#include "support/test_server.hpp"

#include <gtest/gtest.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

namespace lianjian::testing {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

// CPU seconds (user + system) a process has used so far.
double cpu_seconds(pid_t pid) {
    std::ifstream file("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    std::istringstream fields(text.substr(text.rfind(')') + 2));
    std::string field;
    unsigned long long user = 0, system = 0;
    for (int index = 3; fields >> field; ++index) {
        if (index == 14)
            user = std::stoull(field);
        if (index == 15) {
            system = std::stoull(field);
            break;
        }
    }
    return static_cast<double>(user + system) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// A GET /api/v1/health on a new connection within 10 s: its status, or 0.
int health_status(unsigned short port) {
    asio::io_context io;
    asio::ip::tcp::socket socket(io);
    socket.connect({asio::ip::make_address("127.0.0.1"), port});
    timeval timeout{10, 0};
    setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    const std::string request =
        "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    asio::write(socket, asio::buffer(request));
    char answer[12] = {};
    boost::system::error_code error;
    asio::read(socket, asio::buffer(answer, sizeof answer), error);
    const std::string text(answer, sizeof answer);
    return text.starts_with("HTTP/1.1 ") ? std::stoi(text.substr(9, 3)) : 0;
}

TEST(ConnectionCap, DerivedFromTheOpenFilesLimitLessAReserve) {
    http::ServerLimits limits;
    EXPECT_EQ(http::connection_cap(limits, 1024), 1024u - 64u);
    EXPECT_EQ(http::connection_cap(limits, 64), 32u);  // the reserve is at most half
    limits.max_connections = 100;
    EXPECT_EQ(http::connection_cap(limits, 1024), 100u);
    limits.max_connections = 5000;
    EXPECT_EQ(http::connection_cap(limits, 1024), 1024u - 64u);
}

TEST(RateLimitedWarning, LogsOncePerInterval) {
    http::RateLimitedWarning warning(std::chrono::hours(1));
    EXPECT_TRUE(warning.warn("accept failed: Too many open files"));
    for (int i = 0; i < 1000; ++i) {
        EXPECT_FALSE(warning.warn("accept failed: Too many open files"));
    }
}

TEST(DescriptorExhaustion, LoweredLimitNeitherSpinsNorFloodsTheLogAndStillAnswers) {
    const auto log_path = std::filesystem::temp_directory_path() /
                          ("lianjian-nofile-" + std::to_string(getpid()) + ".log");
    int port_pipe[2], control_pipe[2];
    ASSERT_EQ(pipe(port_pipe), 0);
    ASSERT_EQ(pipe(control_pipe), 0);
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        // The server, in a child whose open-files limit (soft and hard) is lowered to 64.
        close(port_pipe[0]);
        close(control_pipe[1]);
        const int log = open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(log, STDERR_FILENO);
        dup2(log, STDOUT_FILENO);
        rlimit limit{64, 64};
        setrlimit(RLIMIT_NOFILE, &limit);
        {
            TestServer server({}, false);
            const unsigned short port = server.port();
            (void)!write(port_pipe[1], &port, sizeof port);
            char byte;
            (void)!read(control_pipe[0], &byte, 1);  // until the parent closes its end
        }
        _exit(0);
    }
    close(port_pipe[1]);
    close(control_pipe[0]);
    unsigned short port = 0;
    ASSERT_EQ(read(port_pipe[0], &port, sizeof port), static_cast<ssize_t>(sizeof port));
    ASSERT_EQ(health_status(port), 200);

    // Given 80 idle connections, more than the 64 descriptors the server may hold,
    asio::io_context io;
    std::vector<asio::ip::tcp::socket> idle;
    const double cpu_before = cpu_seconds(child);
    for (int i = 0; i < 80; ++i) {
        idle.emplace_back(io).connect({asio::ip::make_address("127.0.0.1"), port});
    }
    // when they stay open for 3 seconds,
    std::this_thread::sleep_for(3s);
    const double cpu_used = cpu_seconds(child) - cpu_before;
    // then the server has not spun (a spinning accept loop burns a CPU-second per second),
    EXPECT_LT(cpu_used, 0.6) << "CPU seconds in 3 s";
    // a new client is still answered, by closing the connection idle for longest,
    EXPECT_EQ(health_status(port), 200);
    // the log holds a few lines, not megabytes,
    EXPECT_LT(std::filesystem::file_size(log_path), 16 * 1024u);
    // and once the connections go away the server answers as before.
    idle.clear();
    std::this_thread::sleep_for(200ms);
    EXPECT_EQ(health_status(port), 200);

    close(control_pipe[1]);
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
    std::filesystem::remove(log_path);
}

}  // namespace
}  // namespace lianjian::testing
