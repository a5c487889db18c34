// Specification: the web build is served from its directory — index.html (never cached) for the
// root and for every single-page route, hashed assets cached for a year, missing assets 404, and
// never a file outside the directory.
#include "http/static_files.hpp"
#include "support/test_server.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <random>

namespace lianjian::testing {
namespace {

namespace fs = std::filesystem;

const std::string index_html = "<!doctype html><title>联建</title><div id=app></div>";
const std::string app_js = "console.log('app-abc123');";
const std::string secret = "TOP-SECRET-OUTSIDE-THE-ROOT";
// Stand-ins for the build's precompressed siblings: the server sends their bytes as they are.
const std::string app_js_br = "BROTLI-BYTES-OF-app-abc123";
const std::string app_js_gz = "GZIP-BYTES-OF-app-abc123";

void write(const fs::path& path, const std::string& contents) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << contents;
}

// A web build in a temporary directory, with a secret file beside it (outside the root).
struct WebBuild {
    WebBuild() {
        base = fs::temp_directory_path() /
               ("lianjian-static-" + std::to_string(std::random_device{}()));
        root = base / "web";
        write(root / "index.html", index_html);
        write(root / "assets" / "app-abc123.js", app_js);
        write(root / "assets" / "vendor-def456.js", app_js);
        write(root / "assets" / "vendor-def456.js.br", app_js_br);
        write(root / "assets" / "vendor-def456.js.gz", app_js_gz);
        write(root / "assets" / "only-gzip.js", app_js);
        write(root / "assets" / "only-gzip.js.gz", app_js_gz);
        write(base / "secret.txt", secret);
        write(base / "web-secret" / "secret.txt", secret);
    }
    ~WebBuild() {
        std::error_code ignored;
        fs::remove_all(base, ignored);
    }
    fs::path base;
    fs::path root;
};

app::Config with_static(const fs::path& root) {
    app::Config config;
    config.static_dir = root;
    return config;
}

// One web build and one server for the suite: the tests only read.
class StaticFilesServed : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        shared_build = std::make_unique<WebBuild>();
        shared = std::make_unique<TestServer>(with_static(shared_build->root));
    }
    static void TearDownTestSuite() {
        shared.reset();
        shared_build.reset();
    }

    static inline std::unique_ptr<WebBuild> shared_build;
    static inline std::unique_ptr<TestServer> shared;
    WebBuild& build = *shared_build;
    TestServer& server = *shared;
    HttpClient client{server.port()};

    void expect_not_leaked(const std::string& target) {
        const auto result = client.get(target);
        EXPECT_EQ(result.body.find(secret), std::string::npos) << target;
        EXPECT_EQ(result.body.find("root:"), std::string::npos) << target;
        // Either refused, or the application shell — nothing else.
        if (result.status == 200) {
            EXPECT_EQ(result.body, index_html) << target;
        } else {
            EXPECT_TRUE(result.status == 400 || result.status == 404)
                << target << " → " << result.status;
        }
    }
};

TEST_F(StaticFilesServed, RootIsIndexHtmlNeverCached) {
    const auto result = client.get("/");
    EXPECT_EQ(result.status, 200);
    EXPECT_EQ(result.body, index_html);
    EXPECT_EQ(result.headers.at("cache-control"), "no-cache");
    EXPECT_NE(result.headers.at("content-type").find("text/html"), std::string::npos);
    // Security headers on pages too.
    EXPECT_NE(result.headers.at("content-security-policy").find("default-src 'self'"),
              std::string::npos);
    EXPECT_EQ(result.headers.at("x-frame-options"), "DENY");
}

TEST_F(StaticFilesServed, HashedAssetIsCachedForAYear) {
    const auto result = client.get("/assets/app-abc123.js");
    EXPECT_EQ(result.status, 200);
    EXPECT_EQ(result.body, app_js);
    const auto& cache = result.headers.at("cache-control");
    EXPECT_NE(cache.find("max-age=31536000"), std::string::npos) << cache;
    EXPECT_NE(cache.find("immutable"), std::string::npos) << cache;
    EXPECT_NE(result.headers.at("content-type").find("javascript"), std::string::npos);
}

TEST_F(StaticFilesServed, SinglePageRouteIsIndexHtml) {
    for (const char* route : {"/some/spa/route", "/alliances/3", "/login?next=%2Funits"}) {
        const auto result = client.get(route);
        EXPECT_EQ(result.status, 200) << route;
        EXPECT_EQ(result.body, index_html) << route;
        EXPECT_EQ(result.headers.at("cache-control"), "no-cache") << route;
    }
}

TEST_F(StaticFilesServed, MissingAssetIs404) {
    const auto result = client.get("/assets/missing.js");
    EXPECT_EQ(result.status, 404);
    EXPECT_NE(result.body, index_html);
}

TEST_F(StaticFilesServed, UnknownApiPathIsNotTheShell) {
    const auto result = client.get("/api/v1/nothing-here");
    EXPECT_EQ(result.status, 404);
    EXPECT_NE(result.body, index_html);
}

TEST_F(StaticFilesServed, PostToAPageIsRefused) {
    const auto result = client.post("/some/spa/route");
    EXPECT_EQ(result.status, 404);
}

TEST_F(StaticFilesServed, ParentStepsNeverLeaveTheRoot) {
    for (const char* target :
         {"/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/../secret.txt", "/%2e%2e/secret.txt",
          "/assets/../../secret.txt", "/assets/%2e%2e/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt",
          "/..%2fsecret.txt", "/..%5csecret.txt", "/../web-secret/secret.txt", "//etc/passwd",
          "/%2fetc%2fpasswd"}) {
        expect_not_leaked(target);
    }
}

TEST_F(StaticFilesServed, SymlinkOutOfTheRootIsNotFollowed) {
    std::error_code error;
    fs::remove(build.root / "leak.txt", error);
    fs::remove(build.root / "assets" / "linked", error);
    error.clear();
    fs::create_symlink(build.base / "secret.txt", build.root / "leak.txt", error);
    fs::create_directory_symlink(build.base / "web-secret", build.root / "assets" / "linked",
                                 error);
    ASSERT_FALSE(error) << error.message();
    expect_not_leaked("/leak.txt");
    expect_not_leaked("/assets/linked/secret.txt");
}

TEST(StaticFilesUnit, ServeRefusesParentStepsDirectly) {
    WebBuild build;
    const http::StaticFiles files(build.root);
    for (const char* path :
         {"/../secret.txt", "/assets/../../secret.txt", "/..", "/a/../../secret.txt"}) {
        const auto response = files.serve(path, false);
        EXPECT_EQ(response.body().find(secret), std::string::npos) << path;
    }
    const auto asset = files.serve("/assets/app-abc123.js", false);
    EXPECT_EQ(asset.body(), app_js);
    const auto head = files.serve("/assets/app-abc123.js", true);
    EXPECT_TRUE(head.body().empty());
    EXPECT_EQ(head[http::beast_http::field::content_length], std::to_string(app_js.size()));
}

TEST_F(StaticFilesServed, BrotliIsServedWhenAccepted) {
    // Given an asset built with .br and .gz siblings, when a browser accepts both,
    const auto result = client.request("GET", "/assets/vendor-def456.js", "",
                                       {{"Accept-Encoding", "gzip, deflate, br, zstd"}});
    // then the brotli bytes come back, labelled, with the type of the original file,
    ASSERT_EQ(result.status, 200);
    EXPECT_EQ(result.body, app_js_br);
    EXPECT_EQ(result.headers.at("content-encoding"), "br");
    EXPECT_NE(result.headers.at("content-type").find("javascript"), std::string::npos);
    // and caches are told that the answer depends on Accept-Encoding.
    EXPECT_EQ(result.headers.at("vary"), "Accept-Encoding");
    EXPECT_NE(result.headers.at("cache-control").find("immutable"), std::string::npos);
}

TEST_F(StaticFilesServed, GzipIsServedWhenBrotliIsNotAccepted) {
    const auto result =
        client.request("GET", "/assets/vendor-def456.js", "", {{"Accept-Encoding", "gzip"}});
    ASSERT_EQ(result.status, 200);
    EXPECT_EQ(result.body, app_js_gz);
    EXPECT_EQ(result.headers.at("content-encoding"), "gzip");
    EXPECT_EQ(result.headers.at("vary"), "Accept-Encoding");
    // A refused coding (q=0) is never chosen; the one left is.
    const auto refused = client.request("GET", "/assets/vendor-def456.js", "",
                                        {{"Accept-Encoding", "br;q=0, gzip;q=0.5"}});
    EXPECT_EQ(refused.body, app_js_gz);
    EXPECT_EQ(refused.headers.at("content-encoding"), "gzip");
    // Only a .gz sibling: a client accepting brotli and gzip gets gzip.
    const auto only_gzip =
        client.request("GET", "/assets/only-gzip.js", "", {{"Accept-Encoding", "br, gzip"}});
    EXPECT_EQ(only_gzip.body, app_js_gz);
    EXPECT_EQ(only_gzip.headers.at("content-encoding"), "gzip");
}

TEST_F(StaticFilesServed, PlainBytesWithoutAcceptEncodingOrWhenEverythingIsRefused) {
    for (const std::map<std::string, std::string>& headers :
         std::vector<std::map<std::string, std::string>>{
             {}, {{"Accept-Encoding", "identity"}}, {{"Accept-Encoding", "br;q=0, gzip;q=0"}}}) {
        const auto result = client.request("GET", "/assets/vendor-def456.js", "", headers);
        ASSERT_EQ(result.status, 200);
        EXPECT_EQ(result.body, app_js);
        EXPECT_EQ(result.headers.count("content-encoding"), 0u);
        // Still varies: another client would get another answer.
        EXPECT_EQ(result.headers.at("vary"), "Accept-Encoding");
    }
    // A file without siblings neither varies nor is encoded.
    const auto plain =
        client.request("GET", "/assets/app-abc123.js", "", {{"Accept-Encoding", "gzip, br"}});
    EXPECT_EQ(plain.body, app_js);
    EXPECT_EQ(plain.headers.count("content-encoding"), 0u);
    EXPECT_EQ(plain.headers.count("vary"), 0u);
}

TEST(StaticFilesUnit, HeadOfACompressedAssetGivesTheCompressedLength) {
    WebBuild build;
    const http::StaticFiles files(build.root);
    const auto head = files.serve("/assets/vendor-def456.js", true, "br");
    EXPECT_TRUE(head.body().empty());
    EXPECT_EQ(head[http::beast_http::field::content_encoding], "br");
    EXPECT_EQ(head[http::beast_http::field::content_length], std::to_string(app_js_br.size()));
}

TEST(StaticFilesUnit, CompressedSiblingThatIsALinkIsIgnored) {
    // Given a .gz sibling that is a symbolic link to a file outside the root,
    WebBuild build;
    std::error_code error;
    fs::create_symlink(build.base / "secret.txt", build.root / "assets" / "app-abc123.js.gz",
                       error);
    ASSERT_FALSE(error) << error.message();
    const http::StaticFiles files(build.root);
    // then the plain asset is served, never the link's target.
    const auto response = files.serve("/assets/app-abc123.js", false, "gzip");
    EXPECT_EQ(response.body(), app_js);
    EXPECT_EQ(response[http::beast_http::field::content_encoding], "");
}

TEST(StaticFilesAbsent, WithoutAStaticDirectoryPagesAre404) {
    TestServer server;
    HttpClient client{server.port()};
    EXPECT_EQ(client.get("/").status, 404);
    EXPECT_EQ(client.get("/api/v1/health").status, 200);
}

}  // namespace
}  // namespace lianjian::testing
