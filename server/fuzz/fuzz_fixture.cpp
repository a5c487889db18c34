#include "fuzz_fixture.hpp"

#include "demo/demo_data.hpp"

#include <spdlog/spdlog.h>

#include <unistd.h>
#include <stdexcept>

namespace lianjian::fuzz {

namespace {

constexpr const char* password = "Fuzz-Pass-2026";

}  // namespace

Fixture::Fixture()
    : directory(std::filesystem::temp_directory_path() /
                ("lianjian-fuzz-" + std::to_string(getpid()))) {
    std::filesystem::remove_all(directory);
    std::filesystem::create_directories(directory);
    spdlog::set_level(spdlog::level::off);  // answers of 500 would flood the output
    app::Config config;
    config.data_dir = directory;
    config.limits.threads = 1;
    config.database_pool = 2;
    config.account_policy.hash_cost = accounts::HashCost::minimum;
    application = std::make_unique<app::Application>(config);
    demo::load_demo(application->services(), std::string(password));
    const auto login =
        json_request(http::beast_http::verb::post, "/api/v1/auth/login",
                     std::string(R"({"username":"admin","password":")") + password + "\"}");
    const auto answer = application->dispatcher().handle(login, "127.0.0.1");
    const std::string cookie(answer[http::beast_http::field::set_cookie]);
    if (answer.result_int() != 200 || cookie.empty()) {
        throw std::runtime_error("fuzz fixture: the demo administrator cannot sign in");
    }
    admin_cookie = cookie.substr(0, cookie.find(';'));
}

Fixture::~Fixture() {
    application.reset();
    std::error_code ignored;
    std::filesystem::remove_all(directory, ignored);
}

Fixture& fixture() {
    static Fixture built;
    return built;
}

http::Request json_request(http::beast_http::verb method, const std::string& target,
                           std::string body) {
    http::Request request{method, target, 11};
    request.set(http::beast_http::field::host, "127.0.0.1");
    request.set("X-Requested-With", "XMLHttpRequest");
    request.set(http::beast_http::field::content_type, "application/json");
    request.body() = std::move(body);
    request.prepare_payload();
    return request;
}

}  // namespace lianjian::fuzz
