#pragma once

#include "app/application.hpp"

#include <filesystem>
#include <memory>
#include <string>

namespace lianjian::fuzz {

// One application for the whole fuzzing run: a SQLite database in a temporary folder with the
// demo data loaded, and a signed-in committee administrator. Built on first use, removed at exit.
struct Fixture {
    Fixture();
    ~Fixture();
    std::filesystem::path directory;
    std::unique_ptr<app::Application> application;
    std::string admin_cookie;  // "lianjian_session=…"
};
Fixture& fixture();

// A request as the web app sends it: JSON body, CSRF header, no session.
http::Request json_request(http::beast_http::verb method, const std::string& target,
                           std::string body);

}  // namespace lianjian::fuzz
