// Specification: streamed uploads in the transport (docs/activities.md "Attachments"). A route
// declared as an upload route has its body streamed to a fresh file in <data-dir>/tmp under the
// upload limit; every other route keeps the 1 MiB JSON limit. Over the limit the answer is 413,
// no temporary file remains, and the server goes on serving.
#include "support/test_server.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace lianjian::testing {
namespace {

constexpr std::size_t test_upload_limit = 64 * 1024;

app::Config small_upload_limit() {
    app::Config config;
    config.limits.upload_limit = test_upload_limit;
    return config;
}

class UploadTransport : public ::testing::Test {
  protected:
    TestServer server{small_upload_limit(), false};
    std::filesystem::path temporary_dir() const { return server.database().directory() / "tmp"; }
    std::size_t temporary_files() const {
        std::error_code error;
        if (!std::filesystem::is_directory(temporary_dir(), error)) {
            return 0;
        }
        return static_cast<std::size_t>(
            std::distance(std::filesystem::directory_iterator(temporary_dir()),
                          std::filesystem::directory_iterator()));
    }
    static std::string head(const std::string& extra) {
        return "POST /api/v1/activities/1/attachments?filename=a.jpg HTTP/1.1\r\nHost: "
               "127.0.0.1\r\nX-Requested-With: XMLHttpRequest\r\n" +
               extra + "\r\n";
    }
};

TEST_F(UploadTransport, DispatcherNamesUploadRoutesWithoutASocket) {
    // Given the application's dispatcher, when asked about request heads, then only the upload
    // route has the upload limit; JSON routes and other methods on the same path have none.
    auto& dispatcher = server.application().dispatcher();
    http::beast_http::request_header<> header;
    header.method(http::beast_http::verb::post);
    header.target("/api/v1/activities/7/attachments?filename=x.jpg");
    EXPECT_EQ(dispatcher.upload_limit(header), test_upload_limit);
    header.method(http::beast_http::verb::get);
    EXPECT_EQ(dispatcher.upload_limit(header), std::nullopt);
    header.method(http::beast_http::verb::post);
    header.target("/api/v1/auth/login");
    EXPECT_EQ(dispatcher.upload_limit(header), std::nullopt);
    // A fresh upload path is inside <data-dir>/tmp and unused.
    const auto path = dispatcher.new_upload_path();
    EXPECT_EQ(path.parent_path(), temporary_dir());
    EXPECT_FALSE(std::filesystem::exists(path));
}

TEST_F(UploadTransport, DeclaredLengthOverTheLimitIs413) {
    // Given a Content-Length over the upload limit, when sent, then 413 before any byte is kept.
    const std::string body(test_upload_limit + 1, 'x');
    const auto answer =
        HttpClient(server.port())
            .raw_exchange(head("Content-Length: " + std::to_string(body.size()) + "\r\n") + body);
    EXPECT_NE(answer.text.find("HTTP/1.1 413"), std::string::npos) << answer.text.substr(0, 200);
    EXPECT_NE(answer.text.find("payload_too_large"), std::string::npos);
    EXPECT_EQ(temporary_files(), 0U);
}

TEST_F(UploadTransport, StreamedBodyOverTheLimitIs413AndLeavesNoTemporaryFile) {
    // Given a chunked body (no length known in advance) that grows past the limit,
    std::string request = head("Transfer-Encoding: chunked\r\n");
    const std::string chunk(8 * 1024, 'y');
    for (std::size_t sent = 0; sent < test_upload_limit * 2; sent += chunk.size()) {
        request += "2000\r\n" + chunk + "\r\n";
    }
    request += "0\r\n\r\n";
    // when it is streamed, then the answer is 413 and the partial file is gone,
    const auto answer = HttpClient(server.port()).raw_exchange(request);
    EXPECT_NE(answer.text.find("HTTP/1.1 413"), std::string::npos) << answer.text.substr(0, 200);
    EXPECT_EQ(temporary_files(), 0U);
    // and the server still answers the next request.
    HttpClient client(server.port());
    EXPECT_EQ(client.get("/api/v1/auth/me").status, 401);
}

TEST_F(UploadTransport, ExpectContinueIsAnsweredBeforeTheBody) {
    // Given a client that asks for 100 Continue (curl does for large bodies), when it sends an
    // upload within the limit, then it is told to go on, and the final answer follows (401 here:
    // nobody is signed in) with nothing left in tmp/.
    const std::string body(1000, 'z');
    const auto answer = HttpClient(server.port())
                            .raw_exchange(head("Expect: 100-continue\r\nContent-Length: 1000\r\n"
                                               "Connection: close\r\n") +
                                          body);
    EXPECT_TRUE(answer.text.starts_with("HTTP/1.1 100 Continue")) << answer.text.substr(0, 200);
    EXPECT_NE(answer.text.find("HTTP/1.1 401"), std::string::npos) << answer.text.substr(0, 400);
    EXPECT_EQ(temporary_files(), 0U);
}

TEST_F(UploadTransport, JsonRoutesKeepTheirOwnLimit) {
    // Given the upload limit is larger than the JSON limit is irrelevant here: a JSON body over
    // 1 MiB to a JSON route is still 413 even though the head was read under the larger limit.
    app::Config config;
    config.limits.upload_limit = 4 * 1024 * 1024;
    TestServer large{config, false};
    const std::string body = "{\"username\":\"" + std::string(1024 * 1024 + 10, 'a') + "\"}";
    const auto result = HttpClient(large.port()).post("/api/v1/auth/login", body);
    EXPECT_EQ(result.status, 413);
    EXPECT_EQ(result.error_code(), "payload_too_large");
}

}  // namespace
}  // namespace lianjian::testing
