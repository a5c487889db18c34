#pragma once

#include "app/application.hpp"
#include "support/test_database.hpp"

#include <boost/json/value.hpp>

#include <map>
#include <memory>
#include <string>
#include <thread>

namespace lianjian::testing {

inline constexpr const char* demo_password = "Demo-Pass-2026";

// A real server on 127.0.0.1 with a port the OS picks, over a fresh test database with the demo
// data loaded (accounts use `demo_password`, no forced change). Stopped when destroyed.
class TestServer {
  public:
    explicit TestServer(app::Config config = {}, bool load_demo = true);
    ~TestServer();

    unsigned short port() const { return port_; }
    app::Application& application() { return *application_; }
    const TestDatabase& database() const { return database_; }

  private:
    TestDatabase database_{TestDatabase::Contents::migrated};
    std::unique_ptr<app::Application> application_;
    std::thread thread_;
    unsigned short port_ = 0;
};

struct HttpResult {
    int status = 0;
    std::map<std::string, std::string> headers;  // lower-case names
    std::string body;
    boost::json::value json() const;
    std::string error_code() const;  // error.code of the JSON envelope, or ""
};

// Raw bytes answered, and whether the server closed the connection (rather than the wait ending).
struct RawAnswer {
    std::string text;
    bool closed_by_server = false;
};

// A plain HTTP/1.1 client over a socket, with the session cookie kept between calls.
class HttpClient {
  public:
    explicit HttpClient(unsigned short port) : port_(port) {}

    HttpResult get(const std::string& target);
    HttpResult post(const std::string& target, const std::string& body = "{}");
    // Full control: any method, body and extra headers (the CSRF header is not added for you).
    HttpResult request(const std::string& method, const std::string& target,
                       const std::string& body, const std::map<std::string, std::string>& headers);
    // Sends raw bytes and returns the raw answer (for malformed requests).
    std::string raw(const std::string& bytes);
    // Sends raw bytes and reads until the server closes the connection or 5 s pass.
    RawAnswer raw_exchange(const std::string& bytes);

    HttpResult login(const std::string& username, const std::string& password = demo_password);
    const std::string& cookie() const { return cookie_; }
    void set_cookie(std::string cookie) { cookie_ = std::move(cookie); }

  private:
    unsigned short port_;
    std::string cookie_;
};

}  // namespace lianjian::testing
