// Specification: a request whose body length cannot be framed safely (RFC 9112) is answered 400
// and its connection closed, so the bytes after it are never read as another request; an
// HTTP/1.1 request needs exactly one Host header; and routing never decodes a path before
// splitting it, so an encoded slash or an encoded letter cannot reach a route.
#include "support/test_server.hpp"

#include <gtest/gtest.h>

namespace lianjian::testing {
namespace {

// How many responses (status lines) the raw answer holds.
int responses_in(const std::string& answer) {
    int count = 0;
    for (auto at = answer.find("HTTP/1.1 "); at != std::string::npos;
         at = answer.find("HTTP/1.1 ", at + 1)) {
        ++count;
    }
    return count;
}

class Framing : public ::testing::Test {
  protected:
    TestServer server{{}, false};
    HttpClient client{server.port()};
};

TEST_F(Framing, TransferEncodingNotEndingInChunkedIs400AndClosesTheConnection) {
    for (const std::string coding :
         {"identity", "xchunked", "chunked, identity", "gzip", "chunked, chunked"}) {
        // Given a request whose Transfer-Encoding does not end in chunked, followed by bytes
        // that a lenient server would read as a second request,
        const std::string bytes =
            "POST /api/v1/auth/logout HTTP/1.1\r\nHost: x\r\n"
            "X-Requested-With: XMLHttpRequest\r\n"
            "Transfer-Encoding: " +
            coding +
            "\r\n\r\n"
            "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n";
        // when it is sent,
        const auto answer = client.raw_exchange(bytes);
        // then the one answer is 400 with the JSON error, and the server closes the connection.
        EXPECT_TRUE(answer.text.starts_with("HTTP/1.1 400")) << coding << ": " << answer.text;
        EXPECT_NE(answer.text.find("\"bad_request\""), std::string::npos) << coding;
        EXPECT_EQ(responses_in(answer.text), 1) << coding;
        EXPECT_TRUE(answer.closed_by_server) << coding;
    }
}

TEST_F(Framing, TransferEncodingHeadersSplitOverTwoLinesAreJudgedTogether) {
    const auto answer = client.raw_exchange(
        "POST /api/v1/auth/logout HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
        "Transfer-Encoding: identity\r\n\r\n0\r\n\r\n");
    EXPECT_TRUE(answer.text.starts_with("HTTP/1.1 400")) << answer.text;
    EXPECT_TRUE(answer.closed_by_server);
}

TEST_F(Framing, ChunkedBodyIsStillAccepted) {
    // Given a well-framed chunked request, then it is answered normally (the login is refused
    // for its content, not for its framing) and the connection stays usable.
    const std::string body = R"({"username":"nobody","password":"x"})";
    char size[16];
    std::snprintf(size, sizeof size, "%zx", body.size());
    const auto answer = client.raw_exchange(
        "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nX-Requested-With: XMLHttpRequest\r\n"
        "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" +
        std::string(size) + "\r\n" + body + "\r\n0\r\n\r\n" +
        "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_TRUE(answer.text.starts_with("HTTP/1.1 401")) << answer.text;
    EXPECT_EQ(responses_in(answer.text), 2);
    EXPECT_NE(answer.text.find("HTTP/1.1 200"), std::string::npos);
}

TEST_F(Framing, Http11WithoutHostIs400) {
    const auto answer = client.raw_exchange("GET /api/v1/health HTTP/1.1\r\n\r\n");
    EXPECT_TRUE(answer.text.starts_with("HTTP/1.1 400")) << answer.text;
    EXPECT_TRUE(answer.closed_by_server);
}

TEST_F(Framing, TwoHostHeadersAre400) {
    const auto answer =
        client.raw_exchange("GET /api/v1/health HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n");
    EXPECT_TRUE(answer.text.starts_with("HTTP/1.1 400")) << answer.text;
    EXPECT_TRUE(answer.closed_by_server);
}

TEST_F(Framing, Http10WithoutHostIsStillServed) {
    const auto answer = client.raw_exchange("GET /api/v1/health HTTP/1.0\r\n\r\n");
    EXPECT_TRUE(answer.text.starts_with("HTTP/1.0 200") || answer.text.starts_with("HTTP/1.1 200"))
        << answer.text;
}

TEST(EncodedPaths, NeverReachTheUsersList) {
    // Given a signed-in system administrator, who may list users,
    TestServer server;
    HttpClient client(server.port());
    ASSERT_EQ(client.login("sysadmin").status, 200);
    ASSERT_EQ(client.get("/api/v1/users").status, 200);
    // when the same path is sent with an encoded slash or an encoded letter,
    for (const char* path : {"/api%2Fv1%2Fusers", "/api%2fv1%2fusers", "/%61pi/v1/users",
                             "/api/v1/%75sers", "/api/v1%2Fusers"}) {
        // then it is not the users list.
        const auto result = client.get(path);
        EXPECT_EQ(result.status, 404) << path;
    }
}

}  // namespace
}  // namespace lianjian::testing
